#include "ingest/markdown/entry.hpp"

#include "ingest/markdown/names.hpp"
#include "ingest/markdown/text.hpp"

#include <set>

namespace medkg::ingest::md {

// ---------------------------------------------------------------------------------------------
// Entries

namespace {



void apply_tag(std::string_view tag, Parsed& p) {
    const std::string t(util::trim(tag));
    // A pure date: "2023/03", "2023-11-09".
    const bool only_date = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) {
        return is_digit(c) || c == '/' || c == '.' || c == '-' || c == ' ';
    });
    if (only_date) {
        if (auto d = md::parse_date(t)) {
            p.date = d;
        }
        p.tagged = true;
        return;
    }
    // "Venue, 2023.6", "Arxiv 2024", "AAAI, 2024/2023.10".
    std::string venue = t;
    const auto comma = t.rfind(',');
    if (comma != std::string::npos) {
        if (auto d = md::parse_date(t.substr(comma + 1))) {
            p.date = d;
            venue = t.substr(0, comma);
        }
    } else {
        const auto space = t.rfind(' ');
        if (space != std::string::npos) {
            const std::string tail = t.substr(space + 1);
            if (!tail.empty() && is_digit(tail.front())) {
                if (auto d = md::parse_date(tail)) {
                    p.date = d;
                    venue = t.substr(0, space);
                }
            }
        }
    }
    p.venue = std::string(util::trim(venue));
    p.tagged = true;
}

/// The length of a date that starts an entry: "`2023.04`", "2023.12 ", "2024/05/01 ", "04/03:"
/// (month and day). 0 when the entry starts with no date.
std::size_t leading_date(std::string_view s) {
    std::size_t i = s.starts_with("`") ? 1 : 0;
    const std::size_t begin = i;
    std::size_t digits = 0;
    std::size_t seps = 0;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '.' || s[i] == '/' || s[i] == '-')) {
        digits += is_digit(s[i]) ? 1U : 0U;
        seps += is_digit(s[i]) ? 0U : 1U;
        ++i;
    }
    if (digits < 4 || seps == 0 || seps > 2) {
        return 0;
    }
    const std::string_view d = s.substr(begin, i - begin);
    const bool year_first = d.size() >= 4 && is_digit(d[0]) && is_digit(d[3]) &&
                            (d.starts_with("19") || d.starts_with("20"));
    const bool month_day = !year_first && d.size() == 5 && d[2] == '/';
    if (!year_first && !month_day) {
        return 0;
    }
    if (begin == 1) {
        if (i >= s.size() || s[i] != '`') {
            return 0;
        }
        ++i;
    }
    if (i < s.size() && s[i] == ':') {
        ++i;
    }
    if (i < s.size() && s[i] != ' ' && s[i] != '\t') {
        return 0; // "2023.04x": not a date tag
    }
    return i;
}

/// Authors and venue from an italic span: "Zeming Chen et al. arXiv." / "Malik Sallam. Healthcare."
void apply_authors(std::string_view italic, Parsed& p) {
    std::string t(util::trim(italic));
    while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ' ')) {
        t.pop_back();
    }
    if (t.empty()) {
        return;
    }
    std::string authors = t;
    std::string venue;
    if (const auto al = t.find("et al."); al != std::string::npos) {
        authors = t.substr(0, al + 6);
        venue = std::string(strip_leading_separators(t.substr(al + 6)));
    } else if (const auto dot = t.rfind(". "); dot != std::string::npos) {
        authors = t.substr(0, dot);
        venue = t.substr(dot + 2);
    }
    while (!venue.empty() && (venue.back() == '.' || venue.back() == ',')) {
        venue.pop_back();
    }
    p.authors = std::string(util::trim(authors));
    if (p.venue.empty() && !venue.empty() && venue.size() <= 80) {
        p.venue = std::string(util::trim(venue));
    }
}

std::optional<std::string> italic_span(std::string_view s);

