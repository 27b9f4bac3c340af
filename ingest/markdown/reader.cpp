#include "ingest/markdown/reader.hpp"

#include "graph/model_name.hpp"
#include "graph/names.hpp"
#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/document.hpp"
#include "ingest/markdown/entry.hpp"
#include "ingest/markdown/html.hpp"
#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/names.hpp"
#include "ingest/markdown/sections.hpp"
#include "ingest/markdown/table.hpp"
#include "ingest/markdown/text.hpp"
#include "ingest/markdown/vocabulary.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace medkg::ingest {

namespace {

using graph::AttrKey;
using graph::EdgeKind;
using graph::Method;
using graph::NodeKind;
using namespace md; // the reader's parts: entry, names, sections, text, vocabulary

// ---------------------------------------------------------------------------------------------
// The reader

struct Item {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string text;
    std::vector<std::uint32_t> children;
    bool truncated = false;
};

struct PendingBase {
    std::uint32_t subject = 0;
    EdgeKind kind = EdgeKind::fine_tuned_from;
    std::string target;
    const md::Family* family = nullptr;
    Origin origin;
    std::string model;
};

struct Cue {
    std::string target;
    const md::Family* family = nullptr;
    md::Relation relation = md::Relation::unknown;
    Method method = Method::title;
    float confidence = 0.0F;
    std::string evidence;
    bool merge = false; ///< one of the models a merge was made of
};

int method_rank(Method m) {
    switch (m) {
    case Method::table:
        return 0;
    case Method::title:
        return 1;
    case Method::name:
        return 2;
    case Method::url:
        return 3;
    default:
        return 4;
    }
}

class Reader {
  public:
    Reader(std::string_view text, MarkdownRead& out)
        : m_input(text), m_out(out), m_batch(out.batch) {}

