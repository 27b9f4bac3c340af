#include "graph/names.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

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
    SECTION("a spelling given byte for byte decides between names that fold alike") {
        index.add_name("org/data-set", 6); // two Hub ids, kept apart by their keys
        index.add_name("org/dataset", 7);
        CHECK(index.lookup("org/dataset").node == 7);
        CHECK(index.lookup("org/data-set").node == 6);
        const auto amb = index.lookup("org/data set");
        CHECK(amb.status == NameIndex::Status::ambiguous);
        CHECK(amb.candidates == std::vector<NodeId>{6, 7});
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

TEST_CASE("util::edit_distance: the banded distance agrees with the full table", "[graph]") {
    // Every pair of strings over a small alphabet, so that near and far pairs both occur.
    const auto full = [](std::string_view a, std::string_view b) {
        std::vector<std::vector<std::size_t>> t(a.size() + 1,
                                                std::vector<std::size_t>(b.size() + 1));
        for (std::size_t i = 0; i <= a.size(); ++i) {
            for (std::size_t j = 0; j <= b.size(); ++j) {
                t[i][j] = i == 0   ? j
                          : j == 0 ? i
                                   : std::min({t[i - 1][j] + 1, t[i][j - 1] + 1,
                                               t[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            }
        }
        return t[a.size()][b.size()];
    };
    std::uint32_t state = 12345;
    const auto word = [&] {
        state = state * 1664525U + 1013904223U;
        std::string w(state >> 28, 'a');
        for (auto& c : w) {
            state = state * 1664525U + 1013904223U;
            c = static_cast<char>('a' + (state >> 30));
        }
        return w;
    };
    std::vector<std::size_t> scratch;
    for (int n = 0; n < 3000; ++n) {
        const std::string a = word();
        const std::string b = word();
        const std::size_t want = full(a, b);
        for (std::size_t limit = 0; limit <= 6; ++limit) {
            INFO(a << " / " << b << ", limit " << limit);
            const std::size_t expected = std::min(want, limit + 1);
            CHECK(medkg::util::edit_distance(a, b, limit, scratch) == expected);
            CHECK(medkg::util::edit_distance(a, b, limit) == expected);
        }
    }
}

TEST_CASE("graph::fold_name_into folds like fold_name, reusing its string", "[graph]") {
    std::string out = "left over from before";
    for (const std::string name :
         {"LLaMA 2", "Llama-2", "Med_PaLM.2", "BioMedGPT\xC2\xA0" "7B", "Dr\xE2\x80\x91Knows",
          "\xE4\xB8\xAD\xE6\x96\x87", "", "---", "\xC2", "A\xE2\x80"}) {
        fold_name_into(name, out);
        CHECK(out == fold_name(name));
    }
    CHECK(fold_name("LLaMA\xE3\x80\x80" "2") == "llama2");
}

namespace {

// Folding as graph/names.hpp states it, one rule at a time (the Unicode forms spelled out): white space, '-', '_', '.' and
// '\'' go, as do U+00A0, U+2010..U+2015 and U+3000; ASCII letters are lower-cased (for a
// case key they are not); every other byte stays.
std::string fold_by_rules(std::string_view s, bool lower) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto at = [&](std::size_t k) {
            return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0U;
        };
        if (at(0) == 0xC2 && at(1) == 0xA0) {
            i += 2;
        } else if ((at(0) == 0xE2 && at(1) == 0x80 && at(2) >= 0x90 && at(2) <= 0x95) ||
                   (at(0) == 0xE3 && at(1) == 0x80 && at(2) == 0x80)) {
            i += 3;
        } else if (std::string_view(" \t\n\r-_.'").find(s[i]) != std::string_view::npos) {
            ++i;
        } else {
            out += lower && s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
            ++i;
        }
    }
    return out;
}

} // namespace

TEST_CASE("graph::fold_name follows its rules for any bytes, ASCII or not", "[graph]") {
    // Every byte that matters to a rule, their neighbours, and bytes that do not matter; names
    // of every length from 0 to 40 and a few longer than fold's stack buffer (256 bytes).
    const std::string alphabet = std::string("AZaz09/ \t\n\r-_.'@[`{") + "\xC2\xA0\xA1\xE2\x80\x8F\x90\x95\x96\xE3\x81\xFF" +
                                 std::string(1, '\0');
    std::uint64_t x = 0x9E3779B97F4A7C15ULL;
    const auto next = [&] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    for (std::size_t round = 0; round < 20000; ++round) {
        const std::size_t size = round < 19900 ? round % 41 : 250 + next() % 20;
        std::string name;
        for (std::size_t i = 0; i < size; ++i) {
            name += alphabet[next() % alphabet.size()];
        }
        INFO("round " << round << ", " << size << " bytes");
        const std::string folded = fold_by_rules(name, true);
        REQUIRE(fold_name(name) == folded);
        REQUIRE(case_key(name) == fold_by_rules(name, false));
        REQUIRE(folded_name_hash(name) == name_hash(folded));
    }
}
