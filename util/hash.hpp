#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace medkg::util {

/// 64-bit FNV-1a of `data` with a given offset basis; fast, not cryptographic.
[[nodiscard]] std::uint64_t fnv1a64(std::string_view data,
                                    std::uint64_t basis = 0xcbf29ce484222325ULL);

/// A fast 64-bit hash of `data`, eight bytes at a time (for hash tables, not for integrity).
[[nodiscard]] std::uint64_t hash64(std::string_view data);

/// A 128-bit digest as 32 hex digits (two FNV-1a passes with different bases). Used for cache
/// keys and checksums, where an adversary is not expected; callers that must be sure compare the
/// stored key as well.
[[nodiscard]] std::string digest_hex(std::string_view data);

} // namespace medkg::util
