#include "ingest/yaml_lite.hpp"

#include "util/text.hpp"

namespace medkg::ingest {

namespace {

struct Line {
    std::size_t number;
    std::size_t indent;
    std::string_view text; // without indentation and trailing comment/space
};

std::string_view strip_comment(std::string_view s) {
    // A '#' starts a comment at the line start or after a space, outside quotes.
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            if (i == 0 || s[i - 1] == ' ' || s[i - 1] == '[' || s[i - 1] == ',' ||
                s[i - 1] == ':') {
                quote = c;
            }
        } else if (c == '#' && (i == 0 || s[i - 1] == ' ')) {
            return s.substr(0, i);
        }
    }
    return s;
}

std::string unquote(std::string_view s) {
    s = util::trim(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < s.size(); ++i) {
            if (s[i] == '\\' && i + 2 < s.size()) {
                const char n = s[++i];
                out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
            } else {
                out += s[i];
            }
        }
        return out;
    }
    if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') {
        std::string out;
        for (std::size_t i = 1; i + 1 < s.size(); ++i) {
            out += s[i];
            if (s[i] == '\'' && i + 2 < s.size() && s[i + 1] == '\'') {
                ++i;
            }
        }
        return out;
    }
    return std::string(s);
}

// Finds "key: value" separator: a ':' followed by space or end, outside quotes and brackets.
std::size_t key_colon(std::string_view s) {
    char quote = 0;
    int depth = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
            continue;
        }
        if ((c == '"' || c == '\'') && i == 0) {
            quote = c;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ':' && depth == 0 && (i + 1 == s.size() || s[i + 1] == ' ')) {
            return i;
        }
    }
    return std::string_view::npos;
}

YamlValue scalar_value(std::string_view text, std::size_t line) {
    YamlValue v;
    v.line = line;
    text = util::trim(text);
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        v.type = YamlValue::Type::sequence;
        std::string_view inner = text.substr(1, text.size() - 2);
        std::size_t start = 0;
        char quote = 0;
        for (std::size_t i = 0; i <= inner.size(); ++i) {
            if (i < inner.size() && quote != 0) {
                if (inner[i] == quote) {
                    quote = 0;
                }
                continue;
            }
            if (i < inner.size() && (inner[i] == '"' || inner[i] == '\'')) {
                quote = inner[i];
                continue;
            }
            if (i == inner.size() || inner[i] == ',') {
                const auto item = util::trim(inner.substr(start, i - start));
                if (!item.empty()) {
                    YamlValue s;
                    s.line = line;
                    s.scalar = unquote(item);
                    v.items.push_back(std::move(s));
                }
                start = i + 1;
            }
        }
        return v;
    }
    v.scalar = unquote(text);
    return v;
}

class Parser {
public:
    Parser(std::vector<Line> lines, YamlParse& out) : m_lines(std::move(lines)), m_out(out) {}

    std::optional<YamlValue> parse() {
        if (m_lines.empty()) {
            YamlValue root;
            root.type = YamlValue::Type::mapping;
            return root;
        }
        auto v = block(m_lines.front().indent, 0);
        if (v && m_pos < m_lines.size()) {
            fail(m_lines[m_pos].number, "unexpected indentation");
            return std::nullopt;
        }
        return v;
    }

private:
    void fail(std::size_t line, std::string message) {
        if (m_out.error.empty()) {
            m_out.error_line = line;
            m_out.error = std::move(message);
        }
    }

