#pragma once

#include "graph/frozen_graph.hpp"
#include "util/diagnostic.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

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

/// A local file or pipe opened to be read once, with its first bytes read to tell what it is:
/// `medkg build` streams it when it is a Hub dump, whatever its name (`zcat x.jsonl.gz |
/// medkg build /dev/stdin`). A pipe cannot be read again, so whoever does not stream it takes
/// its text from here (read_all).
class LocalInput {
public:
    /// Opens `path` and reads its head: its first line and the first byte of the next, at least
    /// 64 KiB (less at the end), at most 16 MiB. Throws medkg::Error when it cannot be read.
    explicit LocalInput(std::string path);
    LocalInput(LocalInput&& other) noexcept;
    LocalInput& operator=(LocalInput&&) = delete;
    LocalInput(const LocalInput&) = delete;
    LocalInput& operator=(const LocalInput&) = delete;
    ~LocalInput();

    [[nodiscard]] const std::string& path() const { return m_path; }
    /// A regular file, which can be read again by its path.
    [[nodiscard]] bool regular() const { return m_regular; }
    /// Its size in bytes when it is a regular file, else 0.
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] std::string_view head() const { return m_head; }
    /// True when it is a JSON Lines dump of Hub model objects, as ingest::detect_format tells by
    /// its name (`.jsonl`, `.ndjson`), else by its head: both read the same inputs as dumps.
    [[nodiscard]] bool is_hub_dump() const;
    /// The head and the rest, read to the end.
    [[nodiscard]] std::string read_all();
    /// Hands the descriptor and the head over (the caller closes the descriptor).
    int release(std::string& head);

private:
    std::string m_path;
    int m_fd = -1;
    bool m_regular = false;
    std::size_t m_size = 0;
    std::string m_head;
    bool m_eof = false;
};

/// Builds the frozen arrays of a JSON Lines dump of Hub model objects without holding the file
/// or a DOM of it: workers read chunks of whole lines in turn (a pipe works too), parse them in
/// parallel (RapidJSON SAX, only the fields medkg maps) and the results are applied in line
/// order, so the output is byte for byte the same whatever the thread count and chunk size. Malformed lines are diagnostics with their line number. Throws
/// medkg::Error when the file cannot be read.
[[nodiscard]] HubStreamResult build_from_hub_dump(const std::string& path,
                                                  const HubStreamOptions& options);
/// The same, from an input already opened (its head is the dump's first bytes).
[[nodiscard]] HubStreamResult build_from_hub_dump(LocalInput input, const HubStreamOptions& options);

} // namespace medkg::ingest
