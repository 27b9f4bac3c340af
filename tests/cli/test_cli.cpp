#include "cli/app.hpp"
#include "ingest/source.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace medkg;

namespace {

struct Result {
    int code;
    std::string out;
    std::string err;
};

Result medkg_run(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

// Nodes and edges without provenance, sorted: what "equal graphs" means across formats.
std::string canonical(const graph::KnowledgeGraph& g) {
    std::vector<std::string> lines;
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        std::string line = "node " + std::string(graph::to_string(g.kind(n))) + " " +
                           std::string(g.label(n)) + (g.is_placeholder(n) ? " placeholder" : "");
        std::vector<std::string> attrs;
        for (const auto& a : g.attributes(n)) {
            attrs.push_back(std::string(graph::to_string(a.key)) + "=" + std::string(a.value));
        }
        std::sort(attrs.begin(), attrs.end());
        attrs.erase(std::unique(attrs.begin(), attrs.end()), attrs.end());
        for (const auto& a : attrs) {
            line += " " + a;
        }
        lines.push_back(line);
    }
    for (auto [it, end] = boost::edges(g.graph()); it != end; ++it) {
        lines.push_back("edge " + std::string(g.label(g.source_of(*it))) + " " +
                        std::string(graph::to_string(g.edge_kind(*it))) + " " +
                        std::string(g.label(g.target_of(*it))));
    }
    std::sort(lines.begin(), lines.end());
    return util::join(lines, "\n");
}

} // namespace

TEST_CASE("cli lineage answers from the default dataset", "[cli]") {
    const auto r = medkg_run({"lineage", "chatdoctor"});
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.out.rfind("ChatDoctor (model)\n", 0) == 0);
    CHECK(r.out.find("fine_tuned_from → LLaMA (base_model)") != std::string::npos);
    CHECK(r.out.find("corpus/lists/MedLLMsPracticalGuide.README.md:192") != std::string::npos);
    CHECK(r.out.find("roots: LLaMA") != std::string::npos);
    CHECK(r.err.empty());
}

TEST_CASE("cli --format json is valid JSON with sources", "[cli]") {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"lineage", "ChatDoctor", "--format", "json"},
          {"descendants", "LLaMA", "--format", "json"},
          {"path", "LLaMA", "ChatDoctor", "--format", "json"},
          {"show", "ChatDoctor", "--format", "json"},
          {"stats", "--format", "json"},
          {"check", "--format", "json"}}) {
        const auto r = medkg_run(args);
        INFO(args[0] << ": " << r.err);
        CHECK(r.code == 0);
        rapidjson::Document doc;
        doc.Parse(r.out.c_str());
        REQUIRE_FALSE(doc.HasParseError());
        CHECK(doc.IsObject());
    }
    const auto r = medkg_run({"lineage", "ChatDoctor", "--format", "json"});
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    const auto& parents = doc["lineage"]["parents"];
    REQUIRE(parents.IsArray());
    REQUIRE(parents.Size() >= 1);
    CHECK(parents[0]["sources"][0].HasMember("cites"));
}

