// boost_writers: Boost's own GraphML and DOT writers on the Hub graph, the peer for
// "medkg's writer at least 2x faster than boost::write_graphml / write_graphviz_dp".
//
//   boost_writers DUMP.jsonl OUT_PREFIX [--models-only]
//
// Loads the dump (RapidJSON, one line at a time) into a boost::adjacency_list with bundled string
// properties and the same nodes and edges medkg's Hub reader makes (ingest/hub.cpp):
//   model "hf:ID" (every id and every base it names, dangling ones included),
//   institution (author, developed_by), task (pipeline_tag, addresses),
//   dataset (dataset: tags and cardData.datasets, trained_on), paper (arxiv: tags, described_in),
//   and the base edges: tags base_model:<relation>:<id> (finetune, adapter, quantized, merge),
//   else base_model:<id> tags, else cardData.base_model (+ base_model_relation; a list is a merge).
// --models-only keeps just the models and base edges.
// Vertices carry `label` and `kind`; edges carry `kind`. It then times, separately,
//   boost::write_graphml(out, g, dp, true)        -> OUT_PREFIX.graphml
//   boost::write_graphviz_dp(out, g, dp, "id")    -> OUT_PREFIX.dot
// and prints one line:  nodes=N edges=E load_seconds=L graphml_seconds=G graphml_bytes=..
// dot_seconds=D dot_bytes=..   (the load is reported but is not part of the writer times).
//
//   boost_writers --snapshot SNAPSHOT OUT_PREFIX
//
// Builds the Boost graph from a medkg snapshot instead, carrying every data element medkg's own
// GraphML writer writes, with the same values: node id (medkg's slug), label, kind, status, one
// a_<name> per attribute name present in the graph (distinct values joined by " | "), sources;
// edge kind, label, confidence, sources. The two writers then write the same graph with the
// same data (Boost also writes an empty element where a node lacks an attribute), so their
// times compare like for like; both file sizes are printed.

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <rapidjson/document.h>

#include "export/ids.hpp"
#include "graph/frozen_graph.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

struct VertexProps {
    std::string id;    // DOT node id (medkg-like slug: kind prefix + name)
    std::string label; // the name
    std::string kind;  // model, institution, task, dataset, paper
};

struct EdgeProps {
    std::string kind; // fine_tuned_from, adapter_of, quantized_from, merged_from, developed_by, ...
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VertexProps, EdgeProps>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

class Loader {
public:
    explicit Loader(bool models_only) : m_models_only(models_only) {}

    Graph& graph() { return m_g; }

    Vertex node(std::string_view kind, std::string_view name) {
        std::string key;
        key.reserve(kind.size() + 1 + name.size());
        key.append(kind).append(":").append(name);
        auto [it, fresh] = m_index.try_emplace(std::move(key), 0);
        if (fresh) {
            it->second = boost::add_vertex(VertexProps{it->first, std::string(name), std::string(kind)}, m_g);
        }
        return it->second;
    }

    void edge(Vertex from, Vertex to, std::string_view kind) {
        boost::add_edge(from, to, EdgeProps{std::string(kind)}, m_g);
    }

