#pragma once

#include "export/blocks.hpp"
#include "graph/frozen_graph.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace medkg::exporter {

/// What a DOT drawing shows.
struct DotOptions {
    /// Only models, base models and derivation edges: the survey figure's view.
    bool lineage_only = false;
    /// Place nodes on a year axis (nodes with a `year` or `date` attribute).
    bool rank_by_year = true;
    /// Restrict to these nodes (index = NodeId); nullptr = all.
    const std::vector<bool>* nodes = nullptr;
    std::string title;
    /// How nodes and edges are spread over threads; the bytes do not depend on it.
    Parallelism parallelism;
};

/// Writes `graph` as Graphviz DOT styled like the survey's lineage figure: base models grey,
/// medical models coloured by how they were built (pink pre-training, blue fine-tuning, green
/// prompting), edges coloured by relation, ranked by year, with a legend. Edges keep the graph's
/// direction (child -> parent) and are drawn with `dir=back`, so arrows point at the derived
/// model as in the figure. Every string is quoted and escaped. Byte-identical for the same graph.
void write_dot(std::ostream& out, const graph::FrozenGraph& graph, const DotOptions& options);

/// `text` as a DOT quoted string, quotes included: `"` and `\` escaped, newlines as `\n`,
/// control characters dropped.
[[nodiscard]] std::string dot_quote(std::string_view text);

} // namespace medkg::exporter