TEST_CASE("cli stats lists at most --roots roots and always says how many there are", "[cli]") {
    // The full list, from the built-in dataset, is what the shorter ones must be a prefix of.
    const auto all = medkg_run({"stats", "--roots", "0", "--format", "json"});
    REQUIRE(all.code == 0);
    rapidjson::Document full;
    full.Parse(all.out.c_str());
    REQUIRE_FALSE(full.HasParseError());
    const auto& names = full["roots"];
    REQUIRE(names.Size() == full["roots_total"].GetUint64());
    REQUIRE(names.Size() > 3); // the cases below cut the list short

    SECTION("the default lists every root of a curated graph") {
        const auto r = medkg_run({"stats"});
        CHECK(r.out.find("... and") == std::string::npos);
        const rapidjson::SizeType last = names.Size() - 1;
        CHECK(r.out.find(std::string(names[last].GetString()) + " (" +
                         std::to_string(full["root_descendants"][last].GetUint64()) + ")\n") !=
              std::string::npos);
    }
    SECTION("text: the first N with their descendants, then how many more") {
        const auto r = medkg_run({"stats", "--roots", "3"});
        REQUIRE(r.code == 0);
        const auto& counts = full["root_descendants"];
        const auto named = [&](rapidjson::SizeType i) {
            return std::string(names[i].GetString()) + " (" + std::to_string(counts[i].GetUint64()) + ")";
        };
        const std::string expect = "roots (" + std::to_string(names.Size()) +
                                   ", most descendants first): " + named(0) + ", " + named(1) +
                                   ", " + named(2) + ", ... and " +
                                   std::to_string(names.Size() - 3) +
                                   " more (--roots 0 lists them all)\n";
        CHECK(r.out.size() >= expect.size());
        CHECK(r.out.substr(r.out.size() - expect.size()) == expect);
    }
    SECTION("the most descendants first, each as descendants --count gives it") {
        const auto& counts = full["root_descendants"];
        REQUIRE(counts.Size() == names.Size());
        for (rapidjson::SizeType i = 0; i < names.Size(); ++i) {
            const std::string name = names[i].GetString();
            INFO(name);
            if (i > 0) {
                CHECK(counts[i].GetUint64() <= counts[i - 1].GetUint64());
                if (counts[i].GetUint64() == counts[i - 1].GetUint64()) {
                    CHECK(std::string(names[i - 1].GetString()) <= name);
                }
            }
            const auto d = medkg_run({"descendants", name, "--count", "--format", "json"});
            rapidjson::Document doc;
            doc.Parse(d.out.c_str());
            REQUIRE_FALSE(doc.HasParseError());
            CHECK(doc["count"].GetUint64() == counts[i].GetUint64());
        }
    }
    SECTION("json: the first N and the total") {
        const auto r = medkg_run({"stats", "--roots", "2", "--format", "json"});
        rapidjson::Document doc;
        doc.Parse(r.out.c_str());
        REQUIRE_FALSE(doc.HasParseError());
        CHECK(doc["roots_total"].GetUint64() == names.Size());
        REQUIRE(doc["roots"].Size() == 2);
        CHECK(std::string(doc["roots"][1].GetString()) == names[1].GetString());
    }
}

