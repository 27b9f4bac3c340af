#pragma once

#include "graph/frozen_graph.hpp"
#include "queries/path.hpp"

#include <vector>

namespace medkg::query {

/// Nodes within `depth` hops of any seed over the undirected view of `kinds` edges, as a mask
/// indexed by NodeId.
[[nodiscard]] std::vector<bool> neighbourhood(const graph::FrozenGraph& graph,
                                              const std::vector<graph::NodeId>& seeds,
                                              std::size_t depth,
                                              const EdgeKindSet& kinds = all_edge_kinds());

/// Every ancestor of the seeds (full lineage) plus descendants up to `depth` derivation hops:
/// what a lineage drawing around some models shows.
[[nodiscard]] std::vector<bool> lineage_view(const graph::FrozenGraph& graph,
                                             const std::vector<graph::NodeId>& seeds,
                                             std::size_t depth);

} // namespace medkg::query
