#pragma once

#include "graph/kinds.hpp"
#include "graph/knowledge_graph.hpp"
#include "graph/names.hpp"
#include "util/large_memory.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::graph {

/// An edge of a FrozenGraph: its index.
using EdgeId = std::uint32_t;

/// A provenance record as a FrozenGraph stores it: its line, and which of the graph's distinct
/// provenance shapes (every other field of a record) it has. A Hub dump's million records have
/// two shapes (the dump, stated or inferred), so a record takes 8 bytes instead of 32.
struct ProvRef {
    std::uint32_t shape = 0;
    std::uint32_t line = 0;
};

/// The first bytes of every snapshot file.
inline constexpr std::string_view k_snapshot_magic = "MEDKGSNP";

/// node_flags bits.
inline constexpr std::uint8_t k_flag_placeholder = 1;
inline constexpr std::uint8_t k_flag_label_is_hf_id = 2;

/// The arrays a FrozenGraph is made of. Built by freeze() or by a streaming builder, written to a
/// snapshot by write_snapshot(), and viewed in place (memory-mapped) by FrozenGraph::open().
/// Large arrays fill through huge pages (util::LargeVector).
struct FrozenArrays {
    // Strings: offsets[i]..offsets[i+1] in bytes; string 0 is "".
    util::LargeVector<std::uint64_t> string_offsets{0};
    util::LargeVector<char> string_bytes;
    // Nodes.
    util::LargeVector<std::uint32_t> node_label;
    util::LargeVector<std::uint8_t> node_kind;
    util::LargeVector<std::uint8_t> node_flags; ///< bit 0: placeholder; bit 1: the label is its hf_id
    util::LargeVector<std::uint32_t> node_prov_offsets{0};
    util::LargeVector<std::uint32_t> node_prov;
    // Attributes, grouped by node in insertion order.
    util::LargeVector<std::uint32_t> attr_offsets{0};
    util::LargeVector<std::uint8_t> attr_key;
    util::LargeVector<std::uint32_t> attr_value;
    util::LargeVector<std::uint32_t> attr_prov;
    // Edges, in insertion order; out/in adjacency as edge ids in CSR form.
    util::LargeVector<std::uint32_t> edge_source;
    util::LargeVector<std::uint32_t> edge_target;
    util::LargeVector<std::uint8_t> edge_kind;
    util::LargeVector<std::uint32_t> edge_prov_offsets{0}; ///< empty: one provenance per edge, edge_prov[e]
    util::LargeVector<std::uint32_t> edge_prov;
    util::LargeVector<std::uint32_t> out_offsets;
    util::LargeVector<std::uint32_t> out_edges;
    util::LargeVector<std::uint32_t> in_offsets;
    util::LargeVector<std::uint32_t> in_edges;
    // The derivation forest in family order, for walks that go wide (descendant counts): every
    // node gets a position, so that each family lies together and such a walk reads a few
    // stretches of these arrays rather than pages all over them. Roots of derivation (nodes
    // derived from nothing) take positions in node order, each followed breadth-first by its
    // descendants that have none yet; then nodes that only a cycle reaches, the same way.
    // family_position[node] is a node's position and family_node[position] the node; by
    // position, family_offsets/family_children (CSR) list the positions of the node's direct
    // derivatives (the sources of the derivation edges entering it), in in-edge order.
    util::LargeVector<std::uint32_t> family_position;
    util::LargeVector<std::uint32_t> family_node;
    util::LargeVector<std::uint32_t> family_offsets;
    util::LargeVector<std::uint32_t> family_children;
    // Provenance records (see graph::Provenance): provenance[id] is a line and an index into
    // prov_shapes, the distinct records with their line set to 0.
    util::LargeVector<ProvRef> provenance;
    util::LargeVector<Provenance> prov_shapes;
    // Name index: open addressing over folded names; slot = (node + 1, spelling string id).
    util::LargeVector<std::uint64_t> name_slots;
    // Strong keys: open addressing over "hf:org/name" etc.; slot = (node + 1, attribute index).
    util::LargeVector<std::uint64_t> key_slots;

    /// Fills out/in adjacency and the name and key tables from the rest. Call once after the
    /// nodes, attributes and edges are complete.
    void finish();
};

/// An immutable graph in compressed sparse row form, the form every query and export reads.
/// It is either built in memory (freeze) or a view over a memory-mapped snapshot; in the latter
/// case each 4 KiB block of data is checked against its checksum the first time it is read, so
/// a corrupt snapshot is refused (medkg::Error) before any of its bad data is used, while a point
/// query reads only the few blocks it needs. Several threads may read one graph at once.
class FrozenGraph {
public:
    FrozenGraph(FrozenGraph&&) noexcept;
    FrozenGraph& operator=(FrozenGraph&&) noexcept;
    ~FrozenGraph();

