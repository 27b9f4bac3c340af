#pragma once

// What the headings above an entry say about it: the section's kind (models, data, papers), the
// relation its models usually have to their bases, whether it is multimodal, the task it names,
// and whether its items are entries at all (navigation, news and credits are not).

#include "ingest/markdown/bases.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest::md {

enum class SectionKind : std::uint8_t { none, models, data_strong, data_weak, papers };

struct Context {
    std::uint32_t section = 0;       ///< index into MarkdownRead::sections
    std::vector<std::string> titles; ///< headings (and category labels) above, outermost first
    SectionKind kind = SectionKind::none;
    md::Relation relation = md::Relation::unknown;
    bool multimodal = false;
    bool scratch = false; ///< models trained from scratch: "X ベース" in them is an architecture
    std::string task;
};

/// Whole-word containment for ASCII words (`text` lower-cased); plain containment for CJK.
[[nodiscard]] bool contains_word(std::string_view text, std::string_view word);

/// Whether `text` contains any of `words` as a word.
template <std::size_t N>
bool contains_any(std::string_view text, const std::string_view (&words)[N]) {
    for (auto w : words) {
        if (contains_word(text, w)) {
            return true;
        }
    }
    return false;
}

/// A heading reduced to lower-case words, for the skip list.
[[nodiscard]] std::string heading_key(std::string_view title);

/// Navigation and news: their own items are not entries, but headings below them are not theirs.
[[nodiscard]] bool is_navigation_heading(std::string_view title);

/// A table of contents ("Contents", 目录): a lone title some lists put over all their sections,
/// which is then no parent of what follows it.
[[nodiscard]] bool is_contents_heading(std::string_view title);

/// News and updates ("News", "🔥 Latest News", "新闻", "更新日志"): a section whose items announce
/// models as often as they report changes to the list.
[[nodiscard]] bool is_news_heading(std::string_view title);

/// Headings whose sections hold no entries: navigation, news, credits, licences, citations.
[[nodiscard]] bool is_skipped_heading(std::string_view title);

/// The task a heading names, given the headings above it; empty when none.
[[nodiscard]] std::string task_of(const std::vector<std::string>& titles);

/// Sets the kind, relation, modality and task of `c` from its titles.
void fill_hints(Context& c);

} // namespace medkg::ingest::md
