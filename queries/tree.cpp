#include "queries/tree.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <deque>
#include <unordered_set>

namespace medkg::query {

namespace {

using graph::EdgeId;
using graph::NodeId;

struct Step {
    EdgeId edge;
    NodeId next;
};

std::vector<Step> steps(const graph::FrozenGraph& g, NodeId node, bool up) {
    std::vector<Step> out;
    if (up) {
        for (const graph::EdgeId e_ : g.out_edges(node)) {
            if (graph::is_derivation(g.edge_kind(e_))) {
                out.push_back(Step{e_, g.target_of(e_)});
            }
        }
    } else {
        for (const graph::EdgeId e_ : g.in_edges(node)) {
            if (graph::is_derivation(g.edge_kind(e_))) {
                out.push_back(Step{e_, g.source_of(e_)});
            }
        }
    }
    std::sort(out.begin(), out.end(), [&](const Step& a, const Step& b) {
        const auto ka = g.edge_kind(a.edge);
        const auto kb = g.edge_kind(b.edge);
        if (ka != kb) {
            return ka < kb;
        }
        const auto la = g.label(a.next);
        const auto lb = g.label(b.next);
        if (la != lb) {
            return la < lb;
        }
        return a.next < b.next;
    });
    return out;
}

// Depth-first with an explicit stack, so that a deep chain cannot exhaust the call stack.
TreeNode build(const graph::FrozenGraph& g, NodeId root, bool up, std::size_t max_depth,
               std::size_t max_nodes) {
    TreeNode tree;
    tree.node = root;
    std::unordered_set<NodeId> expanded{root};
    std::vector<NodeId> path{root};
    struct Frame {
        TreeNode* tree;
        std::vector<Step> pending;
        std::size_t next = 0;
    };
    std::vector<Frame> stack;
    stack.push_back(Frame{&tree, steps(g, root, up)});
    std::size_t count = 1;
    while (!stack.empty()) {
        Frame& f = stack.back();
        if (f.next == 0) {
            f.tree->children.reserve(f.pending.size());
        }
        if (f.next == f.pending.size()) {
            stack.pop_back();
            path.pop_back();
            continue;
        }
        if (max_nodes > 0 && count >= max_nodes) {
            f.tree->truncated = true;
            stack.pop_back();
            path.pop_back();
            continue;
        }
        const Step s = f.pending[f.next++];
        TreeNode child;
        child.node = s.next;
        child.edge = s.edge;
        ++count;
        if (std::find(path.begin(), path.end(), s.next) != path.end()) {
            child.cycle = true;
            f.tree->children.push_back(std::move(child));
            continue;
        }
        if (!expanded.insert(s.next).second) {
            child.repeated = !steps(g, s.next, up).empty();
            f.tree->children.push_back(std::move(child));
            continue;
        }
        f.tree->children.push_back(std::move(child));
        TreeNode* added = &f.tree->children.back();
        auto next_steps = steps(g, s.next, up);
        if (max_depth > 0 && stack.size() >= max_depth) {
            added->truncated = !next_steps.empty();
            continue;
        }
        path.push_back(s.next);
        stack.push_back(Frame{added, std::move(next_steps)});
    }
    return tree;
}

} // namespace

TreeNode lineage_tree(const graph::FrozenGraph& g, graph::NodeId root) {
    return build(g, root, true, 0, 0);
}

TreeNode descendants_tree(const graph::FrozenGraph& g, graph::NodeId root,
                          const DescendantLimits& limits) {
    return build(g, root, false, limits.max_depth, limits.max_nodes);
}

std::vector<std::size_t> descendant_counts(const graph::FrozenGraph& g, graph::NodeId root,
                                           std::size_t max_depth) {
    // Counting needs no order: a level-synchronous walk over the derivatives CSR with a bitmap
    // for what was seen. Each level's nodes are known before it is walked, so their offsets and
    // child lists are prefetched a few nodes ahead: the walk is bound by memory latency.
    const auto d = g.derivatives();
    const std::size_t n = g.node_count();
    const auto* offsets = d.offsets.data();
    const auto* nodes = d.nodes.data();
    std::vector<std::size_t> counts;
    // The frontiers are reserved whole, so that a family of 10^5 models never reallocates
    // them: the copies and their fresh pages were a quarter of a whole-process count at 1M
    // models. Reserved memory costs nothing until written. Not huge pages: a query is a short
    // process, whose new memory the host often has to back again, at a cost per byte that
    // huge pages do not lower (up to 4.4 ms for each 2 MiB on our VMs).
    std::vector<std::uint64_t> seen((n + 63) / 64, 0);
    const auto visit = [&](NodeId x) {
        std::uint64_t& word = seen[x >> 6];
        const std::uint64_t bit = std::uint64_t{1} << (x & 63);
        const bool fresh = (word & bit) == 0;
        word |= bit;
        return fresh;
    };
    visit(root);
    std::vector<NodeId> frontier;
    std::vector<NodeId> next;
    frontier.reserve(n);
    next.reserve(n);
    frontier.push_back(root);
    constexpr std::size_t k_ahead = 16;
    while (!frontier.empty() && (max_depth == 0 || counts.size() < max_depth)) {
        next.clear();
        const std::size_t size = frontier.size();
        for (std::size_t i = 0; i < size; ++i) {
            if (i + k_ahead < size) {
                __builtin_prefetch(offsets + frontier[i + k_ahead]);
            }
            if (i + k_ahead / 2 < size) {
                __builtin_prefetch(nodes + offsets[frontier[i + k_ahead / 2]]);
            }
            const NodeId x = frontier[i];
            const std::uint32_t begin = offsets[x];
            const std::uint32_t end = offsets[x + 1];
            if (begin > end || end > d.nodes.size()) {
                throw Error("graph is corrupt: the derivatives of node " + std::to_string(x) +
                            " lie outside their array");
            }
            for (std::uint32_t k = begin; k < end; ++k) {
                const NodeId child = nodes[k];
                if (child >= n) {
                    throw Error("graph is corrupt: a derivative of node " + std::to_string(x) +
                                " is out of range");
                }
                if (visit(child)) {
                    next.push_back(child);
                }
            }
        }
        if (next.empty()) {
            break;
        }
        counts.push_back(next.size());
        frontier.swap(next);
    }
    return counts;
}

std::vector<graph::NodeId> lineage_roots(const graph::FrozenGraph& g, graph::NodeId root) {
    std::vector<NodeId> roots;
    std::unordered_set<NodeId> seen{root};
    std::deque<NodeId> queue{root};
    while (!queue.empty()) {
        const NodeId n = queue.front();
        queue.pop_front();
        const auto up = steps(g, n, true);
        if (up.empty() && n != root) {
            roots.push_back(n);
        }
        for (const auto& s : up) {
            if (seen.insert(s.next).second) {
                queue.push_back(s.next);
            }
        }
    }
    std::sort(roots.begin(), roots.end(),
              [&](NodeId a, NodeId b) { return g.label(a) < g.label(b); });
    return roots;
}

std::size_t tree_size(const TreeNode& tree) {
    std::size_t n = 1;
    for (const auto& c : tree.children) {
        n += tree_size(c);
    }
    return n;
}

} // namespace medkg::query
