#include "ingest/builder.hpp"
#include "ingest/json_entries.hpp"
#include "ingest/source.hpp"
#include "tests/support/paths.hpp"

#include <catch2/catch.hpp>

using namespace medkg;

namespace {

ingest::FactBatch entries(const std::string& name, const std::string& body) {
    return ingest::read_json_entries(
        "{\"medkg_entries\": 1, \"sources\": [{\"id\": \"S\", \"file\": \"" + name +
            ".md\"}], \"entries\": [" + body + "]}",
        name + ".json");
}

struct Built {
    graph::KnowledgeGraph graph;
    util::Diagnostics diagnostics;
    std::vector<ingest::BuildStats> stats;
};

Built build(std::vector<ingest::FactBatch> batches) {
    Built b;
    ingest::GraphBuilder builder(b.graph);
    b.stats = builder.apply(batches, b.diagnostics);
    return b;
}

graph::NodeId find(const graph::KnowledgeGraph& g, const std::string& name) {
    const auto look = g.lookup(name);
    REQUIRE(look.status == graph::NameIndex::Status::found);
    return look.node;
}

} // namespace

TEST_CASE("ingest::GraphBuilder merges one thing from two sources", "[ingest]") {
    auto b = build({
        entries("a", R"({"kind": "base_model", "name": "Llama 2", "source": "S:1"},
                       {"kind": "model", "name": "BenTsao", "aliases": ["Huatuo"], "source": "S:2",
                        "relations": [{"relation": "fine_tuned_from", "target": "LLaMA2"}]})"),
        entries("b", R"({"kind": "model", "name": "HuaTuo", "source": "S:9",
                        "relations": [{"relation": "fine_tuned_from", "target": "llama-2"}]},
                       {"kind": "model", "name": "HuatuoGPT", "source": "S:10"})"),
    });
    INFO([&] { std::ostringstream o; b.diagnostics.print(o); return o.str(); }());
    CHECK_FALSE(b.diagnostics.has_errors());
    const auto bentsao = find(b.graph, "BenTsao");
    CHECK(find(b.graph, "huatuo") == bentsao);
    CHECK(find(b.graph, "HuatuoGPT") != bentsao);
    CHECK(b.graph.node_provenance(bentsao).size() == 2);
    CHECK(b.graph.edge_count() == 1); // both sources state the same edge
    const auto e = *boost::out_edges(bentsao, b.graph.graph()).first;
    CHECK(b.graph.edge_provenance(e).size() == 2);
    CHECK(b.stats[1].nodes_merged == 1);
    CHECK(b.stats[1].edges_merged == 1);
}

TEST_CASE("ingest::GraphBuilder joins by strong key before name", "[ingest]") {
    auto b = build({
        entries("a", R"({"kind": "model", "name": "MEDITRON-70B", "source": "S",
                        "attributes": {"hf_id": "epfl-llm/meditron-70b"}})"),
        entries("b", R"({"kind": "model", "name": "epfl-llm/meditron-70b", "source": "S",
                        "attributes": {"hf_id": "epfl-llm/meditron-70b"}})"),
    });
    CHECK(b.graph.node_count() == 1);
    CHECK(find(b.graph, "epfl-llm/meditron-70b") == find(b.graph, "Meditron-70B"));
}