TEST_CASE("cli exit codes and messages", "[cli]") {
    SECTION("an unknown name exits 1 with suggestions") {
        const auto r = medkg_run({"lineage", "ChatDoctr"});
        CHECK(r.code == 1);
        CHECK(r.err == "medkg: error: unknown name \"ChatDoctr\" (did you mean \"ChatDoctor\"?)\n");
        CHECK(r.out.empty());
    }
    SECTION("usage errors exit 2") {
        CHECK(medkg_run({}).code == 2);
        CHECK(medkg_run({"frobnicate"}).code == 2);
        CHECK(medkg_run({"lineage"}).code == 2);
        CHECK(medkg_run({"stats", "--format", "xml"}).code == 2);
        CHECK(medkg_run({"path", "A", "B", "--via", "finetuned"}).code == 2);
        CHECK(medkg_run({"render", "-o", "x.gif"}).code == 2);
    }
    SECTION("help exits 0 on stdout") {
        const auto r = medkg_run({"--help"});
        CHECK(r.code == 0);
        CHECK(r.out.find("lineage") != std::string::npos);
    }
    SECTION("no connection exits 1") {
        const test::TempDir scratch;
        const std::string& dir = scratch.path();
        const std::string file = dir + "/two.json";
        std::ofstream(file) << R"({"medkg_entries": 1, "sources": [{"id": "S", "file": "s.md"}],
            "entries": [{"kind": "model", "name": "A", "source": "S"},
                        {"kind": "model", "name": "B", "source": "S"}]})";
        const auto r = medkg_run({"path", "A", "B", "--source", file});
        CHECK(r.code == 1);
        CHECK(r.err.find("no connection between \"A\" and \"B\"") != std::string::npos);
    }
    SECTION("bad input is reported file:line:col and exits 1") {
        const test::TempDir scratch;
        const std::string& dir = scratch.path();
        const std::string file = dir + "/bad.json";
        std::ofstream(file) << "{\"medkg_entries\": 1,\n  \"entries\": [\n    {\"kind\": \"modle\"}\n]}\n";
        const auto r = medkg_run({"stats", "--source", file});
        CHECK(r.code == 1);
        CHECK(r.err.find(file + ":3:14: error: unknown kind \"modle\"") != std::string::npos);
    }
    SECTION("an unreadable source is an environment error") {
        const auto r = medkg_run({"stats", "--source", "/nonexistent/x.json"});
        CHECK(r.code == 1);
        CHECK(r.err.rfind("medkg: error: cannot read \"/nonexistent/x.json\"", 0) == 0);
    }
    SECTION("invalid UTF-8 and an empty file are bad input, not crashes") {
        const test::TempDir scratch;
        const std::string& dir = scratch.path();
        std::ofstream(dir + "/empty.json") << "";
        std::ofstream(dir + "/latin1.json")
            << "{\"medkg_entries\": 1, \"entries\": [{\"kind\": \"model\", \"name\": \"Caf\xE9\"}]}";
        for (const auto* f : {"/empty.json", "/latin1.json"}) {
            const auto r = medkg_run({"stats", "--source", dir + f});
            CHECK(r.code == 1);
            CHECK(r.err.find(": error: ") != std::string::npos);
        }
    }
}

TEST_CASE("cli golden exports", "[cli]") {
    const std::string small = test::data_path("small.json");
    for (const std::string_view format : {"graphml", "dot"}) {
        const auto r = medkg_run({"export", "--format", std::string(format), "--source", small});
        INFO(r.err);
        CHECK(r.code == 0);
        test::check_golden("small." + std::string(format), r.out);
    }
}

TEST_CASE("cli export writes files atomically and deterministically", "[cli]") {
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const std::string a = dir + "/a.graphml";
    const std::string b = dir + "/b.graphml";
    REQUIRE(medkg_run({"export", "--format", "graphml", "-o", a}).code == 0);
    REQUIRE(medkg_run({"export", "--format", "graphml", "-o", b}).code == 0);
    CHECK(util::read_file(a) == util::read_file(b));
    const auto r = medkg_run({"export", "--format", "dot", "-o", dir + "/missing/x.dot"});
    CHECK(r.code == 1);
    CHECK(r.err.find("cannot write") != std::string::npos);
    CHECK(::access((dir + "/missing").c_str(), F_OK) != 0);
}

TEST_CASE("cli GraphML round trip gives an equal graph", "[cli]") {
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    for (const auto& source : {std::string("default"), test::data_path("small.json")}) {
        const std::string file = dir + "/round.graphml";
        REQUIRE(medkg_run({"export", "--format", "graphml", "-o", file, "--source", source}).code ==
                0);
        const auto original = ingest::load_sources({source});
        const auto reread = ingest::load_sources({file});
        std::ostringstream messages;
        reread.diagnostics.print(messages);
        INFO(messages.str());
        CHECK_FALSE(reread.diagnostics.has_errors());
        CHECK(reread.graph.node_count() == original.graph.node_count());
        CHECK(reread.graph.edge_count() == original.graph.edge_count());
        CHECK(canonical(reread.graph) == canonical(original.graph));
    }
}

TEST_CASE("cli render reports a missing dot clearly", "[cli]") {
    ::setenv("MEDKG_DOT", "/nonexistent/dot", 1);
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const auto r = medkg_run({"render", "ChatDoctor", "-o", dir + "/x.svg"});
    ::unsetenv("MEDKG_DOT");
    CHECK(r.code == 1);
    CHECK(r.err.find("was not found; install Graphviz") != std::string::npos);
    CHECK(::access((dir + "/x.svg").c_str(), F_OK) != 0);
}