    /// A graph over `arrays`, which it takes.
    explicit FrozenGraph(FrozenArrays arrays);

    /// Maps a snapshot file. Checks the header, the section table and the file size; throws
    /// medkg::Error naming the file when it is not a medkg snapshot of this version, truncated
    /// or corrupt. Data blocks are verified lazily as they are read.
    [[nodiscard]] static FrozenGraph open(const std::string& path);

    [[nodiscard]] std::size_t node_count() const;
    [[nodiscard]] std::size_t edge_count() const;
    [[nodiscard]] NodeKind kind(NodeId node) const;
    [[nodiscard]] std::string_view label(NodeId node) const;
    /// A hint for loops that read labels of scattered nodes: asks the CPU to fetch what
    /// label(node) reads, in three steps issued a few items apart (0: the node's label id, 1: the
    /// string's bounds, 2: its bytes), each after the one before has had time to arrive.
    void prefetch_label(NodeId node, int step) const;
    [[nodiscard]] bool is_placeholder(NodeId node) const;

    [[nodiscard]] EdgeKind edge_kind(EdgeId e) const;
    [[nodiscard]] NodeId source_of(EdgeId e) const;
    [[nodiscard]] NodeId target_of(EdgeId e) const;
    /// Edge ids leaving / entering `node`, in insertion order.
    [[nodiscard]] std::span<const EdgeId> out_edges(NodeId node) const;
    [[nodiscard]] std::span<const EdgeId> in_edges(NodeId node) const;

    /// The derivation forest in family order (see FrozenArrays::family_position), for walks
    /// that go wide. Reads of a mapped snapshot are checked block by block on first touch, as
    /// every read is, but inline: a walk over 10^5 models pays a test per read, not a call, and
    /// touches only the blocks of the family it walks. Valid as long as the graph.
    class Families {
    public:
        /// How many positions there are: one per node.
        [[nodiscard]] std::size_t size() const { return m_position.size; }
        /// The position of `node` (< node_count()), as stored: compare it with size() before
        /// indexing with it.
        [[nodiscard]] std::uint32_t position(NodeId node) const {
            need(m_position, node, 1);
            return m_position.data[node];
        }
        /// The node at `position` (< size()), as stored.
        [[nodiscard]] NodeId node(std::uint32_t position) const {
            need(m_node, position, 1);
            return m_node.data[position];
        }
        /// The positions of the direct derivatives of the node at `position` (< size()), as
        /// stored: compare them with size() before indexing with them. Throws medkg::Error when
        /// the offsets are corrupt.
        [[nodiscard]] std::span<const std::uint32_t> children(std::uint32_t position) const {
            need(m_offsets, position, 2);
            const std::uint32_t begin = m_offsets.data[position];
            const std::uint32_t end = m_offsets.data[position + 1];
            if (begin > end || end > m_children.size) [[unlikely]] {
                m_graph->refuse_families(position);
            }
            need(m_children, begin, end - begin);
            return {m_children.data + begin, end - begin};
        }

    private:
        friend class FrozenGraph;
        struct Part {
            const std::uint32_t* data = nullptr;
            std::size_t size = 0;                                 // elements
            const std::atomic<std::uint8_t>* verified = nullptr; // null: nothing to check
            std::size_t section = 0;
        };
        // Checks the blocks under elements [first, first + count) of `part` that are not yet.
        void need(const Part& part, std::size_t first, std::size_t count) const {
            if (part.verified == nullptr || count == 0) {
                return;
            }
            const std::size_t last = ((first + count) * sizeof(std::uint32_t) - 1) >> m_block_shift;
            for (std::size_t b = (first * sizeof(std::uint32_t)) >> m_block_shift; b <= last; ++b) {
                if (part.verified[b].load(std::memory_order_relaxed) == 0) [[unlikely]] {
                    m_graph->check_section(part.section, first * sizeof(std::uint32_t),
                                           count * sizeof(std::uint32_t));
                    return;
                }
            }
        }
        const FrozenGraph* m_graph = nullptr;
        unsigned m_block_shift = 0;
        Part m_position;
        Part m_node;
        Part m_offsets;
        Part m_children;
    };
    [[nodiscard]] Families families() const;

