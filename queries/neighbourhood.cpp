#include "queries/neighbourhood.hpp"

namespace medkg::query {

std::vector<bool> neighbourhood(const graph::KnowledgeGraph& g,
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
    const auto& bg = g.graph();
    for (std::size_t d = 0; d < depth && !frontier.empty(); ++d) {
        std::vector<graph::NodeId> next;
        const auto visit = [&](graph::NodeId n) {
            if (!in[n]) {
                in[n] = true;
                next.push_back(n);
            }
        };
        for (auto n : frontier) {
            for (auto [it, end] = boost::out_edges(n, bg); it != end; ++it) {
                if (kinds.test(static_cast<std::size_t>(g.edge_kind(*it)))) {
                    visit(g.target_of(*it));
                }
            }
            for (auto [it, end] = boost::in_edges(n, bg); it != end; ++it) {
                if (kinds.test(static_cast<std::size_t>(g.edge_kind(*it)))) {
                    visit(g.source_of(*it));
                }
            }
        }
        frontier.swap(next);
    }
    return in;
}

std::vector<bool> lineage_view(const graph::KnowledgeGraph& g,
                               const std::vector<graph::NodeId>& seeds, std::size_t depth) {
    std::vector<bool> in(g.node_count(), false);
    const auto& bg = g.graph();
    // Ancestors, without a depth bound.
    std::vector<graph::NodeId> stack(seeds.begin(), seeds.end());
    for (auto s : seeds) {
        in[s] = true;
    }
    while (!stack.empty()) {
        const auto n = stack.back();
        stack.pop_back();
        for (auto [it, end] = boost::out_edges(n, bg); it != end; ++it) {
            if (graph::is_derivation(g.edge_kind(*it)) && !in[g.target_of(*it)]) {
                in[g.target_of(*it)] = true;
                stack.push_back(g.target_of(*it));
            }
        }
    }
    // Descendants up to depth.
    std::vector<graph::NodeId> frontier(seeds.begin(), seeds.end());
    for (std::size_t d = 0; d < depth && !frontier.empty(); ++d) {
        std::vector<graph::NodeId> next;
        for (auto n : frontier) {
            for (auto [it, end] = boost::in_edges(n, bg); it != end; ++it) {
                if (graph::is_derivation(g.edge_kind(*it)) && !in[g.source_of(*it)]) {
                    in[g.source_of(*it)] = true;
                    next.push_back(g.source_of(*it));
                }
            }
        }
        frontier.swap(next);
    }
    return in;
}

} // namespace medkg::query