TEST_CASE("cli build writes a snapshot that answers like the sources", "[cli]") {
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const std::string snap = dir + "/medllms.medkg";
    const auto built = medkg_run({"build", "default", "-o", snap});
    INFO(built.err);
    REQUIRE(built.code == 0);
    CHECK(built.err.find("wrote " + snap) != std::string::npos);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"lineage", "ChatDoctor"},
          {"descendants", "LLaMA", "--format", "json"},
          {"path", "LLaMA", "ChatDoctor"},
          {"show", "HuatuoGPT"},
          {"stats"},
          {"check"},
          {"export", "--format", "graphml"},
          {"export", "--format", "dot"}}) {
        auto with_g = args;
        with_g.insert(with_g.end(), {"-g", snap});
        const auto from_sources = medkg_run(args);
        const auto from_snapshot = medkg_run(with_g);
        INFO(args[0] << ": " << from_snapshot.err);
        CHECK(from_snapshot.code == 0);
        CHECK(from_snapshot.out == from_sources.out);
    }
    SECTION("$MEDKG_GRAPH is the default graph") {
        ::setenv("MEDKG_GRAPH", snap.c_str(), 1);
        const auto r = medkg_run({"lineage", "Meditron"});
        ::unsetenv("MEDKG_GRAPH");
        CHECK(r.code == 0);
        CHECK(r.out.find("Llama 2") != std::string::npos);
    }
    SECTION("-g and --source together are refused") {
        const auto r = medkg_run({"stats", "-g", snap, "--source", "default"});
        CHECK(r.code == 1);
        CHECK(r.err.find("either -g SNAPSHOT or --source") != std::string::npos);
    }
    SECTION("a snapshot is also a source, and joins the same things") {
        const auto r = medkg_run({"stats", "--format", "json", "--source", snap, "--source",
                                  "default"});
        const auto plain = medkg_run({"stats", "--format", "json"});
        rapidjson::Document a;
        rapidjson::Document b;
        a.Parse(r.out.c_str());
        b.Parse(plain.out.c_str());
        REQUIRE(a.IsObject());
        CHECK(a["nodes"].GetUint64() == b["nodes"].GetUint64());
        CHECK(a["edges"].GetUint64() == b["edges"].GetUint64());
    }
    SECTION("a damaged snapshot is refused with a clear message") {
        std::string bytes = util::read_file(snap);
        bytes.resize(bytes.size() / 2);
        std::ofstream(snap, std::ios::binary | std::ios::trunc) << bytes;
        const auto r = medkg_run({"lineage", "ChatDoctor", "-g", snap});
        CHECK(r.code == 1);
        CHECK(r.err.find("is not a usable medkg snapshot") != std::string::npos);
    }
}

TEST_CASE("cli build leaves an existing snapshot alone when a source cannot be read", "[cli]") {
    // A source of no known format used to be an error diagnostic, and the build then replaced
    // the snapshot with a graph that lacked it (an empty one for a single source).
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const std::string snap = dir + "/g.medkg";
    REQUIRE(medkg_run({"build", "default", "-o", snap}).code == 0);
    const std::string before = util::read_file(snap);
    REQUIRE(!before.empty());
    const std::string prose = dir + "/notes.txt";
    std::ofstream(prose) << "Some notes on medical models.\nNothing in any format medkg reads.\n";
    for (const std::vector<std::string>& sources :
         {std::vector<std::string>{prose}, {"default", prose}, {"/nonexistent/x.md"}}) {
        std::vector<std::string> args{"build"};
        args.insert(args.end(), sources.begin(), sources.end());
        args.insert(args.end(), {"-o", snap});
        const auto r = medkg_run(args);
        INFO(r.err);
        CHECK(r.code == 1);
        CHECK(r.err.rfind("medkg: error: ", 0) == 0);
        CHECK(r.err.find(sources.back()) != std::string::npos);
        CHECK(r.err.find("wrote") == std::string::npos);
        CHECK(util::read_file(snap) == before);
    }
    const auto query = medkg_run({"stats", "--source", prose});
    CHECK(query.code == 1);
    CHECK(query.err.find("cannot tell the format of \"" + prose + "\"") != std::string::npos);
}

