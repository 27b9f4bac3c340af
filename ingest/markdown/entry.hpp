#pragma once

// One list entry's text read into its parts: the tag before it (venue, date), its name, title,
// authors, links, description and nested `key: value` lines; and whether an item reads as an
// entry at all.

#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/table.hpp"
#include "ingest/markdown/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest::md {

struct Link {
    std::string url;
    std::string label;
    md::LinkInfo info;
};

struct AttrValue {
    AttrLine kind = AttrLine::other;
    std::string key;
    std::string value; ///< raw markdown
};

/// What one list entry says, before it becomes facts.
struct Parsed {
    std::string venue;
    std::optional<md::Date> date;
    std::string year; ///< from a title's trailing year when no date tag gave one
    std::string name;
    std::vector<std::string> aliases;
    bool name_explicit = false;
    float name_confidence = 1.0F;
    std::string title;
    std::string authors;
    std::vector<Link> links;
    std::string description;
    std::vector<AttrValue> attrs;
    bool tagged = false;
};

struct EntrySource {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string head;             ///< the item's own text (first line and continuations)
    std::vector<AttrValue> attrs; ///< nested `key: value` lines
    std::string extra;            ///< other nested text
};

/// Reads an entry's text into its parts.
[[nodiscard]] Parsed parse_entry(const EntrySource& e);

/// `key: value` under an entry, when the key is one of the known ones.
[[nodiscard]] std::optional<AttrValue> attr_line(std::string_view text);

/// Whether `text` holds a link that is not an in-page anchor.
[[nodiscard]] bool has_real_link(std::string_view text);

/// An item that reads as an entry: a link, emphasis, a leading tag, or a "Name：" line.
[[nodiscard]] bool entry_like(std::string_view text);

/// Whether a link-only item is navigation: every link is an in-page anchor or a relative path.
[[nodiscard]] bool navigation(std::string_view text);

} // namespace medkg::ingest::md
