#pragma once

// Code points and names for the Chinese and Japanese base readers (cjk_bases.cpp, chains.cpp):
// the tokens around a cue, and models named in Chinese.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medkg::ingest::md {

/// Code points of `text` with their byte offsets (one past the end appended). No-break,
/// ideographic and other wide spaces are read as plain spaces.
struct CodePoints {
    std::vector<std::uint32_t> cps;
    std::vector<std::size_t> offsets;
};

[[nodiscard]] CodePoints decode(std::string_view text);
[[nodiscard]] std::vector<std::uint32_t> utf32(std::string_view s);
[[nodiscard]] bool matches_at(const std::vector<std::uint32_t>& cps, std::size_t at,
                              const std::vector<std::uint32_t>& pat);
/// Whether any of `pats` starts in [from, to).
[[nodiscard]] bool any_within(const std::vector<std::uint32_t>& cps, std::size_t from,
                              std::size_t to, const std::vector<std::vector<std::uint32_t>>& pats);

/// A hyphen, also typed as U+2010, U+2011 or U+2013.
[[nodiscard]] bool dash(std::uint32_t cp);
[[nodiscard]] bool ascii_token_char(std::uint32_t cp);

/// The ASCII token starting at code point `at` (after spaces), as [begin, end) code points.
[[nodiscard]] std::pair<std::size_t, std::size_t> token_after(const std::vector<std::uint32_t>& cps,
                                                              std::size_t at);
/// The ASCII token ending right before code point `at` (spaces skipped).
[[nodiscard]] std::pair<std::size_t, std::size_t>
token_before(const std::vector<std::uint32_t>& cps, std::size_t at);
/// The words of a name before `at` ("Japanese Stable LM Gamma 7B に対して"): ASCII words joined
/// by single spaces, at most six, with kanji glued to the first ("東北大BERT").
[[nodiscard]] std::pair<std::size_t, std::size_t>
words_before(const std::vector<std::uint32_t>& cps, std::size_t at);

/// A name written with a parenthesis after it: a size stays part of the name ("OpenCALM (6.8b)"
/// is OpenCALM 6.8b), a remark goes ("Youri 7B (base)").
[[nodiscard]] std::string without_remark(std::string_view token);
/// A plain capitalised word that a chain of bases names as a model ("Guanaco").
[[nodiscard]] bool chain_word(std::string_view w);

/// A model named in Chinese: its code points [begin, end) and the name to give it.
struct CjkName {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string name;
};

/// Whether `stem` can name a model: no phrase word, and something left once the words that
/// only describe a model ("医疗", "多模态", "预训练") are gone.
[[nodiscard]] bool cjk_stem_names(std::string_view stem);
/// `name` less the words before it that say how it stands ("已备案", "自研").
[[nodiscard]] std::string without_leading_qualifiers(std::string name);
/// The text of code points [b, e) with wide spaces as plain ones and the ends trimmed.
[[nodiscard]] std::string plain_span(std::string_view text, const CodePoints& cp, std::size_t b,
                                     std::size_t e);
/// A model named in Chinese at `at`, ending in a model word: "天河天元大模型", "百川 2 模型"
/// (named "百川 2"). Empty when the words before the model word only describe one.
[[nodiscard]] std::optional<CjkName> cjk_model_name(std::string_view text, const CodePoints& cp,
                                                    std::size_t at);

} // namespace medkg::ingest::md
