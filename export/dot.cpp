#include "export/dot.hpp"

#include "export/blocks.hpp"
#include "export/buffer.hpp"
#include "export/ids.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

namespace medkg::exporter {

namespace {

using graph::EdgeKind;
using graph::NodeId;
using graph::NodeKind;

struct Colours {
    const char* fill;
    const char* border;
    const char* font;
};

constexpr Colours k_base{"#f4f4f4", "#a6a6a6", "#7f7f7f"};
constexpr Colours k_pretrain{"#e9a6b4", "#d98597", "#ffffff"};
constexpr Colours k_finetune{"#7889a8", "#5e7091", "#ffffff"};
constexpr Colours k_prompt{"#7fae7b", "#6a9866", "#ffffff"};
constexpr Colours k_other_model{"#c9d3e3", "#8d9bb5", "#2b2b2b"};
constexpr Colours k_paper{"#fff7e0", "#d6c38f", "#5b4a1a"};
constexpr Colours k_institution{"#e8f1e4", "#9ab78f", "#2f4a26"};
constexpr Colours k_task{"#f1e6f5", "#b79cc4", "#4a2f57"};
constexpr Colours k_dataset{"#e2f2f3", "#8fbfc2", "#1f4b4e"};

const char* edge_colour(EdgeKind k) {
    switch (k) {
    case EdgeKind::pretrained_from: return "#d98597";
    case EdgeKind::fine_tuned_from:
    case EdgeKind::adapter_of:
    case EdgeKind::quantized_from:
    case EdgeKind::merged_from: return "#5e7091";
    case EdgeKind::prompted_from: return "#6a9866";
    case EdgeKind::variant_of: return "#a6a6a6";
    default: return "#b0b0b0";
    }
}

// How a model was built: its first derivation that is not a size variant.
template <typename Graph> Colours model_colours(const Graph& g, NodeId n) {
    if (g.kind(n) == NodeKind::base_model) {
        return k_base;
    }
    for (const graph::EdgeId e_ : g.out_edges(n)) {
        switch (g.edge_kind(e_)) {
        case EdgeKind::pretrained_from: return k_pretrain;
        case EdgeKind::fine_tuned_from:
        case EdgeKind::adapter_of:
        case EdgeKind::quantized_from:
        case EdgeKind::merged_from: return k_finetune;
        case EdgeKind::prompted_from: return k_prompt;
        default: break;
        }
    }
    // A size variant takes its family's colour.
    for (const graph::EdgeId e_ : g.out_edges(n)) {
        if (g.edge_kind(e_) == EdgeKind::variant_of && g.target_of(e_) != n &&
            g.kind(g.target_of(e_)) == NodeKind::model) {
            return model_colours(g, g.target_of(e_));
        }
    }
    return k_other_model;
}

template <typename Graph> Colours colours(const Graph& g, NodeId n) {
    switch (g.kind(n)) {
    case NodeKind::model:
    case NodeKind::base_model: return model_colours(g, n);
    case NodeKind::paper: return k_paper;
    case NodeKind::institution: return k_institution;
    case NodeKind::task: return k_task;
    case NodeKind::dataset: return k_dataset;
    }
    return k_other_model;
}

template <typename Graph> std::optional<int> year_of(const Graph& g, NodeId n) {
    for (auto key : {graph::AttrKey::year, graph::AttrKey::date}) {
        if (auto v = g.attribute(n, key); v && v->size() >= 4) {
            int y = 0;
            for (std::size_t i = 0; i < 4; ++i) {
                const char c = (*v)[i];
                if (c < '0' || c > '9') {
                    y = -1;
                    break;
                }
                y = y * 10 + (c - '0');
            }
            if (y >= 1900 && y <= 2100) {
                return y;
            }
        }
    }
    return std::nullopt;
}

} // namespace

void OutBuffer::dot_text(std::string_view text) {
    // '"' and '\\' are escaped, newlines written as \n, other control characters and DEL dropped.
    append_escaped(
        text,
        [](std::uint64_t w) {
            return (word_has_below(w, 0x20) | word_has(w, '"') | word_has(w, '\\') |
                    word_has(w, 0x7F)) != 0;
        },
        [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c == 0x7F; },
        [this](unsigned char c) {
            if (c == '"' || c == '\\') {
                *this << '\\' << static_cast<char>(c);
            } else if (c == '\n') {
                append("\\n", 2);
            }
        });
}

std::string dot_quote(std::string_view text) {
    std::ostringstream out;
    {
        OutBuffer buf(out);
        buf.dot(text);
    }
    return out.str();
}

namespace {

// The writer, reading the graph through `g`: the checked FrozenGraph `frozen` itself for a
// subgraph, which may be a small part of a big snapshot, or its verified view for the whole.
template <typename Graph>
void write_dot_through(std::ostream& stream, const graph::FrozenGraph& frozen, const Graph& g,
                       const DotOptions& options) {
    const Slugs slug_of(frozen, options.parallelism.threads);
    OutBuffer out(stream);
    std::vector<bool> shown(g.node_count(), false);
    for (NodeId n = 0; n < g.node_count(); ++n) {
        shown[n] = (options.nodes == nullptr || (*options.nodes)[n]) &&
                   (!options.lineage_only || graph::is_model_like(g.kind(n)));
    }
    const auto edge_shown = [&](const graph::EdgeId& e) {
        return shown[g.source_of(e)] && shown[g.target_of(e)] &&
               (!options.lineage_only || graph::is_derivation(g.edge_kind(e)));
    };
    if (options.lineage_only) {
        // Hide models with no drawn edge at all: the figure shows lineage, not a catalogue.
        std::vector<bool> linked(g.node_count(), false);
        for (graph::EdgeId e_ = 0; e_ < g.edge_count(); ++e_) {
            if (edge_shown(e_)) {
                linked[g.source_of(e_)] = true;
                linked[g.target_of(e_)] = true;
            }
        }
        for (NodeId n = 0; n < g.node_count(); ++n) {
            shown[n] = shown[n] && (linked[n] || options.nodes != nullptr);
        }
    }

    out << "// Generated by medkg; edges point child -> parent (drawn with dir=back).\n";
    out << "digraph medkg {\n";
    out << "  graph [rankdir=TB, charset=\"UTF-8\", fontname=\"Helvetica\", ranksep=0.45, "
           "nodesep=0.25, newrank=true";
    if (!options.title.empty()) {
        out << ", label=" << dot_quote(options.title) << ", labelloc=t, fontsize=18";
    }
    out << "];\n";
    out << "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, "
           "penwidth=1.5];\n";
    out << "  edge [dir=back, arrowtail=normal, penwidth=1.6, arrowsize=0.7];\n";

    // Year axis: newest at the top, as in the survey figure.
    std::map<int, std::vector<NodeId>> by_year;
    if (options.rank_by_year) {
        for (NodeId n = 0; n < g.node_count(); ++n) {
            if (shown[n]) {
                if (auto y = year_of(g, n)) {
                    by_year[*y].push_back(n);
                }
            }
        }
    }
    if (!by_year.empty()) {
        out << "  subgraph axis {\n    node [shape=plaintext, style=\"\", fontsize=14, "
               "fontcolor=\"#2b3a55\"];\n    edge [dir=none, penwidth=3, color=\"#2b3a55\"];\n";
        const int first = by_year.begin()->first;
        const int last = by_year.rbegin()->first;
        for (int y = last; y >= first; --y) {
            out << "    \"year:" << static_cast<std::size_t>(y) << "\" [label=\""
                << static_cast<std::size_t>(y) << "\"];\n";
        }
        for (int y = last; y > first; --y) {
            out << "    \"year:" << static_cast<std::size_t>(y) << "\" -> \"year:"
                << static_cast<std::size_t>(y - 1) << "\";\n";
        }
        out << "  }\n";
        for (const auto& [y, members] : by_year) {
            out << "  { rank=same; \"year:" << static_cast<std::size_t>(y) << "\";";
            for (NodeId n : members) {
                out << std::string_view(" \"");
                slug_of.write(out, n);
                out << std::string_view("\";");
            }
            out << " }\n";
        }
    }

    // Nodes and edges are formatted in blocks, on every core (export/blocks.hpp).
    const auto node_block = [&](OutBuffer& o, std::size_t begin, std::size_t end) {
        for (auto n = static_cast<NodeId>(begin); n < end; ++n) {
            if (!shown[n]) {
                continue;
            }
            const Colours c = colours(g, n);
            o << "  \"";
            slug_of.write(o, n);
            o << "\" [label=";
            o.dot(g.label(n));
            o << ", fillcolor=\"" << c.fill << "\", color=\"" << c.border << "\", fontcolor=\""
              << c.font << "\"";
            if (g.is_placeholder(n)) {
                o << ", style=\"rounded,filled,dashed\"";
            }
            if (g.kind(n) == NodeKind::paper) {
                o << ", shape=note";
            }
            o << ", tooltip=\"" << graph::to_string(g.kind(n)) << "\"];\n";
        }
    };
    write_in_blocks(out, g.node_count(), node_block, options.parallelism);
    const auto edge_block = [&](OutBuffer& o, std::size_t begin, std::size_t end) {
        for (auto e_ = static_cast<graph::EdgeId>(begin); e_ < end; ++e_) {
            // Targets are scattered over the graph (sources come in order): fetch their slugs and
            // labels ahead of use, in steps.
            if (e_ + 24 < end) {
                g.prefetch_label(g.target_of(e_ + 24), 0);
                slug_of.prefetch(g.target_of(e_ + 24), false);
            }
            if (e_ + 16 < end) {
                g.prefetch_label(g.target_of(e_ + 16), 1);
            }
            if (e_ + 8 < end) {
                g.prefetch_label(g.target_of(e_ + 8), 2);
                slug_of.prefetch(g.target_of(e_ + 8), true);
            }
            if (!edge_shown(e_)) {
                continue;
            }
            const auto k = g.edge_kind(e_);
            const NodeId from = g.source_of(e_);
            const NodeId to = g.target_of(e_);
            const bool between_bases =
                g.kind(from) == NodeKind::base_model && g.kind(to) == NodeKind::base_model;
            o << "  \"";
            slug_of.write(o, from);
            o << "\" -> \"";
            slug_of.write(o, to);
            o << "\" [color=\"" << (between_bases ? "#a6a6a6" : edge_colour(k)) << "\"";
            const bool guessed = graph::is_derivation(k) && graph::edge_is_guess(g, e_);
            if (k == EdgeKind::variant_of || guessed) {
                o << ", style=dashed"; // a size of a family, or a base only guessed from a name
            } else if (!graph::is_derivation(k)) {
                o << ", style=dotted, dir=forward, arrowhead=normal, label=\""
                  << graph::to_string(k) << "\", fontsize=8, fontcolor=\"#808080\"";
            }
            if (between_bases) {
                o << ", penwidth=3";
            }
            // The tooltip names the relation: "child kind parent", quoted piece by piece.
            o << ", tooltip=\"";
            o.dot_text(g.label(from));
            o << ' ';
            o.dot_text(graph::to_string(k));
            o << ' ';
            o.dot_text(g.label(to));
            o << (guessed ? " (guessed)\"];\n" : "\"];\n");
        }
    };
    write_in_blocks(out, g.edge_count(), edge_block, options.parallelism);

    out << "  subgraph cluster_legend {\n"
           "    label=\"legend\"; fontsize=10; color=\"#cccccc\"; style=rounded;\n"
           "    node [fontsize=9, width=1.6];\n"
           "    edge [dir=none];\n";
    const auto legend = [&](std::string_view id, std::string_view label, const Colours& c) {
        out << "    \"legend:" << id << "\" [label=" << dot_quote(label) << ", fillcolor=\""
            << c.fill << "\", color=\"" << c.border << "\", fontcolor=\"" << c.font << "\"];\n";
    };
    legend("base", "open-domain base model", k_base);
    legend("pretrain", "medical: pre-training", k_pretrain);
    legend("finetune", "medical: fine-tuning", k_finetune);
    legend("prompt", "medical: prompting", k_prompt);
    out << "    \"legend:base\" -> \"legend:pretrain\" -> \"legend:finetune\" -> "
           "\"legend:prompt\" [style=invis];\n";
    out << "  }\n}\n";
}

} // namespace

void write_dot(std::ostream& stream, const graph::FrozenGraph& g, const DotOptions& options) {
    if (options.nodes == nullptr) {
        write_dot_through(stream, g, g.view(), options);
    } else {
        write_dot_through(stream, g, g, options);
    }
}

} // namespace medkg::exporter
