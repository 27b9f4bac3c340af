#pragma once

// Model-card front matter: found in a document and read with a real YAML parser (yaml-cpp), into
// a small tree that keeps each value's line. yaml-cpp stays inside ingest/hub/yaml.cpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest {

/// A YAML value with its place in the file. Scalars keep their text (quotes and block scalars
/// resolved, aliases expanded); mappings keep their keys in order.
struct YamlValue {
    enum class Type : std::uint8_t { null, scalar, sequence, mapping };
    Type type = Type::null;
    std::string scalar;
    std::vector<YamlValue> items;  ///< sequence items, or mapping values
    std::vector<std::string> keys; ///< mapping keys, parallel to items
    std::size_t line = 0;          ///< 1-based line of the file where the value starts
    std::size_t column = 0;        ///< 1-based column

    /// The value of mapping key `key`, or nullptr (also when this is not a mapping).
    [[nodiscard]] const YamlValue* find(std::string_view key) const;
    [[nodiscard]] bool is_scalar() const { return type == Type::scalar; }
    [[nodiscard]] bool is_mapping() const { return type == Type::mapping; }
};

/// The outcome of parsing: the root value, or an error with its line and column.
struct YamlParse {
    std::optional<YamlValue> root;
    std::size_t error_line = 0;
    std::size_t error_column = 0;
    std::string error;
};

/// Parses `text`, whose first line is line `first_line` of its file. Bad YAML, and input nested
/// deeper than a front matter ever is (more than 64 levels), is an error with its place, never a
/// crash or a hang.
[[nodiscard]] YamlParse parse_yaml(std::string_view text, std::size_t first_line = 1);

/// A document's YAML front matter: the lines between a first line `---` and the next line `---`
/// or `...` (trailing white space, a byte-order mark and CRLF line ends allowed), and the line of
/// the file where they start.
struct FrontMatter {
    std::string_view yaml;
    std::size_t first_line = 2;
    std::size_t end_offset = 0; ///< offset in the document just past the closing line
};

/// The front matter of `document`; nullopt when it has none (or it is never closed).
[[nodiscard]] std::optional<FrontMatter> front_matter(std::string_view document);

} // namespace medkg::ingest
