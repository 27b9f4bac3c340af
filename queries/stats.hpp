#pragma once

#include "graph/frozen_graph.hpp"

#include <array>
#include <vector>

namespace medkg::query {

/// Counts over a whole graph.
struct Stats {
    std::array<std::size_t, graph::k_node_kinds.size()> nodes_by_kind{};
    std::array<std::size_t, graph::k_edge_kinds.size()> edges_by_kind{};
    std::size_t nodes = 0;
    std::size_t edges = 0;
    std::size_t placeholders = 0;
    std::size_t attribute_values = 0; ///< distinct (node, key, value): one stated twice counts once
    std::size_t facts = 0;             ///< nodes + edges + attribute values
    std::size_t facts_citing = 0;      ///< facts with at least one provenance that cites a source
    std::size_t provenance_records = 0;
    std::size_t base_conflicts = 0;
    /// Models with derived models but no parents, the most descendants first (then by name).
    std::vector<graph::NodeId> roots;
    std::vector<std::size_t> root_descendants; ///< parallel to `roots`
};

/// Computes Stats. Linear in the graph, plus the base-conflict check.
[[nodiscard]] Stats compute_stats(const graph::FrozenGraph& graph);

} // namespace medkg::query
