#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace medkg::util {

/// True when `path` exists and is neither a regular file nor a directory (a device, a FIFO, a
/// socket): such an output is written in place, never replaced by a rename.
[[nodiscard]] bool is_special_file(const std::string& path);

/// Writes a file atomically: `write` fills a temporary file beside `path`, which is flushed and
/// renamed over `path` only when `write` returns normally (not synced to disk: see the .cpp). A reader never sees a
/// half-written file. Throws medkg::Error (naming the path) when the file cannot be created,
/// written or renamed; the temporary file is removed on every failure, and an exception from
/// `write` propagates after that clean-up. A `path` that is a device or a pipe (/dev/null, a FIFO)
/// is written in place: there is nothing to rename over.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

} // namespace medkg::util
