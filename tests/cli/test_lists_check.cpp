// The corpus lists together with the default dataset: the disagreements between sources are
// reported with both sources, and `medkg ingest --report` accounts for every entry.
#include "cli/app.hpp"
#include "graph/frozen_graph.hpp"
#include "ingest/source.hpp"
#include "queries/checks.hpp"
#include "queries/format.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace medkg;

namespace {

std::vector<std::string> list_paths() {
    return {test::corpus_path("lists/MedLLMsPracticalGuide.README.md"),
            test::corpus_path("lists/Awesome-LLM-Healthcare.README.md"),
            test::corpus_path("lists/LLM-for-Healthcare.README.md")};
}

/// The bases of `model` that a base-model conflict puts against each other.
std::set<std::string> conflicting_bases(const graph::FrozenGraph& g, const query::CheckReport& r,
                                        const std::string& model) {
    std::set<std::string> out;
    for (const auto& c : r.base_conflicts) {
        if (g.label(c.model) == model) {
            out.insert(std::string(g.label(g.target_of(c.first))));
            out.insert(std::string(g.label(g.target_of(c.second))));
        }
    }
    return out;
}

/// The sources of the edge `model -> base` of a conflict.
std::set<std::string> edge_sources(const graph::FrozenGraph& g, const query::CheckReport& r,
                                   const std::string& model, const std::string& base) {
    std::set<std::string> out;
    for (const auto& c : r.base_conflicts) {
        if (g.label(c.model) != model) {
            continue;
        }
        for (auto e : {c.first, c.second}) {
            if (g.label(g.target_of(e)) == base) {
                for (auto p : g.edge_provenance(e)) {
                    out.insert(std::string(g.str(g.provenance(p).source)));
                }
            }
        }
    }
    return out;
}

} // namespace

TEST_CASE("check: the lists and the default dataset disagree on BianQue and HuatuoGPT", "[cli][corpus]") {
    auto specs = list_paths();
    specs.emplace_back("default");
    const auto loaded = ingest::load_sources(specs);
    const auto g = graph::freeze(loaded.graph);
    const auto report = query::run_checks(g);
    const std::string survey = test::corpus_path("lists/LLM-for-Healthcare.README.md");
    // BianQue: ChatGLM (the lists' table, the figure) against ChatYuan-large-v2 (another list).
    const auto bianque = conflicting_bases(g, report, "BianQue");
    CHECK(bianque.count("ChatGLM") == 1);
    CHECK(bianque.count("ChatYuan-large-v2") == 1);
    CHECK(edge_sources(g, report, "BianQue", "ChatGLM").count(survey) == 1);
    CHECK(edge_sources(g, report, "BianQue", "ChatYuan-large-v2").count("data/medllms.json") == 1);
    // HuatuoGPT: BLOOMZ against Baichuan.
    const auto huatuo = conflicting_bases(g, report, "HuatuoGPT");
    CHECK(huatuo.count("BLOOMZ") == 1);
    CHECK(huatuo.count("Baichuan") == 1);
    CHECK(edge_sources(g, report, "HuatuoGPT", "BLOOMZ").count(survey) == 1);
    // The lists' models joined the dataset's: one BianQue, one HuatuoGPT.
    CHECK(g.lookup("BianQue").status == graph::NameIndex::Status::found);
    CHECK(g.lookup("HuatuoGPT").status == graph::NameIndex::Status::found);
}

TEST_CASE("check: the lists alone agree on BianQue and name no dangling bases", "[cli][corpus]") {
    const auto loaded = ingest::load_sources(list_paths());
    const auto g = graph::freeze(loaded.graph);
    const auto report = query::run_checks(g);
    CHECK(conflicting_bases(g, report, "BianQue").empty());
    CHECK(report.dangling.empty());
    // The typo pairs of the corpus are duplicate candidates.
    std::set<std::pair<std::string, std::string>> pairs;
    for (const auto& d : report.duplicates) {
        auto a = std::string(g.label(d.first));
        auto b = std::string(g.label(d.second));
        pairs.insert(std::minmax(a, b));
    }
    CHECK(pairs.count(std::minmax(std::string("DelD-GPT"), std::string("DeID-GPT"))) == 1);
    CHECK(pairs.count(std::minmax(std::string("Visual Med-Alpeca"), std::string("Visual Med-Alpaca"))) == 1);
}