    void run() {
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
            m_batch.diagnostics.error(m_batch.at(static_cast<std::uint32_t>(lc.line),
                                                 static_cast<std::uint32_t>(lc.column)),
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

  private:
    // --- the document -------------------------------------------------------------------------

    /// The file's lines (for the raw text of tables), split as the parser splits them.
    void split_lines() {
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

    /// YAML front matter is no markdown: its lines are blanked (so line numbers stay).
    void blank_front_matter() {
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
        const std::size_t end = static_cast<std::size_t>(m_lines[e].data() - m_text.data()) +
                                m_lines[e].size();
        for (std::size_t i = 0; i < end; ++i) {
            if (m_text[i] != '\n' && m_text[i] != '\r') {
                m_text[i] = ' ';
            }
        }
    }

    void count_h1(const md::Block& b) {
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

    void walk(const md::Block& b) {
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
            flush_heading_entry();
            list(b);
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

    /// The text of a paragraph without HTML comments.
    static std::string without_comments(std::string_view text) {
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

    static bool bibtex_start(std::string_view content) {
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

    /// `key：value` lines (known keys) only, each becoming an attribute; nullopt otherwise.
    static std::optional<std::vector<AttrValue>> attr_lines(std::string_view text) {
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

    void paragraph(const md::Block& b) {
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
        }
        close_list();
        flush_heading_entry();
        if (bibtex_start(util::trim(text))) {
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

    void code_block(const md::Block& b) {
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

    void html_block(const md::Block& b) {
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

    /// The raw lines of an HTML table that may run over several blocks (GitHub reads markdown
    /// between its tags after a blank line), from `b`'s first line to its `</table>`.
    void html_tables(const md::Block& b) {
        std::string raw;
        std::uint32_t last = b.line;
        std::size_t open = 0;
        for (std::size_t k = b.line - 1; k < m_lines.size(); ++k) {
            const std::string_view l = m_lines[k];
            raw.append(l);
            raw += '\n';
            last = static_cast<std::uint32_t>(k + 1);
            for (std::size_t at = l.find("<table"); at != std::string_view::npos; at = l.find("<table", at + 1)) {
                ++open;
            }
            for (std::size_t at = l.find("</table"); at != std::string_view::npos; at = l.find("</table", at + 1)) {
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

    bool heading_entry_open() const {
        return m_heading_entry_possible && m_last_heading_line != 0 && !m_headings.empty() &&
               m_context.section != 0;
    }

    /// The entry of a heading whose section is `key：value` paragraphs or code (see paragraph).
    void flush_heading_entry() {
        m_heading_entry_possible = false;
        if (m_heading_attrs.empty()) {
            return;
        }
        std::vector<AttrValue> attrs = std::move(m_heading_attrs);
        m_heading_attrs.clear();
        heading_entry(attrs);
    }

    void heading_entry(const std::vector<AttrValue>& attrs) {
        EntrySource e;
        e.line = m_last_heading_line;
        e.column = 1;
        e.head = "**" + m_headings.back().second + "**";
        e.attrs = attrs;
        e.head += " " + std::string(describe_first(e.attrs));
        entry(e, m_context);
    }

    // --- headings and sections ----------------------------------------------------------------

    void heading(int level, std::string_view raw, std::uint32_t line_no, bool summary = false) {
        flush_heading_entry();
        m_heading_entry_possible = true;
        if (!summary) {
            m_real_level = level;
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
            if (k > 0 && k < title.size() && title[k] == ' ' && is_digit(title.front())) {
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

    void enter_section(std::uint32_t line_no) {
        Context c;
        bool skipped = false;
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
            if (is_navigation_heading(t)) {
                if (!leaf) {
                    continue; // not the parent of what follows it
                }
                skipped = true;
            }
            skipped = skipped || is_skipped_heading(t);
            c.titles.push_back(t);
            path += (path.empty() ? "" : " > ") + t;
        }
        c.section = section_index(path, line_no);
        MarkdownSection& s = m_out.sections[c.section];
        if (skipped) {
            s.read = false;
            s.not_read_reason = "navigation, news and credits are not entries";
        }
        fill_hints(c);
        s.task = c.task;
        m_context = c;
    }

    std::uint32_t section_index(const std::string& path, std::uint32_t line_no) {
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

    // --- lists ----------------------------------------------------------------------------------

    /// A list of the document: its items (nested lists as children) are read as entries.
    void list(const md::Block& b) {
        m_list_open = true;
        m_items.clear();
        m_roots.clear();
        m_list_first_line = b.line;
        m_list_last_line = last_text_line(b);
        m_list_follows_heading = m_last_heading_line != 0 && m_blocks_since_heading == 0;
        add_items(b, std::nullopt, 0);
        close_list();
    }

    /// The last line of `b` that holds text (a list's end line counts the blank line after it).
    static std::uint32_t last_text_line(const md::Block& b) {
        if (b.children.empty()) {
            return b.end_line;
        }
        std::uint32_t last = b.line;
        for (const auto& c : b.children) {
            last = std::max(last, last_text_line(c));
        }
        return last;
    }

    void add_items(const md::Block& list, std::optional<std::uint32_t> parent, std::size_t depth) {
        for (const auto& it : list.children) {
            if (it.type != md::Block::Type::item) {
                continue;
            }
            Item item;
            item.line = it.line;
            item.column = it.column;
            m_items.push_back(std::move(item));
            const auto idx = static_cast<std::uint32_t>(m_items.size() - 1);
            if (parent) {
                m_items[*parent].children.push_back(idx);
            } else {
                m_roots.push_back(idx);
            }
            for (const auto& c : it.children) {
                if (c.type == md::Block::Type::list) {
                    if (depth + 1 >= k_max_depth) {
                        append_text(idx, flattened(c), c.line);
                    } else {
                        add_items(c, idx, depth + 1);
                    }
                } else {
                    append_text(idx, block_text(c), c.line);
                }
            }
        }
    }

    /// The text a block adds to the item it is in: a paragraph's or heading's markdown, an HTML
    /// fragment as written, a table's rows; code is no entry text.
    static std::string block_text(const md::Block& b) {
        switch (b.type) {
        case md::Block::Type::paragraph:
        case md::Block::Type::heading:
            return without_comments(b.text);
        case md::Block::Type::html:
            return without_comments(b.text);
        case md::Block::Type::table: {
            std::string out;
            for (const auto& r : b.children) {
                std::string row;
                for (const auto& c : r.cells) {
                    row += (row.empty() ? "" : " | ") + c;
                }
                out += (out.empty() ? "" : "\n") + row;
            }
            return out;
        }
        case md::Block::Type::quote:
        case md::Block::Type::item:
        case md::Block::Type::list: {
            std::string out;
            for (const auto& c : b.children) {
                const std::string t = block_text(c);
                if (!t.empty()) {
                    out += (out.empty() ? "" : "\n") + t;
                }
            }
            return out;
        }
        default:
            return {};
        }
    }

    static std::string flattened(const md::Block& b) { return block_text(b); }

    void append_text(std::uint32_t idx, std::string_view text, std::uint32_t line_no) {
        if (util::trim(text).empty()) {
            return;
        }
        Item& item = m_items[idx];
        if (item.truncated) {
            return;
        }
        if (item.text.size() + text.size() + 1 > k_max_entry_bytes) {
            item.truncated = true;
            m_batch.diagnostics.warning(m_batch.at(line_no, 1),
                                        "list entry starting at line " + std::to_string(item.line) +
                                            " is longer than " + std::to_string(k_max_entry_bytes) +
                                            " bytes; the rest of it is ignored");
            const std::size_t room =
                k_max_entry_bytes - std::min(k_max_entry_bytes, item.text.size());
            std::size_t cut = std::min(room, text.size());
            while (cut > 0 && cut < text.size() &&
                   (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
                --cut;
            }
            item.text.append(text.substr(0, cut));
            return;
        }
        if (!item.text.empty()) {
            item.text += '\n';
        }
        item.text.append(text);
    }

    void close_list() {
        if (!m_list_open) {
            return;
        }
        m_list_open = false;
        interpret_list();
        m_items.clear();
        m_roots.clear();
        ++m_blocks_since_heading;
    }

    std::size_t count_items(std::uint32_t idx) const {
        std::size_t n = 0;
        std::vector<std::uint32_t> todo{idx};
        while (!todo.empty()) {
            const auto i = todo.back();
            todo.pop_back();
            ++n;
            for (auto c : m_items[i].children) {
                todo.push_back(c);
            }
        }
        return n;
    }

    void interpret_list() {
        MarkdownSection& sec = m_out.sections[m_context.section];
        if (!sec.read) {
            sec.items_not_read += m_items.size();
            return;
        }
        bool any_entry = false;
        for (const Item& item : m_items) {
            if (entry_like(item.text) && !navigation(item.text)) {
                any_entry = true;
                break;
            }
        }
        if (!any_entry) {
            bool nav = false;
            for (const Item& item : m_items) {
                nav = nav || navigation(item.text);
            }
            sec.items_not_read += m_roots.size();
            if (sec.not_read_reason.empty()) {
                sec.not_read_reason = nav ? "navigation links are not entries"
                                          : "a list without links, emphasis or tags is prose";
            }
            if (!nav) {
                m_batch.diagnostics.add(
                    util::Severity::note, m_batch.at(m_list_first_line, 1),
                    "list at lines " + std::to_string(m_list_first_line) + "-" +
                        std::to_string(m_list_last_line) +
                        " has no links, emphasis or tags; read as prose, not entries");
            }
            return;
        }
        // A heading followed only by `key: value` items describes one thing: the heading.
        if (m_list_follows_heading && m_context.section != 0 &&
            m_section_entries[m_context.section] == 0 && !m_headings.empty()) {
            bool all_attrs = true;
            for (auto r : m_roots) {
                all_attrs = all_attrs && attr_line(m_items[r].text).has_value();
            }
            if (all_attrs) {
                std::vector<AttrValue> attrs;
                for (auto r : m_roots) {
                    auto a = attr_line(m_items[r].text);
                    a->value += flatten_children(r);
                    attrs.push_back(std::move(*a));
                }
                heading_entry(attrs);
                return;
            }
        }
        for (auto r : m_roots) {
            item_entry(r, m_context, 0);
        }
    }

    static std::string_view describe_first(const std::vector<AttrValue>& attrs) {
        for (const auto& a : attrs) {
            if (a.kind == AttrLine::description) {
                return a.value;
            }
        }
        return {};
    }

    std::string flatten_children(std::uint32_t idx) const {
        std::string out;
        std::vector<std::uint32_t> todo(m_items[idx].children.rbegin(),
                                        m_items[idx].children.rend());
        while (!todo.empty() && out.size() < k_max_entry_bytes) {
            const auto i = todo.back();
            todo.pop_back();
            out += "\n" + m_items[i].text;
            for (auto it = m_items[i].children.rbegin(); it != m_items[i].children.rend(); ++it) {
                todo.push_back(*it);
            }
        }
        if (out.size() > k_max_entry_bytes) {
            out.resize(k_max_entry_bytes);
        }
        return out;
    }

    void item_entry(std::uint32_t idx, const Context& ctx, std::size_t depth) {
        const Item& item = m_items[idx];
        if (navigation(item.text)) {
            MarkdownSection& sec = m_out.sections[ctx.section];
            sec.items_not_read += count_items(idx);
            if (sec.not_read_reason.empty()) {
                sec.not_read_reason = "navigation links are not entries";
            }
            return;
        }
        std::vector<AttrValue> attrs;
        std::vector<std::uint32_t> others;
        for (auto c : item.children) {
            if (auto a = attr_line(m_items[c].text)) {
                a->value += flatten_children(c);
                attrs.push_back(std::move(*a));
            } else {
                others.push_back(c);
            }
        }
        // A category bullet: a short label without links over entries.
        const std::string_view first = skip_leading_emoji(util::trim(item.text));
        const bool labelled = !has_real_link(first) && !first.starts_with("[") &&
                              split_words(md::plain_text(first)).size() <= 8;
        bool entries_below = false;
        for (auto o : others) {
            entries_below = entries_below || entry_like(m_items[o].text);
        }
        if (labelled && entries_below && depth < k_max_depth) {
            std::string label = md::strip_emoji(md::plain_text(first));
            label = trim_name(label);
            Context child = ctx;
            if (!label.empty()) {
                child.titles.push_back(label);
                std::string path;
                for (const auto& t : child.titles) {
                    path += (path.empty() ? "" : " > ") + t;
                }
                // section_index may grow m_out.sections: no reference into it is held here.
                const bool read = m_out.sections[ctx.section].read;
                child.section = section_index(path, item.line);
                m_out.sections[child.section].read = read;
                fill_hints(child);
                m_out.sections[child.section].task = child.task;
            }
            for (auto o : others) {
                item_entry(o, child, depth + 1);
            }
            return;
        }
        EntrySource e;
        e.line = item.line;
        e.column = item.column;
        e.head = item.text;
        e.attrs = std::move(attrs);
        for (auto o : others) {
            e.extra += "\n" + m_items[o].text + flatten_children(o);
            if (e.extra.size() > k_max_entry_bytes) {
                e.extra.resize(k_max_entry_bytes);
                break;
            }
        }
        entry(e, ctx);
    }

    // --- facts ----------------------------------------------------------------------------------

    Origin origin(const EntrySource& e, const Context& ctx, std::string evidence, Method method,
                  float confidence) const {
        Origin o;
        o.line = e.line;
        o.column = e.column;
        o.path = m_out.sections[ctx.section].path;
        o.cites = m_batch.source + ":" + std::to_string(e.line);
        o.evidence = clip(evidence, k_max_evidence);
        o.method = method;
        o.confidence = confidence;
        return o;
    }

    std::uint32_t add_node(NodeKind kind, std::string name, Origin o) {
        NodeFact f;
        f.kind = kind;
        f.name = std::move(name);
        f.origin = std::move(o);
        m_batch.nodes.push_back(std::move(f));
        const auto idx = static_cast<std::uint32_t>(m_batch.nodes.size() - 1);
        index_name(m_batch.nodes.back().name, idx);
        return idx;
    }

    void add_alias(std::uint32_t subject, const std::string& alias, const Origin& o) {
        if (alias.empty() || fold(alias).empty() ||
            (fold(alias) == fold(m_batch.nodes[subject].name) &&
             graph::case_key(alias) == graph::case_key(m_batch.nodes[subject].name))) {
            return;
        }
        m_batch.aliases.push_back(AliasFact{subject, alias, o});
        index_name(alias, subject);
    }

    /// Indexes `name` (folded) as naming node fact `idx`. One entry per spelling and kind:
    /// a name listed thousands of times stays one entry, so lookups stay constant-time.
    void index_name(const std::string& name, std::uint32_t idx) {
        auto& list = m_by_fold[fold(name)];
        const NodeKind kind = m_batch.nodes[idx].kind;
        const bool model_like = graph::is_model_like(kind);
        for (auto other : list) {
            const auto& o = m_batch.nodes[other];
            const bool same_kind = o.kind == kind || (model_like && graph::is_model_like(o.kind));
            if (same_kind && graph::case_key(o.name) == graph::case_key(name)) {
                return;
            }
        }
        list.push_back(idx);
    }

    void add_attr(std::uint32_t subject, AttrKey key, std::string value, const Origin& o) {
        value = std::string(util::trim(value));
        if (value.empty()) {
            return;
        }
        for (const auto& a : m_attr_seen[subject]) {
            if (a.first == key && a.second == value) {
                return;
            }
        }
        m_attr_seen[subject].emplace_back(key, value);
        m_batch.attributes.push_back(AttrFact{subject, key, std::move(value), o});
    }

    void add_edge(std::uint32_t subject, EdgeKind kind, std::uint32_t target, const Origin& o) {
        if (subject == target) {
            return;
        }
        EdgeFact e;
        e.subject = subject;
        e.kind = kind;
        e.target = m_batch.nodes[target].name;
        e.target_kind = m_batch.nodes[target].kind;
        e.target_index = target;
        e.origin = o;
        m_batch.edges.push_back(std::move(e));
    }

    /// The node fact of this batch named `name` with a kind compatible with `kind`, if any.
    std::optional<std::uint32_t> find_fact(const std::string& name, NodeKind kind) const {
        const auto it = m_by_fold.find(fold(name));
        if (it == m_by_fold.end()) {
            return std::nullopt;
        }
        for (auto idx : it->second) {
            const NodeKind k = m_batch.nodes[idx].kind;
            if (k == kind || (graph::is_model_like(k) && graph::is_model_like(kind))) {
                return idx;
            }
        }
        return std::nullopt;
    }

    /// A node fact for `name` declared once per batch (datasets, tasks, institutions named in
    /// cells and headings).
    std::uint32_t declare(NodeKind kind, const std::string& name, const Origin& o) {
        if (auto f = find_fact(name, kind)) {
            return *f;
        }
        return add_node(kind, name, o);
    }

    /// The spelling to use for an entry's node: an earlier spelling of this list that differs
    /// only in case, when the entry carries no identity of its own (no Hub id, arXiv id or DOI).
    std::string spelling_for(const std::string& name, NodeKind kind, bool has_keys) const {
        if (has_keys) {
            return name;
        }
        const auto it = m_by_fold.find(fold(name));
        if (it == m_by_fold.end()) {
            return name;
        }
        std::set<std::string> spellings;
        for (auto idx : it->second) {
            const NodeKind k = m_batch.nodes[idx].kind;
            if (k == kind || (graph::is_model_like(k) && graph::is_model_like(kind))) {
                spellings.insert(m_batch.nodes[idx].name);
            }
        }
        if (spellings.count(name) > 0 || spellings.size() != 1) {
            return name;
        }
        return *spellings.begin();
    }

    NodeKind kind_of(const Parsed& p, const std::string& name, const Context& ctx) const {
        // Links that are the thing itself.
        const std::string fname = fold(name);
        for (const auto& l : p.links) {
            if (l.info.kind == md::LinkKind::hf_dataset || l.info.kind == md::LinkKind::hf_model) {
                const auto slash = l.info.hf_id.find('/');
                const std::string repo = fold(l.info.hf_id.substr(slash + 1));
                if (!fname.empty() && (repo.find(fname) != std::string::npos ||
                                       fname.find(repo) != std::string::npos)) {
                    return l.info.kind == md::LinkKind::hf_dataset ? NodeKind::dataset
                                                                   : NodeKind::model;
                }
            }
        }
        if (ctx.kind == SectionKind::data_strong) {
            return NodeKind::dataset;
        }
        if (const auto tf = md::family_of_token(name); tf && tf->plain) {
            return NodeKind::base_model; // the entry is a base model itself
        }
        if (!md::families_in_name(name).empty()) {
            return NodeKind::model;
        }
        static constexpr std::string_view suffixes[] = {
            "qa",         "bench",  "benchmark", "corpus",      "dataset",
            "data",       "db",     "database",  "leaderboard", "instructions",
            "collection", "dialog", "dialogue",  "kg",          "eval"};
        std::string stem = fname;
        while (!stem.empty() && is_digit(stem.back())) {
            stem.pop_back();
        }
        for (auto s : suffixes) {
            if (stem.size() > s.size() && stem.ends_with(s)) {
                return NodeKind::dataset;
            }
        }
        if (auto f = find_fact(name, NodeKind::dataset);
            f && m_batch.nodes[*f].kind == NodeKind::dataset) {
            return NodeKind::dataset;
        }
        if (auto f = find_fact(name, NodeKind::model)) {
            return m_batch.nodes[*f].kind == NodeKind::base_model ? NodeKind::model
                                                                  : m_batch.nodes[*f].kind;
        }
        if (ctx.kind == SectionKind::data_strong) {
            return NodeKind::dataset;
        }
        if (ctx.kind == SectionKind::models) {
            return NodeKind::model;
        }
        const std::string lt = lower(p.title);
        std::size_t data_at = std::string::npos;
        std::size_t model_at = std::string::npos;
        for (auto w : k_data_title_words) {
            for (std::size_t at = lt.find(w); at != std::string::npos; at = lt.find(w, at + 1)) {
                if (contains_word(lt.substr(at, w.size() + 1), w)) {
                    data_at = std::min(data_at, at);
                    break;
                }
            }
        }
        for (auto w : k_model_title_words) {
            for (std::size_t at = lt.find(w); at != std::string::npos; at = lt.find(w, at + 1)) {
                const bool left = at == 0 || !is_alnum(lt[at - 1]);
                const bool right = at + w.size() >= lt.size() || !is_alnum(lt[at + w.size()]);
                if (left && right) {
                    model_at = std::min(model_at, at);
                    break;
                }
            }
        }
        // Chinese titles put the head noun last: "中文医疗场景的LLM评测基准" is a benchmark.
        bool cjk = false;
        for (char c : lt) {
            cjk = cjk || static_cast<unsigned char>(c) >= 0xE3;
        }
        if (cjk) {
            std::size_t data_last = std::string::npos;
            std::size_t model_last = std::string::npos;
            for (auto w : k_data_title_words_cjk) {
                if (const auto at = lt.rfind(w); at != std::string::npos) {
                    data_last = data_last == std::string::npos ? at : std::max(data_last, at);
                }
            }
            for (auto w : k_model_title_words_cjk) {
                if (const auto at = lt.rfind(w); at != std::string::npos) {
                    model_last = model_last == std::string::npos ? at : std::max(model_last, at);
                }
            }
            if (data_last != std::string::npos || model_last != std::string::npos) {
                const bool data = model_last == std::string::npos ||
                                  (data_last != std::string::npos && data_last > model_last);
                if (data) {
                    return NodeKind::dataset;
                }
                if (ctx.kind == SectionKind::data_weak) {
                    return NodeKind::model;
                }
            }
        }
        if (ctx.kind == SectionKind::data_weak) {
            return model_at != std::string::npos && model_at < data_at ? NodeKind::model
                                                                       : NodeKind::dataset;
        }
        if (data_at != std::string::npos && data_at < model_at) {
            return NodeKind::dataset;
        }
        return NodeKind::model;
    }

    static bool publication_venue(std::string_view venue) {
        const std::string v = lower(util::trim(venue));
        return !v.empty() && !in(k_non_venues, v);
    }

    void entry(const EntrySource& e, const Context& ctx) {
        MarkdownEntry rec;
        rec.line = e.line;
        rec.column = e.column;
        rec.section = ctx.section;
        ++m_batch.records_seen;
        ++m_section_entries[ctx.section];
        std::string reason;
        if (!emit(e, ctx, reason)) {
            rec.skipped = true;
            rec.reason = reason;
            ++m_batch.records_skipped;
            m_batch.diagnostics.warning(m_batch.at(e.line, e.column),
                                        "list entry skipped: " + reason);
        }
        m_out.entries.push_back(std::move(rec));
    }

    bool emit(const EntrySource& e, const Context& ctx, std::string& reason) {
        Parsed p = parse_entry(e);
        const std::string evidence = md::strip_emoji(md::plain_text(std::string_view(e.head).substr(
            0, std::min<std::size_t>(e.head.size(), 4 * k_max_evidence))));
        Method name_method = p.name_explicit ? Method::curated : Method::title;
        float name_conf = 1.0F;
        std::string title_rest; // the title without its name prefix
        if (p.name.empty() && !p.title.empty() && ctx.kind != SectionKind::papers) {
            bool paper_link = false;
            for (const auto& l : p.links) {
                paper_link = paper_link || l.info.kind == md::LinkKind::paper;
            }
            if (auto tn = name_from_title(p.title, !paper_link && !publication_venue(p.venue))) {
                p.name = tn->name;
                name_conf = tn->confidence;
                title_rest = tn->rest;
                name_method = Method::title;
            }
        }
        bool has_paper_link = false;
        bool has_keys = false;
        for (const auto& l : p.links) {
            has_paper_link = has_paper_link || l.info.kind == md::LinkKind::paper;
            has_keys = has_keys || !l.info.arxiv.empty() || !l.info.doi.empty() ||
                       (l.info.kind == md::LinkKind::hf_model && repo_names(l.info.hf_id, p.name));
        }
        if (p.name.empty() && p.title.empty()) {
            if (p.links.empty()) {
                reason = "no name, title or link";
                return false;
            }
            // Only links: a paper when one carries an arXiv id or a DOI.
            for (const auto& l : p.links) {
                if (!l.info.arxiv.empty() || !l.info.doi.empty()) {
                    p.title = !l.info.arxiv.empty() ? "arXiv:" + l.info.arxiv : "doi:" + l.info.doi;
                    break;
                }
            }
            if (p.title.empty()) {
                reason = "only links, with no name or title (" + p.links.front().url + ")";
                return false;
            }
        }
        std::string year = p.date ? std::to_string(p.date->year) : p.year;
        std::string date = p.date && p.date->month > 0 ? md::format_date(*p.date) : "";
        // "**Yao et al. 2026: LLM 与循证中医整合**" is a paper's title in bold, not a model's name.
        if (!p.name.empty() && !not_a_name(p.name).empty()) {
            p.title = p.title.empty() ? p.name : p.name + ": " + p.title;
            p.name.clear();
            p.aliases.clear();
        }
        if (p.name.empty()) {
            // An unnamed paper entry: a paper when it has something to cite it by.
            if (!has_paper_link && p.links.empty() && !p.tagged && p.authors.empty()) {
                reason = "no name, link, tag or authors: \"" + clip(p.title, 60) +
                         "\" reads as prose, not an entry";
                return false;
            }
            paper(p, ctx, e, evidence, std::nullopt, "", year, date);
            return true;
        }
        std::string in_parens;
        if (auto dev = split_developer(p.name)) {
            p.name = dev->first;
            in_parens = dev->second;
        }
        auto [name, aliases] = split_aliases(p.name);
        for (auto& a : p.aliases) {
            aliases.push_back(a);
        }
        const NodeKind kind = kind_of(p, name, ctx);
        name = spelling_for(name, kind, has_keys);
        const Origin o = origin(e, ctx, evidence, name_method, name_conf);
        const std::uint32_t node = add_node(kind, name, o);
        for (const auto& a : aliases) {
            add_alias(node, a, o);
        }
        // An attribute's value is its own evidence; the entry's text is on the node already.
        Origin ao = o;
        ao.evidence.clear();
        if (!in_parens.empty()) {
            add_attr(node, AttrKey::note, "named with \"(" + in_parens + ")\"", ao);
        }
        if (!year.empty()) {
            add_attr(node, AttrKey::year, year, ao);
        }
        if (!date.empty()) {
            add_attr(node, AttrKey::date, date, ao);
        }
        if (!p.authors.empty() && !(has_paper_link || publication_venue(p.venue))) {
            add_attr(node, AttrKey::authors, p.authors, ao);
        }
        // Links that belong to the thing rather than its paper.
        bool hf_set = false;
        for (const auto& l : p.links) {
            const Origin lo = origin(e, ctx, "", Method::url, 1.0F);
            switch (l.info.kind) {
            case md::LinkKind::paper:
                break;
            case md::LinkKind::code:
                add_attr(node, AttrKey::code, l.url, lo);
                break;
            case md::LinkKind::hf_model:
                if (kind == NodeKind::model && !hf_set && repo_names(l.info.hf_id, name)) {
                    add_attr(node, AttrKey::hf_id, l.info.hf_id, lo);
                    hf_set = true;
                }
                add_attr(node, AttrKey::url, l.url, lo);
                break;
            case md::LinkKind::hf_dataset:
                if (kind == NodeKind::model) {
                    dataset_link(node, l, e, ctx);
                } else {
                    add_attr(node, AttrKey::url, l.url, lo);
                }
                break;
            default:
                add_attr(node, AttrKey::url, l.url, lo);
                break;
            }
        }
        for (const auto& a : p.attrs) {
            attr_facts(node, kind, a, e, ctx);
        }
        if (graph::is_model_like(kind)) {
            lineage(node, name, aliases, p, title_rest, e, ctx);
            if (const auto sized = graph::split_size_suffix(name)) {
                add_attr(node, AttrKey::parameters, sized->size,
                         origin(e, ctx, "size " + sized->size + " in the name \"" + name + "\"",
                                Method::name, 0.9F));
            }
            if (ctx.multimodal) {
                add_attr(node, AttrKey::modality, "multimodal",
                         origin(e, ctx, "section \"" + m_out.sections[ctx.section].path + "\"",
                                Method::curated, 0.7F));
            }
        }
        if (!ctx.task.empty() && (kind == NodeKind::model || kind == NodeKind::dataset)) {
            const Origin to =
                origin(e, ctx, "listed under \"" + ctx.task + "\"", Method::curated, 0.8F);
            const auto task = declare(NodeKind::task, ctx.task, to);
            add_edge(node, EdgeKind::addresses, task, to);
        }
        // A title is a paper's when a paper link or a publication venue says so; a repository
        // with authors is not a paper.
        const bool title_is_paper = !p.title.empty() && fold(p.title) != fold(name) &&
                                    (has_paper_link || publication_venue(p.venue));
        if (has_paper_link || title_is_paper) {
            if (p.title.empty()) {
                for (const auto& l : p.links) {
                    if (!l.info.arxiv.empty() || !l.info.doi.empty()) {
                        p.title =
                            !l.info.arxiv.empty() ? "arXiv:" + l.info.arxiv : "doi:" + l.info.doi;
                        break;
                    }
                }
            }
            if (!p.title.empty()) {
                paper(p, ctx, e, evidence, node, name, year, date);
            } else {
                for (const auto& l : p.links) {
                    if (l.info.kind == md::LinkKind::paper) {
                        add_attr(node, AttrKey::url, l.url,
                                 origin(e, ctx, "link " + l.url, Method::url, 1.0F));
                    }
                }
            }
        } else if (!p.venue.empty()) {
            add_attr(node, AttrKey::venue, p.venue, ao);
        }
        return true;
    }

    void paper(const Parsed& p, const Context& ctx, const EntrySource& e,
               const std::string& evidence, std::optional<std::uint32_t> owner,
               const std::string& owner_name, const std::string& year, const std::string& date) {
        std::vector<std::string> aliases;
        std::string title = p.title;
        if (owner && !owner_name.empty()) {
            const std::string ft = fold(title);
            const std::string fn = fold(owner_name);
            if (ft.starts_with(fn)) {
                // "Med-Flamingo: a Multimodal ..." is also known without its name.
                if (auto tn = name_from_title(title); tn && !tn->rest.empty()) {
                    aliases.push_back(tn->rest);
                }
            } else if (m_batch.nodes[*owner].kind == NodeKind::model) {
                aliases.push_back(owner_name + ": " + title);
            }
        }
        bool has_keys = false;
        for (const auto& l : p.links) {
            has_keys = has_keys || !l.info.arxiv.empty() || !l.info.doi.empty();
        }
        title = spelling_for(title, NodeKind::paper, has_keys);
        const Origin o = origin(e, ctx, evidence, Method::curated, 1.0F);
        const auto node = add_node(NodeKind::paper, title, o);
        for (const auto& a : aliases) {
            add_alias(node, a, o);
        }
        Origin ao = o;
        ao.evidence.clear();
        if (!title.starts_with("arXiv:") && !title.starts_with("doi:")) {
            add_attr(node, AttrKey::title, title, ao);
        }
        if (!year.empty()) {
            add_attr(node, AttrKey::year, year, ao);
        }
        if (!date.empty()) {
            add_attr(node, AttrKey::date, date, ao);
        }
        if (!p.venue.empty()) {
            add_attr(node, AttrKey::venue, p.venue, ao);
        }
        if (!p.authors.empty()) {
            add_attr(node, AttrKey::authors, p.authors, ao);
        }
        bool arxiv_set = false;
        bool doi_set = false;
        for (const auto& l : p.links) {
            const Origin lo = origin(e, ctx, "", Method::url, 1.0F);
            if (l.info.kind == md::LinkKind::paper) {
                add_attr(node, AttrKey::url, l.url, lo);
                // One arXiv id and one DOI: a second would make the paper two papers.
                if (!l.info.arxiv.empty() && !arxiv_set) {
                    add_attr(node, AttrKey::arxiv, l.info.arxiv, lo);
                    arxiv_set = true;
                }
                if (!l.info.doi.empty() && !doi_set) {
                    add_attr(node, AttrKey::doi, l.info.doi, lo);
                    doi_set = true;
                }
            } else if (!owner) {
                add_attr(node, l.info.kind == md::LinkKind::code ? AttrKey::code : AttrKey::url,
                         l.url, lo);
            }
        }
        if (owner) {
            add_edge(*owner, EdgeKind::described_in, node, o);
        }
    }

    void dataset_link(std::uint32_t model, const Link& l, const EntrySource& e,
                      const Context& ctx) {
        const auto slash = l.info.hf_id.find('/');
        const std::string name = l.info.hf_id.substr(slash + 1);
        const bool eval = ctx.kind == SectionKind::data_weak;
        const Origin o = origin(e, ctx, "link " + l.url, Method::url, eval ? 0.7F : 0.5F);
        const auto ds = declare(NodeKind::dataset, name, o);
        add_attr(ds, AttrKey::url, l.url, o);
        add_edge(model, eval ? EdgeKind::evaluated_on : EdgeKind::trained_on, ds, o);
    }

    void attr_facts(std::uint32_t node, NodeKind kind, const AttrValue& a, const EntrySource& e,
                    const Context& ctx) {
        const std::string value = md::plain_text(a.value);
        const Origin o = origin(e, ctx, a.key + ": " + value, Method::curated, 0.9F);
        switch (a.kind) {
        case AttrLine::size:
            if (kind == NodeKind::model) {
                for (const auto& s : md::parse_sizes(value, "")) {
                    add_attr(node, AttrKey::parameters, s, o);
                }
            }
            break;
        case AttrLine::institution:
            for (const auto& v : md::split_values(value, false)) {
                const auto inst = declare(NodeKind::institution, v, o);
                add_edge(node, EdgeKind::developed_by, inst, o);
            }
            break;
        case AttrLine::date:
            if (auto d = md::parse_date(value)) {
                add_attr(node, AttrKey::year, std::to_string(d->year), o);
                if (d->month > 0) {
                    add_attr(node, AttrKey::date, md::format_date(*d), o);
                }
            }
            break;
        case AttrLine::license:
            add_attr(node, AttrKey::license, value, o);
            break;
        case AttrLine::language:
            add_attr(node, AttrKey::languages, value, o);
            break;
        case AttrLine::authors:
            add_attr(node, AttrKey::authors, value, o);
            break;
        case AttrLine::data:
            if (kind == NodeKind::model && !has_real_link(a.value)) {
                for (const auto& v : md::split_values(value, false)) {
                    const Origin d = origin(e, ctx, a.key + ": " + value, Method::curated, 0.7F);
                    const auto ds = declare(NodeKind::dataset, v, d);
                    add_edge(node, EdgeKind::trained_on, ds, d);
                }
            }
            break;
        default:
            break;
        }
    }

    md::Relation relation_for(const Cue& c, md::Relation hint) const {
        if (c.relation != md::Relation::unknown) {
            return c.relation;
        }
        if (hint != md::Relation::unknown) {
            return hint;
        }
        if (c.family != nullptr && c.family->usual != md::Relation::unknown) {
            return c.family->usual;
        }
        return md::Relation::fine_tune;
    }

    static EdgeKind edge_of(md::Relation r) {
        switch (r) {
        case md::Relation::pretrain:
            return EdgeKind::pretrained_from;
        case md::Relation::prompt:
            return EdgeKind::prompted_from;
        default:
            return EdgeKind::fine_tuned_from;
        }
    }

    /// Base-model cues of a model entry: its title and description, its name, its own links,
    /// and `base:` lines. One edge per base, from the most confident cue.
    void lineage(std::uint32_t node, const std::string& name,
                 const std::vector<std::string>& aliases, const Parsed& p,
                 const std::string& title_rest, const EntrySource& e, const Context& ctx) {
        std::vector<Cue> cues;
        const std::string text = (title_rest.empty() ? p.title : title_rest) +
                                 (p.description.empty() ? "" : ". " + p.description);
        for (auto& c : md::bases_in_text(text)) {
            cues.push_back(
                Cue{c.target, c.family, c.relation, Method::title, c.confidence, c.evidence});
        }
        std::vector<std::string> names{name};
        names.insert(names.end(), aliases.begin(), aliases.end());
        for (const auto& n : names) {
            for (const auto& nf : md::guessable_families(n)) {
                cues.push_back(Cue{std::string(nf.family->name), nf.family, md::Relation::unknown,
                                   Method::name, nf.confidence, "name \"" + n + "\""});
            }
        }
        for (const auto& l : p.links) {
            std::string repo;
            if (l.info.kind == md::LinkKind::hf_model) {
                repo = l.info.hf_id;
            } else if (l.info.kind == md::LinkKind::code) {
                repo = l.info.repo;
            } else {
                continue;
            }
            const auto slash = repo.find('/');
            const std::string repo_name = repo.substr(slash + 1);
            for (const auto& nf : md::guessable_families(repo_name)) {
                cues.push_back(Cue{std::string(nf.family->name), nf.family, md::Relation::unknown,
                                   Method::url, std::max(0.5F, nf.confidence - 0.1F),
                                   "link " + l.url});
            }
        }
        for (const auto& a : p.attrs) {
            if (a.kind != AttrLine::base) {
                continue;
            }
            for (const auto& v : md::split_values(md::plain_text(a.value), true)) {
                Cue c;
                c.method = Method::table;
                c.confidence = 0.95F;
                c.evidence = a.key + ": " + md::plain_text(a.value);
                if (const auto tf = md::family_of_token(v); tf && tf->plain) {
                    c.family = tf->family;
                    c.target = md::base_target(v, *tf);
                } else {
                    c.target = v;
                }
                cues.push_back(std::move(c));
            }
        }
        add_bases(node, name, aliases, cues, ctx.relation, e, ctx);
    }

    void add_bases(std::uint32_t node, const std::string& name,
                   const std::vector<std::string>& aliases, std::vector<Cue> cues,
                   md::Relation hint, const EntrySource& e, const Context& ctx) {
        std::set<std::string> self{fold(name)};
        for (const auto& a : aliases) {
            self.insert(fold(a));
        }
        // A base the source states makes guesses from the name or a link needless: a guess is
        // what medkg infers when nothing is stated.
        const bool stated = std::any_of(cues.begin(), cues.end(), [](const Cue& c) {
            return c.method != Method::name && c.method != Method::url;
        });
        if (stated) {
            std::erase_if(cues, [](const Cue& c) {
                return c.method == Method::name || c.method == Method::url;
            });
        }
        // One cue per target: the most confident, then the most direct method.
        std::map<std::string, Cue> best;
        for (auto& c : cues) {
            const std::string key = fold(c.target);
            if (key.empty() || self.count(key) > 0) {
                continue;
            }
            auto it = best.find(key);
            if (it == best.end()) {
                best.emplace(key, std::move(c));
            } else if (c.confidence > it->second.confidence ||
                       (c.confidence == it->second.confidence &&
                        method_rank(c.method) < method_rank(it->second.method))) {
                it->second = std::move(c);
            }
        }
        // A weaker family inside a stronger one's name says less: GLM (from "DoctorGLM") next to
        // ChatGLM (from a table), LLaMA next to Llama 2.
        for (auto it = best.begin(); it != best.end();) {
            bool weaker = false;
            for (const auto& [k2, other] : best) {
                if (&other != &it->second && it->second.family != nullptr &&
                    other.family != nullptr && other.family != it->second.family &&
                    other.family->key.find(it->second.family->key) != std::string_view::npos &&
                    other.confidence > it->second.confidence) {
                    weaker = true;
                }
            }
            it = weaker ? best.erase(it) : std::next(it);
        }
        // A sized base ("LLaMA-7B") makes the bare family redundant.
        std::set<const md::Family*> sized;
        for (const auto& [key, c] : best) {
            if (c.family != nullptr && fold(c.target) != c.family->key) {
                sized.insert(c.family);
            }
        }
        for (auto& [key, c] : best) {
            if (c.family != nullptr && fold(c.target) == c.family->key &&
                sized.count(c.family) > 0) {
                continue;
            }
            PendingBase pb;
            pb.subject = node;
            pb.kind = c.merge ? EdgeKind::merged_from : edge_of(relation_for(c, hint));
            pb.target = c.target;
            pb.family = c.family;
            pb.origin = origin(e, ctx, c.evidence, c.method, c.confidence);
            pb.model = name;
            m_pending.push_back(std::move(pb));
        }
    }

    /// Base-model targets become node facts of this list (a model the list declares, or a
    /// base model named here for the first time) and edges to them.
    void resolve_bases() {
        for (const auto& pb : m_pending) {
            std::uint32_t target = 0;
            if (auto f = find_fact(pb.target, NodeKind::base_model)) {
                target = *f;
            } else {
                Origin o = pb.origin;
                o.evidence =
                    clip("named as the base of \"" + pb.model + "\": " + pb.origin.evidence,
                         k_max_evidence);
                target = add_node(NodeKind::base_model, pb.target, o);
                // "LLaMA-7B" is a size of LLaMA: the builder makes the family its name states.
                m_batch.nodes[target].named_as_base = true;
            }
            if (target == pb.subject) {
                continue;
            }
            add_edge(pb.subject, pb.kind, target, pb.origin);
        }
        m_pending.clear();
    }

    // --- tables ---------------------------------------------------------------------------------

    /// Reads the table whose header is line `k`; returns the index of its last line.
    using Row = std::pair<std::uint32_t, std::vector<std::string>>;
    /// Per row, the line of each cell when cells sit on lines of their own (HTML tables).
    std::vector<std::vector<std::uint32_t>> m_cell_lines;

    /// A GFM table: its header row and body rows, each with its line.
    void markdown_table(const md::Block& t) {
        if (t.children.empty()) {
            return;
        }
        const std::vector<std::string>& header_cells = t.children.front().cells;
        std::vector<Row> rows;
        std::vector<std::size_t> written; // cells each row has in the file (GitHub pads them)
        for (std::size_t r = 1; r < t.children.size(); ++r) {
            const auto& row = t.children[r];
            rows.emplace_back(row.line, row.cells);
            written.push_back(row.line > 0 && row.line <= m_lines.size()
                                  ? md::split_row(m_lines[row.line - 1]).size()
                                  : row.cells.size());
        }
        // Rows split over lines: two short rows that together fill the header.
        const std::size_t width = header_cells.size();
        std::vector<Row> merged;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            auto row = rows[r];
            if (written[r] < width && r + 1 < rows.size() && written[r + 1] < width &&
                written[r] + written[r + 1] - 1 == width) {
                auto next = rows[r + 1].second;
                next.resize(written[r + 1]);
                row.second.resize(written[r]);
                row.second.back() += " " + next.front();
                row.second.insert(row.second.end(), next.begin() + 1, next.end());
                ++r;
            }
            row.second.resize(width);
            merged.push_back(std::move(row));
        }
        table(t.line, header_cells, merged);
    }

    /// An HTML table: its header rows (several make one header: a group title over its
    /// columns' names), else its first row, and the rows below.
    void html_table(const md::HtmlTable& t) {
        if (t.rows.empty()) {
            return;
        }
        const std::size_t header_rows = std::max<std::size_t>(1, t.header_rows);
        std::size_t width = 0;
        for (const auto& r : t.rows) {
            width = std::max(width, r.size());
        }
        std::vector<std::string> header(width);
        for (std::size_t r = 0; r < header_rows && r < t.rows.size(); ++r) {
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                const std::string& cell = t.rows[r][c];
                if (!cell.empty() && header[c] != cell) {
                    // A group title over its columns' own names: "Base Model › # Params".
                    header[c] += (header[c].empty() ? "" : " \u203A ") + cell;
                }
            }
        }
        std::vector<Row> rows;
        m_cell_lines.clear();
        for (std::size_t r = header_rows; r < t.rows.size(); ++r) {
            auto cells = t.rows[r];
            cells.resize(width);
            rows.emplace_back(t.row_lines[r], std::move(cells));
            m_cell_lines.push_back(r < t.cell_lines.size() ? t.cell_lines[r]
                                                           : std::vector<std::uint32_t>{});
        }
        table(t.line, header, rows);
        m_cell_lines.clear();
    }

    void table(std::uint32_t header_line, const std::vector<std::string>& header_cells,
               const std::vector<Row>& rows) {
        md::TableHeader header = md::classify_header(header_cells);
        if (header.kind == md::TableKind::none) {
            // No header word names the rows: a column of links or names in any language does.
            std::vector<std::vector<std::string>> cells;
            for (const auto& r : rows) {
                cells.push_back(r.second);
            }
            if (const auto k = md::name_column_from_rows(header, cells)) {
                header.columns[*k] = md::Column::name;
                header.kind = m_context.kind == SectionKind::data_strong ||
                                      m_context.kind == SectionKind::data_weak
                                  ? md::TableKind::dataset
                              : m_context.kind == SectionKind::papers ? md::TableKind::paper
                                                                      : md::TableKind::model;
            }
        }
        MarkdownSection& sec = m_out.sections[m_context.section];
        if (!sec.read) {
            sec.items_not_read += rows.size();
            return;
        }
        if (header.kind == md::TableKind::none) {
            std::string heads;
            for (const auto& h : header_cells) {
                heads += (heads.empty() ? "" : ", ") + md::plain_text(h);
            }
            sec.items_not_read += rows.size();
            if (sec.not_read_reason.empty()) {
                sec.not_read_reason = "a table without a model, dataset or paper column";
            }
            m_batch.diagnostics.add(
                util::Severity::note, m_batch.at(header_line, 1),
                "table has no model, dataset or paper column (headers: " + clip(heads, 120) +
                    "); its " + std::to_string(rows.size()) + " rows are not entries");
            return;
        }
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const auto& [row_line, cells] = rows[r];
            // An HTML row spans lines: it is where its name is.
            std::uint32_t line_no = row_line;
            if (r < m_cell_lines.size()) {
                for (std::size_t k = 0; k < header.columns.size() && k < m_cell_lines[r].size(); ++k) {
                    if (header.columns[k] == md::Column::name && m_cell_lines[r][k] != 0) {
                        line_no = m_cell_lines[r][k];
                    }
                }
            }
            table_row(header, header_cells, line_no, cells);
        }
    }

    /// The parts of a cell split at its line breaks (`<br>`, `<br/>`, `<br />`).
    static std::vector<std::string> br_parts(std::string_view cell) {
        std::vector<std::string> out;
        std::string cur;
        for (std::size_t i = 0; i < cell.size(); ++i) {
            if (cell[i] == '<' && i + 3 < cell.size() && (cell[i + 1] == 'b' || cell[i + 1] == 'B') &&
                (cell[i + 2] == 'r' || cell[i + 2] == 'R')) {
                const auto close = cell.find('>', i);
                if (close != std::string_view::npos && close - i <= 6) {
                    out.push_back(std::string(util::trim(cur)));
                    cur.clear();
                    i = close;
                    continue;
                }
            }
            cur += cell[i];
        }
        out.push_back(std::string(util::trim(cur)));
        std::erase_if(out, [](const std::string& p) { return p.empty(); });
        return out;
    }

    /// The models a name cell names: its first line, and later lines that are names or links of
    /// their own; a parenthesised line of links lists the variants of the one before
    /// (`[Swallow 70B](url)<br>([70B-v0.4](url), ...)`), not other entries.
    static std::vector<std::string> names_in_cell(std::string_view cell) {
        std::vector<std::string> out;
        for (const auto& part : br_parts(cell)) {
            if (!out.empty() && (part.front() == '(' || part.starts_with("\uFF08"))) {
                continue;
            }
            if (!out.empty() && !has_real_link(part)) {
                continue; // a remark under the name
            }
            for (auto& n : comma_names(part)) {
                out.push_back(std::move(n));
            }
        }
        return out;
    }

    /// A cell naming several models apart by commas ("[XrayGLM](u),[IvyGPT](v)", "华佗，凤凰",
    /// "Qwen-1.8B,7B,14B"): each, a bare size taking the first one's family. The cell itself
    /// when a part is no name.
    static std::vector<std::string> comma_names(const std::string& part) {
        std::vector<std::string> pieces;
        std::string cur;
        int depth = 0;
        for (std::size_t i = 0; i < part.size(); ++i) {
            const char c = part[i];
            depth += (c == '[' || c == '(') ? 1 : (c == ']' || c == ')') ? -1 : 0;
            const bool ascii_comma = c == ',' && depth == 0;
            const bool wide = depth == 0 && (part.compare(i, 3, "，") == 0 || part.compare(i, 3, "、") == 0);
            if (ascii_comma || wide) {
                pieces.push_back(std::string(util::trim(cur)));
                cur.clear();
                i += wide ? 2 : 0;
                continue;
            }
            cur += c;
        }
        pieces.push_back(std::string(util::trim(cur)));
        if (pieces.size() < 2) {
            return {part};
        }
        std::string stem; // "Qwen-" of "Qwen-1.8B"
        {
            const std::string first = cell_text(pieces.front());
            const auto m = graph::parse_model_name(first);
            if (!m.size.empty()) {
                stem = first.substr(0, static_cast<std::size_t>(m.size.data() - m.text.data()));
            }
        }
        std::vector<std::string> out;
        for (auto& p : pieces) {
            std::string text = cell_text(p);
            if (text.empty()) {
                continue;
            }
            if (!stem.empty() && md::parse_size(text)) {
                p = stem + text;
                text = p;
            }
            if (!not_a_name(text).empty() || split_words(text).size() > 4) {
                return {part};
            }
            out.push_back(p);
        }
        return out;
    }

    void table_row(const md::TableHeader& h, const std::vector<std::string>& header_cells,
                   std::uint32_t line_no, const std::vector<std::string>& cells) {
        EntrySource e;
        e.line = line_no;
        e.column = 1;
        MarkdownEntry rec;
        rec.line = line_no;
        rec.column = 1;
        rec.section = m_context.section;
        ++m_batch.records_seen;
        ++m_section_entries[m_context.section];
        std::string reason;
        // A name cell may name several models, each with the rest of the row.
        std::vector<std::vector<std::string>> rows{cells};
        for (std::size_t k = 0; k < h.columns.size() && k < cells.size(); ++k) {
            if (h.columns[k] == md::Column::name) {
                const auto names = names_in_cell(cells[k]);
                if (!names.empty()) {
                    rows.clear();
                    for (const auto& n : names) {
                        rows.push_back(cells);
                        rows.back()[k] = n;
                    }
                }
            }
        }
        bool any = false;
        for (const auto& row : rows) {
            std::string why;
            if (row_facts(h, header_cells, e, row, why)) {
                any = true;
            } else if (reason.empty()) {
                reason = why;
            }
        }
        if (!any) {
            rec.skipped = true;
            rec.reason = reason;
            ++m_batch.records_skipped;
            m_batch.diagnostics.warning(m_batch.at(line_no, 1), "table row skipped: " + reason);
        }
        m_out.entries.push_back(std::move(rec));
    }

    static std::string cell_text(std::string_view cell) {
        return md::clean_latex(md::plain_text(cell));
    }

    /// Links in a cell, including bare addresses written with stray spaces or without a scheme.
    static std::vector<Link> cell_links(std::string_view cell_in) {
        std::string cell(util::trim(cell_in));
        std::vector<Link> out;
        const bool one_url = (cell.starts_with("http://") || cell.starts_with("https://")) &&
                             cell.find("http", 4) == std::string::npos;
        if (one_url) {
            cell.erase(std::remove(cell.begin(), cell.end(), ' '), cell.end());
        }
        for (const auto& l : md::find_links(cell)) {
            if (l.image) {
                continue;
            }
            const std::string label = md::plain_text(l.label);
            auto info = md::classify_link(l.url, label);
            if (info.kind != md::LinkKind::anchor) {
                out.push_back(Link{l.url, label, std::move(info)});
            }
        }
        if (out.empty()) {
            // "ai-health.m.u-tokyo.ac.jp/home/...": an address without a scheme.
            const std::string t = md::plain_text(cell);
            const auto slash = t.find('/');
            const auto dot = t.find('.');
            if (t.find(' ') == std::string::npos && dot != std::string::npos && dot > 0 &&
                (slash == std::string::npos || dot < slash) && t.size() > 4) {
                auto info = md::classify_link("https://" + t, "");
                out.push_back(Link{t, "", std::move(info)});
            }
        }
        return out;
    }

    /// Expands "FS-/RAD-/GER-BERT" style names and slash aliases of a name cell.
    bool row_facts(const md::TableHeader& h, const std::vector<std::string>& header_cells,
                   const EntrySource& e_in, const std::vector<std::string>& cells,
                   std::string& reason) {
        EntrySource e = e_in;
        std::string row_text;
        for (const auto& c : cells) {
            row_text += (row_text.empty() ? "" : " | ") + cell_text(c);
        }
        std::optional<std::size_t> name_col;
        for (std::size_t k = 0; k < h.columns.size(); ++k) {
            if (h.columns[k] == md::Column::name) {
                name_col = k;
            }
        }
        if (!name_col || *name_col >= cells.size()) {
            reason = "no name cell";
            return false;
        }
        const std::string& name_cell = cells[*name_col];
        std::string full = trim_name(strip_citation(md::strip_emoji(cell_text(name_cell))));
        if (full.empty() || full == "-" || full == "—") {
            reason = "the name cell is empty";
            return false;
        }
        // A title cell that starts with a name ("[MedGemma](url): Google's most capable ..."):
        // the row is that model, described in the titled paper.
        std::string paper_title;
        std::string title_rest;
        bool title_named = false;
        if (h.kind == md::TableKind::paper) {
            if (const auto tn = name_from_title(full); tn && !tn->rest.empty()) {
                paper_title = full;
                title_rest = tn->rest;
                full = tn->name;
                title_named = true;
            } else if (full.size() > 0) {
                paper_title = full; // a paper without a model name: the paper is the entry
            }
        }
        if (const std::string why = not_a_name(full); !why.empty() && paper_title.empty()) {
            reason = "the name cell \"" + clip(full, 60) + "\" names nothing: " + why;
            return false;
        }
        std::vector<Link> links = cell_links(name_cell);
        // A name that is the Hub id its link points to is one name (`cyberagent/Llama-3.1-70B`),
        // not a name and its alias (`BenTsao/Huatuo`).
        const bool hub_named = std::any_of(links.begin(), links.end(), [&](const Link& l) {
            return l.info.kind == md::LinkKind::hf_model && lower(l.info.hf_id) == lower(full);
        });
        std::string in_parens;
        if (!hub_named) {
            if (auto dev = split_developer(full)) {
                full = dev->first;
                in_parens = dev->second;
            }
        }
        auto [name, aliases] =
            hub_named ? std::make_pair(full, std::vector<std::string>{}) : split_aliases(full);
        for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
            if (h.columns[k] == md::Column::link) {
                for (auto& l : cell_links(cells[k])) {
                    links.push_back(std::move(l));
                }
            }
        }
        const NodeKind kind = h.kind == md::TableKind::dataset ? NodeKind::dataset
                              : h.kind == md::TableKind::paper && !title_named ? NodeKind::paper
                              : h.bases                                        ? NodeKind::base_model
                                                                               : NodeKind::model;
        bool has_keys = false;
        for (const auto& l : links) {
            has_keys = has_keys ||
                       (l.info.kind == md::LinkKind::hf_model && repo_names(l.info.hf_id, name));
        }
        name = spelling_for(name, kind, has_keys && kind == NodeKind::model);
        Context ctx = m_context;
        const Origin o = origin(e, ctx, row_text, Method::table, 1.0F);
        const auto node = add_node(kind, name, o);
        for (const auto& a : aliases) {
            add_alias(node, a, o);
        }
        const Origin lo = origin(e, ctx, "", Method::table, 1.0F);
        if (!in_parens.empty()) {
            add_attr(node, AttrKey::note, "named with \"(" + in_parens + ")\"", lo);
        }
        std::optional<std::uint32_t> paper;
        if (title_named) {
            // The paper by its title; its arXiv id or DOI joins it to other sources.
            paper = add_node(NodeKind::paper, paper_title, o);
            add_attr(*paper, AttrKey::title, paper_title, o);
            add_edge(node, EdgeKind::described_in, *paper, o);
        }
        bool hf_set = false;
        bool arxiv_set = false;
        for (const auto& l : links) {
            switch (l.info.kind) {
            case md::LinkKind::code:
                add_attr(node, AttrKey::code, l.url, lo);
                break;
            case md::LinkKind::hf_model:
                if (kind == NodeKind::model && !hf_set && repo_names(l.info.hf_id, name)) {
                    add_attr(node, AttrKey::hf_id, l.info.hf_id, lo);
                    hf_set = true;
                }
                add_attr(node, AttrKey::url, l.url, lo);
                break;
            case md::LinkKind::paper:
                add_attr(paper.value_or(node), AttrKey::url, l.url, lo);
                if (!arxiv_set && (!l.info.arxiv.empty() || !l.info.doi.empty())) {
                    if (kind == NodeKind::paper || paper) {
                        const auto p = paper.value_or(node);
                        add_attr(p, l.info.arxiv.empty() ? AttrKey::doi : AttrKey::arxiv,
                                 l.info.arxiv.empty() ? l.info.doi : l.info.arxiv, lo);
                    } else {
                        const std::string pname =
                            !l.info.arxiv.empty() ? "arXiv:" + l.info.arxiv : "doi:" + l.info.doi;
                        const auto pn = add_node(NodeKind::paper, pname, lo);
                        add_attr(pn, l.info.arxiv.empty() ? AttrKey::doi : AttrKey::arxiv,
                                 l.info.arxiv.empty() ? l.info.doi : l.info.arxiv, lo);
                        add_attr(pn, AttrKey::url, l.url, lo);
                        add_edge(node, EdgeKind::described_in, pn, lo);
                    }
                    arxiv_set = true;
                }
                break;
            default:
                add_attr(node, AttrKey::url, l.url, lo);
                break;
            }
        }
        // The training method and features say how a base was used.
        md::Relation hint = ctx.relation;
        for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
            const std::string l = lower(cell_text(cells[k]));
            if (h.columns[k] == md::Column::features) {
                if (l.find("scratch") != std::string::npos) {
                    hint = md::Relation::pretrain;
                } else if (contains_word(l, "prompting") ||
                           l.find("prompt crafting") != std::string::npos ||
                           l.find("prompt engineering") != std::string::npos ||
                           l.find("in-context") != std::string::npos || contains_word(l, "icl")) {
                    hint = md::Relation::prompt;
                }
            }
        }
        for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
            if (h.columns[k] == md::Column::method) {
                const std::string l = lower(cell_text(cells[k]));
                if (contains_word(l, "pt") || l.find("pre-train") != std::string::npos ||
                    l.find("pretrain") != std::string::npos ||
                    l.find("预训练") != std::string::npos) {
                    hint = md::Relation::pretrain;
                } else if (contains_word(l, "ft") || contains_word(l, "sft") ||
                           l.find("fine-tun") != std::string::npos ||
                           l.find("微调") != std::string::npos) {
                    hint = md::Relation::fine_tune;
                } else if (l.find("prompt") != std::string::npos || contains_word(l, "icl")) {
                    hint = md::Relation::prompt;
                }
            }
        }
        std::vector<Cue> cues;
        // "MedGemma: ... built on Gemma 3": the title states the base.
        for (auto& c : md::bases_in_text(title_rest)) {
            cues.push_back(Cue{c.target, c.family,
                               c.relation == md::Relation::unknown ? hint : c.relation,
                               Method::title, c.confidence, c.evidence});
        }
        for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
            const std::string text = cell_text(cells[k]);
            if (text.empty()) {
                continue;
            }
            const Origin co =
                origin(e, ctx, md::plain_text(header_cells[k]) + ": " + text, Method::table, 0.95F);
            switch (h.columns[k]) {
            case md::Column::base:
            case md::Column::merge_base:
                if (!graph::is_model_like(kind)) {
                    break;
                }
                for (const auto& raw : base_values(cells[k])) {
                    if (in(k_architectures, lower(raw))) {
                        add_attr(node, AttrKey::note, "architecture: " + raw, co);
                        continue;
                    }
                    if (!base_shaped(raw)) {
                        // A remark in the base cell ("Instruct のないモデルのみ X がベース",
                        // "(X に対して追加学習)"): the bases its words state, if any.
                        for (auto& c : md::bases_in_text(raw)) {
                            cues.push_back(Cue{c.target, c.family,
                                               c.relation == md::Relation::unknown ? hint : c.relation,
                                               Method::table, c.confidence * 0.95F, c.evidence,
                                               h.columns[k] == md::Column::merge_base});
                        }
                        add_attr(node, AttrKey::note, "base: " + raw, co);
                        continue;
                    }
                    const std::string v = base_spelling(raw);
                    Cue c;
                    c.method = Method::table;
                    c.confidence = 0.95F;
                    c.evidence = row_text;
                    c.relation = hint; // the row's method and features describe this base
                    c.merge = h.columns[k] == md::Column::merge_base;
                    if (const auto tf = md::family_of_token(v); tf && tf->plain) {
                        c.family = tf->family;
                        c.target = md::base_target(v, *tf);
                    } else {
                        c.target = trim_name(v);
                    }
                    cues.push_back(std::move(c));
                }
                break;
            case md::Column::architecture:
                for (const auto& part : br_parts(cells[k])) {
                    const std::string v = cell_text(part);
                    if (!v.empty() && v.front() != '(') {
                        add_attr(node, AttrKey::note, "architecture: " + v, co);
                        break;
                    }
                }
                break;
            case md::Column::size:
                for (const auto& s : md::parse_sizes(text, h.unit)) {
                    add_attr(node, AttrKey::parameters, s, co);
                }
                break;
            case md::Column::date:
                if (auto d = md::parse_date(text)) {
                    add_attr(node, AttrKey::year, std::to_string(d->year), co);
                    if (d->month > 0) {
                        add_attr(node, AttrKey::date, md::format_date(*d), co);
                    }
                }
                break;
            case md::Column::institution:
                for (const auto& v : md::split_values(text, false)) {
                    const auto inst = declare(NodeKind::institution, v, co);
                    add_edge(node, EdgeKind::developed_by, inst, co);
                }
                break;
            case md::Column::training_data:
                if (kind == NodeKind::model) {
                    for (const auto& v : md::split_values(text, false)) {
                        // A cell of prose ("Web コーパスで継続事前学習") names no dataset.
                        if (!not_a_name(v).empty()) {
                            continue;
                        }
                        const Origin d = origin(e, ctx, row_text, Method::table, 0.8F);
                        const auto ds = declare(NodeKind::dataset, v, d);
                        add_edge(node, EdgeKind::trained_on, ds, d);
                    }
                }
                break;
            case md::Column::eval:
                if (kind == NodeKind::model) {
                    for (const auto& v : md::split_values(text, false)) {
                        eval_value(node, v, e, ctx, row_text);
                    }
                }
                break;
            case md::Column::features:
                if (kind == NodeKind::model) {
                    for (auto& c : md::bases_in_text(text)) {
                        cues.push_back(Cue{c.target, c.family,
                                           c.relation == md::Relation::unknown ? hint : c.relation,
                                           Method::table, c.confidence * 0.9F, c.evidence});
                    }
                }
                break;
            case md::Column::language:
                add_attr(node, AttrKey::languages, text, co);
                break;
            case md::Column::license:
                add_attr(node, AttrKey::license, text, co);
                break;
            default:
                break;
            }
        }
        if (graph::is_model_like(kind)) {
            for (const auto& n : std::vector<std::string>{name}) {
                for (const auto& nf : md::guessable_families(n)) {
                    cues.push_back(Cue{std::string(nf.family->name), nf.family,
                                       md::Relation::unknown, Method::name, nf.confidence,
                                       "name \"" + n + "\""});
                }
            }
            add_bases(node, name, aliases, std::move(cues), ctx.relation, e, ctx);
            if (const auto sized = graph::split_size_suffix(name)) {
                add_attr(node, AttrKey::parameters, sized->size,
                         origin(e, ctx, "size " + sized->size + " in the name \"" + name + "\"",
                                Method::name, 0.9F));
            }
        }
        return true;
    }

    /// The base models of a base cell: its lines (a parenthesised line of variant links left
    /// out), each split into values, without citation marks (`LLaMA [48]`, `Llama[^1]`) or
    /// token counts (`2T tokens` in a `pretraining/base` column).
    static std::vector<std::string> base_values(std::string_view cell) {
        std::vector<std::string> out;
        for (const auto& part : br_parts(cell)) {
            if (part.front() == '(' || part.starts_with("\uFF08")) {
                continue;
            }
            for (auto v : md::split_values(cell_text(part), true)) {
                v = strip_citation(v);
                // "- (remark)": a dash for "none", then a remark.
                while (!v.empty() && (v.front() == '-' || v.front() == ' ')) {
                    v.erase(v.begin());
                }
                if (v.empty() || token_count(v)) {
                    continue;
                }
                out.push_back(std::move(v));
            }
        }
        return out;
    }

    /// Whether a base cell value is a model's name, not a remark: short, no sentence, no
    /// parenthesised prose.
    static bool base_shaped(std::string_view v) {
        const std::string_view t = util::trim(v);
        if (t.empty() || t.front() == '(' || t.starts_with("\uFF08")) {
            return false;
        }
        const auto words = split_words(std::string(t));
        if (words.size() > 6 || t.size() > 60) {
            return false;
        }
        // Japanese or Chinese prose: kana or CJK beside Latin words with a particle.
        for (const char* particle : {"に対して", "ベース", "のみ", "から", "基于", "以", "を"}) {
            if (t.find(particle) != std::string_view::npos) {
                return false;
            }
        }
        // Words of a remark, not of a name: "based on PaLM 2", "Wikipedia etc.", "252K
        // instruction data".
        for (const auto& w : words) {
            const std::string l = lower(w);
            if (l == "based" || l == "on" || l == "from" || l == "etc" || l == "etc." ||
                l == "data" || l == "dataset" || l == "corpus" || l == "tokens" ||
                l == "instructions" || l == "using" || l == "with") {
                return false;
            }
        }
        // A model's name has a capital, a digit or a CJK character somewhere, or is a known
        // family: "mixed multimodal training" is a remark.
        if (md::family_of_token(t)) {
            return true;
        }
        for (const auto& w : words) {
            if (md::looks_like_model_name(w) || (!w.empty() && is_upper(w.front())) ||
                static_cast<unsigned char>(w.front()) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    /// A base as the graph names it: footnotes and remarks in parentheses dropped, a size in
    /// parentheses written after the name (`Llama 3.1 (70b)` -> `Llama 3.1 70b`,
    /// `Swallow 8B (Instruct)` -> `Swallow 8B`).
    static std::string base_spelling(std::string_view v) {
        std::string_view t = graph::strip_name_noise(v);
        if (t.ends_with(")")) {
            if (const auto open = t.rfind('('); open != std::string_view::npos && open > 0) {
                std::string out(util::trim(t.substr(0, open)));
                return out + " " + std::string(util::trim(t.substr(open + 1, t.size() - open - 2)));
            }
        }
        return std::string(t);
    }

    /// `LLaMA [48]` -> `LLaMA`; `Llama[^1]` -> `Llama`.
    static std::string strip_citation(std::string v) {
        for (;;) {
            std::string_view t = util::trim(v);
            if (t.empty() || t.back() != ']') {
                return std::string(t);
            }
            const auto open = t.rfind('[');
            if (open == std::string_view::npos) {
                return std::string(t);
            }
            const std::string_view inner = t.substr(open + 1, t.size() - open - 2);
            const bool cite = !inner.empty() && std::all_of(inner.begin(), inner.end(), [](char c) {
                return is_digit(c) || c == ',' || c == ' ' || c == '^' || c == '-';
            });
            if (!cite) {
                return std::string(t);
            }
            v = std::string(t.substr(0, open));
        }
    }

    /// `2T tokens`, `1.5T`, `300B tokens`: a corpus size, not a model.
    static bool token_count(std::string_view v) {
        const std::string l = lower(v);
        if (l.find("token") != std::string::npos || l.find("トークン") != std::string::npos) {
            return true;
        }
        const std::string_view t = util::trim(l);
        return t.size() >= 2 && t.back() == 't' &&
               std::all_of(t.begin(), t.end() - 1, [](char c) { return is_digit(c) || c == '.'; });
    }

    /// An "Eval task" value: a task ("Biomedical NER", "Disease Prediction") or a benchmark.
    void eval_value(std::uint32_t node, const std::string& v, const EntrySource& e,
                    const Context& ctx, const std::string& row_text) {
        const std::string l = lower(v);
        bool task = false;
        for (const auto& w : split_words(l)) {
            task = task || in(k_task_words, w) || in(k_task_acronyms, w);
        }
        const auto words = split_words(v);
        const bool named =
            std::any_of(words.begin(), words.end(),
                        [](const std::string& w) { return strongly_name_like(w); }) ||
            contains_word(l, "challenge") || contains_word(l, "corpus") ||
            contains_word(l, "benchmark");
        if (task && !(named && !in(k_task_acronyms, l))) {
            const Origin o = origin(e, ctx, row_text, Method::table, 0.8F);
            const auto t = declare(NodeKind::task, v, o);
            add_edge(node, EdgeKind::addresses, t, o);
            return;
        }
        if (!task && !named && words.size() > 1) {
            const Origin o = origin(e, ctx, row_text, Method::table, 0.6F);
            const auto t = declare(NodeKind::task, v, o);
            add_edge(node, EdgeKind::addresses, t, o);
            return;
        }
        const Origin o = origin(e, ctx, row_text, Method::table, 0.8F);
        const auto ds = declare(NodeKind::dataset, v, o);
        add_edge(node, EdgeKind::evaluated_on, ds, o);
    }

    std::string_view m_input;
    MarkdownRead& m_out;
    FactBatch& m_batch;
    std::string m_text;
    std::vector<std::string_view> m_lines;
    std::size_t m_h1_count = 0;
    std::uint32_t m_skip_through = 0; ///< blocks up to this line were read (an HTML table's)
    bool m_heading_entry_possible = false;
    std::vector<AttrValue> m_heading_attrs; ///< `key：value` paragraphs under the last heading

    std::vector<std::pair<int, std::string>> m_headings;
    std::uint32_t m_last_heading_line = 0;
    std::size_t m_blocks_since_heading = 0;
    int m_real_level = 1; ///< level of the last real heading (a <summary> goes one below it)
    Context m_context;
    std::unordered_map<std::string, std::uint32_t> m_section_index;
    std::unordered_map<std::uint32_t, std::size_t> m_section_entries;

    bool m_list_open = false;
    bool m_list_follows_heading = false;
    std::uint32_t m_list_first_line = 0;
    std::uint32_t m_list_last_line = 0;
    std::vector<Item> m_items;
    std::vector<std::uint32_t> m_roots;

    std::unordered_map<std::string, std::vector<std::uint32_t>> m_by_fold;
    std::unordered_map<std::uint32_t, std::vector<std::pair<AttrKey, std::string>>> m_attr_seen;
    std::vector<PendingBase> m_pending;
};

} // namespace

MarkdownRead read_markdown_detailed(std::string_view text, std::string source) {
    MarkdownRead out;
    out.batch.source = std::move(source);
    Reader reader(text, out);
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