    // A block (mapping or sequence) whose items sit at exactly `indent`.
    std::optional<YamlValue> block(std::size_t indent, int depth) {
        if (depth > 64) {
            fail(m_lines[m_pos].number, "nesting deeper than 64 levels");
            return std::nullopt;
        }
        YamlValue v;
        v.line = m_lines[m_pos].number;
        const bool sequence = m_lines[m_pos].text.starts_with("- ") || m_lines[m_pos].text == "-";
        v.type = sequence ? YamlValue::Type::sequence : YamlValue::Type::mapping;
        while (m_pos < m_lines.size() && m_out.error.empty()) {
            const Line line = m_lines[m_pos];
            if (line.indent < indent) {
                break;
            }
            if (line.indent > indent) {
                fail(line.number, "unexpected indentation");
                return std::nullopt;
            }
            if (sequence) {
                if (!(line.text.starts_with("- ") || line.text == "-")) {
                    break;
                }
                // "- item", "- key: value" (a mapping whose first key is on the dash line).
                const std::string_view rest = line.text == "-" ? std::string_view() : line.text.substr(2);
                const std::size_t rest_indent = indent + 2 + (rest.size() - util::trim(rest).size());
                if (util::trim(rest).empty()) {
                    ++m_pos;
                    if (m_pos < m_lines.size() && m_lines[m_pos].indent > indent) {
                        auto child = block(m_lines[m_pos].indent, depth + 1);
                        if (!child) {
                            return std::nullopt;
                        }
                        v.items.push_back(std::move(*child));
                    } else {
                        v.items.push_back(scalar_value("", line.number));
                    }
                } else if (key_colon(util::trim(rest)) != std::string_view::npos) {
                    // Rewrite this line as a mapping line at the deeper indent and parse a block.
                    m_lines[m_pos].indent = rest_indent;
                    m_lines[m_pos].text = util::trim(rest);
                    auto child = block(rest_indent, depth + 1);
                    if (!child) {
                        return std::nullopt;
                    }
                    v.items.push_back(std::move(*child));
                } else {
                    v.items.push_back(scalar_value(rest, line.number));
                    ++m_pos;
                }
                continue;
            }
            const std::size_t colon = key_colon(line.text);
            if (colon == std::string_view::npos) {
                fail(line.number, "expected \"key: value\"");
                return std::nullopt;
            }
            v.keys.push_back(unquote(line.text.substr(0, colon)));
            const std::string_view value = util::trim(line.text.substr(colon + 1));
            ++m_pos;
            if (value == "|" || value == ">" || value == "|-" || value == ">-") {
                std::string joined;
                while (m_pos < m_lines.size() && m_lines[m_pos].indent > indent) {
                    joined += (joined.empty() ? "" : " ") + std::string(m_lines[m_pos].text);
                    ++m_pos;
                }
                YamlValue s;
                s.line = line.number;
                s.scalar = joined;
                v.items.push_back(std::move(s));
            } else if (!value.empty()) {
                v.items.push_back(scalar_value(value, line.number));
            } else if (m_pos < m_lines.size() &&
                       (m_lines[m_pos].indent > indent ||
                        (m_lines[m_pos].indent == indent && m_lines[m_pos].text.starts_with("- ")))) {
                auto child = block(m_lines[m_pos].indent, depth + 1);
                if (!child) {
                    return std::nullopt;
                }
                v.items.push_back(std::move(*child));
            } else {
                v.items.push_back(scalar_value("", line.number));
            }
        }
        return v;
    }

    std::vector<Line> m_lines;
    std::size_t m_pos = 0;
    YamlParse& m_out;
};

} // namespace

const YamlValue* YamlValue::find(std::string_view key) const {
    if (type != Type::mapping) {
        return nullptr;
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == key) {
            return &items[i];
        }
    }
    return nullptr;
}

YamlParse parse_yaml_lite(std::string_view text, std::size_t first_line) {
    YamlParse out;
    std::vector<Line> lines;
    std::size_t number = first_line;
    for (auto raw : util::split(text, '\n')) {
        if (!raw.empty() && raw.back() == '\r') {
            raw.remove_suffix(1);
        }
        std::size_t indent = 0;
        while (indent < raw.size() && raw[indent] == ' ') {
            ++indent;
        }
        if (indent < raw.size() && raw[indent] == '\t') {
            out.error_line = number;
            out.error = "tab used for indentation";
            return out;
        }
        const auto content = util::trim(strip_comment(raw.substr(indent)));
        if (!content.empty()) {
            lines.push_back(Line{number, indent, content});
        }
        ++number;
    }
    Parser parser(std::move(lines), out);
    auto root = parser.parse();
    if (out.error.empty() && root) {
        out.root = std::move(root);
    }
    return out;
}

std::optional<FrontMatter> front_matter(std::string_view document) {
    if (!(document.starts_with("---\n") || document.starts_with("---\r\n"))) {
        return std::nullopt;
    }
    const std::size_t start = document.find('\n') + 1;
    std::size_t pos = start;
    while (pos < document.size()) {
        auto end = document.find('\n', pos);
        if (end == std::string_view::npos) {
            end = document.size();
        }
        std::string_view line = document.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line == "---" || line == "...") {
            return FrontMatter{document.substr(start, pos - start), 2};
        }
        pos = end + 1;
    }
    return std::nullopt;
}

} // namespace medkg::ingest
