#pragma once

#include "graph/frozen_graph.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace medkg::query {

/// One node of a lineage or descendants tree.
struct TreeNode {
    graph::NodeId node = 0;
    std::optional<graph::EdgeId> edge; ///< the edge that links it to its tree parent
    bool repeated = false;  ///< shown (and expanded) earlier in the tree; not expanded again
    bool cycle = false;     ///< already on the path from the root: a derivation cycle
    bool truncated = false; ///< has more below, cut by the depth or size limit
    std::vector<TreeNode> children;
};

/// Every ancestor chain of `root` along derivation edges (fine_tuned_from ... variant_of), up to
/// the roots. Terminates on cycles (marked). Children sorted by edge kind, then label.
[[nodiscard]] TreeNode lineage_tree(const graph::FrozenGraph& graph, graph::NodeId root);

/// Limits for descendants_tree.
struct DescendantLimits {
    std::size_t max_depth = 0; ///< 0 = unlimited
    std::size_t max_nodes = 0; ///< 0 = unlimited; further nodes are counted, not listed
};

/// The derived models of `root` (reverse derivation edges) as a tree.
[[nodiscard]] TreeNode descendants_tree(const graph::FrozenGraph& graph, graph::NodeId root,
                                        const DescendantLimits& limits);

/// The number of distinct descendants (any depth) of each of `roots`, in their order. One walk
/// per root in family order with one array of marks for all of them: linear in the sum of the
/// answers, so every root of a Hub graph is counted in a fraction of a second.
[[nodiscard]] std::vector<std::size_t> descendant_totals(const graph::FrozenGraph& graph,
                                                         std::span<const graph::NodeId> roots);

/// Counts per depth (index 0 = depth 1) of distinct descendants, breadth first, each counted once
/// at its shortest depth.
[[nodiscard]] std::vector<std::size_t> descendant_counts(const graph::FrozenGraph& graph,
                                                         graph::NodeId root,
                                                         std::size_t max_depth);

/// The roots reached by the lineage of `root` (ancestors without derivation parents), sorted by
/// label; empty when `root` itself has no parents.
[[nodiscard]] std::vector<graph::NodeId> lineage_roots(const graph::FrozenGraph& graph,
                                                       graph::NodeId root);

/// Number of tree nodes, `root` included.
[[nodiscard]] std::size_t tree_size(const TreeNode& tree);

} // namespace medkg::query
