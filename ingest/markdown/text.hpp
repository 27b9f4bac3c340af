#pragma once

// Small text helpers of the list reader, and the bounds that keep it linear on any input.

#include "ingest/markdown/inline.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest::md {

// Bounds that keep time linear and memory proportional on any input: an entry (a list item
// with its continuation lines and nested items) is read up to this many bytes, items nest up
// to this depth (deeper ones are read as text of the deepest), and evidence is clipped.
inline constexpr std::size_t k_max_entry_bytes = 64 * 1024;
inline constexpr std::size_t k_max_depth = 16;
inline constexpr std::size_t k_max_evidence = 200;
inline constexpr std::size_t k_max_name = 120;

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

/// `s` with ASCII letters lower-cased.
[[nodiscard]] inline std::string lower(std::string_view s) { return util::ascii_lower(s); }

/// Membership in a word list. (A set cached in a static here would be shared by every list of
/// the same length: the template is instantiated per length, not per list.)
template <std::size_t N>
[[nodiscard]] bool in_list(const std::string_view (&list)[N], std::string_view w) {
    return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

/// graph::fold_name.
[[nodiscard]] std::string fold(std::string_view s);

/// Whether `w` is one of `list`.
template <std::size_t N> bool in(const std::string_view (&list)[N], std::string_view w) {
    return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

/// Cuts `s` to at most `max` bytes on a code-point boundary, marking the cut.
[[nodiscard]] std::string clip(std::string_view s, std::size_t max);

/// The words of `s` separated by spaces.
[[nodiscard]] std::vector<std::string> split_words(std::string_view s);

/// Letters (ASCII and CJK ideographs) in `s`.
[[nodiscard]] std::size_t count_letters(std::string_view s);

/// Leading separators of a title after a name: ": ", "：", ",", "--", "—", "-".
[[nodiscard]] std::string_view strip_leading_separators(std::string_view s);

/// A name without trailing punctuation or enclosing quotes, clipped to k_max_name bytes.
[[nodiscard]] std::string trim_name(std::string_view s);

/// Skips emoji and spaces at the start of `s`.
[[nodiscard]] std::string_view skip_leading_emoji(std::string_view s);

/// The index of the bracket closing the one at `open` (same kind, nesting counted), or npos.
[[nodiscard]] std::size_t matching_bracket(std::string_view s, std::size_t open, char o, char c);

} // namespace medkg::ingest::md
