#include "graph/names.hpp"

#include <catch2/catch.hpp>

using namespace medkg::graph;

TEST_CASE("graph::fold_name", "[graph]") {
    auto [a, b] = GENERATE(table<std::string, std::string>({
        {"LLaMA2", "Llama 2"},
        {"Llama-2", "llama_2"},
        {"Dr. Knows", "drknows"},
        {"MedPaLM 2", "medpalm2"},
        {"GPT\xE2\x80\x91" "4", "gpt4"}, // non-breaking hyphen U+2011
        {"Ｘ", "Ｘ"},                     // non-ASCII kept as it is
    }));
    CHECK(fold_name(a) == fold_name(b));
}

TEST_CASE("graph::fold_name keeps near-collisions apart", "[graph]") {
    CHECK(fold_name("HuaTuo") != fold_name("HuatuoGPT"));
    CHECK(fold_name("CAMEL") != fold_name("Clinical Camel"));
    CHECK(case_key("BiomedGPT") != case_key("BioMedGPT"));
    CHECK(fold_name("BiomedGPT") == fold_name("BioMedGPT"));
}

TEST_CASE("graph::split_size_suffix", "[graph]") {
    auto [name, family, size] = GENERATE(table<std::string, std::string, std::string>({
        {"LLaMA-7B", "LLaMA", "7B"},
        {"Llama-2-70B", "Llama-2", "70B"},
        {"MEDITRON-70b", "MEDITRON", "70B"},
        {"Internist.ai 7b", "Internist.ai", "7B"},
        {"Mixtral-8x7B", "Mixtral", "8x7B"},
        {"GatorTron 345M", "GatorTron", "345M"},
        {"Qwen1.5-0.5B", "Qwen1.5", "0.5B"},
    }));
    const auto split = split_size_suffix(name);
    REQUIRE(split);
    CHECK(split->family == family);
    CHECK(split->size == size);
}

TEST_CASE("graph::split_size_suffix rejects names without a size", "[graph]") {
    auto name = GENERATE(as<std::string>{}, "GPT-3", "LLaMA", "Llama-2-7b-chat", "7B", "-7B",
                         "PaLM 2", "BLOOMZ");
    CHECK_FALSE(split_size_suffix(name));
}

TEST_CASE("graph::NameIndex::lookup", "[graph]") {
    NameIndex index;
    index.add_name("LLaMA", 0);
    index.add_name("Llama 2", 1);
    index.add_name("LLaMA2", 1);
    index.add_name("BiomedGPT", 2);
    index.add_name("BioMedGPT", 3);
    index.add_key("hf:epfl-llm/meditron-70b", 4);

    SECTION("folded names resolve whatever the spelling") {
        CHECK(index.lookup("llama").node == 0);
        CHECK(index.lookup("LLAMA-2").node == 1);
        CHECK(index.lookup("llama 2").status == NameIndex::Status::found);
    }
    SECTION("case decides between near-collisions") {
        CHECK(index.lookup("BiomedGPT").node == 2);
        CHECK(index.lookup("BioMedGPT").node == 3);
        const auto amb = index.lookup("biomedgpt");
        CHECK(amb.status == NameIndex::Status::ambiguous);
        CHECK(amb.candidates.size() == 2);
    }
    SECTION("strong keys are exact but case-insensitive") {
        CHECK(index.lookup("hf:EPFL-LLM/Meditron-70B").node == 4);
        CHECK(index.lookup("hf:epfl-llm/meditron70b").status == NameIndex::Status::missing);
        index.add_key("hf:epfl-llm/meditron-70b", 5);
        CHECK(index.find_key("hf:epfl-llm/meditron-70b") == std::vector<NodeId>{4, 5});
        CHECK(index.lookup("hf:epfl-llm/meditron-70b").status == NameIndex::Status::ambiguous);
    }
    SECTION("unknown names get suggestions") {
        CHECK(index.lookup("Lama").status == NameIndex::Status::missing);
        const auto s = index.suggest("Lama", 3);
        REQUIRE_FALSE(s.empty());
        CHECK(s.front() == "LLaMA");
    }
}
