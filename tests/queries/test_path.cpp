#include "queries/path.hpp"
#include "tests/support/tiny_graph.hpp"

#include <catch2/catch.hpp>

using namespace medkg;
using graph::EdgeKind;

TEST_CASE("query::find_paths", "[queries]") {
    test::TinyGraph t;
    t.base("LLaMA");
    t.base("LLaMA-7B");
    t.node("ChatDoctor");
    t.node("PMC-LLaMA");
    t.node("MedQA", graph::NodeKind::dataset);
    t.node("Lonely");
    t.edge("LLaMA-7B", EdgeKind::variant_of, "LLaMA");
    t.edge("ChatDoctor", EdgeKind::fine_tuned_from, "LLaMA-7B");
    t.edge("PMC-LLaMA", EdgeKind::fine_tuned_from, "LLaMA");
    t.edge("ChatDoctor", EdgeKind::evaluated_on, "MedQA");
    t.edge("PMC-LLaMA", EdgeKind::evaluated_on, "MedQA");
    const query::PathOptions defaults;

    SECTION("forward: the child reaches its root along the edges") {
        const auto r = query::find_paths(t.frozen(), t.id("ChatDoctor"), t.id("LLaMA"), defaults);
        CHECK(r.mode == query::PathMode::forward);
        REQUIRE(r.paths.size() == 1);
        REQUIRE(r.paths[0].size() == 2);
        CHECK(r.paths[0][0].forward);
        CHECK(r.paths[0][1].to == t.id("LLaMA"));
    }
    SECTION("backward: from the root down to the child") {
        const auto r = query::find_paths(t.frozen(), t.id("LLaMA"), t.id("ChatDoctor"), defaults);
        CHECK(r.mode == query::PathMode::backward);
        REQUIRE(r.paths.size() == 1);
        CHECK(r.paths[0].size() == 2);
        CHECK_FALSE(r.paths[0][0].forward);
    }
    SECTION("undirected when only siblings connect") {
        const auto r = query::find_paths(t.frozen(), t.id("ChatDoctor"), t.id("PMC-LLaMA"), defaults);
        CHECK(r.mode == query::PathMode::undirected);
        REQUIRE(r.paths.size() == 1);
        CHECK(r.paths[0].size() == 2); // via MedQA, shorter than via LLaMA
    }
    SECTION("--via restricts the relations") {
        query::PathOptions o;
        o.kinds.reset();
        o.kinds.set(static_cast<std::size_t>(EdgeKind::fine_tuned_from));
        o.kinds.set(static_cast<std::size_t>(EdgeKind::variant_of));
        const auto r = query::find_paths(t.frozen(), t.id("ChatDoctor"), t.id("PMC-LLaMA"), o);
        REQUIRE(r.paths.size() == 1);
        CHECK(r.paths[0].size() == 3);
    }
    SECTION("--all lists every simple path, shortest first") {
        query::PathOptions o;
        o.all = true;
        o.max_length = 4;
        const auto r = query::find_paths(t.frozen(), t.id("ChatDoctor"), t.id("PMC-LLaMA"), o);
        REQUIRE(r.paths.size() == 2);
        CHECK(r.paths[0].size() == 2);
        CHECK(r.paths[1].size() == 3);
        o.max_length = 2;
        CHECK(query::find_paths(t.frozen(), t.id("ChatDoctor"), t.id("PMC-LLaMA"), o).paths.size() == 1);
    }
    SECTION("no connection") {
        CHECK(query::find_paths(t.frozen(), t.id("Lonely"), t.id("LLaMA"), defaults).paths.empty());
    }
}
