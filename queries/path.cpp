#include "queries/path.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_map>

namespace medkg::query {

namespace {

using graph::NodeId;

constexpr NodeId k_none = std::numeric_limits<NodeId>::max();

template <typename Visit>
void neighbours(const graph::FrozenGraph& g, NodeId n, PathMode mode, const EdgeKindSet& kinds,
                Visit&& visit) {
    if (mode != PathMode::backward) {
        for (const graph::EdgeId e_ : g.out_edges(n)) {
            if (kinds.test(static_cast<std::size_t>(g.edge_kind(e_)))) {
                visit(Hop{n, g.target_of(e_), e_, true});
            }
        }
    }
    if (mode != PathMode::forward) {
        for (const graph::EdgeId e_ : g.in_edges(n)) {
            if (kinds.test(static_cast<std::size_t>(g.edge_kind(e_)))) {
                visit(Hop{n, g.source_of(e_), e_, false});
            }
        }
    }
}

PathMode reversed(PathMode mode) {
    switch (mode) {
    case PathMode::forward: return PathMode::backward;
    case PathMode::backward: return PathMode::forward;
    case PathMode::undirected: break;
    }
    return PathMode::undirected;
}

// Edges a node's expansion scans: what growing a frontier costs.
std::size_t scan_cost(const graph::FrozenGraph& g, NodeId n, PathMode mode) {
    std::size_t c = 1;
    if (mode != PathMode::backward) {
        c += g.out_edges(n).size();
    }
    if (mode != PathMode::forward) {
        c += g.in_edges(n).size();
    }
    return c;
}

// One end of a bidirectional search: every node it reached, with the hop that reached it (as
// its own search followed it) and the distance from its end.
struct Side {
    struct Reached {
        Hop hop;
        std::uint32_t depth = 0;
    };
    PathMode mode = PathMode::forward;
    std::unordered_map<NodeId, Reached> reached;
    std::vector<NodeId> frontier;
    std::size_t cost = 0;
    std::uint32_t depth = 0;

    Side(const graph::FrozenGraph& g, NodeId origin, PathMode m) : mode(m), frontier{origin} {
        reached.emplace(origin, Reached{Hop{origin, origin, 0, true}, 0});
        cost = scan_cost(g, origin, m);
    }
};

// A shortest path from `from` to `to`, searched from both ends at once, one whole level at a
// time, always growing the end whose next level scans fewer edges. A hub (a task that a million
// models address) is then crossed only when nothing cheaper is left, where a search from one
// end would scan all of its edges as soon as it reached it. Among the shortest paths the first
// met is taken: nodes in the order they were reached, edges in the graph's order, so the answer
// depends only on the graph.
std::vector<Hop> shortest(const graph::FrozenGraph& g, NodeId from, NodeId to, PathMode mode,
                          const EdgeKindSet& kinds) {
    std::vector<Hop> path;
    if (from == to) {
        return path;
    }
    Side ends[2] = {Side(g, from, mode), Side(g, to, reversed(mode))};
    NodeId meet = k_none;
    while (meet == k_none && !ends[0].frontier.empty() && !ends[1].frontier.empty()) {
        const std::size_t grow = ends[0].cost <= ends[1].cost ? 0 : 1;
        Side& side = ends[grow];
        const Side& other = ends[1 - grow];
        std::vector<NodeId> next;
        std::size_t next_cost = 0;
        std::uint32_t best = std::numeric_limits<std::uint32_t>::max();
        for (const NodeId n : side.frontier) {
            neighbours(g, n, side.mode, kinds, [&](const Hop& h) {
                if (!side.reached.emplace(h.to, Side::Reached{h, side.depth + 1}).second) {
                    return;
                }
                next.push_back(h.to);
                next_cost += scan_cost(g, h.to, side.mode);
                const auto there = other.reached.find(h.to);
                if (there != other.reached.end() && side.depth + 1 + there->second.depth < best) {
                    best = side.depth + 1 + there->second.depth;
                    meet = h.to;
                }
            });
        }
        side.frontier = std::move(next);
        side.cost = next_cost;
        ++side.depth;
    }
    if (meet == k_none) {
        return path;
    }
    // From the meeting node back to `from`, along the hops the first end followed...
    for (NodeId n = meet; n != from;) {
        const Hop& h = ends[0].reached.at(n).hop;
        path.push_back(h);
        n = h.from;
    }
    std::reverse(path.begin(), path.end());
    // ...then on to `to`, along the second end's hops turned round.
    for (NodeId n = meet; n != to;) {
        const Hop& h = ends[1].reached.at(n).hop;
        path.push_back(Hop{n, h.from, h.edge, !h.forward});
        n = h.from;
    }
    return path;
}

} // namespace

EdgeKindSet all_edge_kinds() {
    EdgeKindSet s;
    s.set();
    return s;
}

PathResult find_paths(const graph::FrozenGraph& g, NodeId from, NodeId to,
                      const PathOptions& options) {
    PathResult result;
    for (PathMode mode : {PathMode::forward, PathMode::backward, PathMode::undirected}) {
        auto first = shortest(g, from, to, mode, options.kinds);
        if (first.empty()) {
            continue;
        }
        result.mode = mode;
        if (!options.all) {
            result.paths.push_back(std::move(first));
            return result;
        }
        // Every simple path up to max_length, depth first with an explicit stack.
        std::vector<bool> on_path(g.node_count(), false);
        std::vector<Hop> current;
        struct Frame {
            NodeId node;
            std::vector<Hop> hops;
            std::size_t next = 0;
        };
        std::vector<Frame> stack;
        auto expand = [&](NodeId n) {
            Frame f{n, {}, 0};
            neighbours(g, n, mode, options.kinds, [&](const Hop& h) { f.hops.push_back(h); });
            return f;
        };
        on_path[from] = true;
        stack.push_back(expand(from));
        while (!stack.empty()) {
            Frame& f = stack.back();
            if (f.next == f.hops.size() || current.size() >= options.max_length) {
                on_path[f.node] = false;
                stack.pop_back();
                if (!current.empty()) {
                    current.pop_back();
                }
                continue;
            }
            const Hop h = f.hops[f.next++];
            if (on_path[h.to]) {
                continue;
            }
            if (h.to == to) {
                current.push_back(h);
                result.paths.push_back(current);
                current.pop_back();
                if (result.paths.size() >= options.max_paths) {
                    result.limited = true;
                    break;
                }
                continue;
            }
            current.push_back(h);
            on_path[h.to] = true;
            stack.push_back(expand(h.to));
        }
        std::stable_sort(result.paths.begin(), result.paths.end(),
                         [](const auto& a, const auto& b) { return a.size() < b.size(); });
        return result;
    }
    return result;
}

} // namespace medkg::query
