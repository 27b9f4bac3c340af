#include "ingest/markdown/html.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace medkg::ingest::md {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/// One tag: `<name attr="v" ...>` or `</name>`.
struct Tag {
    std::string name; ///< lower case
    bool closing = false;
    std::string attrs; ///< the raw text between the name and `>`
    std::size_t begin = 0;
    std::size_t end = 0; ///< just past `>`
};

/// The tag starting at `s[i]` (which is '<'), or nullopt when it is not one.
std::optional<Tag> tag_at(std::string_view s, std::size_t i) {
    Tag t;
    t.begin = i;
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '/') {
        t.closing = true;
        ++j;
    }
    const std::size_t name_begin = j;
    while (j < s.size() && name_char(s[j])) {
        t.name += lower(s[j]);
        ++j;
    }
    if (j == name_begin || t.name.empty() || !((t.name[0] >= 'a' && t.name[0] <= 'z'))) {
        return std::nullopt;
    }
    // To the closing '>', outside quotes; a "tag" longer than any real one is text, which keeps
    // the scan of hostile input ("<a<a<a...") linear.
    constexpr std::size_t k_max_tag = 4096;
    char quote = 0;
    const std::size_t attrs_begin = j;
    const std::size_t limit = std::min(s.size(), i + k_max_tag);
    for (; j < limit; ++j) {
        const char c = s[j];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            t.attrs = std::string(s.substr(attrs_begin, j - attrs_begin));
            t.end = j + 1;
            return t;
        }
    }
    return std::nullopt;
}

/// The value of attribute `name` in a tag's attribute text.
std::optional<std::string> attribute(std::string_view attrs, std::string_view name) {
    std::size_t i = 0;
    while (i < attrs.size()) {
        while (i < attrs.size() && !name_char(attrs[i])) {
            ++i;
        }
        std::string key;
        while (i < attrs.size() && name_char(attrs[i])) {
            key += lower(attrs[i]);
            ++i;
        }
        while (i < attrs.size() && attrs[i] == ' ') {
            ++i;
        }
        std::string value;
        if (i < attrs.size() && attrs[i] == '=') {
            ++i;
            while (i < attrs.size() && attrs[i] == ' ') {
                ++i;
            }
            if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
                const char q = attrs[i++];
                const auto close = attrs.find(q, i);
                value = std::string(attrs.substr(i, close == std::string_view::npos ? std::string_view::npos : close - i));
                i = close == std::string_view::npos ? attrs.size() : close + 1;
            } else {
                while (i < attrs.size() && attrs[i] != ' ' && attrs[i] != '/') {
                    value += attrs[i++];
                }
            }
        }
        if (key == name) {
            return value;
        }
        if (key.empty()) {
            ++i;
        }
    }
    return std::nullopt;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = 0xFFFD;
    }
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

/// Decodes a character reference at `s[i]` ('&'); returns its length, 0 when it is none.
std::size_t entity(std::string_view s, std::size_t i, std::string& out) {
    const auto semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
        return 0;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> k_named{{
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
        {"ensp", " "}, {"emsp", " "}}};
    for (const auto& [n, v] : k_named) {
        if (name == n) {
            out += v;
            return semi - i + 1;
        }
    }
    if (name.size() >= 2 && name[0] == '#') {
        const bool hex = name[1] == 'x' || name[1] == 'X';
        const std::string digits(name.substr(hex ? 2 : 1));
        if (digits.empty() || digits.size() > 7) {
            return 0;
        }
        char* end = nullptr;
        const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        if (end == nullptr || *end != '\0') {
            return 0;
        }
        append_utf8(out, static_cast<std::uint32_t>(cp));
        return semi - i + 1;
    }
    return 0;
}

bool block_tag(std::string_view name) {
    static constexpr std::array<std::string_view, 14> k{"br", "p", "div", "li", "ul", "ol", "tr",
                                                        "table", "h1", "h2", "h3", "h4", "h5",
                                                        "h6"};
    return std::find(k.begin(), k.end(), name) != k.end();
}

/// Line numbers of positions met in increasing order, counted once.
class LineCounter {
public:
    LineCounter(std::string_view s, std::uint32_t first_line) : m_s(s), m_line(first_line) {}
    std::uint32_t at(std::size_t pos) {
        pos = std::min(pos, m_s.size());
        if (pos < m_pos) {
            m_pos = 0;
            m_line = m_first;
        }
        m_line += static_cast<std::uint32_t>(std::count(m_s.begin() + static_cast<std::ptrdiff_t>(m_pos),
                                                        m_s.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
        m_pos = pos;
        return m_line;
    }

private:
    std::string_view m_s;
    std::uint32_t m_line;
    std::uint32_t m_first = m_line;
    std::size_t m_pos = 0;
};

std::string trim_copy(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\n' || s[b] == '\t' || s[b] == '\r')) {
        ++b;
    }
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\n' || s[e - 1] == '\t' || s[e - 1] == '\r')) {
        --e;
    }
    return std::string(s.substr(b, e - b));
}

} // namespace

