// The model-name grammar against tests/graph/model_names.tsv: hundreds of real names (Hub ids,
// list spellings in English, Chinese and Japanese lists) with the parse and the parent chain
// written by hand from graph/model_name.hpp. MEDKG_UPDATE_GOLDEN=1 rewrites the table's expected
// columns from the grammar (review the diff as code: each changed row is a changed reading).
#include "graph/model_name.hpp"
#include "graph/names.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace medkg;

namespace {

const std::string k_table = std::string(MEDKG_TEST_DATA_DIR) + "/../graph/model_names.tsv";

std::string dash(std::string_view s) { return s.empty() ? "-" : std::string(s); }

/// The expected columns as the grammar gives them, tab-joined, after the name.
std::string reading(const std::string& name) {
    const auto m = graph::parse_model_name(name);
    std::string parents;
    for (const auto& p : graph::name_parents(name)) {
        parents += (parents.empty() ? "" : " ; ") + std::string(graph::to_string(p.relation)) + " " +
                   p.name;
    }
    return dash(m.org) + "\t" + dash(m.family) + "\t" + dash(m.generation) + "\t" +
           dash(m.qualifier) + "\t" + dash(m.size) + "\t" + dash(m.variant) + "\t" +
           dash(m.format) + "\t" + dash(m.revision) + "\t" + dash(parents);
}

} // namespace

TEST_CASE("graph::parse_model_name and name_parents read every name of the table",
          "[graph][names]") {
    const std::string text = util::read_file(k_table);
    std::istringstream in(text);
    std::string line;
    std::string rewritten;
    std::size_t rows = 0;
    std::size_t wrong = 0;
    std::string report;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') {
            rewritten += line + "\n";
            continue;
        }
        const auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        const std::string name = line.substr(0, tab);
        const std::string expected = line.substr(tab + 1);
        const std::string got = reading(name);
        ++rows;
        if (got != expected) {
            ++wrong;
            report += name + "\n    expected: " + expected + "\n    got:      " + got + "\n";
        }
        rewritten += name + "\t" + got + "\n";
    }
    CHECK(rows >= 250);
    if (std::getenv("MEDKG_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(k_table) << rewritten;
    } else {
        INFO(report);
        CHECK(wrong == 0);
    }
}

TEST_CASE("graph::name_parents: parts that name another model are never folded away",
          "[graph][names]") {
    // Three models that a fold of spellings keeps apart and the grammar links differently.
    CHECK(graph::fold_name("Qwen1.5-14B-Chat") != graph::fold_name("Qwen1.5-14B"));
    CHECK(graph::fold_name("Qwen1.5-14B-Chat") != graph::fold_name("Qwen-14B-Chat"));
    CHECK(graph::fold_name("Qwen2.5-7B") != graph::fold_name("Qwen2-7B"));
    // Spellings of one model fold alike.
    CHECK(graph::fold_name("LLaMA2") == graph::fold_name("Llama 2"));
    CHECK(graph::fold_name("Llama-2") == graph::fold_name("Llama 2"));
    CHECK(graph::fold_name("QWen-7B") == graph::fold_name("qwen 7b"));
    // A generation ends the chain: Qwen2.5 is not a variant of Qwen.
    const auto chain = graph::name_parents("Qwen2.5-7B-Instruct");
    REQUIRE(chain.size() == 2);
    CHECK(chain.back().name == "Qwen2.5");
    CHECK(graph::without_hf_suffix("meta-llama/Llama-2-7b-hf") == "meta-llama/Llama-2-7b");
    CHECK(graph::hub_bare_name("meta-llama/Llama-2-7b-chat-hf") == "Llama-2-7b-chat");
    CHECK(graph::hub_bare_name("gpt2").empty());
}