    [[nodiscard]] std::span<const ProvId> node_provenance(NodeId node) const;
    [[nodiscard]] std::span<const ProvId> edge_provenance(EdgeId e) const;
    /// True when every source of the edge only guessed it (graph::is_guess).
    [[nodiscard]] bool edge_is_guess(EdgeId e) const;
    [[nodiscard]] std::vector<AttrView> attributes(NodeId node) const;
    [[nodiscard]] std::optional<std::string_view> attribute(NodeId node, AttrKey key) const;
    [[nodiscard]] std::size_t attribute_count() const;

    [[nodiscard]] Provenance provenance(ProvId id) const;
    [[nodiscard]] std::size_t provenance_count() const;
    [[nodiscard]] std::string_view str(StrId id) const;
    [[nodiscard]] std::size_t string_count() const;
    /// What a fact cites, else `source:line` (see KnowledgeGraph::brief).
    [[nodiscard]] std::string brief(ProvId id) const;

    /// Resolves a name, alias or strong key like NameIndex::lookup; with `kind`, among the
    /// nodes of that kind only (a model and a dataset may share a Hub id).
    [[nodiscard]] NameIndex::Lookup lookup(std::string_view name,
                                           std::optional<NodeKind> kind = std::nullopt) const;
    /// Every node carrying a strong key (`hf:...`, `arxiv:...`, `doi:...`).
    [[nodiscard]] std::vector<NodeId> find_key(std::string_view key) const;
    /// Up to `limit` known names close to `name`, best first.
    [[nodiscard]] std::vector<std::string> suggest(std::string_view name, std::size_t limit) const;

    /// Fills `out` (cleared first) with what attributes(node) returns, reusing its memory.
    void attributes_into(NodeId node, std::vector<AttrView>& out) const;

    /// Reads every block of every section once, so that corruption anywhere is found now.
    /// Not to be called while other threads read the graph.
    void verify_all() const;

    /// Reads every block of the sections a View and attributes() read once (all but the name
    /// and key tables, the in-edges and the families, which are checked when something reads
    /// them), so that whatever a pass over the whole graph meets is checked now. What view()
    /// does first. Not to be called while other threads read the graph.
    void verify_view_sections() const;

    /// The arrays as they are, for passes over the whole graph (exports), where a call and a
    /// block check per read cost a third of the time. The reads mirror FrozenGraph's own
    /// (same names, same results) and are inline and unchecked: view() verifies every block
    /// they can read first (verify_view_sections, so it throws as that does, and is not to be
    /// called while other threads read the graph). Valid as long as the graph.
    class View {
    public:
        [[nodiscard]] std::size_t node_count() const { return m_node_kind.size(); }
        [[nodiscard]] std::size_t edge_count() const { return m_edge_kind.size(); }
        [[nodiscard]] std::string_view str(StrId id) const {
            const std::uint64_t begin = m_string_offsets[id];
            return {m_string_bytes.data() + begin,
                    static_cast<std::size_t>(m_string_offsets[id + 1] - begin)};
        }
        [[nodiscard]] NodeKind kind(NodeId n) const { return static_cast<NodeKind>(m_node_kind[n]); }
        [[nodiscard]] std::string_view label(NodeId n) const { return str(m_node_label[n]); }
        /// As FrozenGraph::prefetch_label.
        void prefetch_label(NodeId n, int step) const {
            if (step == 0) {
                __builtin_prefetch(m_node_label.data() + n);
            } else if (step == 1) {
                __builtin_prefetch(m_string_offsets.data() + m_node_label[n]);
            } else {
                __builtin_prefetch(m_string_bytes.data() + m_string_offsets[m_node_label[n]]);
            }
        }
        [[nodiscard]] bool is_placeholder(NodeId n) const {
            return (m_node_flags[n] & k_flag_placeholder) != 0;
        }
        [[nodiscard]] EdgeKind edge_kind(EdgeId e) const {
            return static_cast<EdgeKind>(m_edge_kind[e]);
        }
        [[nodiscard]] NodeId source_of(EdgeId e) const { return m_edge_source[e]; }
        [[nodiscard]] NodeId target_of(EdgeId e) const { return m_edge_target[e]; }
        [[nodiscard]] std::span<const ProvId> node_provenance(NodeId n) const {
            return m_node_prov.subspan(m_node_prov_offsets[n],
                                       m_node_prov_offsets[n + 1] - m_node_prov_offsets[n]);
        }
        [[nodiscard]] std::span<const ProvId> edge_provenance(EdgeId e) const {
            if (m_edge_prov_offsets.empty()) {
                return m_edge_prov.subspan(e, 1);
            }
            return m_edge_prov.subspan(m_edge_prov_offsets[e],
                                       m_edge_prov_offsets[e + 1] - m_edge_prov_offsets[e]);
        }
        /// As FrozenGraph::provenance; throws medkg::Error for a record without a shape.
        [[nodiscard]] Provenance provenance(ProvId id) const {
            const ProvRef ref = m_provenance[id];
            if (ref.shape >= m_prov_shapes.size()) [[unlikely]] {
                return m_graph->provenance(id); // reports the corruption
            }
            Provenance p = m_prov_shapes[ref.shape];
            p.line = ref.line;
            return p;
        }
        /// As FrozenGraph::attributes_into.
        void attributes_into(NodeId n, std::vector<AttrView>& out) const {
            m_graph->attributes_into(n, out);
        }
        [[nodiscard]] std::span<const EdgeId> out_edges(NodeId n) const {
            return m_out_edges.subspan(m_out_offsets[n], m_out_offsets[n + 1] - m_out_offsets[n]);
        }
        [[nodiscard]] std::optional<std::string_view> attribute(NodeId n, AttrKey key) const {
            return m_graph->attribute(n, key);
        }

