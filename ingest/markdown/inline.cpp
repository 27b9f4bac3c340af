#include "ingest/markdown/inline.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <limits>

namespace medkg::ingest::md {

namespace {

constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t k_replacement = 0xFFFD;

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
    if (at > s.size() || s.size() - at < prefix.size()) {
        return false;
    }
    for (std::size_t k = 0; k < prefix.size(); ++k) {
        if (lower(s[at + k]) != prefix[k]) {
            return false;
        }
    }
    return true;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && starts_with_ci(s, s.size() - suffix.size(), suffix);
}

std::string lower_copy(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = lower(c);
    }
    return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (char c : s) {
        if (is_space(c)) {
            pending = !out.empty();
            continue;
        }
        if (pending) {
            out += ' ';
            pending = false;
        }
        out += c;
    }
    return out;
}

bool is_emoji(std::uint32_t cp) {
    return cp == 0x200D || cp == 0x20E3 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x2300 && cp <= 0x23FF) ||
           (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x25A0 && cp <= 0x25FF) ||
           (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x3030 || cp == 0x303D;
}

/// Matching partner of every '[' and '(' (k_none when unmatched); escaped brackets ignored.
std::vector<std::uint32_t> match_brackets(std::string_view s) {
    std::vector<std::uint32_t> partner(s.size(), k_none);
    std::vector<std::uint32_t> squares;
    std::vector<std::uint32_t> rounds;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\') {
            ++i;
            continue;
        }
        if (c == '[') {
            squares.push_back(static_cast<std::uint32_t>(i));
        } else if (c == ']' && !squares.empty()) {
            partner[squares.back()] = static_cast<std::uint32_t>(i);
            squares.pop_back();
        } else if (c == '(') {
            rounds.push_back(static_cast<std::uint32_t>(i));
        } else if (c == ')' && !rounds.empty()) {
            partner[rounds.back()] = static_cast<std::uint32_t>(i);
            rounds.pop_back();
        }
    }
    return partner;
}

bool looks_like_url(std::string_view u) {
    return starts_with_ci(u, 0, "http://") || starts_with_ci(u, 0, "https://") ||
           starts_with_ci(u, 0, "www.") || u.find("://") != std::string_view::npos;
}

std::string unescape_url(std::string_view u) {
    std::string out;
    out.reserve(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) {
        if (u[i] == '\\' && i + 1 < u.size() && !is_alnum(u[i + 1])) {
            continue; // `BLUE\_Benchmark`, `faq\#collection`
        }
        out += u[i];
    }
    return out;
}

/// The URL inside a link's parentheses, cleaned of the mistakes lists make.
std::string clean_link_target(std::string_view inner) {
    std::string_view u = inner;
    while (!u.empty() && is_space(u.front())) {
        u.remove_prefix(1);
    }
    while (!u.empty() && is_space(u.back())) {
        u.remove_suffix(1);
    }
    // `[paper]((url))`: one stray layer of parentheses.
    if (u.size() >= 2 && u.front() == '(' && u.back() == ')') {
        u = u.substr(1, u.size() - 2);
    }
    if (u.size() >= 2 && u.front() == '<' && u.back() == '>') {
        u = u.substr(1, u.size() - 2);
    }
    // `[text]([url](url))`: keep the last target.
    if (const auto nested = u.rfind("]("); nested != std::string_view::npos) {
        u = u.substr(nested + 2);
        while (!u.empty() && u.back() == ')') {
            u.remove_suffix(1);
        }
    }
    if (!u.empty() && u.front() == '[') {
        u.remove_prefix(1);
    }
    // A title (`url "title"`) or stray words end the address.
    for (std::size_t k = 0; k < u.size(); ++k) {
        if (u[k] == ' ' || u[k] == '\t' || u[k] == '\n') {
            u = u.substr(0, k);
            break;
        }
    }
    return unescape_url(u);
}

