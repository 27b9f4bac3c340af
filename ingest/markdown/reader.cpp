// The markdown reader: the document walk, headings and sections. The reader's other jobs are
// in list_items.cpp, entries.cpp and table_rows.cpp.

#include "ingest/markdown/reader.hpp"

#include "ingest/markdown/list_reader.hpp"

#include <algorithm>

namespace medkg::ingest {

namespace md {

void Reader::run() {
    if (util::trim(m_input).empty()) {
        m_batch.diagnostics.error(m_batch.at(1, 1),
                                  "the file is empty (expected a markdown list: headings, "
                                  "list items with links, or tables)");
        m_out.sections.push_back(MarkdownSection{});
        return;
    }
    std::optional<std::size_t> bad;
    m_text = md::sanitize_utf8(m_input, &bad);
    if (bad) {
        const auto lc = util::line_column(m_input, *bad);
        m_batch.diagnostics.error(
            m_batch.at(static_cast<std::uint32_t>(lc.line), static_cast<std::uint32_t>(lc.column)),
            "invalid UTF-8 (byte offset " + std::to_string(*bad) +
                "); ill-formed bytes are read as U+FFFD");
    }
    split_lines();
    blank_front_matter();
    const md::Document parsed = md::parse_document(m_text, 2 * k_max_depth + 2);
    for (const auto& l : parsed.left_out) {
        m_batch.diagnostics.warning(m_batch.at(l.line, 1), l.reason);
    }
    const md::Block& doc = parsed.root;
    count_h1(doc);
    m_out.sections.push_back(MarkdownSection{});
    m_section_index[""] = 0;
    m_context.section = 0;
    fill_hints(m_context);
    walk(doc);
    close_list();
    flush_heading_entry();
    resolve_bases();
    if (m_batch.records_seen == 0) {
        m_batch.diagnostics.warning(m_batch.at(1, 1),
                                    "no list entries or tables found (expected list items "
                                    "with links, or tables with a model, dataset or paper "
                                    "column)");
    }
}

void Reader::split_lines() {
    std::size_t start = 0;
    const std::string_view t = m_text;
    while (start <= t.size()) {
        const auto nl = t.find_first_of("\r\n", start);
        if (nl == std::string_view::npos) {
            if (start < t.size()) {
                m_lines.push_back(t.substr(start));
            }
            break;
        }
        m_lines.push_back(t.substr(start, nl - start));
        start = nl + (t.compare(nl, 2, "\r\n") == 0 ? 2 : 1);
    }
}

void Reader::blank_front_matter() {
    if (m_lines.empty() || util::trim(m_lines[0]) != "---") {
        return;
    }
    std::size_t e = 1;
    while (e < m_lines.size() && e < 500 && util::trim(m_lines[e]) != "---" &&
           util::trim(m_lines[e]) != "...") {
        ++e;
    }
    if (e >= m_lines.size() || e >= 500) {
        return;
    }
    // The lines are views into m_text: blank them there, keeping every line break.
    const std::size_t end =
        static_cast<std::size_t>(m_lines[e].data() - m_text.data()) + m_lines[e].size();
    for (std::size_t i = 0; i < end; ++i) {
        if (m_text[i] != '\n' && m_text[i] != '\r') {
            m_text[i] = ' ';
        }
    }
}

void Reader::count_h1(const md::Block& b) {
    if (b.type == md::Block::Type::heading && b.level == 1) {
        ++m_h1_count;
    } else if (b.type == md::Block::Type::html) {
        if (const auto h = md::html_heading(b.text); h && h->first == 1) {
            ++m_h1_count;
        }
    }
    for (const auto& c : b.children) {
        count_h1(c);
    }
}

void Reader::walk(const md::Block& b) {
    using T = md::Block::Type;
    if (b.line != 0 && b.line <= m_skip_through) {
        return; // read already, as part of an HTML table
    }
    switch (b.type) {
    case T::document:
    case T::quote:
        for (const auto& c : b.children) {
            walk(c);
        }
        return;
    case T::heading:
        close_list();
        heading(b.level, b.text, b.line);
        return;
    case T::list:
        close_list();
        if (!prose_in_heading_entry(b)) {
            flush_heading_entry();
            list(b);
        }
        return;
    case T::table:
        close_list();
        flush_heading_entry();
        markdown_table(b);
        ++m_blocks_since_heading;
        return;
    case T::html:
        html_block(b);
        return;
    case T::code:
        code_block(b);
        return;
    case T::paragraph:
        paragraph(b);
        return;
    case T::rule:
    default:
        close_list();
        flush_heading_entry();
        ++m_blocks_since_heading;
        return;
    }
}

std::string Reader::without_comments(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto open = text.find("<!--", i);
        if (open == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, open - i));
        const auto close = text.find("-->", open + 4);
        if (close == std::string_view::npos) {
            break;
        }
        i = close + 3;
    }
    return out;
}