TEST_CASE("cli build streams a Hub dump into a snapshot", "[cli]") {
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const std::string dump = dir + "/hub.jsonl";
    std::ofstream(dump) << R"({"id": "meta-llama/Llama-2-7b-hf", "author": "meta-llama"}
{"id": "epfl-llm/meditron-7b", "tags": ["base_model:finetune:meta-llama/Llama-2-7b-hf"]}
{"id": "x/chat", "cardData": {"base_model": "epfl-llm/meditron-7b"}}
{"id": "x/gguf", "tags": ["base_model:quantized:x/chat", "base_model:quantized:gone/away"]}
not json
)";
    const std::string snap = dir + "/hub.medkg";
    const auto built = medkg_run({"build", dump, "-o", snap, "--no-progress"});
    CHECK(built.code == 1); // one malformed line: answered, and reported
    CHECK(built.err.find(dump + ":5:2: error: invalid JSON: invalid value") != std::string::npos);
    CHECK(built.err.find("4 models, 1 malformed, 1 dangling") != std::string::npos);
    const auto lineage = medkg_run({"lineage", "hf:x/gguf", "-g", snap});
    INFO(lineage.err);
    CHECK(lineage.code == 0);
    CHECK(lineage.out.find("quantized_from → x/chat") != std::string::npos);
    CHECK(lineage.out.find("fine_tuned_from → meta-llama/Llama-2-7b-hf") != std::string::npos);
    CHECK(lineage.out.find("gone/away (model, undeclared)") != std::string::npos);
    const auto count = medkg_run({"descendants", "hf:meta-llama/Llama-2-7b-hf", "-g", snap,
                                  "--count", "--format", "json"});
    CHECK(count.out.find("\"count\": 3") != std::string::npos);
    // The snapshot's statistics are the general reader's (every fact cites its line of the
    // dump), all but how many provenance records hold them.
    const auto facts = [](const std::string& s) { return s.substr(0, s.find("provenance records")); };
    const auto streamed_stats = medkg_run({"stats", "-g", snap});
    const auto general_stats = medkg_run({"stats", "-s", dump});
    CHECK(facts(streamed_stats.out) == facts(general_stats.out));
    CHECK(streamed_stats.out.find("facts (nodes, edges, attribute values): 24, citing a source: 24") !=
          std::string::npos);
    const auto report = medkg_run({"build", dump, "-o", snap, "--dangling", "report",
                                   "--no-progress"});
    CHECK(report.err.find("base model \"gone/away\" is not in the dump") != std::string::npos);

    // --timings names each phase with a number of seconds; without it, no phases are printed.
    const std::regex phase_time(R"(timings: stream [0-9.e+-]+ s, layout [0-9.e+-]+ s, index and write [0-9.e+-]+ s)");
    const auto timed = medkg_run({"build", dump, "-o", snap, "--no-progress", "--timings"});
    CHECK(std::regex_search(timed.err, phase_time));
    CHECK(built.err.find("timings:") == std::string::npos);
    const std::string graphml = dir + "/hub.graphml";
    const auto exported =
        medkg_run({"export", "-g", snap, "--format", "graphml", "-o", graphml, "--timings"});
    CHECK(exported.code == 0);
    CHECK(std::regex_search(exported.err, std::regex(R"(timings: load [0-9.e+-]+ s, write [0-9.e+-]+ s)")));
}

