#include "queries/format.hpp"
#include "queries/tree.hpp"
#include "tests/support/tiny_graph.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <random>
#include <sstream>

using namespace medkg;
using graph::EdgeKind;

namespace {
std::vector<std::string> labels(const graph::KnowledgeGraph& g, const query::TreeNode& t) {
    std::vector<std::string> out;
    for (const auto& c : t.children) {
        out.emplace_back(g.label(c.node));
    }
    return out;
}
} // namespace

TEST_CASE("query::lineage_tree", "[queries]") {
    test::TinyGraph t;
    t.base("LLaMA");
    t.base("LLaMA-7B");
    t.node("ChatDoctor");
    t.node("Paper", graph::NodeKind::paper);
    t.edge("ChatDoctor", EdgeKind::fine_tuned_from, "LLaMA-7B");
    t.edge("ChatDoctor", EdgeKind::fine_tuned_from, "LLaMA");
    t.edge("LLaMA-7B", EdgeKind::variant_of, "LLaMA");
    t.edge("ChatDoctor", EdgeKind::described_in, "Paper");

    const auto tree = query::lineage_tree(t.frozen(), t.id("ChatDoctor"));
    SECTION("follows derivations only, sorted, and expands a shared ancestor once") {
        CHECK(labels(t.g(), tree) == std::vector<std::string>{"LLaMA", "LLaMA-7B"});
        const auto& via_variant = tree.children[1];
        REQUIRE(via_variant.children.size() == 1);
        CHECK(t.g().label(via_variant.children[0].node) == "LLaMA");
        CHECK(query::lineage_roots(t.frozen(), t.id("ChatDoctor")) ==
              std::vector<graph::NodeId>{t.id("LLaMA")});
    }
    SECTION("text names every step's relation and source") {
        std::ostringstream out;
        query::write_tree(out, t.frozen(), tree, query::TreeDirection::ancestors,
                          query::OutputFormat::text, {t.id("LLaMA")});
        CHECK(out.str() == "ChatDoctor (model)\n"
                           "├── fine_tuned_from → LLaMA (base_model)  [tests]\n"
                           "└── fine_tuned_from → LLaMA-7B (base_model)  [tests]\n"
                           "    └── variant_of → LLaMA (base_model)  [tests]\n"
                           "roots: LLaMA\n");
    }
}

TEST_CASE("query::lineage_tree terminates on a derivation cycle", "[queries]") {
    test::TinyGraph t;
    t.node("A");
    t.node("B");
    t.node("C");
    t.edge("A", EdgeKind::fine_tuned_from, "B");
    t.edge("B", EdgeKind::fine_tuned_from, "C");
    t.edge("C", EdgeKind::fine_tuned_from, "A");
    const auto tree = query::lineage_tree(t.frozen(), t.id("A"));
    REQUIRE(tree.children.size() == 1);
    const auto& c = tree.children[0].children.at(0);
    CHECK(t.g().label(c.node) == "C");
    REQUIRE(c.children.size() == 1);
    CHECK(c.children[0].cycle);
    CHECK(c.children[0].children.empty());
    CHECK(query::lineage_roots(t.frozen(), t.id("A")).empty());
}

TEST_CASE("query::descendants_tree and descendant_counts", "[queries]") {
    test::TinyGraph t;
    t.base("Root");
    for (int i = 0; i < 5; ++i) {
        const auto child = "child" + std::to_string(i);
        t.node(child);
        t.edge(child, EdgeKind::fine_tuned_from, "Root");
        for (int j = 0; j < 3; ++j) {
            const auto grandchild = child + "-" + std::to_string(j);
            t.node(grandchild);
            t.edge(grandchild, EdgeKind::quantized_from, child);
        }
    }
    CHECK(query::descendant_counts(t.frozen(), t.id("Root"), 0) == std::vector<std::size_t>{5, 15});
    CHECK(query::descendant_counts(t.frozen(), t.id("Root"), 1) == std::vector<std::size_t>{5});
    const auto full = query::descendants_tree(t.frozen(), t.id("Root"), {});
    CHECK(query::tree_size(full) == 21);
    const auto shallow = query::descendants_tree(t.frozen(), t.id("Root"), {1, 0});
    CHECK(query::tree_size(shallow) == 6);
    CHECK(shallow.children[0].truncated);
    const auto limited = query::descendants_tree(t.frozen(), t.id("Root"), {0, 4});
    CHECK(query::tree_size(limited) <= 5);
}

