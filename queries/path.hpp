#pragma once

#include "graph/frozen_graph.hpp"

#include <bitset>
#include <cstddef>
#include <vector>

namespace medkg::query {

/// A set of edge kinds a path may use.
using EdgeKindSet = std::bitset<graph::k_edge_kinds.size()>;

/// Every edge kind.
[[nodiscard]] EdgeKindSet all_edge_kinds();

/// One hop of a path: from `from` to `to` over `edge`; `forward` when the edge points from
/// `from` to `to` (e.g. ChatDoctor -fine_tuned_from-> LLaMA), false when it is followed backwards.
struct Hop {
    graph::NodeId from = 0;
    graph::NodeId to = 0;
    graph::EdgeId edge;
    bool forward = true;
};

/// How the connection was found.
enum class PathMode : std::uint8_t {
    forward,    ///< along edge directions: FROM derives from TO
    backward,   ///< against edge directions: TO derives from FROM
    undirected, ///< only ignoring directions
};

struct PathResult {
    PathMode mode = PathMode::forward;
    std::vector<std::vector<Hop>> paths; ///< empty when FROM and TO are not connected
    bool limited = false;                ///< more paths exist than were listed
};

/// Options of find_paths.
struct PathOptions {
    EdgeKindSet kinds = all_edge_kinds();
    bool all = false;           ///< every simple path up to max_length, not only a shortest
    std::size_t max_length = 6; ///< with `all`
    std::size_t max_paths = 1000;
};

/// Connects `from` and `to`: a directed path when one exists (forward, else backward), otherwise
/// a path over the undirected view. Breadth first from both ends, so the first path is a
/// shortest one and hubs are crossed last; ties are broken by the order nodes were reached and
/// by edge order, which is the input's, so the answer is deterministic.
[[nodiscard]] PathResult find_paths(const graph::FrozenGraph& graph, graph::NodeId from,
                                    graph::NodeId to, const PathOptions& options);

} // namespace medkg::query