/// End of a bare URL starting at `i`: stops at white space, markup and non-ASCII text, then
/// gives back trailing punctuation and unbalanced closing brackets.
std::size_t bare_url_end(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size()) {
        const auto c = static_cast<unsigned char>(s[j]);
        if (c >= 0x80 || is_space(s[j]) || c == '<' || c == '>' || c == '"' || c == '`' ||
            c == '|' || c == '[' || c == ']') {
            break;
        }
        ++j;
    }
    // Count brackets once, then give back unbalanced closers from the end (linear).
    std::ptrdiff_t round = 0;
    std::ptrdiff_t curly = 0;
    for (std::size_t k = i; k < j; ++k) {
        round += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
        curly += s[k] == '{' ? 1 : s[k] == '}' ? -1 : 0;
    }
    while (j > i) {
        const char c = s[j - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
            c == '*' || c == '_') {
            --j;
            continue;
        }
        if ((c == ')' && round < 0) || (c == '}' && curly < 0)) {
            (c == ')' ? round : curly) += 1;
            --j;
            continue;
        }
        break;
    }
    return j;
}

/// Caches the next occurrence of a needle so that repeated searches from increasing positions
/// stay linear in total.
class NextFinder {
  public:
    NextFinder(std::string_view text, std::string_view needle) : m_text(text), m_needle(needle) {}
    std::size_t from(std::size_t pos) {
        if (m_exhausted) {
            return std::string_view::npos;
        }
        if (m_found != std::string_view::npos && m_found >= pos) {
            return m_found;
        }
        m_found = m_text.find(m_needle, pos);
        if (m_found == std::string_view::npos) {
            m_exhausted = true;
        }
        return m_found;
    }

  private:
    std::string_view m_text;
    std::string_view m_needle;
    std::size_t m_found = std::string_view::npos;
    bool m_exhausted = false;
};

/// `<a href="url">label</a>` starting at `i`; fills `link` and returns true when found.
bool html_anchor(std::string_view s, std::size_t i, NextFinder& gt, NextFinder& close_a,
                 InlineLink& link) {
    if (!(starts_with_ci(s, i, "<a ") || starts_with_ci(s, i, "<a\t"))) {
        return false;
    }
    const std::size_t tag_end = gt.from(i);
    if (tag_end == std::string_view::npos) {
        return false;
    }
    const std::string_view tag = s.substr(i, tag_end - i);
    const auto href = lower_copy(tag).find("href");
    if (href == std::string::npos) {
        return false;
    }
    std::size_t k = href + 4;
    while (k < tag.size() && (tag[k] == ' ' || tag[k] == '=')) {
        ++k;
    }
    std::string url;
    if (k < tag.size() && (tag[k] == '"' || tag[k] == '\'')) {
        const char q = tag[k];
        const auto e = tag.find(q, k + 1);
        url = std::string(
            tag.substr(k + 1, e == std::string_view::npos ? std::string_view::npos : e - k - 1));
    } else {
        std::size_t e = k;
        while (e < tag.size() && !is_space(tag[e])) {
            ++e;
        }
        url = std::string(tag.substr(k, e - k));
    }
    const std::size_t end_a = close_a.from(tag_end);
    link.url = unescape_url(url);
    if (end_a == std::string_view::npos) {
        link.label.clear();
        link.end = tag_end + 1;
    } else {
        link.label = std::string(s.substr(tag_end + 1, end_a - tag_end - 1));
        link.end = end_a + 4;
    }
    link.begin = i;
    return !link.url.empty();
}

} // namespace

std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
    const util::Utf8Char c = util::decode_utf8(text, i);
    if (c.length == 0) {
        ++i;
        return k_replacement;
    }
    i += c.length;
    return c.code_point;
}

