#include "queries/neighbourhood.hpp"

namespace medkg::query {

std::vector<bool> neighbourhood(const graph::FrozenGraph& g,
                                const std::vector<graph::NodeId>& seeds, std::size_t depth,
                                const EdgeKindSet& kinds) {
    std::vector<bool> in(g.node_count(), false);
    std::vector<graph::NodeId> frontier;
    for (auto s : seeds) {
        if (!in[s]) {
            in[s] = true;
            frontier.push_back(s);
        }
    }
    for (std::size_t d = 0; d < depth && !frontier.empty(); ++d) {
        std::vector<graph::NodeId> next;
        const auto visit = [&](graph::NodeId n) {
            if (!in[n]) {
                in[n] = true;
                next.push_back(n);
            }
        };
        for (auto n : frontier) {
            for (const graph::EdgeId e_ : g.out_edges(n)) {
                if (kinds.test(static_cast<std::size_t>(g.edge_kind(e_)))) {
                    visit(g.target_of(e_));
                }
            }
            for (const graph::EdgeId e_ : g.in_edges(n)) {
                if (kinds.test(static_cast<std::size_t>(g.edge_kind(e_)))) {
                    visit(g.source_of(e_));
                }
            }
        }
        frontier.swap(next);
    }
    return in;
}

std::vector<bool> lineage_view(const graph::FrozenGraph& g,
                               const std::vector<graph::NodeId>& seeds, std::size_t depth) {
    std::vector<bool> in(g.node_count(), false);
    // Ancestors, without a depth bound.
    std::vector<graph::NodeId> stack(seeds.begin(), seeds.end());
    for (auto s : seeds) {
        in[s] = true;
    }
    while (!stack.empty()) {
        const auto n = stack.back();
        stack.pop_back();
        for (const graph::EdgeId e_ : g.out_edges(n)) {
            if (graph::is_derivation(g.edge_kind(e_)) && !in[g.target_of(e_)]) {
                in[g.target_of(e_)] = true;
                stack.push_back(g.target_of(e_));
            }
        }
    }
    // Descendants up to depth.
    std::vector<graph::NodeId> frontier(seeds.begin(), seeds.end());
    for (std::size_t d = 0; d < depth && !frontier.empty(); ++d) {
        std::vector<graph::NodeId> next;
        for (auto n : frontier) {
            for (const graph::EdgeId e_ : g.in_edges(n)) {
                if (graph::is_derivation(g.edge_kind(e_)) && !in[g.source_of(e_)]) {
                    in[g.source_of(e_)] = true;
                    next.push_back(g.source_of(e_));
                }
            }
        }
        frontier.swap(next);
    }
    return in;
}

} // namespace medkg::query
