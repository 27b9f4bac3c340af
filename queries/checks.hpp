#pragma once

#include "graph/frozen_graph.hpp"

#include <algorithm>
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

/// A model that a list or card names and a Hub id names too: joined by name (with the reason the
/// builder recorded), or left apart because the name is the name part of several Hub ids, or of
/// one the model was not joined to (uncertain: a person should decide).
struct NameJoin {
    graph::NodeId node = 0;
    std::vector<graph::NodeId> hub_models; ///< the Hub models whose id has the node's name
    std::string reason;                    ///< the join's evidence, or why it is uncertain
    bool uncertain = false;
};

struct CheckReport {
    std::vector<BaseConflict> base_conflicts;
    std::vector<AttributeConflict> attribute_conflicts;
    std::vector<Cycle> cycles;
    std::vector<graph::NodeId> dangling; ///< placeholders: named by a relation, declared nowhere
    std::vector<DuplicateCandidate> duplicates;
    std::vector<NameJoin> name_joins; ///< joins of names to Hub ids, made and uncertain
    /// Derivation edges no source states, only guessed from a name or a link (graph::is_guess):
    /// listed for review, not counted as problems.
    std::vector<graph::EdgeId> guesses;

    /// The number of findings to look at: everything but the joins that were made.
    [[nodiscard]] std::size_t total() const {
        const auto uncertain = static_cast<std::size_t>(std::count_if(
            name_joins.begin(), name_joins.end(), [](const NameJoin& j) { return j.uncertain; }));
        return base_conflicts.size() + attribute_conflicts.size() + cycles.size() +
               dangling.size() + duplicates.size() + uncertain;
    }
};

/// The document a provenance cites, without its line: "corpus/lists/x.md", a URL, or the source.
[[nodiscard]] std::string cited_document(const graph::FrozenGraph& graph, graph::ProvId prov);

/// Base-model conflicts only (cheap enough for stats).
[[nodiscard]] std::vector<BaseConflict> find_base_conflicts(const graph::FrozenGraph& graph);

/// Derivation cycles (each reported once, starting at its smallest node id).
[[nodiscard]] std::vector<Cycle> find_cycles(const graph::FrozenGraph& graph);

/// Models joined to a Hub id by name (see ingest's builder), and models whose name is the name
/// of Hub ids they were not joined to.
[[nodiscard]] std::vector<NameJoin> find_name_joins(const graph::FrozenGraph& graph);

/// Derivation edges that are only guesses, by subject label then base label.
[[nodiscard]] std::vector<graph::EdgeId> find_guesses(const graph::FrozenGraph& graph);

/// Every check. Duplicate candidates compare model-like names pairwise within folded-length
/// buckets, so it is meant for curated-size graphs.
[[nodiscard]] CheckReport run_checks(const graph::FrozenGraph& graph);

} // namespace medkg::query
