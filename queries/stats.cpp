#include "queries/stats.hpp"

#include "queries/checks.hpp"

#include <algorithm>

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
    std::sort(s.roots.begin(), s.roots.end(),
              [&](auto a, auto b) { return g.label(a) < g.label(b); });
    s.base_conflicts = find_base_conflicts(g).size();
    return s;
}

} // namespace medkg::query
