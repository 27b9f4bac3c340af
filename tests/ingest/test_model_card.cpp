// Model cards read with a real YAML parser, in the shapes real cards take (tests/data/cards/),
// the three corpus cards, and the Hugging Face cache as a source.
#include "ingest/hub.hpp"
#include "ingest/hub/yaml.hpp"
#include "ingest/source.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace medkg;
using namespace medkg::ingest;
using graph::AttrKey;
using graph::EdgeKind;

namespace {

std::string messages(const FactBatch& b) {
    std::ostringstream out;
    b.diagnostics.print(out);
    return out.str();
}

FactBatch card(const std::string& file, const std::string& hub_id = {}) {
    const std::string path = test::data_path("cards/" + file);
    return read_model_card(util::read_file(path), file, CardIdentity{hub_id, "fallback"});
}

/// The derivation edges of a card's model as "kind target".
std::vector<std::string> bases(const FactBatch& b) {
    std::vector<std::string> out;
    for (const auto& e : b.edges) {
        if (e.subject == 0 && graph::is_derivation(e.kind)) {
            out.push_back(std::string(graph::to_string(e.kind)) + " " + e.target);
        }
    }
    return out;
}

std::vector<std::string> values(const FactBatch& b, AttrKey key) {
    std::vector<std::string> out;
    for (const auto& a : b.attributes) {
        if (a.subject == 0 && a.key == key) {
            out.push_back(a.value);
        }
    }
    return out;
}

void write(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

} // namespace

TEST_CASE("ingest::parse_yaml reads front matter with lines and reports errors", "[ingest][card]") {
    SECTION("values keep their lines") {
        const auto r = parse_yaml("base_model: a/b # comment\ntags:\n- x\n- \"quoted: yes\"\n", 2);
        REQUIRE(r.root);
        CHECK(r.root->find("base_model")->scalar == "a/b");
        CHECK(r.root->find("base_model")->line == 2);
        CHECK(r.root->find("tags")->items.at(1).scalar == "quoted: yes");
        CHECK(r.root->find("tags")->items.at(1).line == 5);
    }
    SECTION("bad YAML is an error with its line") {
        auto [text, line] = GENERATE(table<std::string, std::size_t>({
            {"a: 1\n\tb: 2\n", 3},          // a tab is no indentation
            {"a: [1, 2\nb: 3\n", 3},        // an unclosed flow sequence
            {"a: 1\n- b\n", 3},               // a sequence item inside a mapping
        }));
        const auto r = parse_yaml(text, 2);
        INFO(text);
        CHECK_FALSE(r.root);
        CHECK_FALSE(r.error.empty());
        CHECK(r.error_line >= 2);
        CHECK(r.error_line <= line);
    }
    SECTION("nesting deeper than any card is refused at once, not parsed") {
        std::string deep = "a: ";
        deep.append(100000, '[');
        const auto flow = parse_yaml(deep, 1);
        CHECK_FALSE(flow.root);
        CHECK(flow.error.find("nested more than") != std::string::npos);
        std::string indented = "a:\n";
        for (int i = 1; i < 20000; ++i) {
            indented += std::string(static_cast<std::size_t>(i), ' ') + "b:\n";
        }
        const auto block = parse_yaml(indented, 1);
        CHECK_FALSE(block.root);
        CHECK(block.error_line == 65); // the 65th level
    }
}

TEST_CASE("ingest::front_matter finds the card's YAML as GitHub and the Hub do", "[ingest][card]") {
    CHECK_FALSE(front_matter("# title\n"));
    CHECK_FALSE(front_matter("---\nno end\n"));
    auto [text, yaml] = GENERATE(table<std::string, std::string>({
        {"---\na: 1\n---\n# body\n", "a: 1\n"},
        {"--- \na: 1\n---  \n", "a: 1\n"},                 // trailing blanks on the fences
        {"\xEF\xBB\xBF---\na: 1\n---\n", "a: 1\n"},        // a byte-order mark
        {"---\r\na: 1\r\n---\r\n", "a: 1\r\n"},            // CRLF
        {"---\na: 1\n...\nbody\n", "a: 1\n"},              // YAML's own document end
    }));
    const auto fm = front_matter(text);
    REQUIRE(fm);
    CHECK(fm->yaml == yaml);
}

TEST_CASE("ingest::read_model_card reads cards in every shape real ones take", "[ingest][card]") {
    SECTION("TheBloke's multi-line quoted prompt template; quantized_by makes a quantization") {
        const auto b = card("thebloke-gguf.md", "TheBloke/Llama-2-7B-Chat-GGUF");
        INFO(messages(b));
        CHECK_FALSE(b.diagnostics.has_errors());
        CHECK(b.nodes.front().name == "TheBloke/Llama-2-7B-Chat-GGUF");
        CHECK(bases(b) == std::vector<std::string>{"quantized_from hf:meta-llama/Llama-2-7b-chat-hf"});
        CHECK(values(b, AttrKey::hf_id) == std::vector<std::string>{"TheBloke/Llama-2-7B-Chat-GGUF"});
    }
    SECTION("anchors and aliases; several bases are a merge; licence name, language, library, tags") {
        const auto b = card("anchors.md");
        INFO(messages(b));
        CHECK_FALSE(b.diagnostics.has_errors());
        CHECK(b.nodes.front().name == "BioMistral-7B-merged");
        CHECK(bases(b) == std::vector<std::string>{"merged_from hf:mistralai/Mistral-7B-v0.1",
                                                   "merged_from hf:BioMistral/BioMistral-7B"});
        CHECK(values(b, AttrKey::license) ==
              std::vector<std::string>{"apache-2.0", "medkg-test-license"});
        CHECK(values(b, AttrKey::tags) == std::vector<std::string>{"merge, mergekit, apache-2.0"});
        CHECK(values(b, AttrKey::library) == std::vector<std::string>{"transformers"});
        CHECK(values(b, AttrKey::languages) == std::vector<std::string>{"en, fr"});
        // A loose card names its model itself and says how; it has no Hub id.
        CHECK(values(b, AttrKey::hf_id).empty());
        CHECK(messages(b).find("named \"BioMistral-7B-merged\" by its first heading") !=
              std::string::npos);
    }
    SECTION("tabs as separators; library_name peft makes an adapter") {
        const auto b = card("tabs-peft.md");
        INFO(messages(b));
        CHECK_FALSE(b.diagnostics.has_errors());
        CHECK(bases(b) == std::vector<std::string>{"adapter_of hf:epfl-llm/meditron-7b"});
        CHECK(values(b, AttrKey::license) == std::vector<std::string>{"mit"});
        CHECK(b.nodes.front().name == "Meditron LoRA");
    }
    SECTION("flow mappings in model-index; a stated relation") {
        const auto b = card("flow-model-index.md");
        INFO(messages(b));
        CHECK_FALSE(b.diagnostics.has_errors());
        CHECK(b.nodes.front().name == "meditron-7b-chat");
        CHECK(bases(b) == std::vector<std::string>{"fine_tuned_from hf:epfl-llm/meditron-7b"});
        bool medqa = false;
        for (const auto& e : b.edges) {
            medqa = medqa || (e.kind == EdgeKind::evaluated_on && e.target == "MedQA" &&
                              e.origin.evidence.find("accuracy=0.41") != std::string::npos);
        }
        CHECK(medqa);
        for (const auto& e : b.edges) {
            if (graph::is_derivation(e.kind)) {
                CHECK(e.origin.confidence == 1.0F);
                CHECK(e.origin.line == 2);
            }
        }
    }
    SECTION("a byte-order mark, CRLF and a closing fence with a trailing space") {
        const auto b = card("bom-crlf.md");
        INFO(messages(b));
        CHECK_FALSE(b.diagnostics.has_errors());
        CHECK(b.nodes.front().name == "Meditron-7B-AWQ");
        CHECK(bases(b) == std::vector<std::string>{"quantized_from hf:epfl-llm/meditron-7b"});
    }
    SECTION("only tags and library_name is still a card") {
        const std::string text = util::read_file(test::data_path("cards/tags-only.md"));
        CHECK(looks_like_model_card(text));
        CHECK(detect_format("README.md", text) == Format::model_card);
        const auto b = card("tags-only.md");
        CHECK_FALSE(b.diagnostics.has_errors());
        CHECK(b.nodes.front().name == "MedGemma");
        CHECK(values(b, AttrKey::tags) == std::vector<std::string>{"medical, llama-3"});
    }
    SECTION("an unknown relation is a warning, and the template's heading names nothing") {
        const auto b = card("unknown-relation.md");
        const auto text = messages(b);
        INFO(text);
        CHECK(text.find("unknown-relation.md:3:1: warning: unknown base-model relation "
                        "\"distillation\"") != std::string::npos);
        CHECK(text.find("read as fine_tuned_from") != std::string::npos);
        CHECK(b.nodes.front().name == "fallback");
        REQUIRE(b.edges.size() >= 1);
        CHECK(bases(b) == std::vector<std::string>{"fine_tuned_from hf:epfl-llm/meditron-7b"});
    }
    SECTION("bad YAML is an error at its line and column") {
        const auto b = card("bad-yaml.md");
        CHECK(b.diagnostics.has_errors());
        CHECK(messages(b).find("bad-yaml.md:") != std::string::npos);
        CHECK(messages(b).find("error: front matter: ") != std::string::npos);
        CHECK(b.records_skipped == 1);
    }
}

TEST_CASE("ingest::read_model_card reads the corpus cards", "[ingest][card][corpus]") {
    SECTION("OpenBioLLM-70B") {
        const auto text = util::read_file(test::corpus_path("modelcards/OpenBioLLM-70B.card.md"));
        const auto b = read_model_card(text, "OpenBioLLM-70B.card.md", CardIdentity{});
        CHECK_FALSE(b.diagnostics.has_errors());
        CHECK(b.nodes.front().name == "OpenBioLLM-70B");
        CHECK(bases(b) ==
              std::vector<std::string>{"fine_tuned_from hf:meta-llama/Meta-Llama-3-70B-Instruct"});
        CHECK(values(b, AttrKey::license) == std::vector<std::string>{"llama3"});
        CHECK(values(b, AttrKey::languages) == std::vector<std::string>{"en"});
    }
    SECTION("meditron-7b-chat") {
        const auto text = util::read_file(test::corpus_path("modelcards/meditron-7b-chat.card.md"));
        const auto b = read_model_card(text, "meditron-7b-chat.card.md", CardIdentity{});
        CHECK_FALSE(b.diagnostics.has_errors());
        CHECK(b.nodes.front().name == "meditron-7b-chat");
        CHECK(bases(b) == std::vector<std::string>{"fine_tuned_from hf:epfl-llm/meditron-7b"});
        std::size_t evals = 0;
        for (const auto& e : b.edges) {
            evals += e.kind == EdgeKind::evaluated_on ? 1 : 0;
        }
        CHECK(evals >= 6);
    }
    SECTION("the meditron README has no front matter: a list, not a card") {
        const auto text = util::read_file(test::corpus_path("modelcards/meditron.README.md"));
        CHECK_FALSE(looks_like_model_card(text));
    }
}

TEST_CASE("ingest: a Hugging Face cache is read as one joined family", "[ingest][card]") {
    test::TempDir dir;
    const std::filesystem::path hub = std::filesystem::path(dir.path()) / "hub";
    const auto model = [&](const std::string& folder, const std::string& card_text) {
        const auto root = hub / folder;
        write(root / "refs" / "main", "abc123\n");
        write(root / "snapshots" / "abc123" / "README.md", card_text);
        // An older revision the cache also holds: not read.
        write(root / "snapshots" / "000old" / "README.md", "---\nbase_model: old/old\n---\n");
    };
    model("models--med-lab--MedBase-7B", "---\nlicense: apache-2.0\nlibrary_name: transformers\n---\n# MedBase\n");
    model("models--med-lab--MedBase-7B-Chat",
          "---\nbase_model: med-lab/MedBase-7B\nbase_model_relation: finetune\n---\n");
    model("models--quant-co--MedBase-7B-Chat-GGUF",
          "---\nbase_model: med-lab/MedBase-7B-Chat\nquantized_by: quant-co\ntags: [gguf]\n---\n");
    model("models--someone--medbase-lora",
          "---\nbase_model: med-lab/MedBase-7B\nlibrary_name: peft\n---\n");
    model("models--someone--medbase-merge",
          "---\nbase_model:\n- med-lab/MedBase-7B-Chat\n- other/Other-7B\ntags: [mergekit]\n---\n");
    write(hub / "models--nocard--x" / "snapshots" / "abc" / "config.json", "{}");
    write(hub / "datasets--someone--data" / "snapshots" / "abc" / "README.md", "---\nlicense: mit\n---\n");

    // A list names the base by its plain name: the grammar joins it to the Hub id.
    const std::string list = (std::filesystem::path(dir.path()) / "list.md").string();
    write(list, "# Models\n\n* **MedBase-7B**: a medical base model.\n");

    const auto loaded = load_sources({hub.string(), list});
    std::ostringstream diag;
    loaded.diagnostics.print(diag);
    INFO(diag.str());
    CHECK_FALSE(loaded.diagnostics.has_errors());
    CHECK(diag.str().find("no model card cached for nocard/x") != std::string::npos);
    const auto& g = loaded.graph;
    const auto find = [&](const std::string& name) {
        const auto look = g.lookup(name);
        INFO(name);
        REQUIRE(look.status == graph::NameIndex::Status::found);
        return look.node;
    };
    const auto base = find("hf:med-lab/MedBase-7B");
    CHECK(find("MedBase-7B") == base);
    const auto edge_to = [&](const std::string& from, graph::NodeId to) {
        for (const auto e : boost::make_iterator_range(boost::out_edges(find(from), g.graph()))) {
            if (g.target_of(e) == to) {
                return std::optional<EdgeKind>(g.edge_kind(e));
            }
        }
        return std::optional<EdgeKind>();
    };
    const auto chat = find("hf:med-lab/MedBase-7B-Chat");
    CHECK(edge_to("hf:med-lab/MedBase-7B-Chat", base) == EdgeKind::fine_tuned_from);
    CHECK(edge_to("hf:quant-co/MedBase-7B-Chat-GGUF", chat) == EdgeKind::quantized_from);
    CHECK(edge_to("hf:someone/medbase-lora", base) == EdgeKind::adapter_of);
    CHECK(edge_to("hf:someone/medbase-merge", chat) == EdgeKind::merged_from);
    CHECK(edge_to("hf:someone/medbase-merge", find("hf:other/Other-7B")) == EdgeKind::merged_from);
    // Only the current revision was read, and the dataset folder was not taken for a model.
    CHECK(g.lookup("hf:old/old").status == graph::NameIndex::Status::missing);
    CHECK(g.lookup("hf:someone/data").status == graph::NameIndex::Status::missing);
    // The cards' facts cite the card files they were read from.
    const auto p = g.provenance(g.node_provenance(chat).front());
    CHECK(g.str(p.cites).find("snapshots/abc123/README.md") != std::string::npos);
}
