#pragma once

#include "ingest/facts.hpp"

#include <string>
#include <string_view>

namespace medkg::ingest {

/// Reads a JSON entries file (docs/entries.md) into facts. `source` names the file in
/// diagnostics and provenance. Bad input never throws: each problem is a diagnostic with
/// `source:line:col`, the entry or fact in error is skipped and counted, the rest is read.
[[nodiscard]] FactBatch read_json_entries(std::string_view text, std::string source);

/// True when `text` looks like a JSON entries file (an object with a "medkg_entries" member).
[[nodiscard]] bool looks_like_json_entries(std::string_view text);

} // namespace medkg::ingest
