#include "queries/path.hpp"

#include <algorithm>
#include <deque>
#include <limits>

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

std::vector<Hop> shortest(const graph::FrozenGraph& g, NodeId from, NodeId to, PathMode mode,
                          const EdgeKindSet& kinds) {
    std::vector<NodeId> parent(g.node_count(), k_none);
    std::vector<Hop> via(g.node_count());
    parent[from] = from;
    std::deque<NodeId> queue{from};
    while (!queue.empty() && parent[to] == k_none) {
        const NodeId n = queue.front();
        queue.pop_front();
        neighbours(g, n, mode, kinds, [&](const Hop& h) {
            if (parent[h.to] == k_none) {
                parent[h.to] = n;
                via[h.to] = h;
                queue.push_back(h.to);
            }
        });
    }
    std::vector<Hop> path;
    if (parent[to] == k_none || from == to) {
        return path;
    }
    for (NodeId n = to; n != from; n = parent[n]) {
        path.push_back(via[n]);
    }
    std::reverse(path.begin(), path.end());
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
