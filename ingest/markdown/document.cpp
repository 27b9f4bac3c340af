#include "ingest/markdown/document.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

namespace medkg::ingest::md {

namespace {

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};

std::uint32_t line_of(cmark_node* n) {
    const int l = cmark_node_get_start_line(n);
    return l > 0 ? static_cast<std::uint32_t>(l) : 0;
}

std::string literal(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s != nullptr ? std::string(s) : std::string();
}

/// Writes the inline content of `n` back as markdown: what the entry readers parse. Nesting is
/// walked with cmark's iterator, so no input nests our stack.
void render_inlines(cmark_node* parent, std::string& out) {
    cmark_iter* it = cmark_iter_new(parent);
    cmark_event_type ev = CMARK_EVENT_NONE;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it);
        if (n == parent) {
            continue;
        }
        const bool enter = ev == CMARK_EVENT_ENTER;
        const cmark_node_type type = cmark_node_get_type(n);
        const char* name = cmark_node_get_type_string(n);
        const std::string_view kind = name != nullptr ? name : "";
        if (type == CMARK_NODE_TEXT) {
            out += literal(n);
        } else if (type == CMARK_NODE_CODE) {
            out += "`" + literal(n) + "`";
        } else if (type == CMARK_NODE_HTML_INLINE) {
            out += literal(n);
        } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            out += '\n';
        } else if (type == CMARK_NODE_EMPH) {
            out += '*';
        } else if (type == CMARK_NODE_STRONG) {
            out += "**";
        } else if (kind == "strikethrough") {
            out += "~~";
        } else if (type == CMARK_NODE_LINK) {
            // `[Jan-v2]()`: a link to nowhere is its text.
            const char* url = cmark_node_get_url(n);
            if (url == nullptr || *url == '\0') {
                continue;
            }
            if (enter) {
                out += '[';
            } else {
                out += "](";
                out += url;
                out += ')';
            }
        } else if (type == CMARK_NODE_IMAGE) {
            if (enter) {
                out += "![";
            } else {
                const char* url = cmark_node_get_url(n);
                out += "](";
                out += url != nullptr ? url : "";
                out += ')';
            }
        }
    }
    cmark_iter_free(it);
}

std::string inline_text(cmark_node* n) {
    std::string out;
    render_inlines(n, out);
    return out;
}

Block convert(cmark_node* n, std::size_t depth, std::size_t max_depth);

void convert_children(cmark_node* n, Block& b, std::size_t depth, std::size_t max_depth) {
    for (cmark_node* c = cmark_node_first_child(n); c != nullptr; c = cmark_node_next(c)) {
        b.children.push_back(convert(c, depth + 1, max_depth));
    }
}

/// A list nested deeper than `max_depth` is read as the text of its item, line by line.
void flatten_text(cmark_node* n, std::string& out) {
    cmark_iter* it = cmark_iter_new(n);
    cmark_event_type ev = CMARK_EVENT_NONE;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node* c = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH ||
                                        cmark_node_get_type(c) == CMARK_NODE_HEADING)) {
            out += (out.empty() ? "" : "\n") + inline_text(c);
        }
    }
    cmark_iter_free(it);
}