// A Hub dump is streamed whatever it is called and however it arrives; anything else read
// from a pipe is read as before, although build looked at its first bytes.
TEST_CASE("cli build streams a Hub dump from a pipe or a file of any name", "[cli]") {
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const std::string dump_text = R"({"id": "meta-llama/Llama-2-7b-hf", "author": "meta-llama"}
{"id": "epfl-llm/meditron-7b", "tags": ["base_model:finetune:meta-llama/Llama-2-7b-hf"]}
{"id": "x/chat", "cardData": {"base_model": "epfl-llm/meditron-7b"}}
not json
)";
    const auto write = [](const std::string& path, const std::string& text) {
        std::ofstream(path, std::ios::binary) << text;
    };
    // Builds from a FIFO that a thread fills with `text`.
    const auto build_from_pipe = [&](const std::string& name, const std::string& text) {
        const std::string fifo = dir + "/" + name;
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
        const auto r = medkg_run({"build", fifo, "-o", dir + "/" + name + ".medkg", "--no-progress"});
        writer.join();
        return r;
    };
    const auto stats = [&](const std::string& snapshot) {
        const auto r = medkg_run({"stats", "-g", snapshot});
        return r.out.substr(0, r.out.find("provenance records"));
    };
    const std::string streamed_summary = "from 4 lines (3 models, 1 malformed, 0 dangling";
    write(dir + "/hub.jsonl", dump_text);
    const auto by_suffix = medkg_run({"build", dir + "/hub.jsonl", "-o", dir + "/a.medkg", "--no-progress"});
    REQUIRE(by_suffix.err.find(streamed_summary) != std::string::npos);

    SECTION("a regular file without a dump's suffix") {
        write(dir + "/models.txt", dump_text);
        const auto r = medkg_run({"build", dir + "/models.txt", "-o", dir + "/b.medkg", "--no-progress"});
        INFO(r.err);
        CHECK(r.code == 1);
        CHECK(r.err.find(streamed_summary) != std::string::npos);
        CHECK(r.err.find(dir + "/models.txt:4:2: error: invalid JSON") != std::string::npos);
        CHECK(stats(dir + "/b.medkg") == stats(dir + "/a.medkg"));
    }
    SECTION("a pipe") {
        const auto r = build_from_pipe("pipe", dump_text);
        INFO(r.err);
        CHECK(r.code == 1);
        CHECK(r.err.find(streamed_summary) != std::string::npos);
        CHECK(r.err.find(dir + "/pipe:4:2: error: invalid JSON") != std::string::npos);
        CHECK(stats(dir + "/pipe.medkg") == stats(dir + "/a.medkg"));
    }
    SECTION("a pipe whose first line is longer than what build reads ahead of it") {
        std::string text = R"({"id": "a/long", "cardData": {"license": ")" + std::string(200000, 'x') + "\"}}\n";
        text += dump_text;
        write(dir + "/long.jsonl", text);
        const auto r = build_from_pipe("long", text);
        INFO(r.err);
        CHECK(r.err.find("from 5 lines (4 models, 1 malformed") != std::string::npos);
        CHECK(medkg_run({"build", dir + "/long.jsonl", "-o", dir + "/long-file.medkg"}).code == 1);
        CHECK(stats(dir + "/long.medkg") == stats(dir + "/long-file.medkg"));
    }
    SECTION("JSON entries, and one Hub model, from a pipe: read whole, as from a file") {
        const std::string entries = util::read_file(test::data_path("small.json"));
        const auto r = build_from_pipe("entries", entries);
        INFO(r.err);
        CHECK(r.code == 0);
        CHECK(r.err.find(" lines (") == std::string::npos); // not streamed
        REQUIRE(medkg_run({"build", test::data_path("small.json"), "-o", dir + "/small.medkg"}).code == 0);
        CHECK(stats(dir + "/entries.medkg") == stats(dir + "/small.medkg"));

        const std::string model = dump_text.substr(0, dump_text.find('\n') + 1);
        const auto one = build_from_pipe("model", model);
        INFO(one.err);
        CHECK(one.code == 0);
        CHECK(one.err.find(" lines (") == std::string::npos);
        write(dir + "/model.json", model);
        REQUIRE(medkg_run({"build", dir + "/model.json", "-o", dir + "/model-file.medkg"}).code == 0);
        CHECK(stats(dir + "/model.medkg") == stats(dir + "/model-file.medkg"));
    }
}