/// A byline after a title: "Authors et al. · *Venue* · 2026-08-07", or Awesome-style italics
/// "*Authors et al. Venue.*".
void apply_byline(std::string_view rest, Parsed& p) {
    const std::string plain = md::strip_emoji(md::plain_text(rest));
    if (plain.find("·") == std::string::npos && plain.find(" | ") == std::string::npos) {
        if (auto it = italic_span(rest)) {
            apply_authors(*it, p);
        }
        return;
    }
    const std::string italic = italic_span(rest).value_or("");
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t at = plain.find("·", start);
        std::size_t width = 2;
        const std::size_t bar = plain.find(" | ", start);
        if (bar != std::string::npos && (at == std::string::npos || bar < at)) {
            at = bar;
            width = 3;
        }
        parts.emplace_back(util::trim(std::string_view(plain).substr(
            start, at == std::string::npos ? std::string::npos : at - start)));
        if (at == std::string::npos) {
            break;
        }
        start = at + width;
    }
    for (const auto& part : parts) {
        if (part.empty()) {
            continue;
        }
        const bool date_only = std::all_of(part.begin(), part.end(), [](char c) {
            return is_digit(c) || c == '-' || c == '/' || c == '.' || c == ' ';
        });
        if (date_only) {
            if (!p.date) {
                p.date = md::parse_date(part);
            }
        } else if (!italic.empty() && part == italic) {
            if (p.venue.empty()) {
                p.venue = part;
            }
        } else if (p.authors.empty()) {
            p.authors = part;
        }
    }
}

/// Where the first link or italic span starts in `s` (npos when none).
std::size_t first_markup(std::string_view s, const std::vector<md::InlineLink>& links) {
    std::size_t at = links.empty() ? std::string_view::npos : links.front().begin;
    for (std::size_t i = 0; i < std::min(at, s.size()); ++i) {
        const char c = s[i];
        if ((c == '*' || c == '_') && (i == 0 || s[i - 1] == ' ') && i + 1 < s.size() &&
            s[i + 1] != ' ' && s[i + 1] != c) {
            return i;
        }
    }
    return at;
}

/// The italic span starting at or after `from`: "*...*" or "_..._" (not bold).
std::optional<std::string> italic_span(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if ((c == '*' || c == '_') && (i + 1 < s.size() && s[i + 1] != c && s[i + 1] != ' ') &&
            (i == 0 || s[i - 1] != c)) {
            const auto close = s.find(c, i + 1);
            if (close != std::string_view::npos) {
                return md::plain_text(s.substr(i + 1, close - i - 1));
            }
            return std::nullopt;
        }
        if (c == '[') {
            return std::nullopt; // links first: no authors
        }
    }
    return std::nullopt;
}

} // namespace