    private:
        friend class FrozenGraph;
        const FrozenGraph* m_graph = nullptr;
        std::span<const std::uint64_t> m_string_offsets;
        std::span<const char> m_string_bytes;
        std::span<const std::uint32_t> m_node_label;
        std::span<const std::uint8_t> m_node_kind;
        std::span<const std::uint8_t> m_node_flags;
        std::span<const std::uint32_t> m_node_prov_offsets;
        std::span<const std::uint32_t> m_node_prov;
        std::span<const std::uint32_t> m_edge_source;
        std::span<const std::uint32_t> m_edge_target;
        std::span<const std::uint8_t> m_edge_kind;
        std::span<const std::uint32_t> m_edge_prov_offsets;
        std::span<const std::uint32_t> m_edge_prov;
        std::span<const std::uint32_t> m_out_offsets;
        std::span<const std::uint32_t> m_out_edges;
        std::span<const ProvRef> m_provenance;
        std::span<const Provenance> m_prov_shapes;
    };
    [[nodiscard]] View view() const;

    /// Bytes of the arrays (or the mapping).
    [[nodiscard]] std::size_t memory_bytes() const;

    /// Writes a versioned, checksummed snapshot to `path`, atomically. Verifies every block of a
    /// mapped source first. Throws medkg::Error when the file cannot be written.
    void write_snapshot(const std::string& path) const;

    struct Impl;

private:
    // Verifies the blocks of a section under [offset, offset + bytes) (Families' slow path).
    void check_section(std::size_t section, std::size_t offset, std::size_t bytes) const;
    [[noreturn]] void refuse_families(std::uint32_t position) const;
    explicit FrozenGraph(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// What finish_and_write_snapshot wrote.
struct SnapshotCounts {
    std::size_t nodes = 0;
    std::size_t edges = 0;
};

/// Finishes `arrays` (FrozenArrays::finish) and writes them as a snapshot to `path`, writing the
/// sections finish() does not touch while it builds the index, and freeing those it never reads
/// before it starts. The file is byte for byte what FrozenGraph(finished arrays).write_snapshot(path)
/// writes. Returns its counts; FrozenGraph::open(path) reads it.
SnapshotCounts finish_and_write_snapshot(FrozenArrays arrays, const std::string& path);

/// Freezes a KnowledgeGraph (nodes, edges, attributes and provenance kept as they are).
[[nodiscard]] FrozenGraph freeze(const KnowledgeGraph& graph);

/// The arrays of a KnowledgeGraph, for freezing or writing.
[[nodiscard]] FrozenArrays freeze_arrays(const KnowledgeGraph& graph);


/// True when every source of edge `e` only guessed it (graph::is_guess); `G` is a FrozenGraph
/// or its verified view.
template <typename G> [[nodiscard]] bool edge_is_guess(const G& g, EdgeId e) {
    const auto provs = g.edge_provenance(e);
    if (provs.empty()) {
        return false;
    }
    for (const ProvId id : provs) {
        const Provenance p = g.provenance(id);
        if (!is_guess(p.method, p.confidence)) {
            return false;
        }
    }
    return true;
}

/// The strong key string of an attribute (`hf:org/name` for hf_id), or empty for other keys.
[[nodiscard]] std::string strong_key_of(AttrKey key, std::string_view value);

} // namespace medkg::graph
