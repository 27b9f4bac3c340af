#include "graph/knowledge_graph.hpp"

#include <catch2/catch.hpp>

using namespace medkg::graph;

TEST_CASE("graph::KnowledgeGraph keeps every provenance and never overwrites", "[graph]") {
    KnowledgeGraph g;
    const auto p1 = g.add_provenance({"a.json", 3, 5, "", "S1:192", "fine-tuned on LLaMA",
                                      Method::curated, 1.0F});
    const auto p2 = g.add_provenance({"b.json", 7, 1, "", "S2:85", "", Method::title, 0.7F});
    const auto doctor = g.add_node(NodeKind::model, "ChatDoctor", p1);
    const auto llama = g.add_node(NodeKind::base_model, "LLaMA", p1);
    const auto bloom = g.add_node(NodeKind::base_model, "BLOOM", p2);

    SECTION("the same edge from two sources is one edge with two provenances") {
        const auto e1 = g.add_edge(doctor, EdgeKind::fine_tuned_from, llama, p1);
        const auto e2 = g.add_edge(doctor, EdgeKind::fine_tuned_from, llama, p2);
        CHECK(e1 == e2);
        CHECK(g.edge_count() == 1);
        CHECK(g.edge_provenance(e1) == std::vector<ProvId>{p1, p2});
        g.add_edge(doctor, EdgeKind::fine_tuned_from, llama, p2);
        CHECK(g.edge_provenance(e1).size() == 2);
    }
    SECTION("conflicting bases stay side by side") {
        g.add_edge(doctor, EdgeKind::fine_tuned_from, llama, p1);
        g.add_edge(doctor, EdgeKind::fine_tuned_from, bloom, p2);
        CHECK(g.edge_count() == 2);
    }
    SECTION("conflicting attribute values stay side by side, oldest first") {
        g.add_attribute(doctor, AttrKey::year, "2023", p1);
        g.add_attribute(doctor, AttrKey::year, "2022", p2);
        g.add_attribute(doctor, AttrKey::year, "2023", p1);
        const auto attrs = g.attributes(doctor);
        REQUIRE(attrs.size() == 2);
        CHECK(attrs[0].value == "2023");
        CHECK(attrs[1].value == "2022");
        CHECK(g.attribute(doctor, AttrKey::year) == std::optional<std::string_view>("2023"));
    }
    SECTION("strong keys index the node and report a second owner") {
        CHECK_FALSE(g.add_attribute(llama, AttrKey::hf_id, "huggyllama/llama-7b", p1));
        CHECK(g.lookup("hf:huggyllama/llama-7b").node == llama);
        CHECK(g.add_attribute(bloom, AttrKey::hf_id, "huggyllama/llama-7b", p2) ==
              std::optional<NodeId>(llama));
    }
    SECTION("aliases are names and attributes") {
        g.add_alias(llama, "LLaMA-1", p2);
        CHECK(g.lookup("llama 1").node == llama);
        CHECK(g.attributes(llama).front().key == AttrKey::alias);
    }
    SECTION("provenance strings are interned and read back") {
        const auto& p = g.provenance(p1);
        CHECK(g.str(p.source) == "a.json");
        CHECK(p.line == 3);
        CHECK(g.str(p.cites) == "S1:192");
        CHECK(g.brief(p1) == "S1:192");
        CHECK(g.node_provenance(doctor) == std::vector<ProvId>{p1});
    }
    SECTION("node data stays small for the Hub-scale graph") {
        STATIC_REQUIRE(sizeof(NodeData) <= 16);
        STATIC_REQUIRE(sizeof(EdgeData) <= 8);
    }
}
