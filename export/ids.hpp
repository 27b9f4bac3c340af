#pragma once

#include "graph/frozen_graph.hpp"
#include "util/large_memory.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace medkg::exporter {

/// Stable, readable node ids for exports, computed on demand: a slug of the label, and for the
/// few nodes whose slug another node already has, the slug suffixed with the kind and a number.
/// Memory is a hash per node, not a string, so it scales to millions of nodes.
class Slugs {
public:
    /// `threads`: how many threads compute the slugs; 0 = one per core (at most 8) for graphs of
    /// 65,536 nodes or more, else one. The ids do not depend on it.
    explicit Slugs(const graph::FrozenGraph& graph, unsigned threads = 0);
    /// The id of `node`.
    [[nodiscard]] std::string operator()(graph::NodeId node) const;
    /// Appends the id of `node` (letters, digits and '-', safe in XML and DOT) to `out`.
    void write(class OutBuffer& out, graph::NodeId node) const;
    /// Asks the CPU to fetch what write(node) will read: call with `near = false` some items
    /// ahead (the slug's position), then with `near = true` a few items ahead (its bytes).
    void prefetch(graph::NodeId node, bool near) const {
        if (near) {
            __builtin_prefetch(m_bytes.data() + m_offsets[node]);
        } else {
            __builtin_prefetch(m_offsets.data() + node);
        }
    }

private:
    [[nodiscard]] bool plain_exists(const std::string& slug) const;
    [[nodiscard]] std::string_view plain(graph::NodeId node) const {
        return {m_bytes.data() + m_offsets[node], m_offsets[node + 1] - m_offsets[node]};
    }
    util::LargeVector<char> m_bytes;            // every node's plain slug, back to back
    util::LargeVector<std::uint64_t> m_offsets; // node -> start in m_bytes (node_count + 1 entries)
    util::LargeVector<std::uint64_t> m_hashes;  // sorted hashes of every plain slug
    std::unordered_map<graph::NodeId, std::string> m_overrides;
    std::vector<bool> m_overridden; // node -> has an entry in m_overrides
};

/// Stable, readable node ids for exports: a slug of the label (`chatdoctor`, `llama-2`),
/// suffixed with the kind and then a number when two nodes would share one. Depends only on the
/// graph's contents and order, so the same input gives the same ids.
[[nodiscard]] std::vector<std::string> node_slugs(const graph::FrozenGraph& graph);

/// The slug of one label: ASCII letters and digits lower-cased, runs of anything else one `-`,
/// other UTF-8 bytes as hex (`u-e5-9f-ba`). Never empty.
[[nodiscard]] std::string slugify(std::string_view label);

} // namespace medkg::exporter
