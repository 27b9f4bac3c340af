#pragma once

#include "ingest/facts.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest {

/// A section of a markdown list: the path of headings (and category bullets) above its entries.
struct MarkdownSection {
    std::string path;            ///< "Practical Guide for Building Pipeline > Fine-tuning General
                                 ///< LLMs"; empty before the first heading
    std::uint32_t line = 0;      ///< line of its heading (0 for the top of the file)
    std::string task;            ///< the task the heading names ("Question Answering"), if any
    bool read = true;            ///< false for navigation, news and credits: not entries
    bool news = false;           ///< news: an item that names a model is an entry, others are not
    std::string not_read_reason; ///< why its items are not entries, when some are not
    std::size_t items_not_read = 0; ///< list items and table rows in it that are not entries
};

/// One list entry or table row and what became of it.
struct MarkdownEntry {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::uint32_t section = 0; ///< index into MarkdownRead::sections
    bool skipped = false;      ///< true when it became only a diagnostic
    std::string reason;        ///< why it was skipped
};

/// A markdown list read, with the outline the ingest report groups by.
struct MarkdownRead {
    FactBatch batch;
    std::vector<MarkdownSection> sections;
    std::vector<MarkdownEntry> entries; ///< in file order; batch.records_seen == entries.size()
};

/// Reads a curated markdown list (an "awesome list", a survey README, a Chinese list) into facts.
/// Headings become a section path (Origin::path); sections that name a task become `task` nodes.
/// Every list entry and table row is a record: it becomes node facts (a model, dataset or paper,
/// with aliases, attributes, links, a `described_in` paper, base models with method and
/// confidence, `addresses`, `evaluated_on`, `trained_on`), or a warning with its line and reason
/// and a skipped count. Navigation, news, credits, HTML comments, code blocks, bibtex and prose
/// lists are not entries. Bad input (empty, invalid UTF-8, binary, huge lines, deep nesting)
/// never throws: it becomes diagnostics; time is linear in the input, memory bounded per entry.
[[nodiscard]] MarkdownRead read_markdown_detailed(std::string_view text, std::string source);

/// read_markdown_detailed without the outline.
[[nodiscard]] FactBatch read_markdown_list(std::string_view text, std::string source);

/// True when `text` looks like a markdown list: headings with linked list items or tables.
/// Looks at the first 64 KiB only.
[[nodiscard]] bool looks_like_markdown_list(std::string_view text);

} // namespace medkg::ingest