Block convert(cmark_node* n, std::size_t depth, std::size_t max_depth) {
    Block b;
    b.line = line_of(n);
    const int end = cmark_node_get_end_line(n);
    b.end_line = end > 0 ? static_cast<std::uint32_t>(end) : b.line;
    const int col = cmark_node_get_start_column(n);
    b.column = col > 0 ? static_cast<std::uint32_t>(col) : 1;
    const char* name = cmark_node_get_type_string(n);
    const std::string_view kind = name != nullptr ? name : "";
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_DOCUMENT:
        b.type = Block::Type::document;
        convert_children(n, b, depth, max_depth);
        return b;
    case CMARK_NODE_HEADING:
        b.type = Block::Type::heading;
        b.level = cmark_node_get_heading_level(n);
        b.text = inline_text(n);
        return b;
    case CMARK_NODE_PARAGRAPH:
        b.type = Block::Type::paragraph;
        b.text = inline_text(n);
        return b;
    case CMARK_NODE_LIST:
        b.type = Block::Type::list;
        b.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        break;
    case CMARK_NODE_ITEM:
        b.type = Block::Type::item;
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        b.type = Block::Type::quote;
        break;
    case CMARK_NODE_HTML_BLOCK:
        b.type = Block::Type::html;
        b.text = literal(n);
        return b;
    case CMARK_NODE_CODE_BLOCK:
        b.type = Block::Type::code;
        {
            int length = 0;
            int offset = 0;
            char fence = 0;
            b.fenced = cmark_node_get_fenced(n, &length, &offset, &fence) != 0;
        }
        b.text = literal(n);
        return b;
    case CMARK_NODE_THEMATIC_BREAK:
        b.type = Block::Type::rule;
        return b;
    default:
        if (kind == "table") {
            b.type = Block::Type::table;
            convert_children(n, b, depth, max_depth);
            return b;
        }
        if (kind == "table_header" || kind == "table_row") {
            b.type = Block::Type::table_row;
            b.header = kind == "table_header";
            for (cmark_node* c = cmark_node_first_child(n); c != nullptr; c = cmark_node_next(c)) {
                b.cells.push_back(inline_text(c));
            }
            return b;
        }
        b.type = Block::Type::paragraph; // anything else reads as its text
        b.text = inline_text(n);
        return b;
    }
    if (depth >= max_depth) {
        // Too deep to keep as a tree: the text of the whole subtree, as one paragraph.
        Block p;
        p.type = Block::Type::paragraph;
        p.line = b.line;
        p.end_line = b.end_line;
        p.column = b.column;
        flatten_text(n, p.text);
        b.children.push_back(std::move(p));
        return b;
    }
    convert_children(n, b, depth, max_depth);
    return b;
}

constexpr std::size_t k_max_line = 80 * 1024;
constexpr std::size_t k_max_brackets = 512;
constexpr std::size_t k_max_emphasis = 2048;

/// Whether a line starts a block of its own (its inline content is parsed apart from the lines
/// before it): a list item, a table row, a heading, a quote, an HTML tag.
bool starts_block(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
        ++i;
    }
    if (i >= line.size()) {
        return true;
    }
    const char c = line[i];
    if (c == '|' || c == '#' || c == '>' || c == '<') {
        return true;
    }
    if ((c == '-' || c == '*' || c == '+') && (i + 1 == line.size() || line[i + 1] == ' ')) {
        return true;
    }
    std::size_t d = i;
    while (d < line.size() && c >= '0' && line[d] >= '0' && line[d] <= '9') {
        ++d;
    }
    return d > i && d < line.size() && (line[d] == '.' || line[d] == ')');
}

/// `text` with what cmark-gfm cannot parse in linear time cut out, line numbers kept.
std::string bounded(std::string_view text, std::vector<LeftOut>& left_out) {
    std::string out;
    out.reserve(text.size());
    std::size_t brackets = 0;
    std::size_t emphasis = 0;
    std::uint32_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::string_view line = text.substr(pos, end - pos);
        ++line_no;
        if (starts_block(line)) {
            brackets = 0;
            emphasis = 0;
        }
        std::size_t cut = line.size();
        std::string why;
        if (cut > k_max_line) {
            cut = k_max_line;
            why = "a line longer than " + std::to_string(k_max_line / 1024) + " KiB";
        }
        for (std::size_t i = 0; i < cut; ++i) {
            const char c = line[i];
            brackets += c == '[' ? 1 : 0;
            emphasis += (c == '*' || c == '_') ? 1 : 0;
            if (brackets > k_max_brackets || emphasis > k_max_emphasis) {
                cut = i;
                why = "more than " + std::to_string(k_max_brackets) + " links or " +
                      std::to_string(k_max_emphasis) + " emphasis marks in one paragraph";
                break;
            }
        }
        while (cut > 0 && cut < line.size() && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        if (cut < line.size()) {
            left_out.push_back(LeftOut{line_no, "the rest of the line is not read: " + why});
            line = line.substr(0, cut);
        }
        out.append(line);
        if (nl == std::string_view::npos) {
            break;
        }
        out += '\n';
        pos = nl + 1;
    }
    return out;
}

} // namespace

Document parse_document(std::string_view text, std::size_t max_depth) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
    for (const char* ext : {"table", "autolink", "strikethrough"}) {
        if (cmark_syntax_extension* e = cmark_find_syntax_extension(ext)) {
            cmark_parser_attach_syntax_extension(parser.get(), e);
        }
    }
    Document doc;
    const std::string input = bounded(text, doc.left_out);
    cmark_parser_feed(parser.get(), input.data(), input.size());
    std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
    doc.root = convert(root.get(), 0, max_depth);
    return doc;
}

} // namespace medkg::ingest::md
