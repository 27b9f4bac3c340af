#pragma once

#include "graph/frozen_graph.hpp"
#include "queries/checks.hpp"
#include "queries/path.hpp"
#include "queries/stats.hpp"
#include "queries/tree.hpp"

#include <iosfwd>
#include <string>

namespace medkg::query {

/// Output formats of every query.
enum class OutputFormat : std::uint8_t { text, json };

/// Which way a tree grows: toward ancestors (lineage) or descendants.
enum class TreeDirection : std::uint8_t { ancestors, descendants };

/// One line naming where a fact came from: what it cites, else `source:line:col`.
[[nodiscard]] std::string provenance_brief(const graph::FrozenGraph& graph, graph::ProvId prov);

/// Writes a lineage or descendants tree. Text: an indented tree, each step with its edge kind and
/// sources. JSON: nested objects. `roots` (lineage only) are listed after the tree.
void write_tree(std::ostream& out, const graph::FrozenGraph& graph, const TreeNode& tree,
                TreeDirection direction, OutputFormat format,
                const std::vector<graph::NodeId>& roots = {});

/// Writes a descendants summary: counts per depth and the largest direct branches.
void write_descendant_summary(std::ostream& out, const graph::FrozenGraph& graph,
                              graph::NodeId root, const std::vector<std::size_t>& counts,
                              OutputFormat format);

/// Writes the paths of `result` between `from` and `to`.
void write_paths(std::ostream& out, const graph::FrozenGraph& graph, graph::NodeId from,
                 graph::NodeId to, const PathResult& result, OutputFormat format);

/// Writes a node with every attribute and edge, each with its provenance.
void write_show(std::ostream& out, const graph::FrozenGraph& graph, graph::NodeId node,
                OutputFormat format);

/// Writes graph-wide counts, and the first `max_roots` roots by name (0: all of them; the
/// Hub's lineage has tens of thousands) with how many there are.
void write_stats(std::ostream& out, const graph::FrozenGraph& graph, const Stats& stats,
                 OutputFormat format, std::size_t max_roots = 0);

/// Writes every finding of the checks, each with both sources.
void write_checks(std::ostream& out, const graph::FrozenGraph& graph,
                  const CheckReport& report, OutputFormat format);

} // namespace medkg::query