    void record(const rapidjson::Value& m) {
        const std::string_view id = str(m, "id");
        if (id.empty()) {
            return;
        }
        const Vertex self = node("model", id);
        const rapidjson::Value* card = nullptr;
        if (auto it = m.FindMember("cardData"); it != m.MemberEnd() && it->value.IsObject()) {
            card = &it->value;
        }
        // Base models, as ingest/hub.cpp reads them.
        std::vector<std::pair<std::string_view, std::string_view>> bases; // (id, edge kind)
        const auto add_base = [&](std::string_view b, std::string_view kind, bool explicit_kind) {
            if (b.empty() || b == id) {
                return;
            }
            for (auto& [bid, bkind] : bases) {
                if (bid == b) {
                    if (explicit_kind) {
                        bkind = kind;
                    }
                    return;
                }
            }
            bases.emplace_back(b, kind);
        };
        std::vector<std::string_view> datasets;
        const auto add_dataset = [&](std::string_view d) {
            for (auto x : datasets) {
                if (x == d) {
                    return;
                }
            }
            datasets.push_back(d);
        };
        if (auto it = m.FindMember("tags"); it != m.MemberEnd() && it->value.IsArray()) {
            for (const auto& t : it->value.GetArray()) {
                if (!t.IsString()) {
                    continue;
                }
                const std::string_view tag(t.GetString(), t.GetStringLength());
                if (tag.starts_with("base_model:")) {
                    const std::string_view rest = tag.substr(11);
                    const auto colon = rest.find(':');
                    if (colon != std::string_view::npos) {
                        if (auto k = relation(rest.substr(0, colon)); !k.empty()) {
                            add_base(rest.substr(colon + 1), k, true);
                            continue;
                        }
                    }
                    add_base(rest, "fine_tuned_from", false);
                } else if (!m_models_only && tag.starts_with("arxiv:")) {
                    edge(self, node("paper", std::string("arXiv:").append(tag.substr(6))), "described_in");
                } else if (!m_models_only && tag.starts_with("dataset:")) {
                    add_dataset(tag.substr(8));
                }
            }
        }
        if (card != nullptr) {
            std::vector<std::string_view> card_bases;
            if (auto it = card->FindMember("base_model"); it != card->MemberEnd()) {
                if (it->value.IsString()) {
                    card_bases.emplace_back(it->value.GetString(), it->value.GetStringLength());
                } else if (it->value.IsArray()) {
                    for (const auto& b : it->value.GetArray()) {
                        if (b.IsString()) {
                            card_bases.emplace_back(b.GetString(), b.GetStringLength());
                        }
                    }
                }
            }
            const std::string_view card_kind = relation(str(*card, "base_model_relation"));
            for (auto b : card_bases) {
                const std::string_view k = !card_kind.empty()       ? card_kind
                                           : card_bases.size() > 1 ? "merged_from"
                                                                   : "fine_tuned_from";
                add_base(b, k, !card_kind.empty() || card_bases.size() > 1);
            }
            if (!m_models_only) {
                if (auto it = card->FindMember("datasets"); it != card->MemberEnd() && it->value.IsArray()) {
                    for (const auto& d : it->value.GetArray()) {
                        if (d.IsString()) {
                            add_dataset({d.GetString(), d.GetStringLength()});
                        }
                    }
                }
            }
        }
        for (const auto& [b, k] : bases) {
            edge(self, node("model", b), k);
        }
        if (m_models_only) {
            return;
        }
        if (auto a = str(m, "author"); !a.empty()) {
            edge(self, node("institution", a), "developed_by");
        }
        if (auto t = str(m, "pipeline_tag"); !t.empty()) {
            edge(self, node("task", t), "addresses");
        }
        for (auto d : datasets) {
            edge(self, node("dataset", d), "trained_on");
        }
    }

private:
    static std::string_view str(const rapidjson::Value& o, const char* key) {
        auto it = o.FindMember(key);
        if (it == o.MemberEnd() || !it->value.IsString()) {
            return {};
        }
        return {it->value.GetString(), it->value.GetStringLength()};
    }

    static std::string_view relation(std::string_view w) {
        if (w == "finetune" || w == "fine-tune" || w == "finetuned") {
            return "fine_tuned_from";
        }
        if (w == "adapter") {
            return "adapter_of";
        }
        if (w == "quantized" || w == "quantization") {
            return "quantized_from";
        }
        if (w == "merge" || w == "merged") {
            return "merged_from";
        }
        return {};
    }