bool Reader::bibtex_start(std::string_view content) {
    if (content.size() < 3 || content.front() != '@') {
        return false;
    }
    std::size_t i = 1;
    while (i < content.size() && is_alpha(content[i])) {
        ++i;
    }
    while (i < content.size() && content[i] == ' ') {
        ++i;
    }
    return i > 1 && i < content.size() && content[i] == '{';
}

std::optional<std::vector<AttrValue>> Reader::attr_lines(std::string_view text) {
    std::vector<AttrValue> out;
    for (const auto line : util::split(text, '\n')) {
        if (util::trim(line).empty()) {
            continue;
        }
        if (auto a = attr_line(line)) {
            out.push_back(std::move(*a));
        } else if (!out.empty()) {
            out.back().value += " " + std::string(util::trim(line)); // a wrapped value
        } else {
            return std::nullopt;
        }
    }
    if (out.empty()) {
        return std::nullopt;
    }
    return out;
}

void Reader::paragraph(const md::Block& b) {
    const std::string text = without_comments(b.text);
    if (util::trim(text).empty()) {
        return;
    }
    // `### Model` over `简介：...` / `时间：...` paragraphs: the section is one entry.
    if (heading_entry_open()) {
        if (auto attrs = attr_lines(text)) {
            for (auto& a : *attrs) {
                m_heading_attrs.push_back(std::move(a));
            }
            return;
        }
        // Prose under a heading that names a model ("### TCM-KLLaMA" over a paragraph about
        // it): the heading's entry, described by the prose.
        if (heading_names_model() && !m_heading_attrs.empty()) {
            m_heading_attrs.push_back(AttrValue{AttrLine::description, "", text});
            return;
        }
        if (heading_names_model() && m_blocks_since_heading == 0) {
            m_heading_attrs.push_back(AttrValue{AttrLine::description, "", text});
            return;
        }
    }
    close_list();
    flush_heading_entry();
    if (bibtex_start(util::trim(text))) {
        return;
    }
    // "**NEWS**" alone in a paragraph: a heading in all but syntax, for news.
    if (const std::string_view t = util::trim(text);
        t.size() > 4 && t.starts_with("**") && t.ends_with("**") &&
        t.find("**", 2) == t.size() - 2 && is_news_heading(t.substr(2, t.size() - 4))) {
        m_news_paragraph = true;
        MarkdownSection& s = m_out.sections[m_context.section];
        s.read = false;
        s.news = true;
        s.not_read_reason = "news that names no model (in bold, a link or a quoted title) is not an entry";
        return;
    }
    // "• item" lines are a list in all but syntax.
    if (util::trim(text).starts_with("•")) {
        md::Block bullets;
        bullets.type = md::Block::Type::list;
        bullets.line = b.line;
        std::uint32_t line = b.line;
        for (const auto l : util::split(text, '\n')) {
            md::Block item;
            item.type = md::Block::Type::item;
            item.line = line;
            item.column = 1;
            md::Block p;
            p.type = md::Block::Type::paragraph;
            p.line = line++;
            std::string_view t = util::trim(l);
            if (t.starts_with("•")) {
                t = util::trim(t.substr(3));
            }
            p.text = std::string(t);
            item.children.push_back(std::move(p));
            bullets.children.push_back(std::move(item));
        }
        bullets.end_line = line;
        list(bullets);
        return;
    }
    ++m_blocks_since_heading;
}

