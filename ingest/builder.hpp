#pragma once

#include "graph/knowledge_graph.hpp"
#include "ingest/facts.hpp"
#include "util/diagnostic.hpp"

#include <vector>

namespace medkg::ingest {

/// What applying one source's facts did to the graph. Every record of the source is counted
/// once: records_seen = (records that produced graph content) + records_skipped.
struct BuildStats {
    std::size_t records_seen = 0;
    std::size_t records_skipped = 0;
    std::size_t nodes_created = 0;
    std::size_t nodes_merged = 0;   ///< node facts that joined an existing node
    std::size_t placeholders = 0;   ///< nodes made for names no source declared
    std::size_t variants = 0;       ///< size-variant nodes made from names (`LLaMA-7B`)
    std::size_t aliases = 0;
    std::size_t attributes = 0;
    std::size_t edges_added = 0;
    std::size_t edges_merged = 0;   ///< edge facts that gave an existing edge one more source
    std::size_t facts_rejected = 0; ///< facts that became only a diagnostic
    std::size_t guesses_left_out = 0; ///< guessed edge facts not applied (BuildOptions::stated_only)

    BuildStats& operator+=(const BuildStats& other);
};

/// Applies fact batches to a graph. Identity: a node fact joins an existing node when one of its
/// strong keys (hf_id, arxiv, doi) or its name resolves to a node of a compatible kind (model
/// and base_model are compatible); otherwise it makes a new node. A name with a size suffix whose
/// family is known becomes a variant of it. Relation targets that resolve to nothing become
/// placeholders, with a warning; ambiguous targets and self-loops are errors.
/// How facts are applied.
struct BuildOptions {
    /// Leave out edges that a name or a link alone suggested (graph::is_guess): the graph holds
    /// what its sources state. Each one left out is counted in BuildStats::guesses_left_out.
    bool stated_only = false;
};

class GraphBuilder {
public:
    explicit GraphBuilder(graph::KnowledgeGraph& graph, BuildOptions options = {})
        : m_graph(graph), m_options(options) {}

    /// Applies `batches` in order, all node facts first (so that a relation may name what a later
    /// source declares), then aliases, attributes and edges. Each batch's own diagnostics and the
    /// builder's go to `diagnostics`. Returns one BuildStats per batch.
    std::vector<BuildStats> apply(const std::vector<FactBatch>& batches,
                                  util::Diagnostics& diagnostics);

private:
    graph::KnowledgeGraph& m_graph;
    BuildOptions m_options;
};

} // namespace medkg::ingest