TEST_CASE("query::descendant_counts and descendant_totals agree with a plain breadth-first walk", "[queries]") {
    // Random forests with merges across families, cycles and nodes outside derivation, whose
    // families interleave in node order; counted from every node and at two depth limits
    // against a walk over the in-edges by node id.
    const auto reference = [](const graph::FrozenGraph& g, graph::NodeId root, std::size_t max_depth) {
        std::vector<std::size_t> counts;
        std::vector<bool> seen(g.node_count(), false);
        seen[root] = true;
        std::vector<graph::NodeId> level{root};
        while (!level.empty() && (max_depth == 0 || counts.size() < max_depth)) {
            std::vector<graph::NodeId> next;
            for (const auto n : level) {
                for (const auto e : g.in_edges(n)) {
                    const auto s = g.source_of(e);
                    if (graph::is_derivation(g.edge_kind(e)) && !seen[s]) {
                        seen[s] = true;
                        next.push_back(s);
                    }
                }
            }
            if (next.empty()) {
                break;
            }
            counts.push_back(next.size());
            level.swap(next);
        }
        return counts;
    };
    for (const std::uint32_t nodes : {3U, 64U, 65U, 300U, 1000U}) {
        std::mt19937 random(nodes);
        graph::KnowledgeGraph g;
        const auto p = g.add_provenance({"random", 1, 1, "", "", "", {}, 1.0F});
        for (std::uint32_t i = 0; i < nodes; ++i) {
            g.add_node(i % 17 == 5 ? graph::NodeKind::dataset : graph::NodeKind::model,
                       "n" + std::to_string(i), p);
        }
        for (std::uint32_t i = 1; i < nodes; ++i) {
            if (i % 17 == 5 || random() % 10 == 0) {
                continue; // a dataset, or a root
            }
            const auto base = [&] { return static_cast<graph::NodeId>(random() % i); };
            g.add_edge(i, EdgeKind::fine_tuned_from, base(), p);
            if (random() % 8 == 0) {
                g.add_edge(i, EdgeKind::merged_from, base(), p); // a merge, often across families
            }
            if (random() % 30 == 0) {
                g.add_edge(base(), EdgeKind::adapter_of, i, p); // closes a cycle
            }
            if (random() % 9 == 0) {
                g.add_edge(i, EdgeKind::evaluated_on, base(), p); // not a derivation
            }
        }
        const auto f = graph::freeze(g);
        for (graph::NodeId root = 0; root < nodes; ++root) {
            for (const std::size_t depth : {std::size_t{0}, std::size_t{2}}) {
                INFO("nodes " << nodes << ", root " << root << ", depth " << depth);
                REQUIRE(query::descendant_counts(f, root, depth) == reference(f, root, depth));
            }
        }
        // Every node's total at once, in an order unlike node order (the marks of one walk
        // must not hide nodes from the next).
        std::vector<graph::NodeId> all(nodes);
        for (graph::NodeId n = 0; n < nodes; ++n) {
            all[n] = (n * 7919U) % nodes;
        }
        if (nodes % 7919U == 0) {
            std::iota(all.begin(), all.end(), graph::NodeId{0});
        }
        const auto totals = query::descendant_totals(f, all);
        REQUIRE(totals.size() == all.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            const auto counts = reference(f, all[i], 0);
            INFO("nodes " << nodes << ", node " << all[i]);
            REQUIRE(totals[i] == std::accumulate(counts.begin(), counts.end(), std::size_t{0}));
        }
    }
}