TEST_CASE("cli: medkg ingest --report and markdown sources on every command", "[cli][corpus]") {
    const auto run = [](const std::vector<std::string>& args) {
        std::ostringstream out;
        std::ostringstream err;
        const int code = cli::run(args, out, err);
        return std::tuple<int, std::string, std::string>{code, out.str(), err.str()};
    };
    const auto paths = list_paths();
    {
        auto [code, out, err] = run({"ingest", paths[0], paths[1], paths[2], "--report"});
        INFO(err);
        CHECK(code == 0);
        CHECK(out.find("counts reconcile: yes") != std::string::npos);
        CHECK(out.find("Awesome-LLM-Healthcare.README.md (markdown list)") != std::string::npos);
        CHECK(out.find("116 entries: 116 became graph content, 0 skipped") != std::string::npos);
        CHECK(out.find("not entries: 50 items in \"Table of Contents\"") != std::string::npos);
    }
    {
        auto [code, out, err] = run({"ingest", paths[1], "--source", "default", "--format", "json"});
        INFO(err);
        CHECK(code == 0);
        CHECK(out.find("\"reconciles\": true") != std::string::npos);
        CHECK(out.find("\"format\": \"markdown list\"") != std::string::npos);
    }
    {
        auto [code, out, err] = run({"lineage", "ChatDoctor", "--source", paths[1]});
        INFO(err);
        CHECK(code == 0);
        CHECK(out.find("LLaMA") != std::string::npos);
    }
    {
        auto [code, out, err] = run({"check", "--source", paths[2], "--source", "default"});
        INFO(err);
        CHECK(out.find("HuatuoGPT") != std::string::npos);
        CHECK(out.find("BianQue") != std::string::npos);
    }
}

TEST_CASE("check: joins of list names to Hub ids are listed, the uncertain ones as findings",
          "[cli][identity]") {
    test::TempDir dir;
    const auto write = [&](const std::string& name, const std::string& text) {
        const std::string path = dir.path() + "/" + name;
        std::ofstream(path) << text;
        return path;
    };
    const auto hub = write("hub.jsonl", R"({"id": "epfl-llm/meditron-7b"}
{"id": "med-lab/MedBase-7B"}
{"id": "copycat/MedBase-7B"}
)");
    const auto list = write("list.md", "# Models\n\n"
                                       "* **Meditron-7B**: a medical model.\n"
                                       "* **MedBase-7B**: another one.\n");
    const auto loaded = ingest::load_sources({hub, list});
    const auto g = graph::freeze(loaded.graph);
    const auto r = query::run_checks(g);
    std::map<std::string, const query::NameJoin*> by_label;
    for (const auto& j : r.name_joins) {
        by_label[std::string(g.label(j.node))] = &j;
    }
    REQUIRE(by_label.count("epfl-llm/meditron-7b") == 1);
    const auto& joined = *by_label.at("epfl-llm/meditron-7b");
    CHECK_FALSE(joined.uncertain);
    CHECK(joined.reason.find("\"Meditron-7B\" is the name of the Hub id epfl-llm/meditron-7b") !=
          std::string::npos);
    REQUIRE(by_label.count("MedBase-7B") == 1);
    const auto& open = *by_label.at("MedBase-7B");
    CHECK(open.uncertain);
    CHECK(open.hub_models.size() == 2);
    CHECK(r.total() >= 1);
    // The text report names both.
    std::ostringstream text;
    query::write_checks(text, g, r, query::OutputFormat::text);
    CHECK(text.str().find("names joined to Hub ids: 1, uncertain: 1") != std::string::npos);
    CHECK(text.str().find("uncertain MedBase-7B") != std::string::npos);
}