Parsed parse_entry(const EntrySource& e) {
    Parsed p;
    std::string_view s = skip_leading_emoji(util::trim(e.head));
    // Leading tags: [**Venue, 2023.6**], [2023/03], 【2023】.
    for (int t = 0; t < 3 && !s.empty(); ++t) {
        if (s.front() == '[') {
            const auto close = matching_bracket(s, 0, '[', ']');
            if (close == std::string_view::npos) {
                break;
            }
            if (close + 1 < s.size() && s[close + 1] == '(') {
                break; // a link, not a tag
            }
            const std::string_view inner = s.substr(1, close - 1);
            if (inner.find("](") != std::string_view::npos || inner.starts_with("[") ||
                inner.starts_with("!")) {
                break;
            }
            const std::string tag = md::plain_text(inner);
            if (tag.empty()) {
                break;
            }
            apply_tag(tag, p);
            s = skip_leading_emoji(util::trim(s.substr(close + 1)));
        } else if (s.starts_with("【")) {
            const auto close = s.find("】");
            if (close == std::string_view::npos) {
                break;
            }
            apply_tag(md::plain_text(s.substr(3, close - 3)), p);
            s = skip_leading_emoji(util::trim(s.substr(close + 3)));
        } else if (const std::size_t n = leading_date(s); n > 0) {
            // "`2023.04` Name: title", "2023.12 Name ...", "04/03: Name, prose".
            std::string_view d = util::trim(s.substr(0, n));
            while (!d.empty() && (d.front() == '`' || d.back() == '`' || d.back() == ':')) {
                d = d.front() == '`' ? d.substr(1) : d.substr(0, d.size() - 1);
            }
            apply_tag(d, p);
            s = skip_leading_emoji(util::trim(s.substr(n)));
            if (s.starts_with(":") || s.starts_with("：")) {
                s = util::trim(s.substr(s.starts_with(":") ? 1 : 3));
            }
        } else {
            break;
        }
    }
    const std::string_view whole = s; // links are gathered from all of it
    // "https://github.com/x/y CardioLLM: ...": a bare address before the entry's name.
    if (const auto lead = md::find_links(s);
        !lead.empty() && lead.front().begin == 0 && !lead.front().image &&
        (md::plain_text(lead.front().label) == lead.front().url ||
         md::plain_text(lead.front().label).starts_with("http"))) {
        const std::string_view rest = util::trim(s.substr(lead.front().end));
        if (!rest.empty()) {
            s = rest;
        }
    }
    const std::vector<md::InlineLink> links = md::find_links(s);
    std::string title_raw;
    if (s.starts_with("**") || s.starts_with("__")) {
        const std::string_view marker = s.substr(0, 2);
        const auto close = s.find(marker, 2);
        if (close != std::string_view::npos) {
            const std::string_view bold = s.substr(2, close - 2);
            const std::string_view rest = s.substr(close + 2);
            const auto rest_links = md::find_links(rest);
            const std::size_t markup = first_markup(rest, rest_links);
            const std::string lead =
                md::plain_text(strip_leading_separators(rest.substr(0, markup)));
            const auto bold_links = md::find_links(bold);
            std::string link_name;
            bool link_title = false;
            if (bold_links.size() == 1 && !bold_links.front().image &&
                util::trim(bold).starts_with("[") &&
                bold_links.front().end >= util::trim(bold).size()) {
                link_name = md::plain_text(bold_links.front().label);
                // **[A long paper title](doi)**: a title, not a name.
                link_title =
                    md::classify_link(bold_links.front().url, "").kind == md::LinkKind::paper ||
                    split_words(link_name).size() >= 5;
            }
            if (link_title) {
                title_raw = bold_links.front().label;
                apply_byline(rest, p);
            } else if (count_letters(lead) >= 2) {
                p.name = link_name.empty() ? md::plain_text(bold) : link_name;
                p.name_explicit = true;
                title_raw = std::string(strip_leading_separators(rest.substr(0, markup)));
                if (markup != std::string_view::npos && markup < rest.size() &&
                    (rest[markup] == '*' || rest[markup] == '_')) {
                    if (auto it = italic_span(rest.substr(markup))) {
                        apply_authors(*it, p);
                    }
                }
            } else if (!link_name.empty()) {
                p.name = link_name;
                p.name_explicit = true;
            } else {
                title_raw = std::string(bold);
                if (auto it = italic_span(rest)) {
                    apply_authors(*it, p);
                }
            }
        } else {
            title_raw = std::string(s.substr(0, links.empty() ? s.size() : links.front().begin));
        }
    } else if (!links.empty() && links.front().begin == 0 && !links.front().image) {
        const md::InlineLink& first = links.front();
        const std::string label = md::plain_text(first.label);
        const auto info = md::classify_link(first.url, label);
        if (info.kind == md::LinkKind::paper || split_words(label).size() >= 5) {
            title_raw = first.label;
        } else {
            p.name = label;
            p.name_explicit = true;
        }
        const std::string_view rest = s.substr(first.end);
        const auto rest_links = md::find_links(rest);
        const std::string after = md::plain_text(
            strip_leading_separators(rest.substr(0, first_markup(rest, rest_links))));
        if (auto it = italic_span(rest)) {
            apply_authors(*it, p);
        }
        p.description = after;
    } else {
        title_raw = std::string(s.substr(0, first_markup(s, links)));
        if (const auto markup = first_markup(s, links);
            markup != std::string_view::npos && (s[markup] == '*' || s[markup] == '_')) {
            if (auto it = italic_span(s.substr(markup))) {
                apply_authors(*it, p);
            }
        }
    }
    p.title = md::strip_emoji(md::plain_text(title_raw));
    p.year = strip_trailing_year(p.title);
    // "... dialogues. [[paper](url)]": the bracket before a link is no part of the title.
    while (!p.title.empty() && (p.title.back() == ',' || p.title.back() == ';' ||
                                p.title.back() == '[' || p.title.back() == '(' ||
                                p.title.back() == ' ')) {
        p.title.pop_back();
    }
    p.name = trim_name(md::strip_emoji(p.name));
    // Links of the item, its nested lines and attribute values.
    std::set<std::string> seen;
    const auto add_links = [&](std::string_view text) {
        for (const auto& l : md::find_links(text)) {
            if (l.image) {
                continue;
            }
            std::string url = l.url;
            const std::string label = md::plain_text(l.label);
            auto info = md::classify_link(url, label);
            if (info.kind == md::LinkKind::anchor || !seen.insert(url).second) {
                continue;
            }
            p.links.push_back(Link{std::move(url), label, std::move(info)});
        }
    };
    add_links(whole);
    for (const auto& a : e.attrs) {
        add_links(a.value);
    }
    add_links(e.extra);
    p.attrs = e.attrs;
    std::string desc;
    for (const auto& a : e.attrs) {
        if (a.kind == AttrLine::description || a.kind == AttrLine::other) {
            desc += (desc.empty() ? "" : " ") + md::plain_text(a.value);
        }
    }
    if (!e.extra.empty()) {
        desc += (desc.empty() ? "" : " ") + md::plain_text(e.extra);
    }
    if (!desc.empty()) {
        p.description += (p.description.empty() ? "" : " ") + desc;
    }
    return p;
}

