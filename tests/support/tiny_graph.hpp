#pragma once

#include "graph/frozen_graph.hpp"
#include "graph/knowledge_graph.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace medkg::test {

/// Builds small graphs by name for query and export tests, without any reader.
class TinyGraph {
public:
    TinyGraph() { m_prov = m_graph.add_provenance({"tiny", 1, 1, "", "tests", "", {}, 1.0F}); }

    graph::NodeId node(const std::string& name, graph::NodeKind kind = graph::NodeKind::model) {
        const auto look = m_graph.lookup(name);
        if (look.status == graph::NameIndex::Status::found) {
            return look.node;
        }
        return m_graph.add_node(kind, name, m_prov);
    }

    graph::NodeId base(const std::string& name) { return node(name, graph::NodeKind::base_model); }

    graph::EdgeRef edge(const std::string& from, graph::EdgeKind kind, const std::string& to,
                        const std::string& cites = "tests") {
        const auto p = m_graph.add_provenance({"tiny", 2, 1, "", cites, "", {}, 1.0F});
        return m_graph.add_edge(id(from), kind, id(to), p);
    }

    graph::NodeId id(const std::string& name) const {
        const auto look = m_graph.lookup(name);
        REQUIRE(look.status == graph::NameIndex::Status::found);
        return look.node;
    }

    graph::KnowledgeGraph& g() { return m_graph; }

    /// The graph as queries and exports read it (re-frozen on every call).
    graph::FrozenGraph frozen() const { return graph::freeze(m_graph); }
    graph::ProvId prov() const { return m_prov; }

private:
    graph::KnowledgeGraph m_graph;
    graph::ProvId m_prov = 0;
};

} // namespace medkg::test
