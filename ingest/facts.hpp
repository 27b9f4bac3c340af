#pragma once

#include "graph/kinds.hpp"
#include "util/diagnostic.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace medkg::ingest {

/// Where a fact was read and what it cites; becomes a graph::Provenance.
struct Origin {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string path;     ///< JSON path or section inside the source
    std::string cites;    ///< the upstream source the fact names (file:line or URL)
    std::string evidence; ///< the text stating the fact
    graph::Method method = graph::Method::curated;
    float confidence = 1.0F;
};

/// "This thing exists": a node of `kind` named `name`.
struct NodeFact {
    graph::NodeKind kind = graph::NodeKind::model;
    std::string name;
    Origin origin;
    bool placeholder = false; ///< named but never declared (kept so when re-read from a snapshot)
    /// Declared only as the base another entry names (`Qwen2.5-7B-Instruct` in "fine-tuned from
    /// ..."): the builder also makes the models its name states it comes from (`Qwen2.5-7B`,
    /// `Qwen2.5`; graph::name_parents), so that every source naming one of them meets there.
    bool named_as_base = false;
};

/// Another name for node fact `subject` (an index into FactBatch::nodes).
struct AliasFact {
    std::uint32_t subject = 0;
    std::string alias;
    Origin origin;
};

/// An attribute value of node fact `subject`.
struct AttrFact {
    std::uint32_t subject = 0;
    graph::AttrKey key = graph::AttrKey::note;
    std::string value;
    Origin origin;
};

/// An edge from node fact `subject` to the thing named `target` (a name, alias or strong key),
/// or, when `target_index` is set, to that node fact of the same batch.
struct EdgeFact {
    std::uint32_t subject = 0;
    graph::EdgeKind kind = graph::EdgeKind::fine_tuned_from;
    std::string target;
    std::optional<graph::NodeKind> target_kind;
    std::optional<std::uint32_t> target_index;
    Origin origin;
};

/// Everything one source said, plus its diagnostics. Readers fill it completely before anything
/// reaches the graph, so a source that fails midway is never half-ingested.
struct FactBatch {
    std::string source; ///< the source as named by the user: a path, "default", a URL
    std::vector<NodeFact> nodes;
    std::vector<AliasFact> aliases;
    std::vector<AttrFact> attributes;
    std::vector<EdgeFact> edges;
    util::Diagnostics diagnostics;
    std::size_t records_seen = 0;    ///< input records (entries, list items, rows) read
    std::size_t records_skipped = 0; ///< records that became only a diagnostic

    /// A location inside this source, for diagnostics.
    [[nodiscard]] util::Location at(std::uint32_t line, std::uint32_t column = 0) const {
        return util::Location{source, line, column};
    }
};

} // namespace medkg::ingest