/// `key: value` under an entry, when the key is one of the known ones.
std::optional<AttrValue> attr_line(std::string_view text) {
    std::string_view t = util::trim(text);
    std::size_t colon = std::string_view::npos;
    std::size_t width = 0;
    for (std::size_t i = 0; i < t.size() && i < 48; ++i) {
        if (t[i] == ':') {
            colon = i;
            width = 1;
            break;
        }
        if (t.compare(i, 3, "：") == 0) {
            colon = i;
            width = 3;
            break;
        }
    }
    if (colon == std::string_view::npos || colon == 0) {
        return std::nullopt;
    }
    // "https:" is not a key.
    if (colon + width < t.size() && t.compare(colon, 3, "://") == 0) {
        return std::nullopt;
    }
    std::string key = lower(util::trim(md::plain_text(t.substr(0, colon))));
    // A numbered key says the same: "简介2", "note 2".
    while (key.size() > 1 && is_digit(key.back())) {
        key.pop_back();
    }
    key = std::string(util::trim(key));
    for (const auto& k : k_attr_keys) {
        if (key == k.key) {
            AttrValue v;
            v.kind = k.kind;
            v.key = key;
            v.value = std::string(util::trim(t.substr(colon + width)));
            return v;
        }
    }
    return std::nullopt;
}

bool has_real_link(std::string_view text) {
    for (const auto& l : md::find_links(text)) {
        if (!l.image && md::classify_link(l.url, l.label).kind != md::LinkKind::anchor) {
            return true;
        }
    }
    return false;
}

/// An item that reads as an entry: a link, emphasis, a leading tag, or a "Name：" line.
bool entry_like(std::string_view text) {
    const std::string_view t = skip_leading_emoji(util::trim(text));
    if (t.empty()) {
        return false;
    }
    if (has_real_link(t) || t.find("**") != std::string_view::npos ||
        t.find("__") != std::string_view::npos) {
        return true;
    }
    if (t.front() == '[' || t.starts_with("【")) {
        return true;
    }
    const auto cn = t.find("：");
    return cn != std::string_view::npos && cn > 0 && cn + 3 >= t.size();
}

/// Whether a link-only item is navigation: every link is an in-page anchor or a relative path.
bool navigation(std::string_view text) {
    bool any = false;
    for (const auto& l : md::find_links(text)) {
        if (l.image) {
            continue;
        }
        any = true;
        if (md::classify_link(l.url, l.label).kind != md::LinkKind::anchor) {
            return false;
        }
    }
    return any;
}

} // namespace medkg::ingest::md
