#pragma once

#include "graph/kinds.hpp"
#include "graph/names.hpp"
#include "graph/string_pool.hpp"

#include <boost/graph/adjacency_list.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medkg::graph {

using ProvId = std::uint32_t;

/// Where one fact came from. Strings are interned in the graph's pool (StrId 0 = none).
struct Provenance {
    StrId source = 0;     ///< the medkg source read: "default", a path, a URL, "hf:org/name"
    std::uint32_t line = 0;   ///< 1-based line in that source, 0 = none
    std::uint32_t column = 0; ///< 1-based column, 0 = none
    StrId path = 0;       ///< a JSON path or section inside the source
    StrId cites = 0;      ///< what the fact itself cites: "corpus/lists/x.md:192", a URL
    StrId evidence = 0;   ///< the text that states the fact
    Method method = Method::curated;
    std::array<std::uint8_t, 3> reserved{}; ///< zero: no byte of a snapshot is left unset
    float confidence = 1.0F;
};

/// Whether a fact of this provenance cites a source: it names what it cites, or it was read
/// from a Hub record at a known line, which is then its own source (the streaming Hub reader
/// keeps no citation string per line; the general Hub mapping writes `source:line`).
[[nodiscard]] inline bool cites_a_source(const Provenance& p) {
    return p.cites != 0 || (p.method == Method::api && p.line > 0);
}

/// The short form of a provenance: what the fact cites, else `source:line` (or `source path`).
/// `str` gives the text of a string id; both graph forms use this one spelling.
/// brief_into writes it over `out` (reusing its memory), brief_of returns it.
template <typename Str> void brief_into(std::string& out, const Provenance& p, Str&& str) {
    if (p.cites != 0) {
        out.assign(str(p.cites));
        return;
    }
    out.assign(str(p.source));
    if (p.line > 0) {
        out += ':';
        out += std::to_string(p.line);
    } else if (p.path != 0) {
        out += ' ';
        out += str(p.path);
    }
}
template <typename Str> std::string brief_of(const Provenance& p, Str&& str) {
    std::string out;
    brief_into(out, p, std::forward<Str>(str));
    return out;
}

/// A provenance spelled out in strings, to be interned by KnowledgeGraph::add_provenance.
struct ProvenanceInput {
    std::string_view source;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string_view path;
    std::string_view cites;
    std::string_view evidence;
    Method method = Method::curated;
    float confidence = 1.0F;
};

/// Per-node data kept inside the Boost graph; 16 bytes, so that millions of nodes stay small.
struct NodeData {
    StrId label = 0;
    NodeKind kind = NodeKind::model;
    bool placeholder = false;       ///< made for a name no source declared
    std::uint32_t prov_head = 0;    ///< first ProvLink + 1
    std::uint32_t attr_head = 0;    ///< first AttrValue + 1
};

/// Per-edge data kept inside the Boost graph.
struct EdgeData {
    EdgeKind kind = EdgeKind::fine_tuned_from;
    std::uint32_t prov_head = 0;    ///< first ProvLink + 1
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, NodeData,
                                    EdgeData>;
using EdgeRef = Graph::edge_descriptor;

/// One attribute value with its provenance.
struct AttrView {
    AttrKey key;
    std::string_view value;
    ProvId prov;
};

/// The typed knowledge graph: nodes and edges of the design's kinds, every node, edge and
/// attribute value with one or more provenance records, and a name index. Append-only: facts are
/// never overwritten, so conflicting facts stay side by side. Knows nothing of files or formats.
class KnowledgeGraph {
public:
    KnowledgeGraph();

    // --- building -------------------------------------------------------------------------

    /// Interns a provenance record and returns its id.
    ProvId add_provenance(const ProvenanceInput& input);

    /// Adds a new node named `label` (indexed as a name) and returns its id.
    NodeId add_node(NodeKind kind, std::string_view label, ProvId prov, bool placeholder = false);

    /// Records one more source for an existing node (a merge); a repeated id is kept once.
    void add_node_provenance(NodeId node, ProvId prov);

