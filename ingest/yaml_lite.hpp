#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest {

/// A YAML value of the subset model cards use in their front matter: block mappings and
/// sequences by indentation, flow sequences `[a, b]`, plain, single- and double-quoted scalars,
/// comments. Anchors, tags, multi-document streams and block scalars (`|`, `>`) are not
/// supported; a block scalar is read as the text of its lines joined by spaces.
struct YamlValue {
    enum class Type : std::uint8_t { scalar, sequence, mapping };
    Type type = Type::scalar;
    std::string scalar;
    std::vector<YamlValue> items;       ///< sequence items, or mapping values
    std::vector<std::string> keys;      ///< mapping keys, parallel to items
    std::size_t line = 0;               ///< 1-based line where the value starts

    [[nodiscard]] const YamlValue* find(std::string_view key) const;
    [[nodiscard]] bool is_scalar() const { return type == Type::scalar; }
};

/// The outcome of parsing: the root mapping, or an error with its line.
struct YamlParse {
    std::optional<YamlValue> root;
    std::size_t error_line = 0;
    std::string error;
};

/// Parses `text` (the lines between the `---` fences). `first_line` is the line number of the
/// first line of `text` in its file, for locations. Never throws on bad input.
[[nodiscard]] YamlParse parse_yaml_lite(std::string_view text, std::size_t first_line = 1);

/// Splits a document into its YAML front matter (between a first line `---` and the next `---`)
/// and the line where the front matter starts; nullopt when there is none.
struct FrontMatter {
    std::string_view yaml;
    std::size_t first_line = 2;
};
[[nodiscard]] std::optional<FrontMatter> front_matter(std::string_view document);

} // namespace medkg::ingest
