#include "ingest/hub/yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace medkg::ingest {

namespace {

constexpr std::size_t k_max_depth = 64;

// yaml-cpp parses nested collections recursively, and slowly when indentation runs very deep;
// a front matter is a few levels deep. Finds the first line where block indentation or flow
// brackets nest deeper than `k_max_depth` (0 when none), without parsing: a conservative look
// that ignores quoting, which can only make it count too few brackets, never too many levels.
std::size_t too_deep_at(std::string_view text) {
    std::vector<std::size_t> indents;
    std::size_t flow = 0;
    std::size_t line = 1;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view l = text.substr(pos, end - pos);
        std::size_t indent = 0;
        while (indent < l.size() && (l[indent] == ' ' || l[indent] == '-')) {
            ++indent;
        }
        if (indent < l.size() && l[indent] != '#' && l[indent] != '\r') {
            while (!indents.empty() && indents.back() >= indent) {
                indents.pop_back();
            }
            indents.push_back(indent);
        }
        bool quoted = false;
        for (const char c : l) {
            if (c == '"' || c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '{')) {
                ++flow;
            } else if (!quoted && (c == ']' || c == '}') && flow > 0) {
                --flow;
            }
        }
        if (indents.size() > k_max_depth || flow > k_max_depth) {
            return line;
        }
        pos = end + 1;
        ++line;
    }
    return 0;
}

YamlValue convert(const YAML::Node& node, std::size_t first_line, std::size_t depth) {
    YamlValue v;
    const YAML::Mark mark = node.Mark();
    if (mark.line >= 0) {
        v.line = first_line + static_cast<std::size_t>(mark.line);
        v.column = static_cast<std::size_t>(mark.column) + 1;
    }
    if (depth > k_max_depth) {
        return v; // unreachable after too_deep_at, kept as the recursion's own bound
    }
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        v.type = YamlValue::Type::scalar;
        v.scalar = node.Scalar();
        break;
    case YAML::NodeType::Sequence:
        v.type = YamlValue::Type::sequence;
        for (const auto& item : node) {
            v.items.push_back(convert(item, first_line, depth + 1));
        }
        break;
    case YAML::NodeType::Map:
        v.type = YamlValue::Type::mapping;
        for (const auto& kv : node) {
            // A key that is not a scalar (`? [a, b]`) has no name medkg could ask for.
            v.keys.push_back(kv.first.IsScalar() ? kv.first.Scalar() : std::string());
            v.items.push_back(convert(kv.second, first_line, depth + 1));
        }
        break;
    default:
        break;
    }
    return v;
}

/// `line` without a trailing CR and trailing blanks.
std::string_view trim_right(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    return line;
}

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

YamlParse parse_yaml(std::string_view text, std::size_t first_line) {
    YamlParse out;
    if (const std::size_t deep = too_deep_at(text); deep > 0) {
        out.error_line = first_line + deep - 1;
        out.error_column = 1;
        out.error = "nested more than " + std::to_string(k_max_depth) + " levels deep";
        return out;
    }
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        out.root = convert(root, first_line, 0);
    } catch (const YAML::Exception& e) {
        out.error_line = first_line + static_cast<std::size_t>(std::max(e.mark.line, 0));
        out.error_column = static_cast<std::size_t>(std::max(e.mark.column, 0)) + 1;
        out.error = e.msg.empty() ? "invalid YAML" : e.msg;
    }
    return out;
}

std::optional<FrontMatter> front_matter(std::string_view document) {
    std::size_t pos = 0;
    if (document.starts_with("\xEF\xBB\xBF")) {
        pos = 3;
    }
    std::size_t end = document.find('\n', pos);
    if (end == std::string_view::npos || trim_right(document.substr(pos, end - pos)) != "---") {
        return std::nullopt;
    }
    const std::size_t start = end + 1;
    for (pos = start; pos < document.size();) {
        end = document.find('\n', pos);
        if (end == std::string_view::npos) {
            end = document.size();
        }
        const std::string_view l = trim_right(document.substr(pos, end - pos));
        if (l == "---" || l == "...") {
            return FrontMatter{document.substr(start, pos - start), 2,
                               std::min(end + 1, document.size())};
        }
        pos = end + 1;
    }
    return std::nullopt;
}

} // namespace medkg::ingest
