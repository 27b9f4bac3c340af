#pragma once

#include "graph/frozen_graph.hpp"

#include <string>
#include <vector>

namespace medkg::query {

/// Two sources give one model two different bases: neither base derives from the other and no
/// single source states both (which would make it a merge or a multi-part model).
struct BaseConflict {
    graph::NodeId model = 0;
    graph::EdgeId first;
    graph::EdgeId second;
};

/// One attribute with different values from different sources (two years, two sizes).
struct AttributeConflict {
    graph::NodeId node = 0;
    graph::AttrKey key = graph::AttrKey::year;
    std::vector<graph::AttrView> values;
};

/// A cycle of derivation edges, as the nodes along it.
struct Cycle {
    std::vector<graph::NodeId> nodes;
};

/// Two nodes whose names are one typo apart, or that share a strong key (possible duplicates).
struct DuplicateCandidate {
    graph::NodeId first = 0;
    graph::NodeId second = 0;
    std::string reason;
};

struct CheckReport {
    std::vector<BaseConflict> base_conflicts;
    std::vector<AttributeConflict> attribute_conflicts;
    std::vector<Cycle> cycles;
    std::vector<graph::NodeId> dangling; ///< placeholders: named by a relation, declared nowhere
    std::vector<DuplicateCandidate> duplicates;

    [[nodiscard]] std::size_t total() const {
        return base_conflicts.size() + attribute_conflicts.size() + cycles.size() +
               dangling.size() + duplicates.size();
    }
};

/// The document a provenance cites, without its line: "corpus/lists/x.md", a URL, or the source.
[[nodiscard]] std::string cited_document(const graph::FrozenGraph& graph, graph::ProvId prov);

/// Base-model conflicts only (cheap enough for stats).
[[nodiscard]] std::vector<BaseConflict> find_base_conflicts(const graph::FrozenGraph& graph);

/// Derivation cycles (each reported once, starting at its smallest node id).
[[nodiscard]] std::vector<Cycle> find_cycles(const graph::FrozenGraph& graph);

/// Every check. Duplicate candidates compare model-like names pairwise within folded-length
/// buckets, so it is meant for curated-size graphs.
[[nodiscard]] CheckReport run_checks(const graph::FrozenGraph& graph);

} // namespace medkg::query
