#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest {

/// A JSON value that remembers where it starts in the text, so that readers can report
/// `file:line:col`. Built by a streaming (SAX) parse; meant for files of curated size, not dumps.
struct JsonValue {
    enum class Type : std::uint8_t { null, boolean, number, string, array, object };

    Type type = Type::null;
    std::size_t offset = 0;       ///< byte offset of the value's first character
    bool boolean = false;
    bool is_integer = false;
    std::int64_t integer = 0;
    double number = 0.0;
    std::string string;
    std::vector<JsonValue> items;     ///< array elements, or object member values
    std::vector<std::string> keys;    ///< object member names, parallel to items
    std::vector<std::size_t> key_offsets;

    /// The member named `key` of an object, or nullptr.
    [[nodiscard]] const JsonValue* find(std::string_view key) const;
    [[nodiscard]] bool is_object() const { return type == Type::object; }
    [[nodiscard]] bool is_array() const { return type == Type::array; }
    [[nodiscard]] bool is_string() const { return type == Type::string; }
    [[nodiscard]] bool is_number() const { return type == Type::number; }
};

/// The outcome of parsing: the root, or the error with its byte offset.
struct JsonParse {
    std::optional<JsonValue> root;
    std::size_t error_offset = 0;
    std::string error;
};

/// Parses `text` (UTF-8 validated, nesting limited to `max_depth`). Never throws on bad input.
[[nodiscard]] JsonParse parse_located_json(std::string_view text, std::size_t max_depth = 64);

/// The JSON type name used in messages: "a string", "an object", ...
[[nodiscard]] std::string_view describe(JsonValue::Type type);

} // namespace medkg::ingest
