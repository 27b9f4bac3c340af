#pragma once

#include "ingest/facts.hpp"

#include <string>
#include <string_view>

namespace medkg::ingest {

/// True when the file at `path` starts with the snapshot magic.
[[nodiscard]] bool is_snapshot_file(const std::string& path);

/// Reads a snapshot written by `medkg build` back into facts, so that it can be combined with
/// other sources: every node (placeholders stay placeholders), alias, attribute and edge, each
/// provenance kept as what it cites. Throws medkg::Error when the snapshot is unusable.
[[nodiscard]] FactBatch read_snapshot_facts(const std::string& path);

} // namespace medkg::ingest
