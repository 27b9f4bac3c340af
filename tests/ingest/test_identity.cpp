// Model identity across readers: the name grammar keeps generations, sizes, variants and formats
// apart and links them; a list's or card's name joins the Hub id that names the same model.
#include "graph/model_name.hpp"
#include "ingest/builder.hpp"
#include "ingest/hub.hpp"
#include "ingest/json_entries.hpp"
#include "ingest/markdown/reader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

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
};

Built build(std::vector<ingest::FactBatch> batches) {
    Built b;
    ingest::GraphBuilder builder(b.graph);
    builder.apply(batches, b.diagnostics);
    return b;
}

std::string messages(const Built& b) {
    std::ostringstream out;
    b.diagnostics.print(out);
    return out.str();
}

graph::NodeId find(const graph::KnowledgeGraph& g, const std::string& name) {
    const auto look = g.lookup(name);
    INFO("name: " << name);
    REQUIRE(look.status == graph::NameIndex::Status::found);
    return look.node;
}

bool exists(const graph::KnowledgeGraph& g, const std::string& name) {
    return g.lookup(name).status != graph::NameIndex::Status::missing;
}

/// The derivation edges out of `name`, as "relation label", sorted.
std::vector<std::string> parents(const graph::KnowledgeGraph& g, const std::string& name) {
    std::vector<std::string> out;
    for (const auto e : boost::make_iterator_range(boost::out_edges(find(g, name), g.graph()))) {
        if (graph::is_derivation(g.edge_kind(e))) {
            out.push_back(std::string(graph::to_string(g.edge_kind(e))) + " " +
                          std::string(g.label(g.target_of(e))));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

using Parents = std::vector<std::string>;

} // namespace

TEST_CASE("identity: a generation, a size, a variant and a format are other models",
          "[ingest][identity]") {
    auto b = build({entries("a", R"(
        {"kind": "base_model", "name": "Qwen", "source": "S:1"},
        {"kind": "model", "name": "A", "source": "S:2",
         "relations": [{"relation": "fine_tuned_from", "target": "Qwen2.5-7B"}]},
        {"kind": "model", "name": "B", "source": "S:3",
         "relations": [{"relation": "fine_tuned_from", "target": "Qwen2-7B"}]},
        {"kind": "model", "name": "C", "source": "S:4",
         "relations": [{"relation": "fine_tuned_from", "target": "Qwen1.5-Chat"}]},
        {"kind": "model", "name": "D", "source": "S:5",
         "relations": [{"relation": "fine_tuned_from", "target": "Gemma-2-9B"}]},
        {"kind": "model", "name": "E", "source": "S:6",
         "relations": [{"relation": "fine_tuned_from", "target": "Baichuan2-13B-Chat"}]},
        {"kind": "model", "name": "F", "source": "S:7",
         "relations": [{"relation": "fine_tuned_from", "target": "Mistral-Instruct"}]},
        {"kind": "model", "name": "G", "source": "S:8",
         "relations": [{"relation": "quantized_from", "target": "Qwen1.5-14B-Chat-AWQ"}]}
    )")});
    const auto& g = b.graph;
    SECTION("each base is the model named, not its family") {
        CHECK(parents(g, "A") == Parents{"fine_tuned_from Qwen2.5-7B"});
        CHECK(parents(g, "B") == Parents{"fine_tuned_from Qwen2-7B"});
        CHECK(parents(g, "C") == Parents{"fine_tuned_from Qwen1.5-Chat"});
        CHECK(parents(g, "D") == Parents{"fine_tuned_from Gemma-2-9B"});
        CHECK(parents(g, "E") == Parents{"fine_tuned_from Baichuan2-13B-Chat"});
        CHECK(parents(g, "F") == Parents{"fine_tuned_from Mistral-Instruct"});
    }
    SECTION("the name links each up its own family") {
        CHECK(parents(g, "Qwen2.5-7B") == Parents{"variant_of Qwen2.5"});
        CHECK(parents(g, "Qwen2-7B") == Parents{"variant_of Qwen2"});
        CHECK(parents(g, "Qwen1.5-Chat") == Parents{"fine_tuned_from Qwen1.5"});
        CHECK(parents(g, "Gemma-2-9B") == Parents{"variant_of Gemma-2"});
        CHECK(parents(g, "Baichuan2-13B-Chat") == Parents{"fine_tuned_from Baichuan2-13B"});
        CHECK(parents(g, "Baichuan2-13B") == Parents{"variant_of Baichuan2"});
        CHECK(parents(g, "Mistral-Instruct") == Parents{"fine_tuned_from Mistral"});
        CHECK(parents(g, "Qwen1.5-14B-Chat-AWQ") == Parents{"quantized_from Qwen1.5-14B-Chat"});
        CHECK(parents(g, "Qwen1.5-14B-Chat") == Parents{"fine_tuned_from Qwen1.5-14B"});
        CHECK(parents(g, "Qwen1.5-14B") == Parents{"variant_of Qwen1.5"});
    }
    SECTION("a later generation is never folded into the first") {
        for (const char* generation : {"Qwen2.5", "Qwen2", "Qwen1.5"}) {
            INFO(generation);
            CHECK(find(g, generation) != find(g, "Qwen"));
            CHECK(parents(g, generation).empty());
        }
        CHECK_FALSE(exists(g, "Gemma-9B"));
        CHECK(parents(g, "Qwen").empty());
    }
    SECTION("every link made from a name is a guess that says why") {
        const auto e = *boost::out_edges(find(g, "Qwen1.5-14B-Chat-AWQ"), g.graph()).first;
        const auto& p = g.provenance(g.edge_provenance(e).front());
        CHECK(p.method == graph::Method::name);
        CHECK(p.confidence < 1.0F);
        CHECK(g.str(p.evidence).find("\"AWQ\" in the name \"Qwen1.5-14B-Chat-AWQ\"") !=
              std::string::npos);
    }
}

TEST_CASE("identity: Qwen1.5-14B-Chat, Qwen1.5-14B and Qwen-14B-Chat are three models",
          "[ingest][identity]") {
    auto b = build({entries("a", R"(
        {"kind": "base_model", "name": "Qwen", "source": "S:1"},
        {"kind": "base_model", "name": "Qwen1.5", "source": "S:2"},
        {"kind": "model", "name": "Qwen1.5-14B-Chat", "source": "S:3"},
        {"kind": "model", "name": "Qwen1.5-14B", "source": "S:4"},
        {"kind": "model", "name": "Qwen-14B-Chat", "source": "S:5"}
    )")});
    const auto& g = b.graph;
    const auto a = find(g, "Qwen1.5-14B-Chat");
    const auto c = find(g, "Qwen1.5-14B");
    const auto d = find(g, "Qwen-14B-Chat");
    CHECK(a != c);
    CHECK(a != d);
    CHECK(c != d);
    CHECK(parents(g, "Qwen1.5-14B-Chat") == Parents{"fine_tuned_from Qwen1.5-14B"});
    CHECK(parents(g, "Qwen1.5-14B") == Parents{"variant_of Qwen1.5"});
    // The model between a declared one and a known family is made from the name.
    CHECK(parents(g, "Qwen-14B-Chat") == Parents{"fine_tuned_from Qwen-14B"});
    CHECK(parents(g, "Qwen-14B") == Parents{"variant_of Qwen"});
    CHECK(g.attribute(find(g, "Qwen-14B"), graph::AttrKey::parameters) ==
          std::optional<std::string_view>("14B"));
}

TEST_CASE("identity: spellings fold, parts do not", "[ingest][identity]") {
    auto b = build({entries("a", R"(
        {"kind": "base_model", "name": "Llama 2", "source": "S:1"},
        {"kind": "base_model", "name": "Qwen-7B", "source": "S:2"},
        {"kind": "model", "name": "X", "source": "S:3",
         "relations": [{"relation": "fine_tuned_from", "target": "LLaMA2"},
                       {"relation": "fine_tuned_from", "target": "Llama-2"},
                       {"relation": "fine_tuned_from", "target": "QWen-7B"},
                       {"relation": "fine_tuned_from", "target": "qwen 7b"}]}
    )")});
    const auto& g = b.graph;
    CHECK(parents(g, "X") == Parents{"fine_tuned_from Llama 2", "fine_tuned_from Qwen-7B"});
    CHECK(g.node_count() == 3);
    CHECK(messages(b).find("placeholder") == std::string::npos);
}

TEST_CASE("identity: a list's base in prose keeps its generation and variant",
          "[ingest][identity]") {
    const std::string list = "# Models\n\n"
                             "* **MedQwen**: a medical model fine-tuned from Qwen2.5-7B-Instruct.\n"
                             "* **GemmaDoc**: built on Gemma-2-9B for clinical notes.\n";
    auto b = build({ingest::read_markdown_list(list, "list.md")});
    const auto& g = b.graph;
    CHECK(parents(g, "MedQwen") == Parents{"fine_tuned_from Qwen2.5-7B-Instruct"});
    CHECK(parents(g, "Qwen2.5-7B-Instruct") == Parents{"fine_tuned_from Qwen2.5-7B"});
    CHECK(parents(g, "Qwen2.5-7B") == Parents{"variant_of Qwen2.5"});
    CHECK(parents(g, "GemmaDoc").size() == 1);
    CHECK(parents(g, "GemmaDoc").front().ends_with(" Gemma-2-9B"));
    CHECK_FALSE(exists(g, "Gemma-9B"));
    // The family above the named base is read from its name, a guess that says so.
    const auto family = find(g, "Qwen2.5");
    CHECK_FALSE(g.is_placeholder(family));
    CHECK(g.provenance(g.node_provenance(family).front()).method == graph::Method::name);
}

TEST_CASE("identity: a list's name joins the Hub id of the same model, and only that",
          "[ingest][identity]") {
    const auto hub = [](const std::string& id, const std::string& base) {
        std::string json = "{\"id\": \"" + id + "\"";
        if (!base.empty()) {
            json += ", \"tags\": [\"base_model:finetune:" + base + "\"]";
        }
        return ingest::read_hub_model(json + "}", "hf:" + id);
    };
    SECTION("list first, then the Hub") {
        auto b = build({entries("a", R"({"kind": "model", "name": "Meditron-7B", "source": "S:1"})"),
                        hub("epfl-llm/meditron-7b", "")});
        CHECK(find(b.graph, "Meditron-7B") == find(b.graph, "hf:epfl-llm/meditron-7b"));
    }
    SECTION("the Hub first, then the list, and a card naming it as base") {
        auto b = build({hub("epfl-llm/meditron-7b", ""), hub("someone/meditron-7b-chat", "epfl-llm/meditron-7b"),
                        entries("a", R"({"kind": "model", "name": "Meditron-7B", "source": "S:1"})")});
        const auto node = find(b.graph, "hf:epfl-llm/meditron-7b");
        CHECK(find(b.graph, "Meditron-7B") == node);
        CHECK(parents(b.graph, "someone/meditron-7b-chat") ==
              Parents{"fine_tuned_from epfl-llm/meditron-7b"});
        // The join is recorded with its reason.
        bool recorded = false;
        for (const auto p : b.graph.node_provenance(node)) {
            const auto evidence = b.graph.str(b.graph.provenance(p).evidence);
            recorded = recorded || evidence.starts_with(graph::k_hub_name_join);
        }
        CHECK(recorded);
    }
    SECTION("the -hf suffix names the same model") {
        auto b = build({hub("meta-llama/Llama-2-7b-hf", ""),
                        entries("a", R"({"kind": "model", "name": "X", "source": "S:1",
                                         "relations": [{"relation": "fine_tuned_from", "target": "Llama-2-7b"}]})")});
        CHECK(parents(b.graph, "X") == Parents{"fine_tuned_from meta-llama/Llama-2-7b-hf"});
    }
    SECTION("two Hub ids of one name: joined to neither, and said so") {
        auto b = build({hub("epfl-llm/meditron-7b", ""), hub("copycat/meditron-7b", ""),
                        entries("a", R"({"kind": "model", "name": "Meditron-7B", "source": "S:1"})")});
        CHECK(b.graph.node_count() >= 3);
        CHECK(find(b.graph, "Meditron-7B") != find(b.graph, "hf:epfl-llm/meditron-7b"));
        CHECK(messages(b).find("may be any of the Hub models") != std::string::npos);
    }
    SECTION("a generation or a size is not the same model") {
        auto b = build({hub("epfl-llm/meditron-7b", ""),
                        entries("a", R"({"kind": "model", "name": "Meditron-70B", "source": "S:1"},
                                        {"kind": "model", "name": "Meditron2-7B", "source": "S:2"})")});
        CHECK(find(b.graph, "Meditron-70B") != find(b.graph, "hf:epfl-llm/meditron-7b"));
        CHECK(find(b.graph, "Meditron2-7B") != find(b.graph, "hf:epfl-llm/meditron-7b"));
    }
}

TEST_CASE("identity: a model's own card and a card naming it as base join as one family",
          "[ingest][identity]") {
    const auto card = [](const std::string& name, const std::string& text) {
        return ingest::read_model_card(text, name, ingest::CardIdentity{{}, name});
    };
    const auto own = card("meditron.md", "---\nlicense: llama2\npipeline_tag: text-generation\n---\n"
                                         "# Model Card for Meditron-7B\n");
    const auto chat = card("chat.md", "---\nbase_model: epfl-llm/meditron-7b\n"
                                      "model-index:\n- name: meditron-7b-chat\n  results: []\n---\n");
    SECTION("the base's card first") {
        auto b = build({own, chat});
        CHECK(parents(b.graph, "meditron-7b-chat") == Parents{"fine_tuned_from Meditron-7B"});
        CHECK(find(b.graph, "hf:epfl-llm/meditron-7b") == find(b.graph, "Meditron-7B"));
        CHECK(b.graph.node_count() == 3); // the two models and the task
    }
    SECTION("the chat model's card first") {
        auto b = build({chat, own});
        CHECK(find(b.graph, "hf:epfl-llm/meditron-7b") == find(b.graph, "Meditron-7B"));
        CHECK(parents(b.graph, "meditron-7b-chat").size() == 1);
        CHECK_FALSE(b.graph.is_placeholder(find(b.graph, "Meditron-7B")));
    }
}
