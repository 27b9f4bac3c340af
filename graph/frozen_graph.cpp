#include "graph/frozen_graph.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/hash.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <future>
#include <map>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <tuple>
#include <unistd.h>

namespace medkg::graph {

namespace {

constexpr std::uint32_t k_version = 6; // 2: derivatives CSR; 3: block sums in four lanes;
                                        // 4: provenance as line + shape; 5: family order;
                                        // 6: 4 KiB blocks
// A query checks each block it reads whole: one page, so that it reads no page it does not need.
constexpr std::size_t k_block = 4 * 1024;
constexpr std::size_t k_align = 64;
constexpr std::uint32_t k_label_key = 0xFFFFFFFFU; // key slot naming the node's label

// A fast 64-bit checksum over 8-byte words (then the tail), for corruption, not adversaries.
// `h` is the starting state; record_sum(data, n) is the header's and the section table's sum, the
// same in every version, so that a snapshot of another version is told apart from a damaged one.
std::uint64_t record_sum(const unsigned char* data, std::size_t n,
                         std::uint64_t h = 0x9E3779B97F4A7C15ULL) {
    h ^= n;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, data + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 29;
    }
    for (; i < n; ++i) {
        h = (h ^ data[i]) * 0xc4ceb9fe1a85ec53ULL;
    }
    h ^= h >> 33;
    return h;
}

// A data block's sum: the same steps in four lanes, each over every fourth word of the block's
// 32-byte strides, then the lanes and the rest through record_sum. One lane is a chain of
// dependent multiplies; four keep the multiplier busy, so checking a block (on a query's first
// touch, and when a snapshot is written) takes about a quarter of the time.
std::uint64_t block_sum(const unsigned char* data, std::size_t n) {
    std::array<std::uint64_t, 4> lane{0x9E3779B97F4A7C15ULL, 0xC2B2AE3D27D4EB4FULL,
                                      0x165667B19E3779F9ULL, 0x27D4EB2F165667C5ULL};
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        for (std::size_t k = 0; k < 4; ++k) {
            std::uint64_t w = 0;
            std::memcpy(&w, data + i + 8 * k, 8);
            lane[k] = (lane[k] ^ w) * 0xff51afd7ed558ccdULL;
            lane[k] ^= lane[k] >> 29;
        }
    }
    std::uint64_t h = n;
    for (const std::uint64_t l : lane) {
        h = (h ^ l) * 0xff51afd7ed558ccdULL;
        h ^= h >> 29;
    }
    return record_sum(data + i, n - i, h);
}

// Open-addressing tables are at most three quarters full: lookups stay a probe or two, and the
// tables, a large part of a snapshot, stay small.
std::uint64_t table_slots_for(std::size_t entries) {
    std::uint64_t slots = 16;
    while (slots * 3 < static_cast<std::uint64_t>(entries) * 4) {
        slots *= 2;
    }
    return slots;
}

std::string lower(std::string_view s) { return util::ascii_lower(s); }

struct SectionHeader {
    std::uint64_t offset;
    std::uint64_t bytes;
    std::uint32_t elem_size;
    std::uint32_t block_count;
    std::uint64_t sums_offset;
};
static_assert(sizeof(SectionHeader) == 32);

struct FileHeader {
    char magic[8];
    std::uint32_t version;
    std::uint32_t section_count;
    std::uint64_t file_size;
    std::uint32_t block_size;
    std::uint32_t reserved;
    std::uint64_t table_sum;
    std::uint64_t node_count;
    std::uint64_t edge_count;
    std::uint64_t header_sum;
};
static_assert(sizeof(FileHeader) == 64);
static_assert(sizeof(Provenance) == 32 && sizeof(ProvRef) == 8); // stored as they are

enum Sec : std::size_t {
    s_string_offsets,
    s_string_bytes,
    s_node_label,
    s_node_kind,
    s_node_flags,
    s_node_prov_offsets,
    s_node_prov,
    s_attr_offsets,
    s_attr_key,
    s_attr_value,
    s_attr_prov,
    s_edge_source,
    s_edge_target,
    s_edge_kind,
    s_edge_prov_offsets,
    s_edge_prov,
    s_out_offsets,
    s_out_edges,
    s_in_offsets,
    s_in_edges,
    s_provenance,
    s_prov_shapes,
    s_name_slots,
    s_key_slots,
    s_family_position,
    s_family_node,
    s_family_offsets,
    s_family_children,
    s_count,
};

// Calls f(section, array) for every section, in section order (`A`: FrozenArrays, const or not).
template <typename A, typename F> void visit_sections(A& a, F&& f) {
    f(s_string_offsets, a.string_offsets);
    f(s_string_bytes, a.string_bytes);
    f(s_node_label, a.node_label);
    f(s_node_kind, a.node_kind);
    f(s_node_flags, a.node_flags);
    f(s_node_prov_offsets, a.node_prov_offsets);
    f(s_node_prov, a.node_prov);
    f(s_attr_offsets, a.attr_offsets);
    f(s_attr_key, a.attr_key);
    f(s_attr_value, a.attr_value);
    f(s_attr_prov, a.attr_prov);
    f(s_edge_source, a.edge_source);
    f(s_edge_target, a.edge_target);
    f(s_edge_kind, a.edge_kind);
    f(s_edge_prov_offsets, a.edge_prov_offsets);
    f(s_edge_prov, a.edge_prov);
    f(s_out_offsets, a.out_offsets);
    f(s_out_edges, a.out_edges);
    f(s_in_offsets, a.in_offsets);
    f(s_in_edges, a.in_edges);
    f(s_provenance, a.provenance);
    f(s_prov_shapes, a.prov_shapes);
    f(s_name_slots, a.name_slots);
    f(s_key_slots, a.key_slots);
    f(s_family_position, a.family_position);
    f(s_family_node, a.family_node);
    f(s_family_offsets, a.family_offsets);
    f(s_family_children, a.family_children);
}

} // namespace

struct FrozenGraph::Impl {
    struct Section {
        const unsigned char* data = nullptr;
        std::size_t bytes = 0;
        std::size_t elem = 1;
        const std::uint64_t* sums = nullptr; // null: trusted (in memory)
        // Blocks already checked. Atomic so that threads reading one graph may check blocks at
        // once: two that check the same block both find it good and both mark it.
        mutable std::vector<std::atomic<std::uint8_t>> verified;
    };

    FrozenArrays arrays; // owned data (empty when mapped)
    std::array<Section, s_count> sections{};
    void* map = nullptr;
    std::size_t map_bytes = 0;
    std::string path;
    std::size_t nodes = 0;
    std::size_t edges = 0;
    mutable bool all_verified = false; // every block checked: reads need no more checks
    mutable bool view_verified = false; // every block of the sections View reads checked
    int fd = -1;                       // the mapped snapshot, for load_sections
    std::array<util::LargeBuffer, s_count> copies; // sections read whole (load_sections)

    ~Impl() {
        if (map != nullptr) {
            ::munmap(map, map_bytes);
        }
        if (fd >= 0) {
            ::close(fd);
        }
    }

    template <typename T> void bind(Sec s, const util::LargeVector<T>& v) {
        sections[s].data = reinterpret_cast<const unsigned char*>(v.data());
        sections[s].bytes = v.size() * sizeof(T);
        sections[s].elem = sizeof(T);
    }

    void bind_owned() { bind_from(arrays); }

    // Points the sections at `from`'s vectors (which must outlive this).
    void bind_from(const FrozenArrays& from) {
        visit_sections(from, [this](Sec s, const auto& v) { bind(s, v); });
        nodes = from.node_kind.size();
        edges = from.edge_kind.size();
    }

    // Verifies the blocks of these sections on every core (see FrozenGraph::verify_all).
    void verify_sections(std::span<const Sec> which) const;

    // Verifies the blocks covering [offset, offset + len) of a section, once each.
    void touch(Sec s, std::size_t offset, std::size_t len) const {
        if (all_verified) {
            return;
        }
        const Section& sec = sections[s];
        if (sec.sums == nullptr || len == 0) {
            return;
        }
        check(s, sec.data, offset, len);
    }

