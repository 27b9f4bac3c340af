#include "export/graphml.hpp"

#include "export/ids.hpp"

#include <algorithm>
#include <map>
#include <ostream>

namespace medkg::exporter {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
            if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
                out += "\xEF\xBF\xBD";
            } else {
                out += ch;
            }
        }
    }
    return out;
}

namespace {

std::string joined_sources(const graph::FrozenGraph& g, std::span<const graph::ProvId> provs) {
    std::string out;
    for (auto p : provs) {
        const std::string brief = g.brief(p);
        if (out.find(brief) != std::string::npos) {
            continue;
        }
        out += (out.empty() ? "" : " | ") + brief;
    }
    return out;
}

void data(std::ostream& out, std::string_view key, std::string_view value) {
    out << "      <data key=\"" << key << "\">" << xml_escape(value) << "</data>\n";
}

} // namespace

void write_graphml(std::ostream& out, const graph::FrozenGraph& g,
                   const std::vector<bool>* nodes) {
    const auto slugs = node_slugs(g);
    const auto included = [&](graph::NodeId n) { return nodes == nullptr || (*nodes)[n]; };
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    const auto key = [&](std::string_view id, std::string_view domain, std::string_view name,
                         std::string_view type) {
        out << "  <key id=\"" << id << "\" for=\"" << domain << "\" attr.name=\"" << name
            << "\" attr.type=\"" << type << "\"/>\n";
    };
    key("label", "node", "label", "string");
    key("kind", "node", "kind", "string");
    key("status", "node", "status", "string");
    for (auto k : graph::k_attr_keys) {
        key("a_" + std::string(graph::to_string(k)), "node", graph::to_string(k), "string");
    }
    key("sources", "node", "sources", "string");
    key("e_kind", "edge", "kind", "string");
    key("e_label", "edge", "label", "string");
    key("e_confidence", "edge", "confidence", "double");
    key("e_sources", "edge", "sources", "string");
    out << "  <graph id=\"medkg\" edgedefault=\"directed\">\n";
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        if (!included(n)) {
            continue;
        }
        out << "    <node id=\"" << xml_escape(slugs[n]) << "\">\n";
        data(out, "label", g.label(n));
        data(out, "kind", graph::to_string(g.kind(n)));
        data(out, "status", g.is_placeholder(n) ? "placeholder" : "declared");
        // Group values per key, keeping first-seen order and dropping repeats.
        std::map<graph::AttrKey, std::vector<std::string_view>> values;
        for (const auto& a : g.attributes(n)) {
            auto& v = values[a.key];
            if (std::find(v.begin(), v.end(), a.value) == v.end()) {
                v.push_back(a.value);
            }
        }
        for (const auto& [k, v] : values) {
            std::string joined;
            for (std::size_t i = 0; i < v.size(); ++i) {
                joined += (i > 0 ? " | " : "") + std::string(v[i]);
            }
            data(out, "a_" + std::string(graph::to_string(k)), joined);
        }
        data(out, "sources", joined_sources(g, g.node_provenance(n)));
        out << "    </node>\n";
    }
    std::size_t edge_number = 0;
    for (graph::EdgeId e_ = 0; e_ < g.edge_count(); ++e_) {
        const auto from = g.source_of(e_);
        const auto to = g.target_of(e_);
        if (!included(from) || !included(to)) {
            continue;
        }
        const auto provs = g.edge_provenance(e_);
        float confidence = 0.0F;
        for (auto p : provs) {
            confidence = std::max(confidence, g.provenance(p).confidence);
        }
        char conf[16];
        std::snprintf(conf, sizeof conf, "%.2f", static_cast<double>(confidence));
        out << "    <edge id=\"e" << edge_number++ << "\" source=\"" << xml_escape(slugs[from])
            << "\" target=\"" << xml_escape(slugs[to]) << "\">\n";
        data(out, "e_kind", graph::to_string(g.edge_kind(e_)));
        data(out, "e_label", graph::to_string(g.edge_kind(e_)));
        data(out, "e_confidence", conf);
        data(out, "e_sources", joined_sources(g, provs));
        out << "    </edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
}

} // namespace medkg::exporter
