#include "graph/knowledge_graph.hpp"

#include <algorithm>
#include <cassert>

namespace medkg::graph {

namespace {

std::optional<std::string> strong_key_for(AttrKey key, std::string_view value) {
    switch (key) {
    case AttrKey::hf_id:
        return "hf:" + std::string(value);
    case AttrKey::arxiv:
        return "arxiv:" + std::string(value);
    case AttrKey::doi:
        return "doi:" + std::string(value);
    default:
        return std::nullopt;
    }
}

} // namespace

KnowledgeGraph::KnowledgeGraph() {
    // ProvId 0 is a valid record; keep the vector non-empty only when used.
}

ProvId KnowledgeGraph::add_provenance(const ProvenanceInput& input) {
    Provenance p;
    p.source = m_strings.intern(input.source);
    p.line = input.line;
    p.column = input.column;
    p.path = m_strings.intern(input.path);
    p.cites = m_strings.intern(input.cites);
    p.evidence = m_strings.intern(input.evidence);
    p.method = input.method;
    p.confidence = input.confidence;
    m_provenance.push_back(p);
    return static_cast<ProvId>(m_provenance.size() - 1);
}

void KnowledgeGraph::link_provenance(std::uint32_t& head, ProvId prov) {
    for (std::uint32_t l = head; l != 0; l = m_prov_links[l - 1].next) {
        if (m_prov_links[l - 1].prov == prov) {
            return;
        }
    }
    m_prov_links.push_back(ProvLink{prov, head});
    head = static_cast<std::uint32_t>(m_prov_links.size());
}

std::vector<ProvId> KnowledgeGraph::collect(std::uint32_t head) const {
    std::vector<ProvId> out;
    for (std::uint32_t l = head; l != 0; l = m_prov_links[l - 1].next) {
        out.push_back(m_prov_links[l - 1].prov);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

NodeId KnowledgeGraph::add_node(NodeKind kind, std::string_view label, ProvId prov,
                                bool placeholder) {
    NodeData data;
    data.label = m_strings.intern(label);
    data.kind = kind;
    data.placeholder = placeholder;
    const auto node = static_cast<NodeId>(boost::add_vertex(data, m_graph));
    link_provenance(m_graph[node].prov_head, prov);
    m_names.add_name(label, node);
    return node;
}

void KnowledgeGraph::add_node_provenance(NodeId node, ProvId prov) {
    link_provenance(m_graph[node].prov_head, prov);
}

void KnowledgeGraph::declare(NodeId node, NodeKind kind) {
    m_graph[node].kind = kind;
    m_graph[node].placeholder = false;
}

void KnowledgeGraph::add_alias(NodeId node, std::string_view alias, ProvId prov) {
    m_names.add_name(alias, node);
    add_attribute(node, AttrKey::alias, alias, prov);
}

std::optional<NodeId> KnowledgeGraph::add_attribute(NodeId node, AttrKey key,
                                                    std::string_view value, ProvId prov) {
    const StrId vid = m_strings.intern(value);
    std::uint32_t& head = m_graph[node].attr_head;
    bool present = false;
    for (std::uint32_t a = head; a != 0; a = m_attrs[a - 1].next) {
        const AttrValue& v = m_attrs[a - 1];
        if (v.key == key && v.value == vid && v.prov == prov) {
            present = true;
            break;
        }
    }
    if (!present) {
        m_attrs.push_back(AttrValue{key, vid, prov, head});
        head = static_cast<std::uint32_t>(m_attrs.size());
    }
    if (auto strong = strong_key_for(key, value)) {
        std::optional<NodeId> other;
        for (NodeId owner : m_names.find_key(*strong)) {
            const NodeKind a = m_graph[owner].kind;
            const NodeKind b = m_graph[node].kind;
            if (owner != node && (a == b || (is_model_like(a) && is_model_like(b)))) {
                other = owner;
                break;
            }
        }
        m_names.add_key(*strong, node);
        return other;
    }
    return std::nullopt;
}

EdgeRef KnowledgeGraph::add_edge(NodeId from, EdgeKind kind, NodeId to, ProvId prov) {
    for (auto [it, end] = boost::out_edges(from, m_graph); it != end; ++it) {
        if (boost::target(*it, m_graph) == to && m_graph[*it].kind == kind) {
            link_provenance(m_graph[*it].prov_head, prov);
            return *it;
        }
    }
    EdgeData data;
    data.kind = kind;
    const auto [e, inserted] = boost::add_edge(from, to, data, m_graph);
    assert(inserted);
    link_provenance(m_graph[e].prov_head, prov);
    return e;
}

std::vector<ProvId> KnowledgeGraph::node_provenance(NodeId node) const {
    return collect(m_graph[node].prov_head);
}

std::vector<ProvId> KnowledgeGraph::edge_provenance(EdgeRef e) const {
    return collect(m_graph[e].prov_head);
}

std::vector<AttrView> KnowledgeGraph::attributes(NodeId node) const {
    std::vector<AttrView> out;
    for (std::uint32_t a = m_graph[node].attr_head; a != 0; a = m_attrs[a - 1].next) {
        const AttrValue& v = m_attrs[a - 1];
        out.push_back(AttrView{v.key, m_strings.view(v.value), v.prov});
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::optional<std::string_view> KnowledgeGraph::attribute(NodeId node, AttrKey key) const {
    std::optional<std::string_view> oldest;
    for (std::uint32_t a = m_graph[node].attr_head; a != 0; a = m_attrs[a - 1].next) {
        if (m_attrs[a - 1].key == key) {
            oldest = m_strings.view(m_attrs[a - 1].value);
        }
    }
    return oldest;
}

std::string KnowledgeGraph::brief(ProvId id) const {
    return brief_of(m_provenance[id], [this](StrId s) { return str(s); });
}

std::size_t KnowledgeGraph::memory_bytes() const {
    // adjacency_list keeps per vertex two edge vectors and the bundle, per edge a list node and
    // two stored-edge entries; this is an estimate, for reports only.
    const std::size_t per_vertex = sizeof(NodeData) + 2 * 3 * sizeof(void*);
    const std::size_t per_edge = sizeof(EdgeData) + 4 * sizeof(void*) + 2 * 2 * sizeof(void*);
    return node_count() * per_vertex + edge_count() * per_edge + m_strings.memory_bytes() +
           m_names.memory_bytes() + m_provenance.capacity() * sizeof(Provenance) +
           m_prov_links.capacity() * sizeof(ProvLink) + m_attrs.capacity() * sizeof(AttrValue);
}

} // namespace medkg::graph