std::string html_to_text(std::string_view s) {
    std::string out;
    std::vector<std::string> link_urls; // open <a>: its href, or "" for an anchor to the page
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '<') {
            if (s.compare(i, 4, "<!--") == 0) {
                const auto close = s.find("-->", i + 4);
                i = close == std::string_view::npos ? s.size() : close + 3;
                continue;
            }
            if (const auto t = tag_at(s, i)) {
                if (t->name == "a") {
                    if (!t->closing) {
                        const auto href = attribute(t->attrs, "href").value_or("");
                        const bool real = !href.empty() && href.front() != '#';
                        link_urls.push_back(real ? href : "");
                        if (real) {
                            out += '[';
                        }
                    } else if (!link_urls.empty()) {
                        if (!link_urls.back().empty()) {
                            out += "](" + link_urls.back() + ")";
                        }
                        link_urls.pop_back();
                    }
                } else if (t->name == "b" || t->name == "strong") {
                    out += "**";
                } else if (t->name == "br") {
                    out += "<br>"; // a line break inside a cell: the readers split values at it
                } else if (block_tag(t->name)) {
                    out += '\n';
                }
                i = t->end;
                continue;
            }
        } else if (c == '&') {
            if (const std::size_t n = entity(s, i, out); n > 0) {
                i += n;
                continue;
            }
        }
        out += c;
        ++i;
    }
    for (auto it = link_urls.rbegin(); it != link_urls.rend(); ++it) {
        if (!it->empty()) {
            out += "](" + *it + ")";
        }
    }
    return trim_copy(out);
}

bool opens_table(std::string_view html) {
    std::size_t open = 0;
    std::size_t close = 0;
    for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
        if (const auto t = tag_at(html, i); t && t->name == "table") {
            (t->closing ? close : open) += 1;
        }
    }
    return open > close;
}