    /// Makes a placeholder node a declared one of `kind` (a later source declared it).
    void declare(NodeId node, NodeKind kind);

    /// Adds another name for `node`, indexed and kept as an `alias` attribute.
    void add_alias(NodeId node, std::string_view alias, ProvId prov);

    /// Adds an attribute value. An identical (key, value) from the same provenance is kept once;
    /// other values are kept beside existing ones. Strong keys (hf_id, arxiv, doi) are indexed;
    /// returns another node of a compatible kind (model and base model are compatible) that
    /// already carried the same strong key: a duplicate candidate.
    std::optional<NodeId> add_attribute(NodeId node, AttrKey key, std::string_view value,
                                        ProvId prov);

    /// Adds the edge `from -kind-> to`, or one more provenance to it when it exists.
    EdgeRef add_edge(NodeId from, EdgeKind kind, NodeId to, ProvId prov);

    // --- reading --------------------------------------------------------------------------

    [[nodiscard]] std::size_t node_count() const { return boost::num_vertices(m_graph); }
    [[nodiscard]] std::size_t edge_count() const { return boost::num_edges(m_graph); }
    [[nodiscard]] const Graph& graph() const { return m_graph; }

    [[nodiscard]] NodeKind kind(NodeId node) const { return m_graph[node].kind; }
    [[nodiscard]] std::string_view label(NodeId node) const { return str(m_graph[node].label); }
    [[nodiscard]] bool is_placeholder(NodeId node) const { return m_graph[node].placeholder; }

    [[nodiscard]] EdgeKind edge_kind(EdgeRef e) const { return m_graph[e].kind; }
    [[nodiscard]] NodeId source_of(EdgeRef e) const {
        return static_cast<NodeId>(boost::source(e, m_graph));
    }
    [[nodiscard]] NodeId target_of(EdgeRef e) const {
        return static_cast<NodeId>(boost::target(e, m_graph));
    }

    /// The provenance records of a node or edge, oldest first.
    [[nodiscard]] std::vector<ProvId> node_provenance(NodeId node) const;
    [[nodiscard]] std::vector<ProvId> edge_provenance(EdgeRef e) const;

    /// Every attribute value of `node`, oldest first.
    [[nodiscard]] std::vector<AttrView> attributes(NodeId node) const;

    /// The oldest value of `key`, when there is one.
    [[nodiscard]] std::optional<std::string_view> attribute(NodeId node, AttrKey key) const;

    [[nodiscard]] const Provenance& provenance(ProvId id) const { return m_provenance[id]; }

    /// One line naming where a fact came from: what it cites, else `source:line`.
    [[nodiscard]] std::string brief(ProvId id) const;
    [[nodiscard]] std::size_t provenance_count() const { return m_provenance.size(); }
    [[nodiscard]] std::size_t attribute_count() const { return m_attrs.size(); }
    [[nodiscard]] std::string_view str(StrId id) const { return m_strings.view(id); }

    [[nodiscard]] const NameIndex& names() const { return m_names; }
    [[nodiscard]] const StringPool& strings() const { return m_strings; }

    /// Looks a name, alias or strong key up (see NameIndex::lookup).
    [[nodiscard]] NameIndex::Lookup lookup(std::string_view name) const {
        return m_names.lookup(name);
    }

    /// Approximate bytes held, for benchmarks.
    [[nodiscard]] std::size_t memory_bytes() const;

private:
    struct ProvLink {
        ProvId prov;
        std::uint32_t next; // + 1, 0 = end
    };
    struct AttrValue {
        AttrKey key;
        StrId value;
        ProvId prov;
        std::uint32_t next; // + 1, 0 = end
    };

    void link_provenance(std::uint32_t& head, ProvId prov);
    [[nodiscard]] std::vector<ProvId> collect(std::uint32_t head) const;

    Graph m_graph;
    StringPool m_strings;
    NameIndex m_names;
    std::vector<Provenance> m_provenance;
    std::vector<ProvLink> m_prov_links;
    std::vector<AttrValue> m_attrs;
};

} // namespace medkg::graph
