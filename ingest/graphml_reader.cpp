#include "ingest/graphml_reader.hpp"

#include "graph/kinds.hpp"
#include "util/text.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>

#include <algorithm>
#include <array>
#include <sstream>

namespace medkg::ingest {

namespace {

constexpr std::size_t k_attr_count = graph::k_attr_keys.size();

struct GNode {
    std::string label;
    std::string kind;
    std::string status;
    std::array<std::string, k_attr_count> attrs;
};
struct GEdge {
    std::string kind;
    double confidence = 1.0;
    bool guessed = false; ///< medkg's own key: only a name or a link suggested the edge
};
using GGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, GNode, GEdge>;
using GVertex = GGraph::vertex_descriptor;

// A writable property map over one attribute column, for dynamic_properties.
struct AttrColumn {
    using key_type = GVertex;
    using value_type = std::string;
    using reference = std::string;
    using category = boost::read_write_property_map_tag;
    GGraph* graph;
    std::size_t index;
};
[[maybe_unused]] std::string get(const AttrColumn& m, GVertex v) {
    return (*m.graph)[v].attrs[m.index];
}
[[maybe_unused]] void put(const AttrColumn& m, GVertex v, const std::string& value) {
    (*m.graph)[v].attrs[m.index] = value;
}

std::vector<std::string> split_values(const std::string& joined) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto pos = joined.find(k_graphml_value_separator, start);
        const auto piece = util::trim(std::string_view(joined).substr(
            start, pos == std::string::npos ? std::string::npos : pos - start));
        if (!piece.empty()) {
            out.emplace_back(piece);
        }
        if (pos == std::string::npos) {
            return out;
        }
        start = pos + k_graphml_value_separator.size();
    }
}

} // namespace

FactBatch read_graphml_facts(std::string_view text, std::string source) {
    FactBatch batch;
    batch.source = std::move(source);
    if (!util::is_valid_utf8(text)) {
        const auto bad = util::first_invalid_utf8(text).value_or(0);
        const auto lc = util::line_column(text, bad);
        batch.diagnostics.error(batch.at(static_cast<std::uint32_t>(lc.line),
                                         static_cast<std::uint32_t>(lc.column)),
                                "invalid UTF-8");
        return batch;
    }
    GGraph g;
    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.property("label", boost::get(&GNode::label, g));
    dp.property("kind", boost::get(&GNode::kind, g));
    dp.property("status", boost::get(&GNode::status, g));
    dp.property("kind", boost::get(&GEdge::kind, g));
    dp.property("confidence", boost::get(&GEdge::confidence, g));
    dp.property("guessed", boost::get(&GEdge::guessed, g));
    for (std::size_t i = 0; i < k_attr_count; ++i) {
        dp.property(std::string(graph::to_string(graph::k_attr_keys[i])), AttrColumn{&g, i});
    }
    std::istringstream in{std::string(text)};
    try {
        boost::read_graphml(in, g, dp);
    } catch (const std::exception& e) {
        batch.diagnostics.error(batch.at(0), std::string("malformed GraphML: ") + e.what());
        return batch;
    }
    std::vector<std::optional<std::uint32_t>> index(boost::num_vertices(g));
    for (GVertex v = 0; v < boost::num_vertices(g); ++v) {
        ++batch.records_seen;
        const GNode& n = g[v];
        const std::string where = "node " + std::to_string(v);
        const auto kind = graph::parse_node_kind(n.kind);
        if (!kind) {
            batch.diagnostics.error(batch.at(0), where + ": unknown kind \"" + n.kind +
                                                     "\" (expected one of: " +
                                                     graph::allowed_node_kinds() + ")");
            ++batch.records_skipped;
            continue;
        }
        if (util::trim(n.label).empty()) {
            batch.diagnostics.error(batch.at(0), where + ": node has no label");
            ++batch.records_skipped;
            continue;
        }
        Origin o;
        o.path = where;
        index[v] = static_cast<std::uint32_t>(batch.nodes.size());
        batch.nodes.push_back(NodeFact{*kind, n.label, o});
        for (std::size_t i = 0; i < k_attr_count; ++i) {
            for (auto& value : split_values(n.attrs[i])) {
                if (graph::k_attr_keys[i] == graph::AttrKey::alias) {
                    batch.aliases.push_back(AliasFact{*index[v], value, o});
                } else {
                    batch.attributes.push_back(
                        AttrFact{*index[v], graph::k_attr_keys[i], value, o});
                }
            }
        }
    }
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
        ++batch.records_seen;
        const auto from = index[boost::source(*it, g)];
        const auto to = index[boost::target(*it, g)];
        const auto kind = graph::parse_edge_kind(g[*it].kind);
        if (!kind || !from || !to) {
            batch.diagnostics.error(
                batch.at(0), kind ? std::string("edge between skipped nodes")
                                  : "unknown edge kind \"" + g[*it].kind +
                                        "\" (expected one of: " + graph::allowed_edge_kinds() +
                                        ")");
            ++batch.records_skipped;
            continue;
        }
        EdgeFact e;
        e.subject = *from;
        e.kind = *kind;
        e.target = batch.nodes[*to].name;
        e.target_index = *to;
        if (g[*it].guessed) {
            // A guess stays one: read from a name, at the confidence it was guessed with.
            e.origin.method = graph::Method::name;
            const auto c = static_cast<float>(g[*it].confidence);
            e.origin.confidence = c < graph::k_name_grammar_confidence ? c : 0.5F;
        }
        batch.edges.push_back(std::move(e));
    }
    return batch;
}

} // namespace medkg::ingest