std::vector<HtmlTable> parse_html_tables(std::string_view s, std::uint32_t first_line) {
    std::vector<HtmlTable> out;
    struct Cell {
        std::string html;
        std::size_t colspan = 1;
        std::size_t rowspan = 1;
        bool head = false;
        std::uint32_t line = 0;
    };
    struct Row {
        std::uint32_t line = 0;
        std::vector<Cell> cells;
        bool in_head = false;
    };
    std::vector<Row> rows;
    LineCounter lines(s, first_line);
    std::size_t depth = 0; // nested tables are read as text of their cell
    bool in_head = false;
    std::optional<Cell> cell;
    std::size_t cell_from = 0;
    HtmlTable current;
    const auto lay_out = [&]() {
        // Rows onto the grid, spans filled.
        std::vector<std::vector<std::optional<std::string>>> grid;
        std::vector<std::vector<std::uint32_t>> grid_lines;
        std::size_t header_rows = 0;
        bool counting_header = true;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (grid.size() <= r) {
                grid.resize(r + 1);
                grid_lines.resize(r + 1);
            }
            const bool header = rows[r].in_head ||
                                (!rows[r].cells.empty() &&
                                 std::all_of(rows[r].cells.begin(), rows[r].cells.end(),
                                             [](const Cell& c) { return c.head; }));
            if (counting_header && header) {
                ++header_rows;
            } else {
                counting_header = false;
            }
            std::size_t col = 0;
            for (const Cell& c : rows[r].cells) {
                while (col < grid[r].size() && grid[r][col]) {
                    ++col;
                }
                const std::string text = html_to_text(c.html);
                const std::size_t cs = std::min<std::size_t>(c.colspan, 64);
                const std::size_t rs = std::min<std::size_t>(c.rowspan, 1024);
                for (std::size_t dr = 0; dr < rs && r + dr < rows.size(); ++dr) {
                    if (grid.size() <= r + dr) {
                        grid.resize(r + dr + 1);
                        grid_lines.resize(r + dr + 1);
                    }
                    auto& g = grid[r + dr];
                    auto& gl = grid_lines[r + dr];
                    if (g.size() < col + cs) {
                        g.resize(col + cs);
                        gl.resize(col + cs, 0);
                    }
                    for (std::size_t dc = 0; dc < cs; ++dc) {
                        gl[col + dc] = c.line;
                    }
                    for (std::size_t dc = 0; dc < cs; ++dc) {
                        // A header's group title covers its columns; a body cell's text is the
                        // first column's, the rest of its span is empty.
                        g[col + dc] = (dc == 0 || header) ? text : std::string();
                    }
                }
                col += cs;
            }
        }
        current.rows.clear();
        current.cell_lines = std::move(grid_lines);
        current.cell_lines.resize(grid.size());
        for (auto& g : grid) {
            std::vector<std::string> cells;
            for (auto& c : g) {
                cells.push_back(c.value_or(""));
            }
            current.rows.push_back(std::move(cells));
        }
        current.row_lines.clear();
        for (const auto& r : rows) {
            current.row_lines.push_back(r.line);
        }
        current.header_rows = header_rows;
        out.push_back(std::move(current));
        current = HtmlTable{};
        rows.clear();
    };
    for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
        if (s.compare(i, 4, "<!--") == 0) {
            const auto close = s.find("-->", i + 4);
            if (close == std::string_view::npos) {
                break;
            }
            i = close + 2;
            continue;
        }
        const auto t = tag_at(s, i);
        if (!t) {
            continue;
        }
        if (t->name == "table") {
            if (!t->closing) {
                if (depth++ == 0) {
                    current = HtmlTable{};
                    current.line = lines.at(i);
                    rows.clear();
                }
            } else if (depth > 0 && --depth == 0) {
                if (cell) {
                    cell->html = std::string(s.substr(cell_from, i - cell_from));
                    rows.back().cells.push_back(*cell);
                    cell.reset();
                }
                lay_out();
            }
            i = t->end - 1;
            continue;
        }
        if (depth != 1) {
            continue;
        }
        if (t->name == "thead") {
            in_head = !t->closing;
        } else if (t->name == "tr" || t->name == "td" || t->name == "th") {
            // A new row or cell closes the open cell (HTML lets </td> and </tr> be left out).
            if (cell && (t->name == "tr" || !t->closing || t->closing)) {
                cell->html = std::string(s.substr(cell_from, i - cell_from));
                if (!rows.empty()) {
                    rows.back().cells.push_back(*cell);
                }
                cell.reset();
            }
            if (t->name == "tr" && !t->closing) {
                Row r;
                r.line = lines.at(i);
                r.in_head = in_head;
                rows.push_back(std::move(r));
            } else if (!t->closing && (t->name == "td" || t->name == "th")) {
                if (rows.empty()) {
                    Row r;
                    r.line = lines.at(i);
                    r.in_head = in_head;
                    rows.push_back(std::move(r));
                }
                Cell c;
                c.head = t->name == "th";
                c.line = lines.at(i);
                const auto span = [&](std::string_view key) {
                    const auto v = attribute(t->attrs, key);
                    const long n = v ? std::strtol(v->c_str(), nullptr, 10) : 1;
                    return static_cast<std::size_t>(std::clamp(n, 1L, 1024L));
                };
                c.colspan = span("colspan");
                c.rowspan = span("rowspan");
                cell = c;
                cell_from = t->end;
            }
        }
        i = t->end - 1;
    }
    if (depth > 0) {
        if (cell && !rows.empty()) {
            cell->html = std::string(s.substr(cell_from));
            rows.back().cells.push_back(*cell);
        }
        lay_out();
    }
    return out;
}

std::optional<std::string> html_summary(std::string_view html) {
    for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
        const auto t = tag_at(html, i);
        if (!t || t->name != "summary" || t->closing) {
            continue;
        }
        std::size_t close = std::string_view::npos;
        for (std::size_t j = html.find('<', t->end); j != std::string_view::npos; j = html.find('<', j + 1)) {
            if (const auto u = tag_at(html, j); u && u->name == "summary" && u->closing) {
                close = j;
                break;
            }
        }
        const std::string_view inner =
            html.substr(t->end, close == std::string_view::npos ? std::string_view::npos : close - t->end);
        return html_to_text(inner);
    }
    return std::nullopt;
}

std::optional<std::pair<int, std::string>> html_heading(std::string_view html) {
    for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
        const auto t = tag_at(html, i);
        if (!t || t->closing || t->name.size() != 2 || t->name[0] != 'h' || t->name[1] < '1' ||
            t->name[1] > '6') {
            continue;
        }
        const std::string close_name = t->name;
        for (std::size_t j = html.find('<', t->end); j != std::string_view::npos; j = html.find('<', j + 1)) {
            if (const auto u = tag_at(html, j); u && u->closing && u->name == close_name) {
                return std::make_pair(t->name[1] - '0', html_to_text(html.substr(t->end, j - t->end)));
            }
        }
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace medkg::ingest::md
