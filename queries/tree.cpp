#include "queries/tree.hpp"

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
    // Counting needs no order: in-edges as stored, a bitmap for what was seen.
    std::vector<std::size_t> counts;
    std::vector<bool> seen(g.node_count(), false);
    seen[root] = true;
    std::vector<NodeId> frontier{root};
    std::vector<NodeId> next;
    while (!frontier.empty() && (max_depth == 0 || counts.size() < max_depth)) {
        next.clear();
        for (NodeId n : frontier) {
            for (const graph::EdgeId e : g.in_edges(n)) {
                if (!graph::is_derivation(g.edge_kind(e))) {
                    continue;
                }
                const NodeId child = g.source_of(e);
                if (!seen[child]) {
                    seen[child] = true;
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
