#include "export/graphml.hpp"

#include "export/blocks.hpp"
#include "export/buffer.hpp"
#include "export/ids.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <ostream>
#include <sstream>

namespace medkg::exporter {

namespace {
// Bytes that XML text and attribute values cannot hold as they are.
constexpr std::array<bool, 256> k_xml_special = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) {
        t[static_cast<std::size_t>(c)] = c != '\t' && c != '\n' && c != '\r';
    }
    for (const char c : {'&', '<', '>', '"', '\''}) {
        t[static_cast<unsigned char>(c)] = true;
    }
    return t;
}();
} // namespace

void OutBuffer::xml(std::string_view text) {
    // Most values have nothing to escape. Tabs, newlines and carriage returns pass the word test
    // as "may need" (they are below a space) and are let through byte by byte.
    append_escaped(
        text,
        [](std::uint64_t w) {
            return (word_has_below(w, 0x20) | word_has(w, '&') | word_has(w, '<') |
                    word_has(w, '>') | word_has(w, '"') | word_has(w, '\'')) != 0;
        },
        [](unsigned char c) { return k_xml_special[c]; },
        [this](unsigned char c) {
            switch (c) {
            case '&': append("&amp;", 5); break;
            case '<': append("&lt;", 4); break;
            case '>': append("&gt;", 4); break;
            case '"': append("&quot;", 6); break;
            case '\'': append("&apos;", 6); break;
            default: append("\xEF\xBF\xBD", 3); // XML 1.0 forbids C0 controls
            }
        });
}

std::string xml_escape(std::string_view text) {
    std::ostringstream out;
    {
        OutBuffer buf(out);
        buf.xml(text);
    }
    return out.str();
}

namespace {

// What a block's citations reuse from call to call: the strings of a provenance list (their
// memory), and the escaped text of the last source named, since a Hub dump's millions of
// facts name one source (escaping it again for every one was a tenth of the writer).
struct SourcesScratch {
    std::vector<std::string> seen;
    std::optional<graph::StrId> source;
    std::string escaped_source;
};

// Distinct citations of a node or edge, in first-seen order, joined by " | ".
template <typename Graph>
void joined_sources(OutBuffer& out, const Graph& g, std::span<const graph::ProvId> provs,
                    SourcesScratch& scratch) {
    if (provs.size() == 1) {
        // The common case (every Hub fact): no list to deduplicate, no string to build.
        const graph::Provenance p = g.provenance(provs.front());
        if (p.cites != 0) {
            out.xml(g.str(p.cites));
        } else {
            if (scratch.source != p.source) {
                scratch.source = p.source;
                scratch.escaped_source = xml_escape(g.str(p.source));
            }
            out << std::string_view(scratch.escaped_source);
            if (p.line > 0) {
                out << ':' << static_cast<std::size_t>(p.line);
            } else if (p.path != 0) {
                out << ' ';
                out.xml(g.str(p.path));
            }
        }
        return;
    }
    // `seen` keeps its strings from call to call, so that their memory is reused: only the
    // first `count` are this call's.
    auto& seen = scratch.seen;
    std::size_t count = 0;
    for (auto p : provs) {
        if (count == seen.size()) {
            seen.emplace_back();
        }
        graph::brief_into(seen[count], g.provenance(p), [&g](graph::StrId s) { return g.str(s); });
        const auto end = seen.begin() + static_cast<std::ptrdiff_t>(count);
        if (std::find(seen.begin(), end, seen[count]) == end) {
            ++count;
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) {
            out << std::string_view(" | ");
        }
        out.xml(seen[i]);
    }
}

void open_data(OutBuffer& out, std::string_view key) {
    out << std::string_view("      <data key=\"") << key << std::string_view("\">");
}

void data(OutBuffer& out, std::string_view key, std::string_view value) {
    open_data(out, key);
    out.xml(value);
    out << std::string_view("</data>\n");
}

// A data element whose value is one of our own names (a kind, a status), which XML can hold as
// it is: no escaping pass.
void data_name(OutBuffer& out, std::string_view key, std::string_view name) {
    open_data(out, key);
    out << name << std::string_view("</data>\n");
}

} // namespace

