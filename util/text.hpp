#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::util {

/// One UTF-8 character: its code point and its length in bytes (0: not valid UTF-8 there).
struct Utf8Char {
    std::uint32_t code_point;
    std::size_t length;
};
/// Decodes the character at text[i] (i < text.size()). Length 0 for a bad lead byte, a truncated
/// or broken sequence, an overlong form, a surrogate or a value above U+10FFFF.
[[nodiscard]] Utf8Char decode_utf8(std::string_view text, std::size_t i);

/// True when every byte of `text` is below 0x80 (so it is valid UTF-8); inline for hot loops.
[[nodiscard]] inline bool is_ascii(std::string_view text) {
    std::uint64_t seen = 0;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t w = 0;
        __builtin_memcpy(&w, text.data() + i, 8);
        seen |= w;
    }
    for (; i < text.size(); ++i) {
        seen |= static_cast<unsigned char>(text[i]);
    }
    return (seen & 0x8080808080808080ULL) == 0;
}

/// Whether `a` and `b` hold the same bytes. Inline, without a call: the Hub reader compares
/// tens of millions of short strings (dates, licenses, ids), for which a call to memcmp and its
/// size dispatch cost more than the comparison. Reads only inside both views.
[[nodiscard]] inline bool same_bytes(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) {
        return false;
    }
    const char* const p = a.data();
    const char* const q = b.data();
    const auto word = [](const char* s) {
        std::uint64_t w = 0;
        __builtin_memcpy(&w, s, 8);
        return w;
    };
    const auto half = [](const char* s) {
        std::uint32_t w = 0;
        __builtin_memcpy(&w, s, 4);
        return w;
    };
    if (n >= 8) { // whole words, the last one overlapping the one before
        for (std::size_t i = 0; i + 8 < n; i += 8) {
            if (word(p + i) != word(q + i)) {
                return false;
            }
        }
        return word(p + n - 8) == word(q + n - 8);
    }
    if (n >= 4) {
        return half(p) == half(q) && half(p + n - 4) == half(q + n - 4);
    }
    // 0 to 3 bytes: the first, middle and last cover them all.
    return n == 0 || (p[0] == q[0] && p[n / 2] == q[n / 2] && p[n - 1] == q[n - 1]);
}

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view text);

/// Offset of the first byte that makes `text` ill-formed UTF-8, or nullopt when it is valid.
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// `text` without leading and trailing ASCII white space.
[[nodiscard]] std::string_view trim(std::string_view text);

/// ASCII lower-case copy; bytes >= 0x80 are kept as they are.
[[nodiscard]] std::string ascii_lower(std::string_view text);

/// ascii_lower into `out` (room for text.size() bytes), for hot loops that lower into a stack
/// buffer; returns the end of what was written.
inline char* ascii_lower_to(std::string_view text, char* out) {
    for (const char c : text) {
        *out++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

/// Splits on `sep`, keeping empty fields.
[[nodiscard]] std::vector<std::string_view> split(std::string_view text, char sep);

/// `items` joined with `sep`.
[[nodiscard]] std::string join(const std::vector<std::string>& items, std::string_view sep);

/// 1-based line and column (in bytes) of `offset` within `text`.
struct LineColumn {
    std::size_t line = 1;
    std::size_t column = 1;
};
[[nodiscard]] LineColumn line_column(std::string_view text, std::size_t offset);

/// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);
/// The same, with the caller's scratch memory (for loops over many names) and only the cells
/// within `limit` of the diagonal computed.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit,
                                        std::vector<std::size_t>& scratch);

/// Reads a whole file. Throws medkg::Error naming the path when it cannot be read.
[[nodiscard]] std::string read_file(const std::string& path);

} // namespace medkg::util
