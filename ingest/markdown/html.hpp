#pragma once

// HTML inside markdown lists, read as GitHub shows it: tables (colspan, rowspan, header rows),
// <summary> and <h1>-<h6> titles, and any fragment as text. A small tag scanner, linear in its
// input; nothing is executed or fetched.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medkg::ingest::md {

/// An HTML table laid out on its grid: a cell that spans rows or columns fills each place it
/// covers (a header's text is repeated over the columns it spans; a body cell's over the rows).
struct HtmlTable {
    std::uint32_t line = 0;                  ///< 1-based line of `<table`
    std::vector<std::uint32_t> row_lines;    ///< 1-based line of each row's `<tr`
    std::vector<std::vector<std::string>> rows; ///< cell text as markdown (see html_to_text)
    std::vector<std::vector<std::uint32_t>> cell_lines; ///< 1-based line of each cell's tag
    std::size_t header_rows = 0;             ///< leading rows of <th> cells or inside <thead>
};

/// The tables of an HTML fragment whose first line is line `first_line` of the file. A table
/// not closed by the end of the fragment ends there.
[[nodiscard]] std::vector<HtmlTable> parse_html_tables(std::string_view html,
                                                       std::uint32_t first_line);

/// True when `html` opens a <table> it does not close (the table goes on in later blocks).
[[nodiscard]] bool opens_table(std::string_view html);

/// The text of the first <summary> of `html`, when it has one.
[[nodiscard]] std::optional<std::string> html_summary(std::string_view html);

/// A heading written in HTML (`<h2 align="center">Models</h2>`): its level and text.
[[nodiscard]] std::optional<std::pair<int, std::string>> html_heading(std::string_view html);

/// `html` as the text GitHub shows: tags dropped (a <br> or a block tag as a line break; an <img>
/// as nothing), links as [text](url) except anchors to the page itself (`#ref48`), <b> and
/// <strong> as **...**, character references decoded, comments dropped.
[[nodiscard]] std::string html_to_text(std::string_view html);

} // namespace medkg::ingest::md