// Two Hub datasets whose ids fold alike: each is found by its exact spelling, from the sources
// and from a snapshot; a spelling that is neither is ambiguous, and the message lists both.
TEST_CASE("cli names that fold alike are found by their exact spelling", "[cli]") {
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const std::string dump = dir + "/sets.jsonl";
    std::ofstream(dump) << R"({"id": "a/m1", "tags": ["dataset:org/data-set"]}
{"id": "a/m2", "tags": ["dataset:org/dataset"]}
)";
    const std::string snap = dir + "/sets.medkg";
    REQUIRE(medkg_run({"build", dump, "-o", snap, "--no-progress"}).code == 0);
    for (const std::vector<std::string>& graph : {std::vector<std::string>{"-s", dump},
                                                  std::vector<std::string>{"-g", snap}}) {
        for (const std::string name : {"org/dataset", "org/data-set"}) {
            std::vector<std::string> args{"show", name};
            args.insert(args.end(), graph.begin(), graph.end());
            const auto r = medkg_run(args);
            INFO(graph[0] << " " << name << ": " << r.err);
            CHECK(r.code == 0);
            CHECK(r.out.rfind(name + " (dataset)\n", 0) == 0);
        }
        std::vector<std::string> args{"show", "org/data set"};
        args.insert(args.end(), graph.begin(), graph.end());
        const auto r = medkg_run(args);
        CHECK(r.code == 1);
        CHECK(r.err.find(R"(ambiguous name "org/data set": could be "org/data-set" (dataset), "org/dataset" (dataset) (write one of them exactly))") !=
              std::string::npos);
    }
}

// A Hub model and a Hub dataset may share an id, and a user name may also be a dataset id: a
// plain name prefers the one model, `KIND:NAME` reaches every node, from the sources and from a
// snapshot alike.
TEST_CASE("cli names a node of one kind as KIND:NAME", "[cli]") {
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const std::string dump = dir + "/kinds.jsonl";
    std::ofstream(dump) << R"({"id": "org/x", "tags": ["dataset:org/x"]}
{"id": "squad/m", "author": "squad", "tags": ["dataset:squad"]}
)";
    const std::string snap = dir + "/kinds.medkg";
    REQUIRE(medkg_run({"build", dump, "-o", snap, "--no-progress"}).code == 0);
    struct Case {
        std::string name;
        std::string first_line; // of `show`, when found
        std::string error;      // when not
    };
    const std::vector<Case> cases{
        {"org/x", "org/x (model)", ""},
        {"model:org/x", "org/x (model)", ""},
        {"dataset:org/x", "org/x (dataset)", ""},
        {"dataset:ORG/X", "org/x (dataset)", ""},
        {"dataset:hf:org/x", "org/x (dataset)", ""},
        {"institution:squad", "squad (institution)", ""},
        {"dataset:squad", "squad (dataset)", ""},
        {"squad", "",
         R"(ambiguous name "squad": could be "squad" (institution), "squad" (dataset) (write one of them exactly, or with its kind: dataset:squad))"},
        {"paper:org/x", "", R"(no paper named "org/x" ("org/x" is "org/x" (model)))"},
        {"dataset:org/xy", "", R"(no dataset named "org/xy" (did you mean "org/x"?))"},
        {"task:", "", R"(unknown name "task:")"},
        {"widget:org/x", "", R"(unknown name "widget:org/x")"},
    };
    for (const std::vector<std::string>& graph : {std::vector<std::string>{"-s", dump},
                                                  std::vector<std::string>{"-g", snap}}) {
        for (const auto& c : cases) {
            std::vector<std::string> args{"show", c.name};
            args.insert(args.end(), graph.begin(), graph.end());
            const auto r = medkg_run(args);
            INFO(graph[0] << " " << c.name << ": " << r.err);
            if (c.error.empty()) {
                CHECK(r.code == 0);
                CHECK(r.out.rfind(c.first_line + "\n", 0) == 0);
            } else {
                CHECK(r.code == 1);
                CHECK(r.err.find("medkg: error: " + c.error + "\n") != std::string::npos);
            }
        }
    }
}

