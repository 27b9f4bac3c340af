#include "ingest/located_json.hpp"

#include "ingest/json_error.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace medkg::ingest {

namespace {

// Builds JsonValues from SAX events. RapidJSON reports positions only after a token, so the start
// of a scalar is found by scanning back from there (an unescaped quote for strings).
class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
public:
    Builder(std::string_view text, const rapidjson::MemoryStream& stream, std::size_t max_depth)
        : m_text(text), m_stream(stream), m_max_depth(max_depth) {}

    bool Null() { return scalar(JsonValue{}, scalar_start()); }
    bool Bool(bool b) {
        JsonValue v;
        v.type = JsonValue::Type::boolean;
        v.boolean = b;
        return scalar(std::move(v), scalar_start());
    }
    bool Int(int i) { return integer(i); }
    bool Uint(unsigned u) { return integer(u); }
    bool Int64(std::int64_t i) { return integer(i); }
    bool Uint64(std::uint64_t u) {
        if (u > static_cast<std::uint64_t>(INT64_MAX)) {
            return Double(static_cast<double>(u));
        }
        return integer(static_cast<std::int64_t>(u));
    }
    bool Double(double d) {
        JsonValue v;
        v.type = JsonValue::Type::number;
        v.number = d;
        return scalar(std::move(v), scalar_start());
    }
    bool String(const char* s, rapidjson::SizeType n, bool) {
        JsonValue v;
        v.type = JsonValue::Type::string;
        v.string.assign(s, n);
        return scalar(std::move(v), string_start());
    }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        m_pending_key.assign(s, n);
        m_pending_key_offset = string_start();
        return true;
    }
    bool StartObject() { return open(JsonValue::Type::object); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(JsonValue::Type::array); }
    bool EndArray(rapidjson::SizeType) { return close(); }

    std::optional<JsonValue> take_root() { return std::move(m_root); }
    bool too_deep() const { return m_too_deep; }

private:
    std::size_t here() const { return m_stream.Tell(); }

    std::size_t scalar_start() const {
        std::size_t i = here();
        while (i > 0) {
            const char c = m_text[i - 1];
            if (c == ',' || c == ':' || c == '[' || c == '{' || c == ' ' || c == '\n' ||
                c == '\t' || c == '\r') {
                break;
            }
            --i;
        }
        return i;
    }

    std::size_t string_start() const {
        // here() is just past the closing quote; find the opening one, skipping escaped quotes.
        std::size_t i = here();
        if (i == 0) {
            return 0;
        }
        --i; // the closing quote
        while (i > 0) {
            --i;
            if (m_text[i] == '"') {
                std::size_t backslashes = 0;
                for (std::size_t k = i; k > 0 && m_text[k - 1] == '\\'; --k) {
                    ++backslashes;
                }
                if (backslashes % 2 == 0) {
                    return i;
                }
            }
        }
        return 0;
    }

    template <typename T> bool integer(T i) {
        JsonValue v;
        v.type = JsonValue::Type::number;
        v.is_integer = true;
        v.integer = static_cast<std::int64_t>(i);
        v.number = static_cast<double>(i);
        return scalar(std::move(v), scalar_start());
    }

    bool scalar(JsonValue v, std::size_t offset) {
        v.offset = offset;
        return attach(std::move(v));
    }

    bool attach(JsonValue v) {
        if (m_stack.empty()) {
            m_root = std::move(v);
            return true;
        }
        JsonValue& parent = m_stack.back();
        if (parent.type == JsonValue::Type::object) {
            parent.keys.push_back(std::move(m_pending_key));
            parent.key_offsets.push_back(m_pending_key_offset);
        }
        parent.items.push_back(std::move(v));
        return true;
    }

    bool open(JsonValue::Type type) {
        if (m_stack.size() >= m_max_depth) {
            m_too_deep = true;
            return false;
        }
        JsonValue v;
        v.type = type;
        v.offset = here() - 1;
        if (!m_stack.empty() && m_stack.back().type == JsonValue::Type::object) {
            m_keys.push_back(std::move(m_pending_key));
            m_key_offsets.push_back(m_pending_key_offset);
        } else {
            m_keys.emplace_back();
            m_key_offsets.push_back(0);
        }
        m_stack.push_back(std::move(v));
        return true;
    }

    bool close() {
        JsonValue v = std::move(m_stack.back());
        m_stack.pop_back();
        m_pending_key = std::move(m_keys.back());
        m_pending_key_offset = m_key_offsets.back();
        m_keys.pop_back();
        m_key_offsets.pop_back();
        return attach(std::move(v));
    }

    std::string_view m_text;
    const rapidjson::MemoryStream& m_stream;
    std::size_t m_max_depth;
    std::vector<JsonValue> m_stack;
    std::vector<std::string> m_keys; // the key each open container is stored under
    std::vector<std::size_t> m_key_offsets;
    std::string m_pending_key;
    std::size_t m_pending_key_offset = 0;
    std::optional<JsonValue> m_root;
    bool m_too_deep = false;
};

} // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
    if (type != Type::object) {
        return nullptr;
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == key) {
            return &items[i];
        }
    }
    return nullptr;
}

std::string_view describe(JsonValue::Type type) {
    switch (type) {
    case JsonValue::Type::null: return "null";
    case JsonValue::Type::boolean: return "a boolean";
    case JsonValue::Type::number: return "a number";
    case JsonValue::Type::string: return "a string";
    case JsonValue::Type::array: return "an array";
    case JsonValue::Type::object: return "an object";
    }
    return "a value";
}

JsonParse parse_located_json(std::string_view text, std::size_t max_depth) {
    JsonParse result;
    rapidjson::MemoryStream stream(text.data(), text.size());
    Builder builder(text, stream, max_depth);
    rapidjson::Reader reader;
    // The recursive parser calls the handler right after each token, which is what the offsets
    // rely on; the handler refuses to open containers past max_depth, which bounds recursion.
    constexpr unsigned k_flags =
        rapidjson::kParseValidateEncodingFlag | rapidjson::kParseFullPrecisionFlag;
    const rapidjson::ParseResult ok = reader.Parse<k_flags>(stream, builder);
    if (!ok) {
        result.error_offset = ok.Offset();
        if (builder.too_deep()) {
            result.error = "nesting deeper than " + std::to_string(max_depth) + " levels";
        } else if (ok.Code() == rapidjson::kParseErrorStringInvalidEncoding) {
            result.error = "invalid UTF-8 in a string";
        } else if (ok.Code() == rapidjson::kParseErrorDocumentEmpty) {
            result.error = "the file is empty (expected a JSON object)";
        } else {
            std::string message = json_error_text(ok.Code());
            if (!message.empty() && message.back() == '.') {
                message.pop_back();
            }
            if (!message.empty()) {
                message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
            }
            result.error = "malformed JSON: " + message;
        }
        return result;
    }
    result.root = builder.take_root();
    return result;
}

} // namespace medkg::ingest
