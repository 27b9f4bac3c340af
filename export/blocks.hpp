#pragma once

#include "export/buffer.hpp"

#include <cstddef>
#include <functional>

namespace medkg::exporter {

/// How an export spreads its formatting over threads.
struct Parallelism {
    /// Threads that format (the calling one included); 0 = one per core, at most 8.
    unsigned threads = 0;
    /// Items (nodes or edges) per block.
    std::size_t block = 8192;
};

/// Formats items [begin, end) into the buffer. It must depend only on its range and on data no
/// thread changes, so that the blocks can be formatted in any order and on any thread.
using BlockFormat = std::function<void(OutBuffer& out, std::size_t begin, std::size_t end)>;

/// Formats items [0, count) block by block and appends the blocks to `out` in order, so the
/// bytes are those of one `format(out, 0, count)`. With more than one thread each thread formats
/// the next free block into memory and, when the blocks before it are out, writes it: both the
/// formatting and the stream's writes run while other blocks are being formatted, and at most
/// one block per thread is held in memory. An exception thrown by `format` stops every thread
/// and is rethrown here; a stream that fails stops the writing (the caller checks the stream).
void write_in_blocks(OutBuffer& out, std::size_t count, const BlockFormat& format,
                     const Parallelism& parallelism = {});

} // namespace medkg::exporter
