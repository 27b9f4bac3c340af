#include "ingest/markdown/text.hpp"

#include "graph/names.hpp"

namespace medkg::ingest::md {

// ---------------------------------------------------------------------------------------------
// Small text helpers



std::string fold(std::string_view s) { return graph::fold_name(s); }


/// Cuts `s` to at most `max` bytes on a code-point boundary, marking the cut.
std::string clip(std::string_view s, std::size_t max) {
    if (s.size() <= max) {
        return std::string(s);
    }
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return std::string(s.substr(0, cut)) + "...";
}

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ') {
            ++j;
        }
        if (j > i) {
            out.emplace_back(s.substr(i, j - i));
        }
        i = j;
    }
    return out;
}

std::size_t count_letters(std::string_view s) {
    std::size_t n = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::uint32_t cp = md::next_code_point(s, i);
        if ((cp < 0x80 && is_alpha(static_cast<char>(cp))) ||
            (cp >= 0x80 && md::is_cjk(cp) && !(cp >= 0x3000 && cp <= 0x303F) &&
             !(cp >= 0xFF00 && cp <= 0xFF20))) {
            ++n;
        }
    }
    return n;
}

/// Leading separators of a title after a name: ": ", "：", ",", "--", "—", "-".
std::string_view strip_leading_separators(std::string_view s) {
    for (;;) {
        s = util::trim(s);
        if (s.starts_with(":") || s.starts_with(",") || s.starts_with("-") || s.starts_with(";") ||
            s.starts_with(".")) {
            s.remove_prefix(1);
        } else if (s.starts_with("：") || s.starts_with("，") || s.starts_with("—") ||
                   s.starts_with("–")) {
            s.remove_prefix(3);
        } else {
            return s;
        }
    }
}

std::string trim_name(std::string_view s) {
    s = util::trim(s);
    for (;;) {
        if (s.ends_with(":") || s.ends_with(",") || s.ends_with(";") || s.ends_with("-")) {
            s.remove_suffix(1);
        } else if (s.ends_with("：") || s.ends_with("，")) {
            s.remove_suffix(3);
        } else {
            break;
        }
        s = util::trim(s);
    }
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
        s = s.substr(1, s.size() - 2);
    }
    return clip(util::trim(s), k_max_name);
}

/// Skips emoji and spaces at the start of `s`.
std::string_view skip_leading_emoji(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ' ' || s[i] == '\t') {
            ++i;
            continue;
        }
        std::size_t j = i;
        const std::uint32_t cp = md::next_code_point(s, j);
        const bool emoji = cp == 0x200D || cp == 0x20E3 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
                           (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
                           (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x2300 && cp <= 0x23FF);
        if (!emoji) {
            break;
        }
        i = j;
    }
    return s.substr(i);
}

/// The index of the bracket closing the one at `open` (same kind, nesting counted), or npos.
std::size_t matching_bracket(std::string_view s, std::size_t open, char o, char c) {
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == o) {
            ++depth;
        } else if (s[i] == c) {
            if (--depth == 0) {
                return i;
            }
        }
    }
    return std::string_view::npos;
}

} // namespace medkg::ingest::md
