#include "queries/checks.hpp"
#include "queries/stats.hpp"
#include "tests/support/tiny_graph.hpp"

#include <catch2/catch.hpp>

using namespace medkg;
using graph::EdgeKind;

TEST_CASE("query::find_base_conflicts", "[queries]") {
    test::TinyGraph t;
    for (const char* b : {"BLOOMZ", "Baichuan", "Ziya-LLaMA", "LLaVA", "CLIP", "LLaMA", "LLaMA-7B"}) {
        t.base(b);
    }
    t.edge("LLaMA-7B", EdgeKind::variant_of, "LLaMA");
    t.node("HuatuoGPT");
    t.edge("HuatuoGPT", EdgeKind::fine_tuned_from, "BLOOMZ", "lists/a.md:128");
    t.edge("HuatuoGPT", EdgeKind::fine_tuned_from, "Baichuan", "lists/b.md:12");
    t.node("LLaVA-Med");
    t.edge("LLaVA-Med", EdgeKind::fine_tuned_from, "LLaVA", "review.pdf");
    t.edge("LLaVA-Med", EdgeKind::fine_tuned_from, "CLIP", "review.pdf");
    t.node("ChatDoctor");
    t.edge("ChatDoctor", EdgeKind::fine_tuned_from, "LLaMA", "lists/a.md:1");
    t.edge("ChatDoctor", EdgeKind::fine_tuned_from, "LLaMA-7B", "lists/b.md:2");

    const auto conflicts = query::find_base_conflicts(t.frozen());
    // Two sources, two unrelated bases: a conflict. One source naming two bases: a multi-part
    // model. A base and its own size variant: consistent.
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].model == t.id("HuatuoGPT"));
    CHECK(query::compute_stats(t.frozen()).base_conflicts == 1);
}

TEST_CASE("query::compute_stats counts a value stated twice as one fact", "[queries]") {
    test::TinyGraph t;
    const auto model = t.node("ChatDoctor"); // declared by TinyGraph's provenance, citing "tests"
    const auto uncited = t.g().add_provenance({"a.md", 3, 1, "", "", "", {}, 1.0F});
    const auto cited = t.g().add_provenance({"b.md", 7, 1, "", "lists/b.md:7", "", {}, 1.0F});
    t.g().add_attribute(model, graph::AttrKey::year, "2023", uncited);
    t.g().add_attribute(model, graph::AttrKey::year, "2023", cited); // the same value, cited
    t.g().add_attribute(model, graph::AttrKey::year, "2024", uncited); // a conflicting value
    t.g().add_attribute(model, graph::AttrKey::license, "apache-2.0", uncited);
    const auto s = query::compute_stats(t.frozen());
    CHECK(s.attribute_values == 3);
    CHECK(s.facts == 1 + 0 + 3);
    CHECK(s.facts_citing == 2); // the node, and 2023 through its second provenance
}

TEST_CASE("query::run_checks finds cycles, dangling names and near-duplicates", "[queries]") {
    test::TinyGraph t;
    t.node("A");
    t.node("B");
    t.edge("A", EdgeKind::fine_tuned_from, "B");
    t.edge("B", EdgeKind::fine_tuned_from, "A");
    t.node("MedAlpaca");
    t.node("MedAlpacca");
    t.node("Med42");
    t.node("Med43");
    const auto ghost = t.g().add_node(graph::NodeKind::dataset, "Ghost", t.prov(), true);
    t.g().add_attribute(t.id("MedAlpaca"), graph::AttrKey::year, "2023", t.prov());
    const auto p2 = t.g().add_provenance({"other", 1, 1, "", "elsewhere", "", {}, 1.0F});
    t.g().add_attribute(t.id("MedAlpaca"), graph::AttrKey::year, "2022", p2);

    const auto r = query::run_checks(t.frozen());
    REQUIRE(r.cycles.size() == 1);
    CHECK(r.cycles[0].nodes.size() == 2);
    CHECK(r.dangling == std::vector<graph::NodeId>{ghost});
    REQUIRE(r.duplicates.size() == 1); // Med42/Med43 differ in a digit: versions, not typos
    CHECK(r.attribute_conflicts.size() == 1);
}
