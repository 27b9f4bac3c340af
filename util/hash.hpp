#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace medkg::util {

namespace detail {
/// The little-endian number in the sizeof(T) bytes at p (medkg builds for little-endian CPUs).
static_assert(std::endian::native == std::endian::little, "hash64 reads words as little-endian");
template <typename T> [[nodiscard]] inline T load_le(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
} // namespace detail

/// 64-bit FNV-1a of `data` with a given offset basis; fast, not cryptographic.
[[nodiscard]] std::uint64_t fnv1a64(std::string_view data,
                                    std::uint64_t basis = 0xcbf29ce484222325ULL);

/// A fast 64-bit hash of `data`, eight bytes at a time (for hash tables, not for integrity).
/// Snapshots store tables placed by it: a change to its values is a change of snapshot format.
/// Inline, because the Hub reader and the exporters hash tens of millions of short strings.
[[nodiscard]] inline std::uint64_t hash64(std::string_view data) {
    constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ULL;
    const char* const p = data.data();
    const std::size_t n = data.size();
    std::uint64_t h = 0x243F6A8885A308D3ULL ^ (n * k_mul);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h = (h ^ detail::load_le<std::uint64_t>(p + i)) * k_mul;
        h ^= h >> 32;
    }
    // The last n - i (< 8) bytes as a little-endian number, read without a byte loop or a
    // call: overlapping loads that stay inside [p, p + n).
    const std::size_t r = n - i;
    std::uint64_t tail = 0;
    if (n >= 8) {
        tail = r == 0 ? 0 : detail::load_le<std::uint64_t>(p + n - 8) >> (8 * (8 - r));
    } else if (r >= 4) {
        tail = detail::load_le<std::uint32_t>(p) |
               (std::uint64_t{detail::load_le<std::uint32_t>(p + r - 4)} << (8 * (r - 4)));
    } else if (r > 0) {
        tail = std::uint64_t{static_cast<unsigned char>(p[0])} |
               (std::uint64_t{static_cast<unsigned char>(p[r / 2])} << (8 * (r / 2))) |
               (std::uint64_t{static_cast<unsigned char>(p[r - 1])} << (8 * (r - 1)));
    }
    h = (h ^ tail) * k_mul;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
}

/// A 128-bit digest as 32 hex digits (two FNV-1a passes with different bases). Used for cache
/// keys and checksums, where an adversary is not expected; callers that must be sure compare the
/// stored key as well.
[[nodiscard]] std::string digest_hex(std::string_view data);

} // namespace medkg::util