bool is_cjk(std::uint32_t cp) {
    return (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

std::string sanitize_utf8(std::string_view text, std::optional<std::size_t>* first_bad) {
    std::string out;
    out.reserve(text.size());
    if (first_bad != nullptr) {
        *first_bad = std::nullopt;
    }
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c != 0) {
                out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        const std::size_t start = i;
        const std::uint32_t cp = next_code_point(text, i);
        const bool bad = cp == k_replacement &&
                         !(i - start == 3 && static_cast<unsigned char>(text[start]) == 0xEF &&
                           static_cast<unsigned char>(text[start + 1]) == 0xBF &&
                           static_cast<unsigned char>(text[start + 2]) == 0xBD);
        if (bad) {
            if (first_bad != nullptr && !*first_bad) {
                *first_bad = start;
            }
            append_utf8(out, k_replacement);
        } else {
            out.append(text.substr(start, i - start));
        }
    }
    return out;
}

std::vector<InlineLink> find_links(std::string_view s) {
    std::vector<InlineLink> links;
    if (s.empty() || s.size() >= k_none) {
        return links;
    }
    const std::vector<std::uint32_t> partner = match_brackets(s);
    NextFinder gt(s, ">");
    NextFinder close_a(s, "</a>");
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const char c = s[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        const bool image = c == '!' && i + 1 < n && s[i + 1] == '[';
        if (c == '[' || image) {
            const std::size_t open = image ? i + 1 : i;
            const std::uint32_t close = partner[open];
            if (close != k_none) {
                std::size_t k = close + 1;
                std::size_t spaces = 0;
                while (k < n && (s[k] == ' ' || s[k] == '\t') && spaces < 3) {
                    ++k;
                    ++spaces;
                }
                if (k < n && s[k] == '(' && partner[k] != k_none) {
                    const std::string url = clean_link_target(s.substr(k + 1, partner[k] - k - 1));
                    if (!url.empty() && (spaces == 0 || looks_like_url(url))) {
                        InlineLink link;
                        link.label = std::string(s.substr(open + 1, close - open - 1));
                        link.url = url;
                        link.begin = i;
                        link.end = partner[k] + 1;
                        link.image = image;
                        links.push_back(std::move(link));
                        i = partner[k] + 1;
                        continue;
                    }
                }
            }
            i = open + 1;
            continue;
        }
        if (c == '<') {
            if (starts_with_ci(s, i, "<http://") || starts_with_ci(s, i, "<https://")) {
                const std::size_t e = gt.from(i);
                if (e != std::string_view::npos) {
                    InlineLink link;
                    link.url = unescape_url(s.substr(i + 1, e - i - 1));
                    link.begin = i;
                    link.end = e + 1;
                    link.bare = true;
                    links.push_back(std::move(link));
                    i = e + 1;
                    continue;
                }
            }
            InlineLink link;
            if (html_anchor(s, i, gt, close_a, link)) {
                links.push_back(std::move(link));
                i = links.back().end;
                continue;
            }
        }
        if ((c == 'h' || c == 'H') && (i == 0 || (!is_alnum(s[i - 1]) && s[i - 1] != '/')) &&
            (starts_with_ci(s, i, "http://") || starts_with_ci(s, i, "https://"))) {
            const std::size_t e = bare_url_end(s, i);
            InlineLink link;
            link.url = unescape_url(s.substr(i, e - i));
            link.begin = i;
            link.end = e;
            link.bare = true;
            if (link.url.size() > 8) {
                links.push_back(std::move(link));
            }
            i = std::max(e, i + 1);
            continue;
        }
        ++i;
    }
    return links;
}

std::string plain_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    if (s.size() >= k_none) {
        return out;
    }
    const std::vector<std::uint32_t> partner = match_brackets(s);
    NextFinder gt(s, ">");
    NextFinder comment_end(s, "-->");
    // Tails of links whose labels are being emitted: at `at`, jump to `to`.
    std::vector<std::pair<std::size_t, std::size_t>> tails;
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        if (!tails.empty() && i >= tails.back().first) {
            i = std::max(i, tails.back().second);
            tails.pop_back();
            continue;
        }
        const char c = s[i];
        if (c == '\\' && i + 1 < n && !is_alnum(s[i + 1]) &&
            static_cast<unsigned char>(s[i + 1]) < 0x80 && !is_space(s[i + 1])) {
            out += s[i + 1];
            i += 2;
            continue;
        }
        const bool image = c == '!' && i + 1 < n && s[i + 1] == '[';
        if (c == '[' || image) {
            const std::size_t open = image ? i + 1 : i;
            const std::uint32_t close = partner[open];
            if (close != k_none) {
                std::size_t k = close + 1;
                std::size_t spaces = 0;
                while (k < n && (s[k] == ' ' || s[k] == '\t') && spaces < 3) {
                    ++k;
                    ++spaces;
                }
                if (k < n && s[k] == '(' && partner[k] != k_none) {
                    const std::string url = clean_link_target(s.substr(k + 1, partner[k] - k - 1));
                    if (!url.empty() && (spaces == 0 || looks_like_url(url))) {
                        if (image) {
                            i = partner[k] + 1;
                        } else {
                            tails.emplace_back(close, partner[k] + 1);
                            i = open + 1;
                        }
                        continue;
                    }
                }
            }
            if (image) {
                out += '!';
            }
            out += '[';
            i = open + 1;
            continue;
        }
        if (c == '<') {
            if (i + 3 < n && s.compare(i, 4, "<!--") == 0) {
                const std::size_t e = comment_end.from(i + 4);
                i = e == std::string_view::npos ? n : e + 3;
                continue;
            }
            if (i + 1 < n && (std::isalpha(static_cast<unsigned char>(s[i + 1])) != 0 ||
                              s[i + 1] == '/' || s[i + 1] == '!')) {
                const std::size_t e = gt.from(i);
                if (e != std::string_view::npos) {
                    // `<https://...>` keeps its address; other tags disappear.
                    if (starts_with_ci(s, i, "<http")) {
                        out.append(s.substr(i + 1, e - i - 1));
                    } else {
                        out += ' ';
                    }
                    i = e + 1;
                    continue;
                }
            }
        }
        if (c == '&') {
            static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> entities{
                {{"&amp;", "&"},
                 {"&lt;", "<"},
                 {"&gt;", ">"},
                 {"&quot;", "\""},
                 {"&#39;", "'"},
                 {"&apos;", "'"},
                 {"&nbsp;", " "}}};
            bool done = false;
            for (const auto& [name, value] : entities) {
                if (starts_with_ci(s, i, name)) {
                    out += value;
                    i += name.size();
                    done = true;
                    break;
                }
            }
            if (done) {
                continue;
            }
        }
        if (c == '*' || c == '`') {
            ++i;
            continue;
        }
        if (c == '~' && i + 1 < n && s[i + 1] == '~') {
            i += 2;
            continue;
        }
        if (c == '_') {
            const bool inner = i > 0 && i + 1 < n && is_alnum(s[i - 1]) && is_alnum(s[i + 1]);
            if (!inner) {
                ++i;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return collapse_spaces(out);
}

std::string strip_emoji(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const std::uint32_t cp = next_code_point(text, i);
        if (is_emoji(cp)) {
            out += ' ';
            continue;
        }
        out.append(text.substr(start, i - start));
    }
    return collapse_spaces(out);
}

std::string clean_latex(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const char c = s[i];
        if (c == '\\') {
            std::size_t k = i + 1;
            while (k < n && std::isalpha(static_cast<unsigned char>(s[k])) != 0) {
                ++k;
            }
            const std::string_view command = s.substr(i + 1, k - i - 1);
            if (command.empty()) {
                if (k < n && s[k] == '\\') {
                    out += ' ';
                } else if (k < n) {
                    out += s[k];
                }
                i = k + 1;
                continue;
            }
            if (command == "textgreater") {
                out += '>';
            } else if (command == "textless") {
                out += '<';
            } else if (command == "hat") {
                out += '^';
                if (s.compare(k, 3, "{~}") == 0) {
                    k += 3;
                }
            } else if (command == "times") {
                out += 'x';
            } else if (command == "ldots" || command == "dots") {
                out += "...";
            }
            i = k;
            continue;
        }
        if (c == '$' || c == '{' || c == '}') {
            ++i;
            continue;
        }
        out += c == '~' ? ' ' : c;
        ++i;
    }
    return collapse_spaces(out);
}