TEST_CASE("cli -s takes one value per flag, so a name may follow it", "[cli]") {
    const auto r = medkg_run({"descendants", "-s", "default", "LLaMA", "--count"});
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.out.find("LLaMA (base_model):") != std::string::npos);
    // Repeated flags still add up: the same source twice gives the same facts (nodes, edges and
    // attribute values, each now with two provenances), only twice the provenance records.
    const auto once = medkg_run({"stats", "-s", "default"});
    const auto twice = medkg_run({"stats", "-s", "default", "--source", "default"});
    CHECK(twice.code == 0);
    const auto facts = [](const std::string& s) { return s.substr(0, s.find("provenance records")); };
    CHECK(facts(twice.out) == facts(once.out));
    CHECK(facts(once.out).find("attribute values: ") != std::string::npos);
    const auto records = [](const std::string& s) {
        const auto at = s.find("provenance records: ");
        return std::stoul(s.substr(at + std::string("provenance records: ").size()));
    };
    CHECK(records(twice.out) > records(once.out));
}

TEST_CASE("cli shows at most --max-diagnostics of each kind per source, and says how many more",
          "[cli]") {
    const test::TempDir scratch;
    const std::string& dir = scratch.path();
    const std::string dump = dir + "/bad.jsonl";
    {
        std::ofstream out(dump);
        out << R"({"id": "a/base"})" << '\n';
        for (int i = 0; i < 25; ++i) {
            out << "not json " << i << '\n';
        }
        for (int i = 0; i < 3; ++i) {
            out << R"({"id": "a/m)" << i << R"(", "tags": ["base_model:finetune:gone/p)" << i
                << R"("]})" << '\n';
        }
    }
    const auto lines_with = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = text.find(what); at != std::string::npos;
             at = text.find(what, at + 1)) {
            ++n;
        }
        return n;
    };
    const std::string snap = dir + "/bad.medkg";
    for (const auto& command : {std::vector<std::string>{"build", dump, "-o", snap, "--no-progress",
                                                         "--dangling", "report"},
                                std::vector<std::string>{"stats", "-s", dump}}) {
        INFO(command[0]);
        auto r = medkg_run(command);
        CHECK(r.code == 1);
        CHECK(lines_with(r.err, ": error: invalid JSON") == 20);
        CHECK(r.err.find(dump + ": note: 5 more errors not shown; --max-diagnostics 0 shows them all") !=
              std::string::npos);
        CHECK(lines_with(r.err, ": warning: ") == 3); // under the limit: all shown, no note
        CHECK(r.err.find("more warning") == std::string::npos);
        auto args = command;
        args.insert(args.end(), {"--max-diagnostics", "0"});
        r = medkg_run(args);
        CHECK(lines_with(r.err, ": error: invalid JSON") == 25);
        CHECK(r.err.find("not shown") == std::string::npos);
        args.back() = "2";
        r = medkg_run(args);
        CHECK(lines_with(r.err, ": error: invalid JSON") == 2);
        CHECK(lines_with(r.err, ": warning: ") == 2);
        CHECK(r.err.find(dump + ": note: 23 more errors not shown") != std::string::npos);
        CHECK(r.err.find(dump + ": note: 1 more warning not shown") != std::string::npos);
    }
}
