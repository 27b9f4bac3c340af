#include "export/ids.hpp"

#include "export/buffer.hpp"
#include "util/hash.hpp"

#include <algorithm>
#include <iterator>
#include <thread>
#include <unordered_set>

namespace medkg::exporter {

namespace {
template <typename Out> void slugify_into(Out& out, std::string_view label);
} // namespace

std::string slugify(std::string_view label) {
    std::string out;
    out.reserve(label.size());
    slugify_into(out, label);
    return out;
}

namespace {
template <typename Out> void slugify_into(Out& out, std::string_view label) {
    static constexpr char k_hex[] = "0123456789abcdef";
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
}
} // namespace

Slugs::Slugs(const graph::FrozenGraph& g, unsigned threads) {
    // Every plain slug once, into one arena; then the few that another node already has get a
    // suffix (kind, then a number), first come first served in node order.
    const std::size_t n = g.node_count();
    m_overridden.assign(n, false);
    // Slugs and their hashes are computed in ranges of nodes, one per core, each range sorted
    // by hash on its thread; the ranges are then joined in node order and their hashes merged,
    // so the result is what one thread would compute.
    struct Range {
        graph::NodeId begin = 0;
        graph::NodeId end = 0;
        std::vector<char> bytes;
        std::vector<std::uint64_t> ends; // end of each node's slug in `bytes`
        std::vector<std::pair<std::uint64_t, graph::NodeId>> hashes;
    };
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t parts = std::max<std::size_t>(
        1, std::min<std::size_t>(threads > 0 ? threads : n < 65536 ? 1 : std::min(cores, 8U), n));
    std::vector<Range> ranges(parts);
    const auto slug_range = [&](Range& r) {
        std::string scratch;
        r.ends.reserve(r.end - r.begin);
        r.hashes.reserve(r.end - r.begin);
        for (graph::NodeId node = r.begin; node < r.end; ++node) {
            scratch.clear();
            slugify_into(scratch, g.label(node));
            r.bytes.insert(r.bytes.end(), scratch.begin(), scratch.end());
            r.ends.push_back(r.bytes.size());
            r.hashes.emplace_back(util::hash64(scratch), node);
        }
        std::sort(r.hashes.begin(), r.hashes.end());
    };
    for (std::size_t p = 0; p < parts; ++p) {
        ranges[p].begin = static_cast<graph::NodeId>(n * p / parts);
        ranges[p].end = static_cast<graph::NodeId>(n * (p + 1) / parts);
    }
    {
        std::vector<std::jthread> helpers;
        for (std::size_t p = 1; p < parts; ++p) {
            helpers.emplace_back([&, p] { slug_range(ranges[p]); });
        }
        slug_range(ranges[0]);
    }
    std::size_t total_bytes = 0;
    for (const auto& r : ranges) {
        total_bytes += r.bytes.size();
    }
    m_bytes.reserve(total_bytes);
    m_offsets.reserve(n + 1);
    m_offsets.push_back(0);
    std::vector<std::pair<std::uint64_t, graph::NodeId>> hashes;
    hashes.reserve(n);
    std::vector<std::pair<std::uint64_t, graph::NodeId>> merged;
    for (auto& r : ranges) {
        const std::uint64_t base = m_bytes.size();
        m_bytes.insert(m_bytes.end(), r.bytes.begin(), r.bytes.end());
        for (const auto end : r.ends) {
            m_offsets.push_back(base + end);
        }
        merged.clear();
        merged.reserve(hashes.size() + r.hashes.size());
        std::merge(hashes.begin(), hashes.end(), r.hashes.begin(), r.hashes.end(),
                   std::back_inserter(merged));
        hashes.swap(merged);
        r = Range{};
    }
    m_hashes.reserve(n);
    for (const auto& h : hashes) {
        m_hashes.push_back(h.first);
    }
    std::unordered_set<std::string> taken;
    std::vector<graph::NodeId> group;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && hashes[j].first == hashes[i].first) {
            ++j;
        }
        if (j - i > 1) {
            group.clear();
            for (std::size_t k = i; k < j; ++k) {
                group.push_back(hashes[k].second);
            }
            std::sort(group.begin(), group.end());
            for (auto node : group) {
                taken.insert(std::string(plain(node)));
            }
            std::unordered_set<std::string_view> kept;
            for (auto node : group) {
                if (kept.insert(plain(node)).second) {
                    continue; // the first node with this slug keeps it
                }
                const std::string base =
                    std::string(plain(node)) + "--" + std::string(graph::to_string(g.kind(node)));
                std::string slug = base;
                for (std::size_t k = 2; taken.count(slug) != 0 || plain_exists(slug); ++k) {
                    slug = base + "-" + std::to_string(k);
                }
                taken.insert(slug);
                m_overrides.emplace(node, std::move(slug));
                m_overridden[node] = true;
            }
        }
        i = j;
    }
}

bool Slugs::plain_exists(const std::string& slug) const {
    // By hash: a false positive only moves a suffix one number on, which stays unique.
    return std::binary_search(m_hashes.begin(), m_hashes.end(), util::hash64(slug));
}

std::string Slugs::operator()(graph::NodeId node) const {
    if (!m_overrides.empty()) {
        const auto it = m_overrides.find(node);
        if (it != m_overrides.end()) {
            return it->second;
        }
    }
    return std::string(plain(node));
}

void Slugs::write(OutBuffer& out, graph::NodeId node) const {
    if (m_overridden[node]) {
        const auto it = m_overrides.find(node);
        if (it != m_overrides.end()) {
            out << std::string_view(it->second);
            return;
        }
    }
    out << plain(node);
}

std::vector<std::string> node_slugs(const graph::FrozenGraph& g) {
    const Slugs slugs(g);
    std::vector<std::string> out;
    out.reserve(g.node_count());
    for (graph::NodeId node = 0; node < g.node_count(); ++node) {
        out.push_back(slugs(node));
    }
    return out;
}

} // namespace medkg::exporter
