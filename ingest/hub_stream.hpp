#pragma once

#include "graph/frozen_graph.hpp"
#include "util/diagnostic.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>

namespace medkg::ingest {

/// What to do with base-model references to ids that are not in the dump.
enum class DanglingPolicy : std::uint8_t {
    placeholder, ///< keep them as placeholder nodes (and count them)
    report,      ///< drop the edge and report each one as a diagnostic
};

/// Options of the streaming Hub-dump build.
struct HubStreamOptions {
    DanglingPolicy dangling = DanglingPolicy::placeholder;
    unsigned threads = 0;           ///< parsing threads; 0 = one per core
    /// Bytes read and parsed as one run of lines. Each chunk's results wait for the assembler
    /// in a window of 4 per thread; at 8 MiB that window and the read buffers held 35-50 MB
    /// more at the peak than at 2 MiB (1M build: 254 MB against 220 MB), and every megabyte of
    /// peak is a fresh page, which our VMs' hosts back at about 0.5 GB/s.
    std::size_t chunk_bytes = 2u << 20;
    std::ostream* progress = nullptr; ///< a terminal to draw progress on (bytes, lines/s, ETA)
    bool index = true; ///< finish the arrays (FrozenArrays::finish); false leaves it to the caller
};

/// What the build read.
struct HubStreamResult {
    graph::FrozenArrays arrays;
    util::Diagnostics diagnostics;
    std::size_t lines = 0;     ///< non-empty lines
    std::size_t models = 0;    ///< lines that became a model
    std::size_t skipped = 0;   ///< malformed lines (each a diagnostic)
    std::size_t dangling = 0;  ///< base references to ids not in the dump
    std::size_t duplicates = 0;///< lines whose id an earlier line already declared (merged)
    double stream_seconds = 0; ///< reading, parsing and assembling the lines
    double index_seconds = 0;  ///< laying out values by node, then (if asked) the index
};

/// Builds the frozen arrays of a JSON Lines dump of Hub model objects without holding the file
/// or a DOM of it: workers read chunks of whole lines in turn (a pipe works too), parse them in
/// parallel (RapidJSON SAX, only the fields medkg maps) and the results are applied in line
/// order, so the output is byte for byte the same whatever the thread count and chunk size. Malformed lines are diagnostics with their line number. Throws
/// medkg::Error when the file cannot be read.
[[nodiscard]] HubStreamResult build_from_hub_dump(const std::string& path,
                                                  const HubStreamOptions& options);

/// True when `path` names a local JSON Lines file (`.jsonl`, `.ndjson`).
[[nodiscard]] bool is_hub_dump_path(const std::string& path);

} // namespace medkg::ingest
