#include "queries/path.hpp"
#include "tests/support/tiny_graph.hpp"

#include <catch2/catch.hpp>

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

namespace {
// Distance from `from` to `to` by a plain breadth-first search over the same view of the graph:
// the reference the two-ended search must agree with.
std::optional<std::size_t> reference_distance(const graph::FrozenGraph& g, graph::NodeId from,
                                              graph::NodeId to, query::PathMode mode) {
    std::vector<std::size_t> dist(g.node_count(), SIZE_MAX);
    std::vector<graph::NodeId> queue{from};
    dist[from] = 0;
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const auto n = queue[i];
        const auto reach = [&](graph::NodeId m) {
            if (dist[m] == SIZE_MAX) {
                dist[m] = dist[n] + 1;
                queue.push_back(m);
            }
        };
        if (mode != query::PathMode::backward) {
            for (const auto e : g.out_edges(n)) {
                reach(g.target_of(e));
            }
        }
        if (mode != query::PathMode::forward) {
            for (const auto e : g.in_edges(n)) {
                reach(g.source_of(e));
            }
        }
    }
    if (dist[to] == SIZE_MAX || from == to) {
        return std::nullopt;
    }
    return dist[to];
}
} // namespace

TEST_CASE("query::find_paths finds a shortest path from both ends, hubs or not", "[queries]") {
    // Random graphs with a hub that most nodes point to (like a task on the Hub), a few roots and
    // chains; every pair is checked against a plain breadth-first search, and every path must be
    // a chain of real edges followed the way the mode allows.
    const std::uint32_t seed = GENERATE(1U, 2U, 3U, 4U);
    std::uint32_t state = seed * 2654435761U;
    const auto next = [&] {
        state = state * 1664525U + 1013904223U;
        return state >> 8;
    };
    test::TinyGraph t;
    const auto hub = t.node("hub", graph::NodeKind::task);
    std::vector<graph::NodeId> models;
    for (int i = 0; i < 60; ++i) {
        models.push_back(t.node("m" + std::to_string(i)));
        if (next() % 4 != 0) {
            t.g().add_edge(models.back(), EdgeKind::addresses, hub, t.prov());
        }
        if (i > 3 && next() % 3 != 0) {
            const auto parent = models[next() % (models.size() - 1)];
            t.g().add_edge(models.back(), EdgeKind::fine_tuned_from, parent, t.prov());
        }
    }
    const auto g = t.frozen();
    std::size_t found = 0;
    for (const auto from : models) {
        for (const auto to : models) {
            const auto r = query::find_paths(g, from, to, {});
            std::optional<std::size_t> want;
            for (const auto mode : {query::PathMode::forward, query::PathMode::backward,
                                    query::PathMode::undirected}) {
                if ((want = reference_distance(g, from, to, mode))) {
                    CHECK(r.mode == mode);
                    break;
                }
            }
            INFO("seed " << seed << ": " << g.label(from) << " to " << g.label(to));
            if (!want) {
                CHECK(r.paths.empty());
                continue;
            }
            ++found;
            REQUIRE(r.paths.size() == 1);
            const auto& p = r.paths[0];
            CHECK(p.size() == *want);
            graph::NodeId at = from;
            for (const auto& h : p) {
                CHECK(h.from == at);
                const auto e_from = h.forward ? h.from : h.to;
                const auto e_to = h.forward ? h.to : h.from;
                CHECK(g.source_of(h.edge) == e_from);
                CHECK(g.target_of(h.edge) == e_to);
                if (r.mode == query::PathMode::forward) {
                    CHECK(h.forward);
                } else if (r.mode == query::PathMode::backward) {
                    CHECK_FALSE(h.forward);
                }
                at = h.to;
            }
            CHECK(at == to);
        }
    }
    CHECK(found > 1000); // the graphs are connected enough for the check to mean something
}
