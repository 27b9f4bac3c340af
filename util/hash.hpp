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

namespace detail {
/// `w` with each of its bytes 'A'..'Z' made 'a'..'z' and the others kept, eight at once.
[[nodiscard]] inline std::uint64_t ascii_lower_word(std::uint64_t w) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_high = 0x8080808080808080ULL;
    const std::uint64_t low7 = w & ~k_high;                   // each byte's value below 0x80
    const std::uint64_t from_a = low7 + (0x80 - 'A') * k_ones; // high bit: value >= 'A'
    const std::uint64_t past_z = low7 + (0x7F - 'Z') * k_ones; // high bit: value > 'Z'
    const std::uint64_t upper = from_a & ~past_z & ~w & k_high; // ... and the byte is ASCII
    return w | upper >> 2;                                       // 0x80 >> 2 is 'a' - 'A'
}

template <bool Lower> [[nodiscard]] inline std::uint64_t hash64_words(std::string_view data) {
    constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ULL;
    const auto word = [](std::uint64_t w) { return Lower ? ascii_lower_word(w) : w; };
    const char* const p = data.data();
    const std::size_t n = data.size();
    std::uint64_t h = 0x243F6A8885A308D3ULL ^ (n * k_mul);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h = (h ^ word(load_le<std::uint64_t>(p + i))) * k_mul;
        h ^= h >> 32;
    }
    // The last n - i (< 8) bytes as a little-endian number, read without a byte loop or a
    // call: overlapping loads that stay inside [p, p + n). The bytes above them are zero.
    const std::size_t r = n - i;
    std::uint64_t tail = 0;
    if (n >= 8) {
        tail = r == 0 ? 0 : load_le<std::uint64_t>(p + n - 8) >> (8 * (8 - r));
    } else if (r >= 4) {
        tail = load_le<std::uint32_t>(p) |
               (std::uint64_t{load_le<std::uint32_t>(p + r - 4)} << (8 * (r - 4)));
    } else if (r > 0) {
        tail = std::uint64_t{static_cast<unsigned char>(p[0])} |
               (std::uint64_t{static_cast<unsigned char>(p[r / 2])} << (8 * (r / 2))) |
               (std::uint64_t{static_cast<unsigned char>(p[r - 1])} << (8 * (r - 1)));
    }
    h = (h ^ word(tail)) * k_mul;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
}
} // namespace detail

/// A fast 64-bit hash of `data`, eight bytes at a time (for hash tables, not for integrity).
/// Snapshots store tables placed by it: a change to its values is a change of snapshot format.
/// Inline, because the Hub reader and the exporters hash tens of millions of short strings.
[[nodiscard]] inline std::uint64_t hash64(std::string_view data) {
    return detail::hash64_words<false>(data);
}

/// hash64(ascii_lower(data)), without the copy: the words are lower-cased as they are read.
/// For tables where ASCII case variants of a name (Hub ids) must meet.
[[nodiscard]] inline std::uint64_t hash64_lower(std::string_view data) {
    return detail::hash64_words<true>(data);
}

/// A 128-bit digest as 32 hex digits (two FNV-1a passes with different bases). Used for cache
/// keys and checksums, where an adversary is not expected; callers that must be sure compare the
/// stored key as well.
[[nodiscard]] std::string digest_hex(std::string_view data);

} // namespace medkg::util