    Graph m_g;
    std::unordered_map<std::string, Vertex> m_index;
    bool m_models_only;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The graph of a medkg snapshot with the data medkg's GraphML writer writes (see the top).
struct RichVertex {
    std::string id, label, kind, status, sources;
    std::array<std::string, medkg::graph::k_attr_keys.size()> attrs;
};
struct RichEdge {
    std::string kind, label, confidence, sources;
};
using RichGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, RichVertex, RichEdge>;

std::string joined_sources(const medkg::graph::FrozenGraph& g,
                           std::span<const medkg::graph::ProvId> provs) {
    std::vector<std::string> seen;
    for (auto p : provs) {
        std::string b = g.brief(p);
        if (std::find(seen.begin(), seen.end(), b) == seen.end()) {
            seen.push_back(std::move(b));
        }
    }
    std::string out;
    for (std::size_t i = 0; i < seen.size(); ++i) {
        out += (i > 0 ? " | " : "") + seen[i];
    }
    return out;
}

RichGraph load_snapshot(const std::string& path, std::array<bool, medkg::graph::k_attr_keys.size()>& used) {
    namespace mg = medkg::graph;
    const auto g = mg::FrozenGraph::open(path);
    g.verify_all();
    const medkg::exporter::Slugs slugs(g);
    RichGraph rg(g.node_count());
    for (mg::NodeId n = 0; n < g.node_count(); ++n) {
        RichVertex& v = rg[n];
        v.id = slugs(n);
        v.label = std::string(g.label(n));
        v.kind = std::string(mg::to_string(g.kind(n)));
        v.status = g.is_placeholder(n) ? "placeholder" : "declared";
        for (const auto& a : g.attributes(n)) {
            const auto k = static_cast<std::size_t>(
                std::find(mg::k_attr_keys.begin(), mg::k_attr_keys.end(), a.key) - mg::k_attr_keys.begin());
            if (k >= mg::k_attr_keys.size()) {
                continue;
            }
            used[k] = true;
            std::string& value = v.attrs[k];
            const std::string one(a.value);
            // distinct values, in order, joined as medkg joins them
            bool repeat = false;
            std::size_t at = 0;
            while (!value.empty() && at <= value.size()) {
                const std::size_t end = std::min(value.find(" | ", at), value.size());
                repeat = repeat || value.compare(at, end - at, one) == 0;
                at = end + 3;
            }
            if (!repeat) {
                value += (value.empty() ? "" : " | ") + one;
            }
        }
        v.sources = joined_sources(g, g.node_provenance(n));
    }
    for (mg::EdgeId e = 0; e < g.edge_count(); ++e) {
        RichEdge r;
        r.kind = std::string(mg::to_string(g.edge_kind(e)));
        r.label = r.kind;
        float confidence = 0.0F;
        for (auto p : g.edge_provenance(e)) {
            confidence = std::max(confidence, g.provenance(p).confidence);
        }
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(confidence));
        r.confidence = buf;
        r.sources = joined_sources(g, g.edge_provenance(e));
        boost::add_edge(g.source_of(e), g.target_of(e), r, rg);
    }
    return rg;
}

template <typename G>
int write_both(G& g, boost::dynamic_properties& dp, const std::string& prefix, double load_s) {
    std::vector<char> obuf(std::size_t{1} << 20);
    const std::string graphml_path = prefix + ".graphml";
    const std::string dot_path = prefix + ".dot";
    const auto t_graphml = std::chrono::steady_clock::now();
    {
        std::ofstream out;
        out.rdbuf()->pubsetbuf(obuf.data(), static_cast<std::streamsize>(obuf.size()));
        out.open(graphml_path, std::ios::binary);
        boost::write_graphml(out, g, dp, true);
        out.close();
        if (!out) {
            std::perror(graphml_path.c_str());
            return 1;
        }
    }
    const double graphml_s = seconds_since(t_graphml);
    const auto t_dot = std::chrono::steady_clock::now();
    {
        std::ofstream out;
        out.rdbuf()->pubsetbuf(obuf.data(), static_cast<std::streamsize>(obuf.size()));
        out.open(dot_path, std::ios::binary);
        boost::write_graphviz_dp(out, g, dp, "id");
        out.close();
        if (!out) {
            std::perror(dot_path.c_str());
            return 1;
        }
    }
    const double dot_s = seconds_since(t_dot);
    std::printf("nodes=%zu edges=%zu load_seconds=%.3f graphml_seconds=%.3f graphml_bytes=%ju "
                "dot_seconds=%.3f dot_bytes=%ju\n",
                boost::num_vertices(g), boost::num_edges(g), load_s, graphml_s,
                static_cast<std::uintmax_t>(std::filesystem::file_size(graphml_path)), dot_s,
                static_cast<std::uintmax_t>(std::filesystem::file_size(dot_path)));
    return 0;
}

int snapshot_main(const std::string& snapshot, const std::string& prefix) {
    const auto t_load = std::chrono::steady_clock::now();
    std::array<bool, medkg::graph::k_attr_keys.size()> used{};
    RichGraph g;
    try {
        g = load_snapshot(snapshot, used);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "boost_writers: %s\n", e.what());
        return 1;
    }
    const double load_s = seconds_since(t_load);
    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.property("id", boost::get(&RichVertex::id, g));
    dp.property("label", boost::get(&RichVertex::label, g));
    dp.property("kind", boost::get(&RichVertex::kind, g));
    dp.property("status", boost::get(&RichVertex::status, g));
    // One vector per attribute name, indexed by vertex (bundled arrays have no property map).
    std::vector<std::vector<std::string>> attrs(medkg::graph::k_attr_keys.size());
    for (std::size_t k = 0; k < attrs.size(); ++k) {
        if (!used[k]) {
            continue;
        }
        attrs[k].resize(boost::num_vertices(g));
        for (std::size_t v = 0; v < attrs[k].size(); ++v) {
            attrs[k][v] = g[v].attrs[k];
        }
        dp.property("a_" + std::string(medkg::graph::to_string(medkg::graph::k_attr_keys[k])),
                    boost::make_iterator_property_map(attrs[k].begin(),
                                                      boost::get(boost::vertex_index, g)));
    }
    dp.property("sources", boost::get(&RichVertex::sources, g));
    dp.property("e_kind", boost::get(&RichEdge::kind, g));
    dp.property("e_label", boost::get(&RichEdge::label, g));
    dp.property("e_confidence", boost::get(&RichEdge::confidence, g));
    dp.property("e_sources", boost::get(&RichEdge::sources, g));
    return write_both(g, dp, prefix, load_s);
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args;
    bool models_only = false;
    std::string snapshot;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--snapshot" && i + 1 < argc) {
            snapshot = argv[++i];
        } else if (a == "--models-only") {
            models_only = true;
        } else {
            args.emplace_back(a);
        }
    }
    if (!snapshot.empty() && args.size() == 1) {
        return snapshot_main(snapshot, args[0]);
    }
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: boost_writers DUMP.jsonl OUT_PREFIX [--models-only]\n"
                             "       boost_writers --snapshot SNAPSHOT OUT_PREFIX\n");
        return 2;
    }
    const auto t_load = std::chrono::steady_clock::now();
    Loader loader(models_only);
    {
        std::ifstream in(args[0], std::ios::binary);
        if (!in) {
            std::perror(args[0].c_str());
            return 1;
        }
        std::string line;
        std::size_t bad = 0;
        while (std::getline(in, line)) {
            if (line.empty()) {
                continue;
            }
            rapidjson::Document doc; // fresh per line: RapidJSON's pool only grows otherwise
            doc.Parse(line.data(), line.size());
            if (doc.HasParseError() || !doc.IsObject()) {
                ++bad;
                continue;
            }
            loader.record(doc);
        }
        if (bad > 0) {
            std::fprintf(stderr, "boost_writers: %zu unreadable lines\n", bad);
        }
    }
    const double load_s = seconds_since(t_load);
    Graph& g = loader.graph();

    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.property("id", boost::get(&VertexProps::id, g));
    dp.property("label", boost::get(&VertexProps::label, g));
    dp.property("kind", boost::get(&VertexProps::kind, g));
    dp.property("kind", boost::get(&EdgeProps::kind, g));
    return write_both(g, dp, args[1], load_s);
}