TEST_CASE("ingest::GraphBuilder makes size variants and placeholders", "[ingest]") {
    auto b = build({entries("a", R"({"kind": "base_model", "name": "LLaMA", "source": "S"},
        {"kind": "model", "name": "ChatDoctor", "source": "S",
         "relations": [{"relation": "fine_tuned_from", "target": "LLaMA-7B"},
                       {"relation": "evaluated_on", "target": "MedQA"},
                       {"relation": "fine_tuned_from", "target": "Lama"}]})")});
    const auto variant = find(b.graph, "LLaMA-7B");
    CHECK(b.graph.kind(variant) == graph::NodeKind::base_model);
    CHECK_FALSE(b.graph.is_placeholder(variant));
    const auto up = *boost::out_edges(variant, b.graph.graph()).first;
    CHECK(b.graph.edge_kind(up) == graph::EdgeKind::variant_of);
    CHECK(b.graph.target_of(up) == find(b.graph, "LLaMA"));
    CHECK(b.graph.attribute(variant, graph::AttrKey::parameters) ==
          std::optional<std::string_view>("7B"));

    const auto medqa = find(b.graph, "MedQA");
    CHECK(b.graph.is_placeholder(medqa));
    CHECK(b.graph.kind(medqa) == graph::NodeKind::dataset);
    CHECK(b.stats[0].placeholders == 2);
    std::ostringstream messages;
    b.diagnostics.print(messages);
    CHECK(messages.str().find("a.json:5:") != std::string::npos);
    CHECK(messages.str().find("\"Lama\" names nothing declared") != std::string::npos);
    CHECK(messages.str().find("did you mean \"LLaMA\"") != std::string::npos);
}

TEST_CASE("ingest::GraphBuilder lets a later source declare a placeholder", "[ingest]") {
    auto b = build({
        entries("a", R"({"kind": "model", "name": "X", "source": "S",
                        "relations": [{"relation": "evaluated_on", "target": "MedQA"}]})"),
        entries("b", R"({"kind": "dataset", "name": "MedQA", "source": "S"})"),
    });
    CHECK_FALSE(b.graph.is_placeholder(find(b.graph, "MedQA")));
    CHECK(b.stats[0].placeholders == 0);
}

TEST_CASE("ingest::GraphBuilder rejects self-loops and ambiguous targets", "[ingest]") {
    auto b = build({entries("a", R"({"kind": "model", "name": "Loop", "source": "S",
            "relations": [{"relation": "fine_tuned_from", "target": "loop"}]},
        {"kind": "model", "name": "BiomedGPT", "source": "S"},
        {"kind": "model", "name": "BioMedGPT", "source": "S"},
        {"kind": "model", "name": "Y", "source": "S",
            "relations": [{"relation": "fine_tuned_from", "target": "biomedgpt"},
                          {"relation": "fine_tuned_from", "target": "BioMedGPT"}]})")});
    std::ostringstream messages;
    b.diagnostics.print(messages);
    CHECK(messages.str().find("\"Loop\" cannot be fine_tuned_from itself") != std::string::npos);
    CHECK(messages.str().find("\"biomedgpt\" is ambiguous") != std::string::npos);
    CHECK(b.stats[0].facts_rejected == 2);
    CHECK(b.graph.edge_count() == 1);
    CHECK(find(b.graph, "BiomedGPT") != find(b.graph, "BioMedGPT"));
}

TEST_CASE("ingest::load_sources reads files and refuses what it cannot read", "[ingest]") {
    SECTION("a missing file is an environment error") {
        CHECK_THROWS_WITH(ingest::load_sources({test::data_path("missing.json")}),
                          Catch::Contains("cannot read") && Catch::Contains("missing.json"));
    }
    SECTION("a directory is refused") {
        CHECK_THROWS_WITH(ingest::load_sources({test::data_path("")}),
                          Catch::Contains("is a directory"));
    }
    SECTION("default plus a file combine") {
        const auto loaded = ingest::load_sources({"default", test::data_path("small.json")});
        CHECK(loaded.sources.size() == 2);
        CHECK(loaded.stats[1].nodes_merged > 0); // LLaMA, ChatDoctor ... are in both
    }
}

TEST_CASE("ingest::GraphBuilder keeps case-only near-collisions of one source apart", "[ingest]") {
    auto b = build({
        entries("a", R"({"kind": "model", "name": "BioMedGPT", "source": "S",
                        "attributes": {"arxiv": "2308.09442"}},
                       {"kind": "model", "name": "BiomedGPT", "source": "S",
                        "attributes": {"arxiv": "2305.17100"}},
                       {"kind": "base_model", "name": "LLaMA", "source": "S"})"),
        // Another source writes names its own way: case folds, strong keys decide.
        entries("b", R"({"kind": "model", "name": "BIOMEDGPT", "source": "S",
                        "attributes": {"arxiv": "2305.17100"}},
                       {"kind": "base_model", "name": "llama", "source": "S"})"),
    });
    CHECK(b.graph.node_count() == 3);
    const auto upper = find(b.graph, "BioMedGPT");
    const auto lower = find(b.graph, "BiomedGPT");
    CHECK(upper != lower);
    CHECK(find(b.graph, "arxiv:2305.17100") == lower);
    CHECK(b.graph.node_provenance(lower).size() == 2);
    CHECK(b.stats[1].nodes_merged == 2);
}

TEST_CASE("ingest::GraphBuilder does not merge names whose strong keys contradict", "[ingest]") {
    auto b = build({
        entries("a", R"({"kind": "paper", "name": "Same Title", "source": "S",
                        "attributes": {"arxiv": "1111.11111"}})"),
        entries("b", R"({"kind": "paper", "name": "Same title", "source": "S",
                        "attributes": {"arxiv": "2222.22222"}})"),
    });
    CHECK(b.graph.node_count() == 2);
}
