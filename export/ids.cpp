#include "export/ids.hpp"

#include <unordered_map>
#include <unordered_set>

namespace medkg::exporter {

std::string slugify(std::string_view label) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    bool dash = false;
    for (const char ch : label) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += static_cast<char>(c);
            dash = false;
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
            dash = false;
        } else if (c >= 0x80) {
            if (!out.empty() && !dash) {
                out += '-';
            }
            out += 'u';
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
            out += '-';
            dash = true;
        } else if (!out.empty() && !dash) {
            out += '-';
            dash = true;
        }
    }
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    if (out.empty()) {
        out = "node";
    }
    return out;
}

std::vector<std::string> node_slugs(const graph::FrozenGraph& g) {
    std::vector<std::string> slugs(g.node_count());
    std::unordered_set<std::string> taken;
    taken.reserve(g.node_count() * 2);
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        std::string base = slugify(g.label(n));
        std::string slug = base;
        if (taken.count(slug) != 0) {
            base += "--" + std::string(graph::to_string(g.kind(n)));
            slug = base;
            for (std::size_t i = 2; taken.count(slug) != 0; ++i) {
                slug = base + "-" + std::to_string(i);
            }
        }
        taken.insert(slug);
        slugs[n] = std::move(slug);
    }
    return slugs;
}

} // namespace medkg::exporter