void Reader::code_block(const md::Block& b) {
    // An indented block right under a heading, of `key：value` lines: GitHub shows it as
    // code, the author meant the heading's entry.
    if (!b.fenced && heading_entry_open()) {
        if (auto attrs = attr_lines(b.text)) {
            for (auto& a : *attrs) {
                m_heading_attrs.push_back(std::move(a));
            }
            return;
        }
    }
    close_list();
    flush_heading_entry();
    if (b.fenced && b.end_line >= m_lines.size() && !m_lines.empty() &&
        !util::trim(m_lines.back()).starts_with("```") &&
        !util::trim(m_lines.back()).starts_with("~~~")) {
        m_batch.diagnostics.warning(m_batch.at(b.line, 1),
                                    "code block opened here is never closed; the rest of the "
                                    "file was read as code");
    }
    ++m_blocks_since_heading;
}

void Reader::html_block(const md::Block& b) {
    const std::string_view text = util::trim(b.text);
    if (text.starts_with("<!--")) {
        if (text.find("-->") == std::string_view::npos) {
            m_batch.diagnostics.warning(m_batch.at(b.line, 1),
                                        "HTML comment opened here is never closed; the rest of "
                                        "the file was read as a comment");
        }
        return;
    }
    if (text.find("<table") != std::string_view::npos ||
        text.find("<TABLE") != std::string_view::npos) {
        close_list();
        flush_heading_entry();
        html_tables(b);
        ++m_blocks_since_heading;
        return;
    }
    // <details><summary>Nature</summary>: a sub-heading of the current section.
    if (const auto summary = md::html_summary(b.text)) {
        close_list();
        heading(std::min(6, m_real_level + 1), *summary, b.line, true);
        return;
    }
    if (const auto h = md::html_heading(b.text)) {
        close_list();
        heading(h->first, h->second, b.line);
        return;
    }
    if (m_list_open) {
        return;
    }
    // A closing </details>, a centred logo, badges: no entries, and no block of the section.
    if (!md::html_to_text(b.text).empty()) {
        flush_heading_entry();
        ++m_blocks_since_heading;
    }
}

void Reader::html_tables(const md::Block& b) {
    std::string raw;
    std::uint32_t last = b.line;
    std::size_t open = 0;
    for (std::size_t k = b.line - 1; k < m_lines.size(); ++k) {
        const std::string_view l = m_lines[k];
        raw.append(l);
        raw += '\n';
        last = static_cast<std::uint32_t>(k + 1);
        for (std::size_t at = l.find("<table"); at != std::string_view::npos;
             at = l.find("<table", at + 1)) {
            ++open;
        }
        for (std::size_t at = l.find("</table"); at != std::string_view::npos;
             at = l.find("</table", at + 1)) {
            open = open > 0 ? open - 1 : 0;
        }
        if (open == 0 && k + 1 >= b.end_line) {
            break;
        }
    }
    m_skip_through = std::max(m_skip_through, last);
    for (const auto& t : md::parse_html_tables(raw, b.line)) {
        html_table(t);
    }
}

bool Reader::heading_names_model() const {
    if (m_headings.empty() || m_headings.back().first < 2) {
        return false;
    }
    const std::string& t = m_headings.back().second;
    return t.find(' ') == std::string::npos && md::looks_like_model_name(t) &&
           not_a_name(t).empty();
}

bool Reader::heading_entry_open() const {
    return m_heading_entry_possible && m_last_heading_line != 0 && !m_headings.empty() &&
           m_context.section != 0;
}

void Reader::flush_heading_entry() {
    m_heading_entry_possible = false;
    if (m_heading_attrs.empty()) {
        return;
    }
    std::vector<AttrValue> attrs = std::move(m_heading_attrs);
    m_heading_attrs.clear();
    heading_entry(attrs);
}

void Reader::heading_entry(const std::vector<AttrValue>& attrs) {
    EntrySource e;
    e.line = m_last_heading_line;
    e.column = 1;
    e.head = "**" + m_headings.back().second + "**";
    e.attrs = attrs;
    e.head += " " + std::string(describe_first(e.attrs));
    entry(e, m_context);
}

