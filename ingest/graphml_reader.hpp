#pragma once

#include "ingest/facts.hpp"

#include <string>
#include <string_view>

namespace medkg::ingest {

/// Separator of multi-valued attributes in medkg's GraphML (`2023 | 2022`).
inline constexpr std::string_view k_graphml_value_separator = " | ";

/// Reads GraphML written by medkg (or any GraphML with `label` and `kind` keys) into facts,
/// with Boost's read_graphml; keys it does not know are ignored. Malformed XML or an unknown
/// kind is a diagnostic, never a crash.
[[nodiscard]] FactBatch read_graphml_facts(std::string_view text, std::string source);

} // namespace medkg::ingest