std::string_view to_string(LinkKind kind) {
    switch (kind) {
    case LinkKind::paper:
        return "paper";
    case LinkKind::code:
        return "code";
    case LinkKind::hf_model:
        return "hf_model";
    case LinkKind::hf_dataset:
        return "hf_dataset";
    case LinkKind::hf_space:
        return "hf_space";
    case LinkKind::hf_org:
        return "hf_org";
    case LinkKind::blog:
        return "blog";
    case LinkKind::demo:
        return "demo";
    case LinkKind::data:
        return "data";
    case LinkKind::anchor:
        return "anchor";
    case LinkKind::other:
        return "other";
    }
    return "other";
}

namespace {

std::vector<std::string_view> path_segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto seg = path.substr(start, slash == std::string_view::npos ? std::string_view::npos
                                                                            : slash - start);
        if (!seg.empty()) {
            out.push_back(seg);
        }
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return out;
}

/// `2303.14070` from an arXiv path segment such as `2303.14070v2.pdf`; empty when not one.
std::string arxiv_id(std::string_view seg) {
    std::string id(seg);
    if (ends_with_ci(id, ".pdf")) {
        id.resize(id.size() - 4);
    }
    std::size_t k = 0;
    while (k < id.size() && is_digit(id[k])) {
        ++k;
    }
    if (k != 4 || k >= id.size() || id[k] != '.') {
        return {};
    }
    std::size_t m = k + 1;
    while (m < id.size() && is_digit(id[m])) {
        ++m;
    }
    if (m - k - 1 < 4 || m - k - 1 > 5) {
        return {};
    }
    return id.substr(0, m);
}

