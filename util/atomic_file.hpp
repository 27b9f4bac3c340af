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

/// Puts the finished file `tmp` at `path`, atomically, for a file whose reader verifies its
/// checksums (a snapshot). When `path` is a regular file the two are exchanged (renameat2's
/// RENAME_EXCHANGE) and the old file is then removed: a plain rename over an existing file makes
/// ext4 (auto_da_alloc) start writing the new file back inside the rename, which a build of a
/// quarter-gigabyte snapshot waited 0.1 s for. That flush guards unchecked files against a
/// power loss; a torn snapshot is refused by its checksums instead. Falls back to rename where
/// exchange is not supported. Throws medkg::Error naming `path`; `tmp` is left to the caller.
void replace_checked_file(const std::string& tmp, const std::string& path);

} // namespace medkg::util
