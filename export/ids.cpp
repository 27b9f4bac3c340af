#include "export/ids.hpp"

#include "export/buffer.hpp"
#include "util/hash.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <thread>
#include <unordered_set>

namespace medkg::exporter {

namespace {

// Each byte's slug character when it is kept (ASCII letters lower-cased, digits), else 0.
constexpr std::array<char, 256> k_slug_char = [] {
    std::array<char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            t[static_cast<std::size_t>(c)] = static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            t[static_cast<std::size_t>(c)] = static_cast<char>(c - 'A' + 'a');
        }
    }
    return t;
}();

// The most bytes slug_to writes for a label of `size` bytes: a byte becomes at most five
// ("-uXX-"), and an empty slug becomes "node".
constexpr std::size_t slug_room(std::size_t size) { return 5 * size + 4; }

// Writes the slug of `label` at `out` (with slug_room(label.size()) bytes free); returns its end.
char* slug_to(char* out, std::string_view label) {
    static constexpr char k_hex[] = "0123456789abcdef";
    char* const start = out;
    bool dash = false; // the last byte written is a '-'
    for (const char ch : label) {
        const auto c = static_cast<unsigned char>(ch);
        if (const char kept = k_slug_char[c]; kept != 0) {
            *out++ = kept;
            dash = false;
        } else if (c >= 0x80) {
            if (out != start && !dash) {
                *out++ = '-';
            }
            *out++ = 'u';
            *out++ = k_hex[c >> 4];
            *out++ = k_hex[c & 0xF];
            *out++ = '-';
            dash = true;
        } else if (out != start && !dash) {
            *out++ = '-';
            dash = true;
        }
    }
    while (out != start && out[-1] == '-') {
        --out;
    }
    if (out == start) {
        std::memcpy(out, "node", 4);
        out += 4;
    }
    return out;
}

// Runs f(0) ... f(parts - 1), each on its own thread (f(0) on the calling one).
template <typename F> void on_threads(std::size_t parts, F&& f) {
    std::vector<std::jthread> helpers;
    helpers.reserve(parts > 0 ? parts - 1 : 0);
    for (std::size_t p = 1; p < parts; ++p) {
        helpers.emplace_back([&f, p] { f(p); });
    }
    if (parts > 0) {
        f(0);
    }
}

} // namespace

std::string slugify(std::string_view label) {
    std::string out(slug_room(label.size()), '\0');
    out.resize(static_cast<std::size_t>(slug_to(out.data(), label) - out.data()));
    return out;
}

Slugs::Slugs(const graph::FrozenGraph& g, unsigned threads) {
    // Every plain slug once, into one arena; then the few that another node already has get a
    // suffix (kind, then a number), first come first served in node order.
    const std::size_t n = g.node_count();
    m_overridden.assign(n, false);
    // The nodes are split into ranges, one per thread. Each thread writes its range's slugs into
    // its own buffer, their ends into m_offsets and their hashes, counted by their top bits.
    // Once every range's size and counts are known, each thread copies its slugs to their place
    // in the arena and its hashes to their bucket (buckets in hash order, a range's hashes after
    // those of the ranges before it); then each thread sorts a share of the buckets. The result
    // is what one thread would compute.
    constexpr unsigned k_bucket_bits = 12;
    constexpr std::size_t k_buckets = std::size_t{1} << k_bucket_bits;
    const auto bucket = [](std::uint64_t h) { return static_cast<std::size_t>(h >> (64 - k_bucket_bits)); };
    struct Range {
        graph::NodeId begin = 0;
        graph::NodeId end = 0;
        util::LargeVector<char> bytes; // grown by doubling
        std::size_t used = 0;
        std::uint64_t base = 0; // where the range's slugs start in m_bytes
        util::LargeVector<std::pair<std::uint64_t, graph::NodeId>> hashes;
        std::vector<std::size_t> counts; // per bucket; then where the range's next one goes
    };
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t parts = std::max<std::size_t>(
        1, std::min<std::size_t>(threads > 0 ? threads : n < 65536 ? 1 : std::min(cores, 8U), n));
    std::vector<Range> ranges(parts);
    for (std::size_t p = 0; p < parts; ++p) {
        ranges[p].begin = static_cast<graph::NodeId>(n * p / parts);
        ranges[p].end = static_cast<graph::NodeId>(n * (p + 1) / parts);
    }
    m_offsets.resize(n + 1);
    m_offsets[0] = 0;
    on_threads(parts, [&](std::size_t p) {
        Range& r = ranges[p];
        r.hashes.reserve(r.end - r.begin);
        r.counts.assign(k_buckets, 0);
        for (graph::NodeId node = r.begin; node < r.end; ++node) {
            const std::string_view label = g.label(node);
            if (r.bytes.size() - r.used < slug_room(label.size())) {
                r.bytes.resize(std::max(2 * r.bytes.size(), r.used + slug_room(label.size()) + 4096));
            }
            char* const begin = r.bytes.data() + r.used;
            char* const end = slug_to(begin, label);
            r.used += static_cast<std::size_t>(end - begin);
            m_offsets[node + 1] = r.used; // relative to the range until it is placed
            const std::uint64_t h =
                util::hash64(std::string_view(begin, static_cast<std::size_t>(end - begin)));
            r.hashes.emplace_back(h, node);
            ++r.counts[bucket(h)];
        }
    });
    std::uint64_t total_bytes = 0;
    for (auto& r : ranges) {
        r.base = total_bytes;
        total_bytes += r.used;
    }
    std::vector<std::size_t> bucket_begin(k_buckets + 1, 0);
    for (std::size_t b = 0, at = 0; b < k_buckets; ++b) {
        bucket_begin[b] = at;
        for (auto& r : ranges) {
            const std::size_t count = r.counts[b];
            r.counts[b] = at;
            at += count;
        }
    }
    bucket_begin[k_buckets] = n;
    m_bytes.resize(std::max<std::uint64_t>(total_bytes, 1));
    util::LargeVector<std::pair<std::uint64_t, graph::NodeId>> sorted(n);
    on_threads(parts, [&](std::size_t p) {
        Range& r = ranges[p];
        if (r.used > 0) {
            std::memcpy(m_bytes.data() + r.base, r.bytes.data(), r.used);
        }
        for (graph::NodeId node = r.begin; node < r.end; ++node) {
            m_offsets[node + 1] += r.base;
        }
        for (const auto& h : r.hashes) {
            sorted[r.counts[bucket(h.first)]++] = h;
        }
        r = Range{};
    });
    on_threads(parts, [&](std::size_t p) {
        for (std::size_t b = k_buckets * p / parts; b < k_buckets * (p + 1) / parts; ++b) {
            std::sort(sorted.begin() + static_cast<std::ptrdiff_t>(bucket_begin[b]),
                      sorted.begin() + static_cast<std::ptrdiff_t>(bucket_begin[b + 1]));
        }
    });
    m_hashes.reserve(n);
    for (const auto& h : sorted) {
        m_hashes.push_back(h.first);
    }
    std::unordered_set<std::string> taken;
    std::vector<graph::NodeId> group;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && sorted[j].first == sorted[i].first) {
            ++j;
        }
        if (j - i > 1) {
            group.clear();
            for (std::size_t k = i; k < j; ++k) {
                group.push_back(sorted[k].second);
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