    // Verifies the blocks covering [offset, offset + len) of section `s` as they are in `data`,
    // which holds the section's bytes (its mapping, or a copy read from the file), once each.
    void check(Sec s, const unsigned char* data, std::size_t offset, std::size_t len) const {
        const Section& sec = sections[s];
        static_assert((k_block & (k_block - 1)) == 0);
        constexpr unsigned k_shift = std::countr_zero(k_block);
        const std::size_t first = offset >> k_shift;
        const std::size_t last = (offset + len - 1) >> k_shift;
        for (std::size_t b = first; b <= last; ++b) {
            if (sec.verified[b].load(std::memory_order_relaxed) != 0) {
                continue;
            }
            const std::size_t start = b * k_block;
            const std::size_t n = std::min(k_block, sec.bytes - start);
            if (block_sum(data + start, n) != sec.sums[b]) {
                throw Error("snapshot \"" + path + "\" is corrupt (section " + std::to_string(s) +
                            ", block " + std::to_string(b) +
                            " fails its checksum); rebuild it with medkg build");
            }
            sec.verified[b].store(1, std::memory_order_relaxed);
        }
    }

    // Reads sections of a mapped snapshot whole from the file into huge-page memory
    // (`copies`), on every core, verifies them there and points the sections at them. Why: on
    // our VMs the first touch of each 4 KiB page of a mapping costs 2-3 us, so reading every
    // section (an export) was bound by those touches, and pread's copy through the kernel's own
    // mapping costs a tenth of that. Only for verify_all: no other thread may read the graph.
    // An in-memory graph has nothing to read.
    void load_sections(std::span<const Sec> which);

    // Runs work(section, offset, bytes) over `which` in stretches, on every core; rethrows the
    // first failure in order.
    template <typename Work> void on_stretches(std::span<const Sec> which, const Work& work) const;

    template <typename T> T get(Sec s, std::size_t i) const {
        touch(s, i * sizeof(T), sizeof(T));
        T v;
        std::memcpy(&v, sections[s].data + i * sizeof(T), sizeof(T));
        return v;
    }

    template <typename T> std::span<const T> range(Sec s, std::size_t begin, std::size_t end) const {
        touch(s, begin * sizeof(T), (end - begin) * sizeof(T));
        return {reinterpret_cast<const T*>(sections[s].data) + begin, end - begin};
    }

    std::size_t count(Sec s) const { return sections[s].bytes / sections[s].elem; }

    // A whole section, unchecked: for reads after its blocks were verified (view).
    // Sections start at a multiple of k_align in a snapshot (plan_layout) and are vectors in
    // memory.
    template <typename T> std::span<const T> whole(Sec s) const {
        return {reinterpret_cast<const T*>(sections[s].data), sections[s].bytes / sizeof(T)};
    }

    std::string_view str(StrId id) const {
        const auto begin = get<std::uint64_t>(s_string_offsets, id);
        const auto end = get<std::uint64_t>(s_string_offsets, id + 1);
        touch(s_string_bytes, begin, end - begin);
        return {reinterpret_cast<const char*>(sections[s_string_bytes].data) + begin,
                static_cast<std::size_t>(end - begin)};
    }
};

// ---- building ----------------------------------------------------------------------------

std::string strong_key_of(AttrKey key, std::string_view value) {
    switch (key) {
    case AttrKey::hf_id: return "hf:" + lower(value);
    case AttrKey::arxiv: return "arxiv:" + lower(value);
    case AttrKey::doi: return "doi:" + lower(value);
    default: return {};
    }
}

