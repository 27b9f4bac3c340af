// libFuzzer harness for the markdown list reader: any bytes in, no crash, no hang, no sanitizer
// finding, and the batch it returns is consistent (every index in range, every record counted).
// Built and run by fuzz/run.sh, not by CMake or CI.
#include "ingest/markdown/reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void require(bool ok) {
    if (!ok) {
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto read = medkg::ingest::read_markdown_detailed(text, "fuzz.md");
    const auto& b = read.batch;
    require(b.records_seen == read.entries.size());
    require(b.records_skipped <= b.records_seen);
    std::size_t skipped = 0;
    for (const auto& e : read.entries) {
        require(e.section < read.sections.size());
        skipped += e.skipped ? 1U : 0U;
    }
    require(skipped == b.records_skipped);
    const auto n = b.nodes.size();
    for (const auto& node : b.nodes) {
        require(!node.name.empty());
    }
    for (const auto& a : b.aliases) {
        require(a.subject < n);
    }
    for (const auto& a : b.attributes) {
        require(a.subject < n);
    }
    for (const auto& e : b.edges) {
        require(e.subject < n);
        require(!e.target_index || (*e.target_index < n && *e.target_index != e.subject));
    }
    // The content detector must not fail on the same bytes either.
    (void)medkg::ingest::looks_like_markdown_list(text);
    return 0;
}