/// A DOI starting at `at` in `path` (`10.NNNN/...`), cleaned of publisher suffixes.
std::string doi_at(std::string_view path, std::size_t at) {
    std::string doi = lower_copy(path.substr(at));
    for (std::string_view suffix : {"/abstract", "/full", "/pdf", "/fulltext", ".pdf", ".abstract",
                                    ".full", ".full-text", "/epdf"}) {
        while (ends_with_ci(doi, suffix)) {
            doi.resize(doi.size() - suffix.size());
        }
    }
    while (!doi.empty() && (doi.back() == '/' || doi.back() == '.')) {
        doi.pop_back();
    }
    // A publisher's own article number after the DOI (`.../baw068/2630414`).
    const auto segs = path_segments(doi);
    if (segs.size() >= 4) {
        const auto last = segs.back();
        if (std::all_of(last.begin(), last.end(), is_digit)) {
            doi.resize(doi.size() - last.size() - 1);
        }
    }
    // Preprint servers version their DOIs (`...23297629v3`).
    if (doi.starts_with("10.1101/")) {
        const auto v = doi.rfind('v');
        if (v != std::string::npos && v + 1 < doi.size() && v > 8 && is_digit(doi[v - 1]) &&
            std::all_of(doi.begin() + static_cast<std::ptrdiff_t>(v + 1), doi.end(), is_digit)) {
            doi.resize(v);
        }
    }
    return doi;
}

/// Offset of a `10.NNNN/` DOI prefix in `path`, or npos.
std::size_t find_doi(std::string_view path) {
    for (std::size_t at = path.find("10."); at != std::string_view::npos;
         at = path.find("10.", at + 1)) {
        if (at > 0 && path[at - 1] != '/') {
            continue;
        }
        std::size_t k = at + 3;
        while (k < path.size() && is_digit(path[k])) {
            ++k;
        }
        if (k - at - 3 >= 4 && k < path.size() && path[k] == '/' && k + 1 < path.size()) {
            return at;
        }
    }
    return std::string_view::npos;
}

bool host_is(std::string_view host, std::string_view domain) {
    return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                              host[host.size() - domain.size() - 1] == '.');
}

LinkKind kind_from_label(std::string_view label) {
    const std::string l = lower_copy(label);
    const auto has = [&](std::string_view w) { return l.find(w) != std::string::npos; };
    if (has("paper") || has("pdf") || has("arxiv") || has("论文") || has("doi")) {
        return LinkKind::paper;
    }
    if (has("code") || has("github") || has("repo") || has("代码") || has("源码")) {
        return LinkKind::code;
    }
    if (has("demo") || has("试用") || has("体验")) {
        return LinkKind::demo;
    }
    if (has("blog") || has("project") || has("homepage") || has("website") || has("博客") ||
        has("主页")) {
        return LinkKind::blog;
    }
    if (has("data") || has("数据")) {
        return LinkKind::data;
    }
    return LinkKind::other;
}

} // namespace