namespace {

std::string_view string_of(const FrozenArrays& a, std::uint32_t id) {
    return {a.string_bytes.data() + a.string_offsets[id],
            static_cast<std::size_t>(a.string_offsets[id + 1] - a.string_offsets[id])};
}

// The derivation forest in family order (FrozenArrays::family_position): breadth-first from
// each root in node order, reading the derivatives of a node from its in-edges (no copy of them
// in node order: at Hub size that would be 10 MB more at the build's peak). `has_base` marks
// the nodes derived from something.
void build_families(FrozenArrays& a, std::size_t derivations, const std::vector<std::uint64_t>& has_base) {
    const std::size_t n = a.node_kind.size();
    constexpr std::uint32_t k_none = 0xFFFFFFFFU;
    a.family_position.assign(n, k_none);
    a.family_node.clear();
    a.family_node.reserve(n);
    a.family_offsets.clear();
    a.family_offsets.reserve(n + 1);
    a.family_offsets.push_back(0);
    a.family_children.clear();
    a.family_children.reserve(derivations);
    std::size_t next = 0; // the first position whose derivatives are not listed yet
    const auto place = [&](std::uint32_t node) {
        a.family_position[node] = static_cast<std::uint32_t>(a.family_node.size());
        a.family_node.push_back(node);
    };
    // The queue is taken in batches of placed nodes, each in stages that issue their reads
    // together: a node's derivatives are four dependent reads away (its in-edge range, the
    // edge ids, their kinds and sources, the sources' positions), each a cache miss at Hub size,
    // and taken one at a time they were most of this function's time. Placing happens last, in
    // queue and edge order, so the order is the one a plain breadth-first walk gives.
    constexpr std::size_t k_batch = 64;
    std::array<std::uint32_t, k_batch> count_of{}; // derivatives of each node of the batch
    std::vector<std::uint32_t> sources;
    const auto list_batch = [&] {
        const std::size_t end = std::min(a.family_node.size(), next + k_batch);
        const std::uint32_t* queue = a.family_node.data();
        for (std::size_t q = next; q < end; ++q) {
            __builtin_prefetch(a.in_offsets.data() + queue[q]);
        }
        for (std::size_t q = next; q < end; ++q) {
            const std::uint32_t begin = a.in_offsets[queue[q]];
            for (std::uint32_t k = begin; k < a.in_offsets[queue[q] + 1]; k += 16) {
                __builtin_prefetch(a.in_edges.data() + k);
            }
        }
        for (std::size_t q = next; q < end; ++q) {
            for (std::uint32_t k = a.in_offsets[queue[q]]; k < a.in_offsets[queue[q] + 1]; ++k) {
                __builtin_prefetch(a.edge_kind.data() + a.in_edges[k]);
                __builtin_prefetch(a.edge_source.data() + a.in_edges[k]);
            }
        }
        sources.clear();
        for (std::size_t q = next; q < end; ++q) {
            const std::size_t before = sources.size();
            for (std::uint32_t k = a.in_offsets[queue[q]]; k < a.in_offsets[queue[q] + 1]; ++k) {
                const std::uint32_t edge = a.in_edges[k];
                if (is_derivation(static_cast<EdgeKind>(a.edge_kind[edge]))) {
                    sources.push_back(a.edge_source[edge]);
                    __builtin_prefetch(a.family_position.data() + sources.back());
                }
            }
            count_of[q - next] = static_cast<std::uint32_t>(sources.size() - before);
        }
        std::size_t at = 0;
        for (std::size_t q = next; q < end; ++q) {
            for (std::uint32_t j = 0; j < count_of[q - next]; ++j) {
                const std::uint32_t child = sources[at++];
                if (a.family_position[child] == k_none) {
                    place(child);
                }
                a.family_children.push_back(a.family_position[child]);
            }
            a.family_offsets.push_back(static_cast<std::uint32_t>(a.family_children.size()));
        }
        next = end;
    };
    const auto number_from = [&](std::uint32_t start) {
        if (a.family_position[start] != k_none) {
            return;
        }
        place(start);
        while (next < a.family_node.size()) {
            list_batch();
        }
    };
    for (std::uint32_t node = 0; node < n; ++node) {
        if ((has_base[node >> 6] >> (node & 63) & 1) == 0) {
            number_from(node);
        }
    }
    for (std::uint32_t node = 0; node < n; ++node) {
        number_from(node); // only cycles are left
    }
}

// Adjacency by counting sort, which keeps each node's edges in insertion order; then the
// derivation forest in family order.
void build_adjacency(FrozenArrays& a) {
    const std::size_t n = a.node_kind.size();
    const std::size_t e = a.edge_kind.size();
    a.out_offsets.assign(n + 1, 0);
    a.in_offsets.assign(n + 1, 0);
    for (std::size_t i = 0; i < e; ++i) {
        ++a.out_offsets[a.edge_source[i] + 1];
        ++a.in_offsets[a.edge_target[i] + 1];
    }
    for (std::size_t i = 0; i < n; ++i) {
        a.out_offsets[i + 1] += a.out_offsets[i];
        a.in_offsets[i + 1] += a.in_offsets[i];
    }
    a.out_edges.assign(e, 0);
    a.in_edges.assign(e, 0);
    std::size_t derivations = 0;
    std::vector<std::uint64_t> has_base((n + 63) / 64, 0); // derived from something
    {
        util::LargeVector<std::uint32_t> out_fill(a.out_offsets.begin(), a.out_offsets.end() - 1);
        util::LargeVector<std::uint32_t> in_fill(a.in_offsets.begin(), a.in_offsets.end() - 1);
        for (std::size_t i = 0; i < e; ++i) {
            const std::uint32_t source = a.edge_source[i];
            a.out_edges[out_fill[source]++] = static_cast<std::uint32_t>(i);
            a.in_edges[in_fill[a.edge_target[i]]++] = static_cast<std::uint32_t>(i);
            if (is_derivation(static_cast<EdgeKind>(a.edge_kind[i]))) {
                ++derivations;
                has_base[source >> 6] |= std::uint64_t{1} << (source & 63);
            }
        }
    }
    build_families(a, derivations, has_base);
}

// How many names the name table holds at most: every label and every alias.
std::size_t name_entries(const FrozenArrays& a) {
    std::size_t names = a.node_kind.size();
    for (const auto k : a.attr_key) {
        names += static_cast<AttrKey>(k) == AttrKey::alias ? 1 : 0;
    }
    return names;
}

// How many keys the key table holds at most: Hub models named by their id, and key attributes.
std::size_t key_entries(const FrozenArrays& a) {
    std::size_t keys = 0;
    for (const auto k : a.attr_key) {
        const auto key = static_cast<AttrKey>(k);
        keys += (key == AttrKey::hf_id || key == AttrKey::arxiv || key == AttrKey::doi) ? 1 : 0;
    }
    for (const auto flags : a.node_flags) {
        keys += static_cast<std::size_t>((flags & k_flag_label_is_hf_id) != 0);
    }
    return keys;
}

// Name table: labels and aliases, by the hash of the folded name.
void build_name_table(FrozenArrays& a) {
    const std::size_t n = a.node_kind.size();
    a.name_slots.assign(table_slots_for(name_entries(a)), 0);
    const std::uint64_t mask = a.name_slots.size() - 1;
    auto put = [&](std::uint32_t node, std::uint32_t spelling, std::uint64_t hash) {
        std::uint64_t slot = hash & mask;
        const std::uint64_t entry = (static_cast<std::uint64_t>(node) + 1) << 32 | spelling;
        while (a.name_slots[slot] != 0) {
            if (a.name_slots[slot] == entry) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        a.name_slots[slot] = entry;
    };
    // Labels are hashed a batch ahead and their slots prefetched (each lands at random in a
    // table of megabytes); then everything is inserted in node order, as one pass would.
    constexpr std::uint32_t k_batch = 32;
    std::array<std::uint64_t, k_batch> label_hash{};
    for (std::uint32_t first = 0; first < n; first += k_batch) {
        const auto last = static_cast<std::uint32_t>(std::min<std::size_t>(n, first + k_batch));
        for (std::uint32_t node = first; node < last; ++node) {
            const std::string_view name = string_of(a, a.node_label[node]);
            label_hash[node - first] = name.empty() ? 0 : folded_name_hash(name);
            __builtin_prefetch(a.name_slots.data() + (label_hash[node - first] & mask));
        }
        for (std::uint32_t node = first; node < last; ++node) {
            if (!string_of(a, a.node_label[node]).empty()) {
                put(node, a.node_label[node], label_hash[node - first]);
            }
            for (std::uint32_t k = a.attr_offsets[node]; k < a.attr_offsets[node + 1]; ++k) {
                if (static_cast<AttrKey>(a.attr_key[k]) == AttrKey::alias) {
                    const std::string_view alias = string_of(a, a.attr_value[k]);
                    if (!alias.empty()) {
                        put(node, a.attr_value[k], folded_name_hash(alias));
                    }
                }
            }
        }
    }
}

// "hf:" + the lower-cased id, built in a stack buffer when it fits (Hub ids are at most 200 bytes).
std::uint64_t hf_key_hash(std::string_view id) {
    char key[3 + 256] = {'h', 'f', ':'};
    if (id.size() > 256) {
        return name_hash(strong_key_of(AttrKey::hf_id, id));
    }
    const char* const end = util::ascii_lower_to(id, key + 3);
    return name_hash(std::string_view(key, static_cast<std::size_t>(end - key)));
}

// Strong keys: "hf:org/name" of Hub models named by their id, and the keys of hf_id, arxiv and
// doi attributes; a node's repeated key is kept once.
void build_key_table(FrozenArrays& a) {
    const std::size_t n = a.node_kind.size();
    a.key_slots.assign(table_slots_for(key_entries(a)), 0);
    const std::uint64_t mask = a.key_slots.size() - 1;
    // The key a slot names: its attribute's, or the hf key of its node's label.
    const auto key_of_slot = [&](std::uint64_t entry) {
        const auto which = static_cast<std::uint32_t>(entry);
        if (which == k_label_key) {
            const auto node = static_cast<std::uint32_t>(entry >> 32) - 1;
            return strong_key_of(AttrKey::hf_id, string_of(a, a.node_label[node]));
        }
        return strong_key_of(static_cast<AttrKey>(a.attr_key[which]),
                             string_of(a, a.attr_value[which]));
    };
    // As in build_name_table: the label keys of a batch are hashed and their slots prefetched
    // first, then everything is inserted in node order.
    constexpr std::uint32_t k_batch = 32;
    std::array<std::uint64_t, k_batch> label_hash{};
    for (std::uint32_t node = 0; node < n; ++node) {
        if (node % k_batch == 0) {
            const auto last = static_cast<std::uint32_t>(std::min<std::size_t>(n, node + k_batch));
            for (std::uint32_t m = node; m < last; ++m) {
                if ((a.node_flags[m] & k_flag_label_is_hf_id) != 0) {
                    label_hash[m - node] = hf_key_hash(string_of(a, a.node_label[m]));
                    __builtin_prefetch(a.key_slots.data() + (label_hash[m - node] & mask));
                }
            }
        }
        if ((a.node_flags[node] & k_flag_label_is_hf_id) != 0) {
            // A Hub model named by its id: the label is the hf_id (no attribute copy kept).
            std::uint64_t slot = label_hash[node % k_batch] & mask;
            while (a.key_slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            a.key_slots[slot] = (static_cast<std::uint64_t>(node) + 1) << 32 | k_label_key;
        }
        for (std::uint32_t k = a.attr_offsets[node]; k < a.attr_offsets[node + 1]; ++k) {
            const std::string key =
                strong_key_of(static_cast<AttrKey>(a.attr_key[k]), string_of(a, a.attr_value[k]));
            if (key.empty()) {
                continue;
            }
            std::uint64_t slot = name_hash(key) & mask;
            bool present = false;
            while (a.key_slots[slot] != 0) {
                const auto other_node = static_cast<std::uint32_t>(a.key_slots[slot] >> 32) - 1;
                if (other_node == node && key_of_slot(a.key_slots[slot]) == key) {
                    present = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (!present) {
                a.key_slots[slot] = (static_cast<std::uint64_t>(node) + 1) << 32 | k;
            }
        }
    }
}

} // namespace

void FrozenArrays::finish() {
    // Three independent parts, each writing its own arrays in a fixed order: the result does not
    // depend on how they are scheduled. Small graphs are not worth the threads.
    if (node_kind.size() < 65536) {
        build_adjacency(*this);
        build_name_table(*this);
        build_key_table(*this);
        return;
    }
    std::thread names([this] { build_name_table(*this); });
    std::thread keys([this] { build_key_table(*this); });
    build_adjacency(*this);
    names.join();
    keys.join();
}

FrozenArrays freeze_arrays(const KnowledgeGraph& g) {
    FrozenArrays a;
    const StringPool& pool = g.strings();
    a.string_offsets.reserve(pool.size() + 1);
    for (StrId id = 0; id < pool.size(); ++id) {
        const auto s = pool.view(id);
        a.string_bytes.insert(a.string_bytes.end(), s.begin(), s.end());
        a.string_offsets.push_back(a.string_bytes.size());
    }
    const std::size_t n = g.node_count();
    a.node_label.reserve(n);
    for (NodeId node = 0; node < n; ++node) {
        a.node_label.push_back(g.graph()[node].label);
        a.node_kind.push_back(static_cast<std::uint8_t>(g.kind(node)));
        a.node_flags.push_back(g.is_placeholder(node) ? 1 : 0);
        for (auto p : g.node_provenance(node)) {
            a.node_prov.push_back(p);
        }
        a.node_prov_offsets.push_back(static_cast<std::uint32_t>(a.node_prov.size()));
        for (const auto& attr : g.attributes(node)) {
            a.attr_key.push_back(static_cast<std::uint8_t>(attr.key));
            a.attr_value.push_back(*pool.find(attr.value));
            a.attr_prov.push_back(attr.prov);
        }
        a.attr_offsets.push_back(static_cast<std::uint32_t>(a.attr_key.size()));
    }
    for (auto [it, end] = boost::edges(g.graph()); it != end; ++it) {
        a.edge_source.push_back(g.source_of(*it));
        a.edge_target.push_back(g.target_of(*it));
        a.edge_kind.push_back(static_cast<std::uint8_t>(g.edge_kind(*it)));
        for (auto p : g.edge_provenance(*it)) {
            a.edge_prov.push_back(p);
        }
        a.edge_prov_offsets.push_back(static_cast<std::uint32_t>(a.edge_prov.size()));
    }
    // Records that differ only in their line share a shape.
    const auto shape_key = [](const Provenance& p) {
        return std::tuple(p.source, p.column, p.path, p.cites, p.evidence,
                          static_cast<std::uint8_t>(p.method), std::bit_cast<std::uint32_t>(p.confidence));
    };
    std::map<decltype(shape_key(Provenance{})), std::uint32_t> shapes;
    a.provenance.reserve(g.provenance_count());
    for (ProvId p = 0; p < g.provenance_count(); ++p) {
        Provenance shape = g.provenance(p);
        const std::uint32_t line = shape.line;
        shape.line = 0;
        const auto [it, fresh] =
            shapes.try_emplace(shape_key(shape), static_cast<std::uint32_t>(a.prov_shapes.size()));
        if (fresh) {
            a.prov_shapes.push_back(shape);
        }
        a.provenance.push_back(ProvRef{it->second, line});
    }
    a.finish();
    return a;
}

FrozenGraph freeze(const KnowledgeGraph& g) { return FrozenGraph(freeze_arrays(g)); }

// ---- the graph -----------------------------------------------------------------------------

FrozenGraph::FrozenGraph(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
FrozenGraph::FrozenGraph(FrozenGraph&&) noexcept = default;
FrozenGraph& FrozenGraph::operator=(FrozenGraph&&) noexcept = default;
FrozenGraph::~FrozenGraph() = default;

FrozenGraph::FrozenGraph(FrozenArrays arrays) : m_impl(std::make_unique<Impl>()) {
    m_impl->arrays = std::move(arrays);
    m_impl->bind_owned();
    m_impl->all_verified = true; // built in this process: nothing to check
}

std::size_t FrozenGraph::node_count() const { return m_impl->nodes; }
std::size_t FrozenGraph::edge_count() const { return m_impl->edges; }
NodeKind FrozenGraph::kind(NodeId n) const {
    return static_cast<NodeKind>(m_impl->get<std::uint8_t>(s_node_kind, n));
}
std::string_view FrozenGraph::label(NodeId n) const {
    return m_impl->str(m_impl->get<std::uint32_t>(s_node_label, n));
}
void FrozenGraph::prefetch_label(NodeId n, int step) const {
    // Plain reads, no checks: they only choose addresses to prefetch, and are bounds-checked.
    const auto& labels = m_impl->sections[s_node_label];
    if (n >= m_impl->nodes) {
        return;
    }
    if (step == 0) {
        __builtin_prefetch(labels.data + n * sizeof(std::uint32_t));
        return;
    }
    std::uint32_t id = 0;
    std::memcpy(&id, labels.data + n * sizeof(std::uint32_t), sizeof id);
    const auto& offsets = m_impl->sections[s_string_offsets];
    if (std::size_t{id} + 1 >= offsets.bytes / sizeof(std::uint64_t)) {
        return;
    }
    if (step == 1) {
        __builtin_prefetch(offsets.data + std::size_t{id} * sizeof(std::uint64_t));
        return;
    }
    std::uint64_t begin = 0;
    std::memcpy(&begin, offsets.data + std::size_t{id} * sizeof(std::uint64_t), sizeof begin);
    if (begin < m_impl->sections[s_string_bytes].bytes) {
        __builtin_prefetch(m_impl->sections[s_string_bytes].data + begin);
    }
}
bool FrozenGraph::is_placeholder(NodeId n) const {
    return (m_impl->get<std::uint8_t>(s_node_flags, n) & 1U) != 0;
}
EdgeKind FrozenGraph::edge_kind(EdgeId e) const {
    return static_cast<EdgeKind>(m_impl->get<std::uint8_t>(s_edge_kind, e));
}
NodeId FrozenGraph::source_of(EdgeId e) const { return m_impl->get<std::uint32_t>(s_edge_source, e); }
NodeId FrozenGraph::target_of(EdgeId e) const { return m_impl->get<std::uint32_t>(s_edge_target, e); }

std::span<const EdgeId> FrozenGraph::out_edges(NodeId n) const {
    return m_impl->range<std::uint32_t>(s_out_edges, m_impl->get<std::uint32_t>(s_out_offsets, n),
                                        m_impl->get<std::uint32_t>(s_out_offsets, n + 1));
}
std::span<const EdgeId> FrozenGraph::in_edges(NodeId n) const {
    return m_impl->range<std::uint32_t>(s_in_edges, m_impl->get<std::uint32_t>(s_in_offsets, n),
                                        m_impl->get<std::uint32_t>(s_in_offsets, n + 1));
}
FrozenGraph::Families FrozenGraph::families() const {
    Families f;
    f.m_graph = this;
    f.m_block_shift = static_cast<unsigned>(std::countr_zero(k_block));
    const auto part = [&](Sec s) {
        const auto& sec = m_impl->sections[s];
        const bool checked = sec.sums != nullptr && !m_impl->all_verified;
        return Families::Part{reinterpret_cast<const std::uint32_t*>(sec.data),
                              sec.bytes / sizeof(std::uint32_t),
                              checked ? sec.verified.data() : nullptr, s};
    };
    f.m_position = part(s_family_position);
    f.m_node = part(s_family_node);
    f.m_offsets = part(s_family_offsets);
    f.m_children = part(s_family_children);
    return f;
}

void FrozenGraph::check_section(std::size_t section, std::size_t offset, std::size_t bytes) const {
    m_impl->touch(static_cast<Sec>(section), offset, bytes);
}

void FrozenGraph::refuse_families(std::uint32_t position) const {
    throw Error("graph is corrupt: the derivatives of the node at family position " +
                std::to_string(position) + " lie outside their array");
}

std::span<const ProvId> FrozenGraph::node_provenance(NodeId n) const {
    return m_impl->range<std::uint32_t>(s_node_prov,
                                        m_impl->get<std::uint32_t>(s_node_prov_offsets, n),
                                        m_impl->get<std::uint32_t>(s_node_prov_offsets, n + 1));
}
std::span<const ProvId> FrozenGraph::edge_provenance(EdgeId e) const {
    if (m_impl->count(s_edge_prov_offsets) == 0) {
        return m_impl->range<std::uint32_t>(s_edge_prov, e, e + 1); // one per edge
    }
    return m_impl->range<std::uint32_t>(s_edge_prov,
                                        m_impl->get<std::uint32_t>(s_edge_prov_offsets, e),
                                        m_impl->get<std::uint32_t>(s_edge_prov_offsets, e + 1));
}

std::vector<AttrView> FrozenGraph::attributes(NodeId n) const {
    std::vector<AttrView> out;
    attributes_into(n, out);
    return out;
}

void FrozenGraph::attributes_into(NodeId n, std::vector<AttrView>& out) const {
    out.clear();
    if ((m_impl->get<std::uint8_t>(s_node_flags, n) & k_flag_label_is_hf_id) != 0) {
        const auto provs = node_provenance(n);
        out.push_back(AttrView{AttrKey::hf_id, label(n), provs.empty() ? 0U : provs.front()});
    }
    const auto begin = m_impl->get<std::uint32_t>(s_attr_offsets, n);
    const auto end = m_impl->get<std::uint32_t>(s_attr_offsets, n + 1);
    for (auto a = begin; a < end; ++a) {
        out.push_back(AttrView{static_cast<AttrKey>(m_impl->get<std::uint8_t>(s_attr_key, a)),
                               m_impl->str(m_impl->get<std::uint32_t>(s_attr_value, a)),
                               m_impl->get<std::uint32_t>(s_attr_prov, a)});
    }
}

FrozenGraph::View FrozenGraph::view() const {
    verify_view_sections();
    View v;
    v.m_graph = this;
    v.m_string_offsets = m_impl->whole<std::uint64_t>(s_string_offsets);
    v.m_string_bytes = m_impl->whole<char>(s_string_bytes);
    v.m_node_label = m_impl->whole<std::uint32_t>(s_node_label);
    v.m_node_kind = m_impl->whole<std::uint8_t>(s_node_kind);
    v.m_node_flags = m_impl->whole<std::uint8_t>(s_node_flags);
    v.m_node_prov_offsets = m_impl->whole<std::uint32_t>(s_node_prov_offsets);
    v.m_node_prov = m_impl->whole<std::uint32_t>(s_node_prov);
    v.m_edge_source = m_impl->whole<std::uint32_t>(s_edge_source);
    v.m_edge_target = m_impl->whole<std::uint32_t>(s_edge_target);
    v.m_edge_kind = m_impl->whole<std::uint8_t>(s_edge_kind);
    v.m_edge_prov_offsets = m_impl->whole<std::uint32_t>(s_edge_prov_offsets);
    v.m_edge_prov = m_impl->whole<std::uint32_t>(s_edge_prov);
    v.m_out_offsets = m_impl->whole<std::uint32_t>(s_out_offsets);
    v.m_out_edges = m_impl->whole<std::uint32_t>(s_out_edges);
    v.m_provenance = m_impl->whole<ProvRef>(s_provenance);
    v.m_prov_shapes = m_impl->whole<Provenance>(s_prov_shapes);
    return v;
}

std::optional<std::string_view> FrozenGraph::attribute(NodeId n, AttrKey key) const {
    if (key == AttrKey::hf_id &&
        (m_impl->get<std::uint8_t>(s_node_flags, n) & k_flag_label_is_hf_id) != 0) {
        return label(n);
    }
    const auto begin = m_impl->get<std::uint32_t>(s_attr_offsets, n);
    const auto end = m_impl->get<std::uint32_t>(s_attr_offsets, n + 1);
    for (auto a = begin; a < end; ++a) {
        if (static_cast<AttrKey>(m_impl->get<std::uint8_t>(s_attr_key, a)) == key) {
            return m_impl->str(m_impl->get<std::uint32_t>(s_attr_value, a));
        }
    }
    return std::nullopt;
}

std::size_t FrozenGraph::attribute_count() const { return m_impl->count(s_attr_key); }
Provenance FrozenGraph::provenance(ProvId id) const {
    const auto ref = m_impl->get<ProvRef>(s_provenance, id);
    if (ref.shape >= m_impl->count(s_prov_shapes)) {
        throw Error("snapshot \"" + m_impl->path + "\" is corrupt (provenance " + std::to_string(id) +
                    " has no shape); rebuild it with medkg build");
    }
    Provenance p = m_impl->get<Provenance>(s_prov_shapes, ref.shape);
    p.line = ref.line;
    return p;
}
bool FrozenGraph::edge_is_guess(EdgeId e) const { return graph::edge_is_guess(*this, e); }
std::size_t FrozenGraph::provenance_count() const { return m_impl->count(s_provenance); }
std::string_view FrozenGraph::str(StrId id) const { return m_impl->str(id); }
std::size_t FrozenGraph::string_count() const { return m_impl->count(s_string_offsets) - 1; }

std::string FrozenGraph::brief(ProvId id) const {
    return brief_of(provenance(id), [this](StrId s) { return str(s); });
}

std::vector<NodeId> FrozenGraph::find_key(std::string_view key) const {
    std::vector<NodeId> out;
    const std::string wanted = lower(key);
    const std::size_t slots = m_impl->count(s_key_slots);
    if (slots == 0) {
        return out;
    }
    std::uint64_t slot = name_hash(wanted) & (slots - 1);
    for (;;) {
        const auto entry = m_impl->get<std::uint64_t>(s_key_slots, slot);
        if (entry == 0) {
            break;
        }
        const auto node = static_cast<NodeId>(entry >> 32) - 1;
        const auto attr = static_cast<std::uint32_t>(entry);
        const std::string stored =
            attr == k_label_key
                ? strong_key_of(AttrKey::hf_id, label(node))
                : strong_key_of(static_cast<AttrKey>(m_impl->get<std::uint8_t>(s_attr_key, attr)),
                                m_impl->str(m_impl->get<std::uint32_t>(s_attr_value, attr)));
        if (stored == wanted && std::find(out.begin(), out.end(), node) == out.end()) {
            out.push_back(node);
        }
        slot = (slot + 1) & (slots - 1);
    }
    return out;
}

NameIndex::Lookup FrozenGraph::lookup(std::string_view name, std::optional<NodeKind> kind) const {
    const auto other_kind = [&](NodeId n) { return kind && this->kind(n) != *kind; };
    if (NameIndex::is_strong_key(name)) {
        NameIndex::Lookup r;
        auto nodes = find_key(name);
        std::erase_if(nodes, other_kind);
        if (nodes.size() == 1) {
            r.status = NameIndex::Status::found;
            r.node = nodes.front();
        } else if (nodes.size() > 1) {
            r.status = NameIndex::Status::ambiguous;
            r.candidates = std::move(nodes);
        }
        return r;
    }
    const std::string folded = fold_name(name);
    std::vector<std::pair<std::string_view, NodeId>> all;
    const std::size_t slots = m_impl->count(s_name_slots);
    if (!folded.empty() && slots > 0) {
        std::uint64_t slot = name_hash(folded) & (slots - 1);
        for (;;) {
            const auto entry = m_impl->get<std::uint64_t>(s_name_slots, slot);
            if (entry == 0) {
                break;
            }
            const auto spelling = m_impl->str(static_cast<std::uint32_t>(entry));
            const auto node = static_cast<NodeId>(entry >> 32) - 1;
            if (fold_name(spelling) == folded && !other_kind(node)) {
                all.emplace_back(spelling, node);
            }
            slot = (slot + 1) & (slots - 1);
        }
    }
    // Table order is hash order; keep the nodes' own order so that answers are stable.
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    return NameIndex::choose(all, name);
}

std::vector<std::string> FrozenGraph::suggest(std::string_view name, std::size_t limit) const {
    const std::string query = fold_name(name);
    if (query.empty() || limit == 0) {
        return {};
    }
    // Curated graphs allow an edit distance up to a third of the name. Hub-size graphs allow
    // typos (2 edits), so that the banded distance gives up within a few characters on most
    // names, and names of another length cost nothing. Names that contain the query come
    // after the closer ones in both.
    const std::size_t slots = m_impl->count(s_name_slots);
    const bool small = slots <= (1U << 19);
    const std::size_t max_distance = small ? std::max<std::size_t>(2, query.size() / 3) : 2;
    // Each spelling once, in string order: the slots are in hash order, and reading the strings
    // in that order would miss the cache on nearly every name.
    const std::size_t strings = string_count();
    std::vector<bool> is_name(strings + 1, false);
    for (std::size_t slot = 0; slot < slots; ++slot) {
        const auto id = static_cast<std::uint32_t>(m_impl->get<std::uint64_t>(s_name_slots, slot));
        if (id != 0 && id < strings) {
            is_name[id] = true;
        }
    }
    std::vector<std::pair<std::size_t, std::uint32_t>> scored;
    std::string folded;
    std::vector<std::size_t> scratch;
    for (std::uint32_t id = 1; id < strings; ++id) {
        if (!is_name[id]) {
            continue;
        }
        fold_name_into(m_impl->str(id), folded);
        std::size_t d = util::edit_distance(query, folded, max_distance, scratch);
        if (d > max_distance && query.size() >= 3 && folded.find(query) != std::string::npos) {
            d = max_distance;
        }
        if (d <= max_distance) {
            scored.emplace_back(d, id);
        }
    }
    std::vector<std::pair<std::size_t, std::string>> ranked;
    ranked.reserve(scored.size());
    for (const auto& [d, id] : scored) {
        ranked.emplace_back(d, std::string(m_impl->str(id)));
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> out;
    for (auto& [d, s] : ranked) {
        if (out.empty() || out.back() != s) {
            out.push_back(std::move(s));
            if (out.size() == limit) {
                break;
            }
        }
    }
    return out;
}

void FrozenGraph::verify_all() const {
    if (m_impl->all_verified) {
        return;
    }
    std::array<Sec, s_count> all{};
    for (std::size_t s = 0; s < s_count; ++s) {
        all[s] = static_cast<Sec>(s);
    }
    m_impl->load_sections(all);
    m_impl->verify_sections(all); // what could not be read whole, through the mapping
    m_impl->all_verified = true;
}

void FrozenGraph::verify_view_sections() const {
    if (m_impl->all_verified || m_impl->view_verified) {
        return;
    }
    // What View reads, and attributes(): everything but the index a query starts from. An
    // export reads these whole; copying the rest (a third of a Hub snapshot) into fresh memory
    // cost it a tenth of its time.
    static constexpr std::array k_view{
        s_string_offsets, s_string_bytes, s_node_label,  s_node_kind,   s_node_flags,
        s_node_prov_offsets, s_node_prov, s_attr_offsets, s_attr_key,   s_attr_value,
        s_attr_prov,      s_edge_source,  s_edge_target, s_edge_kind,   s_edge_prov_offsets,
        s_edge_prov,      s_out_offsets,  s_out_edges,   s_provenance,  s_prov_shapes};
    m_impl->load_sections(k_view);
    m_impl->verify_sections(k_view); // what could not be read whole, through the mapping
    m_impl->view_verified = true;
}

template <typename Work>
void FrozenGraph::Impl::on_stretches(std::span<const Sec> which, const Work& work) const {
    // Stretches of 1 MiB, on every core. Should several fail, the first in the order given is
    // reported, whatever the timing.
    struct Stretch {
        Sec section;
        std::size_t offset;
        std::size_t bytes;
    };
    constexpr std::size_t k_stretch = std::size_t{1} << 20;
    std::vector<Stretch> stretches;
    for (const Sec s : which) {
        for (std::size_t at = 0; at < sections[s].bytes; at += k_stretch) {
            stretches.push_back({s, at, std::min(k_stretch, sections[s].bytes - at)});
        }
    }
    std::vector<std::exception_ptr> errors(stretches.size());
    std::atomic<std::size_t> next{0};
    const auto run = [&] {
        for (std::size_t i = next++; i < stretches.size(); i = next++) {
            try {
                work(stretches[i].section, stretches[i].offset, stretches[i].bytes);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    const unsigned helpers =
        std::min(std::max(1U, std::thread::hardware_concurrency()), 8U) - 1;
    {
        std::vector<std::jthread> threads;
        for (unsigned t = 0; t < helpers && t + 1 < stretches.size(); ++t) {
            threads.emplace_back(run);
        }
        run();
    }
    for (const auto& e : errors) {
        if (e) {
            std::rethrow_exception(e);
        }
    }
}

void FrozenGraph::Impl::load_sections(std::span<const Sec> which) {
    if (fd < 0) {
        return;
    }
    std::vector<Sec> wanted;
    for (const Sec s : which) {
        if (copies[s].empty() && sections[s].bytes > 0) {
            wanted.push_back(s);
            copies[s] = util::LargeBuffer(sections[s].bytes);
        }
    }
    // A read error leaves that section to the mapping (whose reads then fail as they would have).
    const auto* base = static_cast<const unsigned char*>(map);
    std::vector<std::uint8_t> unread(s_count, 0);
    try {
        on_stretches(wanted, [&](Sec s, std::size_t offset, std::size_t bytes) {
            const auto from = static_cast<std::uint64_t>(sections[s].data - base) + offset;
            if (util::read_fully(fd, copies[s].data() + offset, bytes, from) != 0) {
                unread[s] = 1; // written by one stretch or several: only ever 1
                return;
            }
            check(s, copies[s].data(), offset, bytes);
        });
    } catch (...) {
        for (const Sec s : wanted) {
            copies[s] = {}; // nothing corrupt is kept to be read
        }
        throw;
    }
    for (const Sec s : wanted) {
        if (unread[s] != 0) {
            copies[s] = {};
        } else {
            sections[s].data = copies[s].data(); // every read from here on goes to the copy
        }
    }
}

void FrozenGraph::Impl::verify_sections(std::span<const Sec> which) const {
    std::vector<Sec> unloaded;
    for (const Sec s : which) {
        if (copies[s].empty()) { // a copy was verified when it was read
            unloaded.push_back(s);
        }
    }
    on_stretches(unloaded,
                 [&](Sec s, std::size_t offset, std::size_t bytes) { touch(s, offset, bytes); });
}

std::size_t FrozenGraph::memory_bytes() const {
    std::size_t total = 0;
    for (const auto& s : m_impl->sections) {
        total += s.bytes;
    }
    return total;
}

// ---- snapshots -----------------------------------------------------------------------------

namespace {

const auto align_up = [](std::uint64_t x) { return (x + k_align - 1) / k_align * k_align; };

// Where each section and its block sums go: header, section table, the sections in order (each
// aligned), then each section's block sums. It depends only on the sections' sizes, so it can be
// planned before every section exists.
struct Layout {
    std::vector<SectionHeader> table = std::vector<SectionHeader>(s_count);
    std::uint64_t file_size = 0;
};

Layout plan_layout(const std::array<std::size_t, s_count>& bytes,
                   const std::array<std::size_t, s_count>& elems) {
    Layout l;
    std::uint64_t offset = sizeof(FileHeader) + s_count * sizeof(SectionHeader);
    for (std::size_t s = 0; s < s_count; ++s) {
        offset = align_up(offset);
        l.table[s].offset = offset;
        l.table[s].bytes = bytes[s];
        l.table[s].elem_size = static_cast<std::uint32_t>(elems[s]);
        l.table[s].block_count = static_cast<std::uint32_t>((bytes[s] + k_block - 1) / k_block);
        offset += bytes[s];
    }
    for (std::size_t s = 0; s < s_count; ++s) {
        offset = align_up(offset);
        l.table[s].sums_offset = offset;
        offset += std::uint64_t{l.table[s].block_count} * sizeof(std::uint64_t);
    }
    l.file_size = offset;
    return l;
}

std::vector<std::uint64_t> block_sums(const unsigned char* data, std::size_t bytes) {
    std::vector<std::uint64_t> sums;
    sums.reserve((bytes + k_block - 1) / k_block);
    for (std::size_t b = 0; b * k_block < bytes; ++b) {
        sums.push_back(block_sum(data + b * k_block, std::min(k_block, bytes - b * k_block)));
    }
    return sums;
}

FileHeader make_header(const Layout& l, std::uint64_t nodes, std::uint64_t edges) {
    FileHeader header{};
    static_assert(sizeof header.magic == k_snapshot_magic.size());
    std::memcpy(header.magic, k_snapshot_magic.data(), sizeof header.magic);
    header.version = k_version;
    header.section_count = s_count;
    header.file_size = l.file_size;
    header.block_size = k_block;
    header.node_count = nodes;
    header.edge_count = edges;
    header.table_sum = record_sum(reinterpret_cast<const unsigned char*>(l.table.data()),
                                 l.table.size() * sizeof(SectionHeader));
    header.header_sum =
        record_sum(reinterpret_cast<const unsigned char*>(&header), offsetof(FileHeader, header_sum));
    return header;
}

// A snapshot being written: a temporary file beside the target, renamed over it by commit(), or
// the target itself when it is a device or a pipe (then only sequential writes). Removed when
// destroyed uncommitted. No fsync: the rename (an exchange with the file it replaces, see
// util::replace_checked_file) makes it appear whole, and every block carries a
// checksum, so a file torn by a power loss is refused, not trusted.
class SnapshotFile {
public:
    explicit SnapshotFile(std::string path)
        : m_path(std::move(path)), m_in_place(util::is_special_file(m_path)),
          m_tmp(m_in_place ? m_path : m_path + ".tmp." + std::to_string(::getpid())) {
        m_fd = ::open(m_tmp.c_str(), m_in_place ? O_WRONLY : O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (m_fd < 0) {
            throw error(errno);
        }
    }
    SnapshotFile(const SnapshotFile&) = delete;
    SnapshotFile& operator=(const SnapshotFile&) = delete;
    ~SnapshotFile() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        if (!m_committed && !m_in_place) {
            ::unlink(m_tmp.c_str());
        }
    }

    /// Whether put_at() may be used (a regular file).
    bool seekable() const { return !m_in_place; }

    /// Appends, after zeros up to `offset` (sequential writing).
    void put(std::uint64_t offset, const void* data, std::size_t n) {
        static const char zeros[k_align] = {};
        while (m_written < offset) {
            write_some(zeros, static_cast<std::size_t>(std::min<std::uint64_t>(k_align, offset - m_written)));
        }
        write_some(data, n);
    }

    /// Writes at `offset` (any order, any thread); the gaps read as zeros.
    void put_at(std::uint64_t offset, const void* data, std::size_t n) const {
        if (const int err = util::write_fully(m_fd, data, n, static_cast<std::int64_t>(offset),
                                              util::k_snapshot_write_piece);
            err != 0) {
            throw error(err);
        }
    }

    void resize(std::uint64_t bytes) const {
        if (::ftruncate(m_fd, static_cast<off_t>(bytes)) != 0) {
            throw error(errno);
        }
    }

    void commit() {
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0) {
            throw error(errno);
        }
        if (!m_in_place) {
            util::replace_checked_file(m_tmp, m_path);
        }
        m_committed = true;
    }

private:
    Error error(int err) const {
        return Error("cannot write \"" + m_path + "\": " + std::strerror(err));
    }
    void write_some(const void* data, std::size_t n) {
        if (const int err = util::write_fully(m_fd, data, n, -1, util::k_snapshot_write_piece);
            err != 0) {
            throw error(err);
        }
        m_written += n;
    }

    std::string m_path;
    bool m_in_place;
    std::string m_tmp;
    int m_fd = -1;
    std::uint64_t m_written = 0;
    bool m_committed = false;
};

} // namespace

void FrozenGraph::write_snapshot(const std::string& path) const {
    verify_all();
    std::array<std::size_t, s_count> bytes{};
    std::array<std::size_t, s_count> elems{};
    std::vector<std::vector<std::uint64_t>> sums(s_count);
    for (std::size_t s = 0; s < s_count; ++s) {
        const auto& sec = m_impl->sections[s];
        bytes[s] = sec.bytes;
        elems[s] = sec.elem;
        sums[s] = block_sums(sec.data, sec.bytes);
    }
    const Layout layout = plan_layout(bytes, elems);
    const FileHeader header = make_header(layout, m_impl->nodes, m_impl->edges);
    SnapshotFile file(path);
    file.put(0, &header, sizeof header);
    file.put(sizeof header, layout.table.data(), layout.table.size() * sizeof(SectionHeader));
    for (std::size_t s = 0; s < s_count; ++s) {
        file.put(layout.table[s].offset, m_impl->sections[s].data, m_impl->sections[s].bytes);
    }
    for (std::size_t s = 0; s < s_count; ++s) {
        file.put(layout.table[s].sums_offset, sums[s].data(), sums[s].size() * sizeof(std::uint64_t));
    }
    file.commit();
}

namespace {

// The sections FrozenArrays::finish never reads: provenance.
constexpr std::array<Sec, 7> k_unread_by_finish{s_edge_prov,         s_attr_prov,
                                                s_provenance,        s_node_prov,
                                                s_node_prov_offsets, s_edge_prov_offsets,
                                                s_prov_shapes};

} // namespace

SnapshotCounts finish_and_write_snapshot(FrozenArrays arrays, const std::string& path) {
    SnapshotFile file(path);
    if (!file.seekable()) {
        arrays.finish();
        const FrozenGraph g(std::move(arrays));
        g.write_snapshot(path);
        return {g.node_count(), g.edge_count()};
    }
    // Every section's size is known before finish() runs: plan the file. The sections finish()
    // never reads (provenance, about a sixth of a Hub graph) are written first and freed, so
    // that the index it builds takes their memory again instead of fresh pages (on our VMs a
    // fresh huge page costs milliseconds); the other sections it leaves alone are written on
    // another thread while it builds the index; then the index.
    FrozenGraph::Impl sizes;
    sizes.bind_from(arrays);
    const std::size_t n = arrays.node_kind.size();
    const std::size_t e = arrays.edge_kind.size();
    std::size_t derivations = 0;
    for (const auto k : arrays.edge_kind) {
        derivations += static_cast<std::size_t>(is_derivation(static_cast<EdgeKind>(k)));
    }
    std::array<std::size_t, s_count> bytes{};
    std::array<std::size_t, s_count> elems{};
    for (std::size_t s = 0; s < s_count; ++s) {
        bytes[s] = sizes.sections[s].bytes;
        elems[s] = sizes.sections[s].elem;
    }
    const std::array<std::pair<Sec, std::size_t>, 10> index_bytes{{
        {s_out_offsets, (n + 1) * 4}, {s_out_edges, e * 4}, {s_in_offsets, (n + 1) * 4},
        {s_in_edges, e * 4}, {s_name_slots, table_slots_for(name_entries(arrays)) * 8},
        {s_key_slots, table_slots_for(key_entries(arrays)) * 8},
        {s_family_position, n * 4}, {s_family_node, n * 4}, {s_family_offsets, (n + 1) * 4},
        {s_family_children, derivations * 4}}};
    enum class When : std::uint8_t { first, during, after };
    std::array<When, s_count> when{};
    when.fill(When::during);
    for (const auto& [s, b] : index_bytes) {
        bytes[s] = b;
        when[s] = When::after;
    }
    for (const Sec s : k_unread_by_finish) {
        when[s] = When::first;
    }
    const Layout layout = plan_layout(bytes, elems);
    file.resize(layout.file_size);
    std::vector<std::vector<std::uint64_t>> sums(s_count);
    const auto write_section = [&](std::size_t s, const unsigned char* data, std::size_t size) {
        sums[s] = block_sums(data, size);
        file.put_at(layout.table[s].offset, data, size);
    };
    // Writes the sections `which` (each by one thread) on this thread and one other.
    const auto write_on_two = [&](const std::vector<std::size_t>& which,
                                  const std::array<const unsigned char*, s_count>& data) {
        std::atomic<std::size_t> next{0};
        const auto write_some = [&] {
            for (std::size_t i; (i = next++) < which.size();) {
                write_section(which[i], data[which[i]], bytes[which[i]]);
            }
        };
        auto helper = std::async(std::launch::async, write_some);
        try {
            write_some();
        } catch (...) {
            helper.wait();
            throw;
        }
        helper.get();
    };
    const auto sections_when = [&](When w) {
        std::vector<std::size_t> out;
        for (std::size_t s = 0; s < s_count; ++s) {
            if (when[s] == w) {
                out.push_back(s);
            }
        }
        return out;
    };
    std::array<const unsigned char*, s_count> data{};
    for (std::size_t s = 0; s < s_count; ++s) {
        data[s] = sizes.sections[s].data;
    }
    const auto release = [&](When w) {
        visit_sections(arrays, [&](Sec s, auto& array) {
            if (when[s] == w) {
                util::release(array);
            }
        });
    };
    write_on_two(sections_when(When::first), data);
    release(When::first);
    auto rest = std::async(std::launch::async, [&] {
        for (const std::size_t s : sections_when(When::during)) {
            write_section(s, data[s], bytes[s]);
        }
    });
    try {
        arrays.finish();
    } catch (...) {
        rest.wait();
        throw;
    }
    rest.get();
    FrozenGraph::Impl index;
    index.bind_from(arrays);
    for (const std::size_t s : sections_when(When::after)) {
        if (index.sections[s].bytes != layout.table[s].bytes) {
            throw std::logic_error("snapshot section " + std::to_string(s) + " is not the planned size");
        }
        data[s] = index.sections[s].data;
    }
    write_on_two(sections_when(When::after), data);
    for (std::size_t s = 0; s < s_count; ++s) {
        file.put_at(layout.table[s].sums_offset, sums[s].data(), sums[s].size() * sizeof(std::uint64_t));
    }
    const FileHeader header = make_header(layout, n, e);
    file.put_at(0, &header, sizeof header);
    file.put_at(sizeof header, layout.table.data(), layout.table.size() * sizeof(SectionHeader));
    file.commit();
    return {n, e};
}

FrozenGraph FrozenGraph::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) {
        throw Error("cannot read snapshot \"" + path + "\": " + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw Error("cannot read snapshot \"" + path + "\": " + std::strerror(err));
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    const auto refuse = [&](const std::string& why) -> Error {
        return Error("\"" + path + "\" is not a usable medkg snapshot: " + why);
    };
    if (size < sizeof(FileHeader)) {
        ::close(fd);
        throw refuse("too short to hold a header (truncated?)");
    }
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        const int err = errno;
        ::close(fd);
        throw Error("cannot map snapshot \"" + path + "\": " + std::strerror(err));
    }
    auto impl = std::make_unique<Impl>();
    impl->fd = fd; // kept for load_sections
    impl->map = map;
    impl->map_bytes = size;
    impl->path = path;
    const auto* base = static_cast<const unsigned char*>(map);
    FileHeader header{};
    std::memcpy(&header, base, sizeof header);
    if (std::string_view(header.magic, sizeof header.magic) != k_snapshot_magic) {
        throw refuse("wrong magic (not a snapshot)");
    }
    if (header.header_sum !=
        record_sum(reinterpret_cast<const unsigned char*>(&header), offsetof(FileHeader, header_sum))) {
        throw refuse("its header fails its checksum (corrupt)");
    }
    if (header.version != k_version) {
        throw refuse("version " + std::to_string(header.version) + " (this medkg reads version " +
                     std::to_string(k_version) + "; rebuild it)");
    }
    if (header.file_size != size) {
        throw refuse("it is " + std::to_string(size) + " bytes, its header says " +
                     std::to_string(header.file_size) + " (truncated or extended)");
    }
    if (header.section_count != s_count || header.block_size != k_block ||
        sizeof header + s_count * sizeof(SectionHeader) > size) {
        throw refuse("unexpected layout");
    }
    std::vector<SectionHeader> table(s_count);
    std::memcpy(table.data(), base + sizeof header, s_count * sizeof(SectionHeader));
    if (header.table_sum != record_sum(reinterpret_cast<const unsigned char*>(table.data()),
                                      table.size() * sizeof(SectionHeader))) {
        throw refuse("its section table fails its checksum (corrupt)");
    }
    const std::array<std::size_t, s_count> elems{8, 1, 4, 1, 1, 4, 4, 4, 1, 4, 4, 4, 4, 1, 4, 4,
                                                 4, 4, 4, 4, sizeof(ProvRef), sizeof(Provenance),
                                                 8, 8, 4, 4, 4, 4};
    for (std::size_t s = 0; s < s_count; ++s) {
        const auto& t = table[s];
        const std::uint64_t blocks = (t.bytes + k_block - 1) / k_block;
        if (t.elem_size != elems[s] || t.bytes % t.elem_size != 0 || t.offset % k_align != 0 ||
            t.offset > size || t.bytes > size - t.offset || t.block_count != blocks ||
            t.sums_offset > size || blocks * 8 > size - t.sums_offset || t.sums_offset % 8 != 0) {
            throw refuse("section " + std::to_string(s) + " lies outside the file (corrupt)");
        }
        auto& sec = impl->sections[s];
        sec.data = base + t.offset;
        sec.bytes = t.bytes;
        sec.elem = t.elem_size;
        sec.sums = reinterpret_cast<const std::uint64_t*>(base + t.sums_offset);
        sec.verified = std::vector<std::atomic<std::uint8_t>>(blocks);
    }
    // Every byte not under a checksum is padding and must be zero, so that damage anywhere in
    // the file is found. Read with pread, not through the mapping: the padding lies between
    // every two sections, and on our VMs a fault maps 16 pages at about 25 us, so touching it
    // cost a point query 0.6 ms.
    {
        const auto zero_padding = [&](std::uint64_t begin, std::uint64_t end) {
            std::array<unsigned char, 4096> buffer{};
            for (std::uint64_t at = begin; at < end;) {
                const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), end - at));
                if (const int err = util::read_fully(fd, buffer.data(), want, at); err != 0) {
                    throw Error("cannot read snapshot \"" + path + "\": " + std::strerror(err));
                }
                for (std::size_t i = 0; i < want; ++i) {
                    if (buffer[i] != 0) {
                        throw refuse("non-zero padding at byte " + std::to_string(at + i) + " (corrupt)");
                    }
                }
                at += want;
            }
        };
        std::vector<std::pair<std::uint64_t, std::uint64_t>> regions; // [begin, end)
        regions.emplace_back(0, sizeof header + s_count * sizeof(SectionHeader));
        for (const auto& t : table) {
            regions.emplace_back(t.offset, t.offset + t.bytes);
            regions.emplace_back(t.sums_offset, t.sums_offset + t.block_count * 8ULL);
        }
        std::sort(regions.begin(), regions.end());
        std::uint64_t at = 0;
        for (const auto& [begin, end] : regions) {
            if (begin < at) {
                throw refuse("sections overlap (corrupt)");
            }
            zero_padding(at, begin);
            at = end;
        }
        if (at != size) {
            throw refuse("trailing bytes after the last section (corrupt)");
        }
    }
    impl->nodes = header.node_count;
    impl->edges = header.edge_count;
    // The sizes must agree with each other, or indexes would run past their arrays.
    const auto n = impl->nodes;
    const auto e = impl->edges;
    if (impl->count(s_node_kind) != n || impl->count(s_node_label) != n ||
        impl->count(s_node_flags) != n || impl->count(s_node_prov_offsets) != n + 1 ||
        impl->count(s_attr_offsets) != n + 1 || impl->count(s_out_offsets) != n + 1 ||
        impl->count(s_in_offsets) != n + 1 || impl->count(s_edge_kind) != e ||
        impl->count(s_edge_source) != e || impl->count(s_edge_target) != e ||
        (impl->count(s_edge_prov_offsets) != e + 1 &&
         !(impl->count(s_edge_prov_offsets) == 0 && impl->count(s_edge_prov) == e)) ||
        impl->count(s_out_edges) != e ||
        impl->count(s_in_edges) != e || impl->count(s_string_offsets) == 0 ||
        impl->count(s_family_position) != n || impl->count(s_family_node) != n ||
        impl->count(s_family_offsets) != n + 1 || impl->count(s_family_children) > e ||
        (impl->count(s_name_slots) & (impl->count(s_name_slots) - 1)) != 0 ||
        (impl->count(s_key_slots) & (impl->count(s_key_slots) - 1)) != 0) {
        throw refuse("its sections disagree in size (corrupt)");
    }
    return FrozenGraph(std::move(impl));
}

} // namespace medkg::graph
