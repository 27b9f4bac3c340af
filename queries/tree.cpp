#include "queries/tree.hpp"

#include "util/error.hpp"
#include "util/large_memory.hpp"

#include <algorithm>
#include <bit>
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
    // Counting needs no order: a level-synchronous walk in family order (FrozenGraph::families),
    // where a family lies together, so that the walk reads a stretch of the arrays, not pages
    // all over them. Bitmaps over positions hold what was seen and each level; their pages are
    // zero until touched (ZeroPages), so a walk pays only for its family's stretch of them, and
    // each level is read in position order, the order the arrays lie in.
    const auto families = g.families();
    const std::size_t n = families.size();
    const std::size_t words = (n + 63) / 64;
    util::ZeroPages<std::uint64_t> seen(words);
    util::ZeroPages<std::uint64_t> level(words);
    util::ZeroPages<std::uint64_t> next_level(words);
    const std::uint32_t start = families.position(root);
    if (start >= n) {
        throw Error("graph is corrupt: node " + std::to_string(root) + " has no family position");
    }
    seen[start >> 6] |= std::uint64_t{1} << (start & 63);
    level[start >> 6] = seen[start >> 6];
    std::size_t lo = start >> 6; // the words of `level` that may hold bits
    std::size_t hi = lo;
    std::vector<std::size_t> counts;
    while (max_depth == 0 || counts.size() < max_depth) {
        std::size_t found = 0;
        std::size_t next_lo = words;
        std::size_t next_hi = 0;
        for (std::size_t w = lo; w <= hi; ++w) {
            std::uint64_t bits = level[w];
            level[w] = 0;
            while (bits != 0) {
                const auto at = static_cast<std::uint32_t>(w * 64 + static_cast<unsigned>(std::countr_zero(bits)));
                bits &= bits - 1;
                for (const std::uint32_t child : families.children(at)) {
                    if (child >= n) {
                        throw Error("graph is corrupt: a derivative of the node at family position " +
                                    std::to_string(at) + " is out of range");
                    }
                    const std::size_t cw = child >> 6;
                    const std::uint64_t bit = std::uint64_t{1} << (child & 63);
                    if ((seen[cw] & bit) == 0) {
                        seen[cw] |= bit;
                        next_level[cw] |= bit;
                        ++found;
                        next_lo = std::min(next_lo, cw);
                        next_hi = std::max(next_hi, cw);
                    }
                }
            }
        }
        if (found == 0) {
            break;
        }
        counts.push_back(found);
        std::swap(level, next_level);
        lo = next_lo;
        hi = next_hi;
    }
    return counts;
}

std::vector<std::size_t> descendant_totals(const graph::FrozenGraph& g,
                                           std::span<const graph::NodeId> roots) {
    const auto families = g.families();
    const std::size_t n = families.size();
    std::vector<std::uint32_t> mark(n, 0); // the 1-based index of the last root that reached it
    std::vector<std::uint32_t> queue;
    std::vector<std::size_t> totals;
    totals.reserve(roots.size());
    for (std::size_t r = 0; r < roots.size(); ++r) {
        const auto stamp = static_cast<std::uint32_t>(r + 1);
        const std::uint32_t start = families.position(roots[r]);
        if (start >= n) {
            throw Error("graph is corrupt: node " + std::to_string(roots[r]) + " has no family position");
        }
        queue.assign(1, start);
        mark[start] = stamp;
        for (std::size_t next = 0; next < queue.size(); ++next) {
            for (const std::uint32_t child : families.children(queue[next])) {
                if (child >= n) {
                    throw Error("graph is corrupt: a derivative of the node at family position " +
                                std::to_string(queue[next]) + " is out of range");
                }
                if (mark[child] != stamp) {
                    mark[child] = stamp;
                    queue.push_back(child);
                }
            }
        }
        totals.push_back(queue.size() - 1);
    }
    return totals;
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