LinkInfo classify_link(std::string_view url_in, std::string_view label) {
    LinkInfo info;
    std::string_view url = url_in;
    if (url.empty() || url.front() == '#') {
        info.kind = LinkKind::anchor;
        return info;
    }
    std::string_view rest = url;
    const auto scheme = rest.find("://");
    if (scheme != std::string_view::npos) {
        rest = rest.substr(scheme + 3);
    } else if (starts_with_ci(rest, 0, "mailto:")) {
        info.kind = LinkKind::other;
        return info;
    } else {
        // No scheme: a relative path unless the first segment looks like a host name.
        const auto slash = rest.find('/');
        const auto first = rest.substr(0, slash);
        if (first.find('.') == std::string_view::npos || first.starts_with(".") ||
            ends_with_ci(first, ".md") || ends_with_ci(first, ".png")) {
            info.kind = LinkKind::anchor;
            return info;
        }
    }
    const auto slash = rest.find('/');
    std::string host = lower_copy(rest.substr(0, slash));
    if (const auto at = host.find('@'); at != std::string::npos) {
        host = host.substr(at + 1);
    }
    if (const auto colon = host.find(':'); colon != std::string::npos) {
        host.resize(colon);
    }
    if (host.starts_with("www.")) {
        host = host.substr(4);
    }
    std::string_view full_path =
        slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    std::size_t path_end = 0;
    while (path_end < full_path.size() && full_path[path_end] != '?' &&
           full_path[path_end] != '#') {
        ++path_end;
    }
    std::string_view path = full_path.substr(0, path_end);
    const auto segs = path_segments(path);

    if (host_is(host, "arxiv.org")) {
        info.kind = LinkKind::paper;
        if (segs.size() >= 2 && (segs[0] == "abs" || segs[0] == "pdf" || segs[0] == "html")) {
            info.arxiv = arxiv_id(segs[1]);
        }
        return info;
    }
    if (host == "ui.adsabs.harvard.edu" && segs.size() >= 2 && segs[0] == "abs") {
        info.kind = LinkKind::paper;
        // Bibcodes of arXiv preprints: `2023arXiv230511747L` -> 2305.11747.
        const auto code = segs[1];
        if (code.size() >= 18 && code.substr(4, 5) == "arXiv") {
            const auto digits = code.substr(9, 9);
            if (std::all_of(digits.begin(), digits.end(), is_digit)) {
                info.arxiv = std::string(digits.substr(0, 4)) + "." + std::string(digits.substr(4));
            }
        }
        return info;
    }
    if (host == "huggingface.co" || host == "hf.co") {
        info.kind = LinkKind::hf_org;
        if (segs.empty()) {
            return info;
        }
        const std::string first = lower_copy(segs[0]);
        if ((first == "datasets" || first == "spaces") && segs.size() >= 3) {
            info.kind = first == "datasets" ? LinkKind::hf_dataset : LinkKind::hf_space;
            info.hf_id = std::string(segs[1]) + "/" + std::string(segs[2]);
        } else if (first == "papers" && segs.size() >= 2) {
            info.kind = LinkKind::paper;
            info.arxiv = arxiv_id(segs[1]);
        } else if (first == "blog") {
            info.kind = LinkKind::blog;
        } else if (first == "datasets" || first == "spaces" || first == "collections" ||
                   first == "organizations" || first == "docs" || first == "models" ||
                   first == "tasks" || first == "learn" || first == "api" || first == "settings") {
            info.kind = LinkKind::hf_org;
        } else if (segs.size() >= 2) {
            info.kind = LinkKind::hf_model;
            info.hf_id = std::string(segs[0]) + "/" + std::string(segs[1]);
        }
        return info;
    }
    if (host_is(host, "github.com") || host_is(host, "gitlab.com") || host_is(host, "gitee.com")) {
        if (segs.size() >= 2) {
            info.kind = LinkKind::code;
            std::string name(segs[1]);
            if (ends_with_ci(name, ".git")) {
                name.resize(name.size() - 4);
            }
            info.repo = std::string(segs[0]) + "/" + name;
        } else {
            info.kind = LinkKind::other;
        }
        return info;
    }
    if (host.ends_with(".github.io") || host.ends_with(".gitlab.io")) {
        info.kind = LinkKind::blog;
        return info;
    }
    if (host == "doi.org" || host == "dx.doi.org") {
        info.kind = LinkKind::paper;
        if (!path.empty()) {
            info.doi = doi_at(path, 1);
        }
        return info;
    }
    if (host_is(host, "nature.com") && segs.size() >= 2 && segs[0] == "articles") {
        info.kind = LinkKind::paper;
        // Nature's article ids of the form s41591-024-03185-2 are DOI suffixes.
        const std::string id = lower_copy(segs[1]);
        if (id.size() >= 18 && id[0] == 's' && id[6] == '-' && id[10] == '-') {
            info.doi = "10.1038/" + id;
        }
        return info;
    }
    if (host_is(host, "biorxiv.org") || host_is(host, "medrxiv.org")) {
        info.kind = LinkKind::paper;
        const auto at = find_doi(path);
        if (at != std::string_view::npos) {
            info.doi = doi_at(path, at);
        } else if (!segs.empty()) {
            // `.../early/2025/03/03/2025.02.28.25323115.full.pdf`
            std::string last = lower_copy(segs.back());
            for (std::string_view suffix : {".full.pdf", ".pdf", ".full", ".abstract"}) {
                if (ends_with_ci(last, suffix)) {
                    last.resize(last.size() - suffix.size());
                }
            }
            if (last.size() >= 16 && last[4] == '.' && last[7] == '.' && last[10] == '.') {
                info.doi = "10.1101/" + last;
            }
        }
        return info;
    }
    if (const auto at = find_doi(path); at != std::string_view::npos) {
        info.kind = LinkKind::paper;
        info.doi = doi_at(path, at);
        return info;
    }
    static constexpr std::array<std::string_view, 40> k_paper_hosts{"ncbi.nlm.nih.gov",
                                                                    "pubmed.ncbi.nlm.nih.gov",
                                                                    "aclanthology.org",
                                                                    "aclweb.org",
                                                                    "proceedings.mlr.press",
                                                                    "proceedings.neurips.cc",
                                                                    "papers.nips.cc",
                                                                    "openreview.net",
                                                                    "ieeexplore.ieee.org",
                                                                    "dl.acm.org",
                                                                    "academic.oup.com",
                                                                    "sciencedirect.com",
                                                                    "link.springer.com",
                                                                    "nature.com",
                                                                    "science.org",
                                                                    "cell.com",
                                                                    "thelancet.com",
                                                                    "jamanetwork.com",
                                                                    "nejm.org",
                                                                    "mdpi.com",
                                                                    "frontiersin.org",
                                                                    "jmir.org",
                                                                    "bmj.com",
                                                                    "biomedcentral.com",
                                                                    "wiley.com",
                                                                    "tandfonline.com",
                                                                    "researchgate.net",
                                                                    "semanticscholar.org",
                                                                    "aaai.org",
                                                                    "ijcai.org",
                                                                    "cureus.com",
                                                                    "ssrn.com",
                                                                    "researchsquare.com",
                                                                    "the-innovation.org",
                                                                    "lww.com",
                                                                    "amegroups.org",
                                                                    "plos.org",
                                                                    "springer.com",
                                                                    "acm.org",
                                                                    "scholar.google.com"};
    for (auto h : k_paper_hosts) {
        if (host_is(host, h)) {
            info.kind = LinkKind::paper;
            return info;
        }
    }
    if (host_is(host, "physionet.org") || host_is(host, "kaggle.com") || host.starts_with("ftp.")) {
        info.kind = LinkKind::data;
        return info;
    }
    if (host.starts_with("blog.") || host_is(host, "medium.com") || host_is(host, "substack.com") ||
        host_is(host, "zhihu.com") || host == "mp.weixin.qq.com" ||
        path.find("/blog") != std::string_view::npos) {
        info.kind = LinkKind::blog;
        return info;
    }
    if (host.find("demo") != std::string::npos) {
        info.kind = LinkKind::demo;
        return info;
    }
    if (ends_with_ci(path, ".pdf")) {
        info.kind = LinkKind::paper;
        return info;
    }
    info.kind = kind_from_label(label);
    if (info.kind == LinkKind::code) {
        info.kind = LinkKind::other; // a "code" label on a web site is not a repository
    }
    return info;
}

} // namespace medkg::ingest::md