void Reader::heading(int level, std::string_view raw, std::uint32_t line_no, bool summary) {
    flush_heading_entry();
    m_heading_entry_possible = true;
    if (!summary) {
        m_real_level = level;
        m_news_paragraph = false;
    }
    std::string title = md::strip_emoji(md::plain_text(raw));
    while (!title.empty() && (title.back() == ':' || title.back() == '#')) {
        title.pop_back();
    }
    title = std::string(util::trim(title));
    // Section numbers: "1. Model", "2.1 垂直领域微调", "III. Methods" stay out of paths.
    {
        std::size_t k = 0;
        while (k < title.size() && (is_digit(title[k]) || title[k] == '.')) {
            ++k;
        }
        const bool year = k == 4 && (title.starts_with("19") || title.starts_with("20"));
        if (k > 0 && k < title.size() && title[k] == ' ' && is_digit(title.front()) && !year) {
            title = std::string(util::trim(std::string_view(title).substr(k)));
        }
    }
    while (!m_headings.empty() && m_headings.back().first >= level) {
        m_headings.pop_back();
    }
    m_headings.emplace_back(level, title);
    m_last_heading_line = line_no;
    m_blocks_since_heading = 0;
    enter_section(line_no);
}

void Reader::enter_section(std::uint32_t line_no) {
    Context c;
    bool skipped = false;
    bool news = false;
    std::string path;
    for (std::size_t k = 0; k < m_headings.size(); ++k) {
        const auto& [level, t] = m_headings[k];
        if (level == 1 && m_h1_count == 1) {
            continue; // the document's title
        }
        if (t.empty()) {
            continue;
        }
        const bool leaf = k + 1 == m_headings.size();
        // Navigation and news are not entries; what a news heading holds in sections of its
        // own (years in <details>) is read, under its path.
        if (is_navigation_heading(t)) {
            if (!leaf && is_contents_heading(t)) {
                continue;
            }
            skipped = skipped || leaf;
        }
        news = news || is_news_heading(t);
        skipped = skipped || is_skipped_heading(t);
        c.titles.push_back(t);
        path += (path.empty() ? "" : " > ") + t;
    }
    // Below a "**NEWS**" paragraph, a <details> of older news ("History") is news too.
    news = news || m_news_paragraph;
    c.section = section_index(path, line_no);
    MarkdownSection& s = m_out.sections[c.section];
    if (skipped) {
        s.read = false;
        s.not_read_reason = "navigation, news and credits are not entries";
    }
    if (news) {
        s.read = false;
        s.news = true;
        s.not_read_reason = "news that names no model (in bold, a link or a quoted title) is not an entry";
    }
    fill_hints(c);
    s.task = c.task;
    m_context = c;
}

std::uint32_t Reader::section_index(const std::string& path, std::uint32_t line_no) {
    const auto it = m_section_index.find(path);
    if (it != m_section_index.end()) {
        return it->second;
    }
    MarkdownSection s;
    s.path = path;
    s.line = line_no;
    m_out.sections.push_back(std::move(s));
    const auto idx = static_cast<std::uint32_t>(m_out.sections.size() - 1);
    m_section_index.emplace(path, idx);
    return idx;
}

} // namespace md

MarkdownRead read_markdown_detailed(std::string_view text, std::string source) {
    MarkdownRead out;
    out.batch.source = std::move(source);
    md::Reader reader(text, out);
    reader.run();
    return out;
}

FactBatch read_markdown_list(std::string_view text, std::string source) {
    return read_markdown_detailed(text, std::move(source)).batch;
}

bool looks_like_markdown_list(std::string_view text) {
    const std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 64 * 1024));
    const std::string_view t = util::trim(head);
    if (t.empty() || t.front() == '{' || t.front() == '[' || t.starts_with("<?xml") ||
        t.starts_with("<graphml")) {
        return false;
    }
    std::size_t headings = 0;
    std::size_t linked_items = 0;
    std::size_t tables = 0;
    std::size_t start = 0;
    while (start < head.size()) {
        auto nl = head.find('\n', start);
        const std::string_view line = util::trim(
            head.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        start = nl == std::string_view::npos ? head.size() : nl + 1;
        if (line.starts_with("# ") || line.starts_with("## ") || line.starts_with("### ") ||
            line.starts_with("#### ")) {
            ++headings;
        } else if ((line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")) &&
                   (line.find("](") != std::string_view::npos ||
                    line.find("**") != std::string_view::npos ||
                    line.find("http") != std::string_view::npos)) {
            ++linked_items;
        } else if (line.starts_with("|") && md::is_delimiter_row(line)) {
            ++tables;
        }
    }
    return (headings >= 1 && (linked_items >= 2 || tables >= 1)) || linked_items >= 5;
}

} // namespace medkg::ingest
