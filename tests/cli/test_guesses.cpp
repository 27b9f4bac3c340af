// Bases guessed from a name or a link alone: marked wherever an edge is shown, listed by
// `medkg check`, kept as guesses through GraphML, and left out with --stated-only.
#include "cli/app.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace medkg;

namespace {

struct Result {
    int code;
    std::string out;
    std::string err;
};

Result run(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

bool has(const std::string& text, const std::string& piece) {
    return text.find(piece) != std::string::npos;
}

// PMC-LLaMA's base is only guessed from its name; ChatDoctor's is stated by its title.
constexpr const char* k_list = "# Medical models\n\n"
                               "## Models\n\n"
                               "- [PMC-LLaMA](https://example.org/pmc): a medical model.\n"
                               "- [ChatDoctor](https://example.org/cd): fine-tuned on LLaMA with "
                               "patient dialogues.\n";

} // namespace

TEST_CASE("guesses: marked in answers, listed by check, left out with --stated-only",
          "[cli][guesses]") {
    test::TempDir dir;
    const std::string list = dir.path() + "/list.md";
    std::ofstream(list) << k_list;

    SECTION("lineage marks the guess and not the stated base") {
        const auto guessed = run({"lineage", "PMC-LLaMA", "-s", list});
        INFO(guessed.err);
        REQUIRE(guessed.code == 0);
        CHECK(has(guessed.out, "fine_tuned_from → LLaMA (base_model)  (guessed)"));
        const auto stated = run({"lineage", "ChatDoctor", "-s", list});
        REQUIRE(stated.code == 0);
        CHECK(has(stated.out, "fine_tuned_from → LLaMA (base_model)"));
        CHECK_FALSE(has(stated.out, "(guessed)"));
        const auto json = run({"lineage", "PMC-LLaMA", "-s", list, "--format", "json"});
        CHECK(has(json.out, "\"guessed\": true"));
    }
    SECTION("check lists the guess, not the stated base") {
        const auto r = run({"check", "-s", list});
        INFO(r.err);
        CHECK(has(r.out, "bases guessed from names or links"));
        CHECK(has(r.out, "  PMC-LLaMA fine_tuned_from LLaMA  ["));
        CHECK_FALSE(has(r.out, "  ChatDoctor fine_tuned_from LLaMA"));
        const auto json = run({"check", "-s", list, "--format", "json"});
        const auto at = json.out.find("\"guesses\"");
        REQUIRE(at != std::string::npos);
        CHECK(json.out.find("\"model\": \"PMC-LLaMA\"", at) != std::string::npos);
    }
    SECTION("--stated-only leaves the guess out and the report accounts for it") {
        const auto lineage = run({"lineage", "PMC-LLaMA", "-s", list, "--stated-only"});
        CHECK_FALSE(has(lineage.out, "LLaMA (base_model)"));
        const auto stated = run({"lineage", "ChatDoctor", "-s", list, "--stated-only"});
        CHECK(has(stated.out, "fine_tuned_from → LLaMA (base_model)"));
        const auto report = run({"ingest", list, "--report", "--stated-only"});
        INFO(report.out);
        CHECK(report.code == 0);
        CHECK(has(report.out, "1 guessed from names left out (--stated-only)"));
        CHECK(has(report.out, "counts reconcile: yes"));
    }
    SECTION("a snapshot keeps what it was built with: --stated-only with -g is an error") {
        const std::string snap = dir.path() + "/g.medkg";
        REQUIRE(run({"build", "-s", list, "-o", snap}).code == 0);
        const auto r = run({"lineage", "PMC-LLaMA", "-g", snap, "--stated-only"});
        CHECK(r.code != 0);
        CHECK(has(r.err, "--stated-only applies while sources are read"));
        const auto built = dir.path() + "/stated.medkg";
        REQUIRE(run({"build", "-s", list, "-o", built, "--stated-only"}).code == 0);
        CHECK_FALSE(has(run({"lineage", "PMC-LLaMA", "-g", built}).out, "LLaMA (base_model)"));
    }
    SECTION("GraphML carries the mark: re-read, the edge is still a guess") {
        const std::string graphml = dir.path() + "/g.graphml";
        REQUIRE(run({"export", "--format", "graphml", "-s", list, "-o", graphml}).code == 0);
        std::ifstream in(graphml);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        CHECK(has(text, "<data key=\"e_guessed\">1</data>"));
        const auto r = run({"check", "-s", graphml});
        CHECK(has(r.out, "  PMC-LLaMA fine_tuned_from LLaMA  ["));
        const auto dot = run({"export", "--format", "dot", "-s", list});
        CHECK(has(dot.out, "PMC-LLaMA fine_tuned_from LLaMA (guessed)"));
    }
}
