#pragma once

// The document tree of a markdown list, as GitHub renders it: CommonMark with GFM tables and
// autolinks, parsed by cmark-gfm (which stays inside document.cpp). Each block keeps the lines it
// spans; its inline content is written back as plain markdown (links as [text](url), emphasis as
// **...**, inline HTML as it was), the form the entry readers take.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest::md {

/// A block of the document.
struct Block {
    enum class Type : std::uint8_t {
        document,
        heading,   ///< `level`, `text`
        paragraph, ///< `text`
        list,      ///< items as children; `ordered`
        item,      ///< a list item: its blocks as children
        table,     ///< rows as children, the first `header`
        table_row, ///< `cells`
        html,      ///< `text`: the raw HTML (a comment, <details>, a <table> ...)
        code,      ///< `text`: the code's literal text; `fenced`
        quote,     ///< a block quote: its blocks as children
        rule,      ///< a thematic break
    };
    Type type = Type::document;
    int level = 0;
    bool ordered = false;
    bool fenced = false;
    bool header = false;
    std::uint32_t line = 0;     ///< 1-based first line
    std::uint32_t end_line = 0; ///< 1-based last line
    std::uint32_t column = 0;   ///< 1-based column where the block starts
    std::string text;
    std::vector<std::string> cells;
    std::vector<Block> children;
};

/// A line the parser was not given whole, and why.
struct LeftOut {
    std::uint32_t line = 0;
    std::string reason;
};

/// A document and what of it was too hostile to parse.
struct Document {
    Block root;
    std::vector<LeftOut> left_out;
};

/// Parses `text` (valid UTF-8) into its block tree. Lists nest as deep as the text does, up to
/// `max_depth` (deeper lists are read as the text of the deepest item). cmark-gfm's inline
/// parser is quadratic on some inputs no list holds (thousands of links and emphasis marks in
/// one paragraph), so a line is given to it up to 80 KiB and a paragraph up to 512 `[` and 2048
/// emphasis marks; the rest is left out, and said so. Time is linear in the input.
[[nodiscard]] Document parse_document(std::string_view text, std::size_t max_depth = 16);

} // namespace medkg::ingest::md
