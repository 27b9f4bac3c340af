#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace medkg::util {

/// Pieces in which a snapshot is written (see write_fully). One call with a large buffer lets
/// ext4 (Linux 6.x) back the file with large page-cache folios, which come from high-order free
/// memory; on this VM (its free pages reported to the host) such memory is slow to touch the
/// first time. A new 256 MB file written in one call took 0.65-0.70 s, in 32 KiB calls 0.07 s;
/// tmpfs took 0.08 s either way. The exports (1.6 GB for a 1M-model graph) keep their
/// megabyte calls: in 32 KiB pieces they were faster to the disk but sometimes 2.5 times
/// slower to tmpfs, where the driver writes them.
inline constexpr std::size_t k_snapshot_write_piece = std::size_t{32} << 10;

/// Writes all `n` bytes of `data` to `fd`, at `offset` (pwrite) or, when `offset` is negative,
/// at the descriptor's position, in calls of at most `piece` bytes, retrying on EINTR.
/// Returns 0, or the errno of the call that failed.
[[nodiscard]] int write_fully(int fd, const void* data, std::size_t n, std::int64_t offset = -1,
                              std::size_t piece = SIZE_MAX);

/// Reads all `n` bytes at `offset` of `fd` into `data` (pread), retrying on EINTR and short
/// reads. Returns 0, the errno of the call that failed, or EIO when the file ends first.
[[nodiscard]] int read_fully(int fd, void* data, std::size_t n, std::uint64_t offset);

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