void write_graphml(std::ostream& stream, const graph::FrozenGraph& graph_ref,
                   const std::vector<bool>* nodes, const Parallelism& parallelism) {
    const Slugs slugs(graph_ref, parallelism.threads);
    const auto included = [&](graph::NodeId n) { return nodes == nullptr || (*nodes)[n]; };
    OutBuffer out(stream);
    out << std::string_view(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    const auto key = [&](std::string_view id, std::string_view domain, std::string_view name,
                         std::string_view type) {
        out << std::string_view("  <key id=\"") << id << std::string_view("\" for=\"") << domain
            << std::string_view("\" attr.name=\"") << name << std::string_view("\" attr.type=\"")
            << type << std::string_view("\"/>\n");
    };
    key("label", "node", "label", "string");
    key("kind", "node", "kind", "string");
    key("status", "node", "status", "string");
    for (auto k : graph::k_attr_keys) {
        key("a_" + std::string(graph::to_string(k)), "node", graph::to_string(k), "string");
    }
    key("sources", "node", "sources", "string");
    key("e_kind", "edge", "kind", "string");
    key("e_label", "edge", "label", "string");
    key("e_confidence", "edge", "confidence", "double");
    key("e_sources", "edge", "sources", "string");
    out << std::string_view("  <key id=\"e_guessed\" for=\"edge\" attr.name=\"guessed\" "
                            "attr.type=\"boolean\"><default>0</default></key>\n");
    out << std::string_view("  <graph id=\"medkg\" edgedefault=\"directed\">\n");
    // The blocks read the graph through `g`: the checked FrozenGraph for a subgraph, which
    // may be a small part of a big snapshot, or its verified view for the whole graph.
    const auto node_block = [&](const auto& g, OutBuffer& o, std::size_t begin, std::size_t end) {
        std::vector<graph::AttrView> attrs;
        SourcesScratch scratch;
        for (auto n = static_cast<graph::NodeId>(begin); n < end; ++n) {
            if (!included(n)) {
                continue;
            }
            o << std::string_view("    <node id=\"");
            slugs.write(o, n);
            o << std::string_view("\">\n");
            data(o, "label", g.label(n));
            data_name(o, "kind", graph::to_string(g.kind(n)));
            data_name(o, "status", g.is_placeholder(n) ? "placeholder" : "declared");
            // One data element per attribute name, in the names' order; repeated values once.
            g.attributes_into(n, attrs);
            // A stable sort by name: an insertion sort, as a node has a handful of attributes.
            for (std::size_t i = 1; i < attrs.size(); ++i) {
                for (std::size_t j = i; j > 0 && attrs[j].key < attrs[j - 1].key; --j) {
                    std::swap(attrs[j], attrs[j - 1]);
                }
            }
            for (std::size_t i = 0; i < attrs.size();) {
                std::size_t j = i;
                o << std::string_view("      <data key=\"a_") << graph::to_string(attrs[i].key)
                  << std::string_view("\">");
                std::size_t written = 0;
                for (; j < attrs.size() && attrs[j].key == attrs[i].key; ++j) {
                    bool repeat = false;
                    for (std::size_t k = i; k < j && !repeat; ++k) {
                        repeat = attrs[k].value == attrs[j].value;
                    }
                    if (repeat) {
                        continue;
                    }
                    if (written++ > 0) {
                        o << std::string_view(" | ");
                    }
                    o.xml(attrs[j].value);
                }
                o << std::string_view("</data>\n");
                i = j;
            }
            open_data(o, "sources");
            joined_sources(o, g, g.node_provenance(n), scratch);
            o << std::string_view("</data>\n    </node>\n");
        }
    };
    const auto whole = nodes == nullptr ? std::optional(graph_ref.view()) : std::nullopt;
    const auto on_graph = [&](const auto& block) -> BlockFormat {
        if (whole) {
            return [&](OutBuffer& o, std::size_t b, std::size_t e) { block(*whole, o, b, e); };
        }
        return [&](OutBuffer& o, std::size_t b, std::size_t e) { block(graph_ref, o, b, e); };
    };
    write_in_blocks(out, graph_ref.node_count(), on_graph(node_block), parallelism);

    // Edge ids number the edges written. With every node included that is the edge's index, so
    // any block knows its numbers; a subgraph is numbered in one pass on one thread.
    std::size_t running_number = 0;
    const auto edge_block = [&](const auto& g, OutBuffer& o, std::size_t begin, std::size_t end) {
        SourcesScratch scratch;
        for (auto e = static_cast<graph::EdgeId>(begin); e < end; ++e) {
            // Targets are scattered over the graph: fetch their slugs ahead of use.
            if (e + 16 < end) {
                slugs.prefetch(g.target_of(e + 16), false);
            }
            if (e + 8 < end) {
                slugs.prefetch(g.target_of(e + 8), true);
            }
            const auto from = g.source_of(e);
            const auto to = g.target_of(e);
            if (!included(from) || !included(to)) {
                continue;
            }
            const std::size_t number = nodes == nullptr ? e : running_number++;
            const auto provs = g.edge_provenance(e);
            float confidence = 0.0F;
            bool guessed = !provs.empty();
            for (auto p : provs) {
                const graph::Provenance pv = g.provenance(p);
                confidence = std::max(confidence, pv.confidence);
                guessed = guessed && graph::is_guess(pv.method, pv.confidence);
            }
            const auto hundredths =
                static_cast<std::size_t>(std::lround(static_cast<double>(confidence) * 100.0));
            const char conf[] = {static_cast<char>('0' + hundredths / 100), '.',
                                 static_cast<char>('0' + hundredths / 10 % 10),
                                 static_cast<char>('0' + hundredths % 10)};
            const auto kind = graph::to_string(g.edge_kind(e));
            o << std::string_view("    <edge id=\"e") << number << std::string_view("\" source=\"");
            slugs.write(o, from);
            o << std::string_view("\" target=\"");
            slugs.write(o, to);
            o << std::string_view("\">\n");
            data_name(o, "e_kind", kind);
            data_name(o, "e_label", kind);
            open_data(o, "e_confidence");
            o << std::string_view(conf, sizeof conf) << std::string_view("</data>\n");
            open_data(o, "e_sources");
            joined_sources(o, g, provs, scratch);
            o << std::string_view("</data>\n");
            if (guessed) {
                o << std::string_view("      <data key=\"e_guessed\">1</data>\n");
            }
            o << std::string_view("    </edge>\n");
        }
    };
    Parallelism edges = parallelism;
    if (nodes != nullptr) {
        edges.threads = 1;
    }
    write_in_blocks(out, graph_ref.edge_count(), on_graph(edge_block), edges);
    out << std::string_view("  </graph>\n</graphml>\n");
}

} // namespace medkg::exporter
