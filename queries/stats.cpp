#include "queries/stats.hpp"

#include "queries/checks.hpp"
#include "queries/tree.hpp"

#include <algorithm>
#include <numeric>

namespace medkg::query {

Stats compute_stats(const graph::FrozenGraph& g) {
    Stats s;
    s.nodes = g.node_count();
    s.edges = g.edge_count();
    s.provenance_records = g.provenance_count();
    const auto cites = [&](std::span<const graph::ProvId> provs) {
        return std::any_of(provs.begin(), provs.end(),
                           [&](graph::ProvId p) { return graph::cites_a_source(g.provenance(p)); });
    };
    std::vector<graph::AttrView> attrs;
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        ++s.nodes_by_kind[static_cast<std::size_t>(g.kind(n))];
        s.placeholders += static_cast<std::size_t>(g.is_placeholder(n));
        s.facts_citing += static_cast<std::size_t>(cites(g.node_provenance(n)));
        // A value stated by several sources (or twice by one) is one fact with several
        // provenances, as an edge is; it cites a source when any of them does.
        attrs = g.attributes(n);
        for (std::size_t i = 0; i < attrs.size(); ++i) {
            const auto same = [&](const graph::AttrView& b) {
                return b.key == attrs[i].key && b.value == attrs[i].value;
            };
            if (std::any_of(attrs.begin(), attrs.begin() + static_cast<std::ptrdiff_t>(i), same)) {
                continue;
            }
            ++s.attribute_values;
            const auto cited = [&](const graph::AttrView& b) {
                return same(b) && graph::cites_a_source(g.provenance(b.prov));
            };
            const bool citing =
                std::any_of(attrs.begin() + static_cast<std::ptrdiff_t>(i), attrs.end(), cited);
            s.facts_citing += static_cast<std::size_t>(citing);
        }
        bool has_parent = false;
        bool has_child = false;
        for (const graph::EdgeId e_ : g.out_edges(n)) {
            has_parent = has_parent || graph::is_derivation(g.edge_kind(e_));
        }
        for (const graph::EdgeId e_ : g.in_edges(n)) {
            has_child = has_child || graph::is_derivation(g.edge_kind(e_));
        }
        if (graph::is_model_like(g.kind(n)) && has_child && !has_parent) {
            s.roots.push_back(n);
        }
    }
    for (graph::EdgeId e_ = 0; e_ < g.edge_count(); ++e_) {
        ++s.edges_by_kind[static_cast<std::size_t>(g.edge_kind(e_))];
        s.facts_citing += static_cast<std::size_t>(cites(g.edge_provenance(e_)));
    }
    s.facts = s.nodes + s.edges + s.attribute_values;
    // The largest families first: at Hub scale, a list by name began with placeholders.
    const std::vector<std::size_t> totals = descendant_totals(g, s.roots);
    std::vector<std::size_t> order(s.roots.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (totals[a] != totals[b]) {
            return totals[a] > totals[b];
        }
        const auto la = g.label(s.roots[a]);
        const auto lb = g.label(s.roots[b]);
        return la != lb ? la < lb : s.roots[a] < s.roots[b];
    });
    std::vector<graph::NodeId> roots;
    roots.reserve(order.size());
    s.root_descendants.reserve(order.size());
    for (const std::size_t i : order) {
        roots.push_back(s.roots[i]);
        s.root_descendants.push_back(totals[i]);
    }
    s.roots = std::move(roots);
    s.base_conflicts = find_base_conflicts(g).size();
    return s;
}

} // namespace medkg::query
