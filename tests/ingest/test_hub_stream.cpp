#include "graph/frozen_graph.hpp"
#include "ingest/hub.hpp"
#include "ingest/hub_stream.hpp"
#include "ingest/source.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace medkg;

namespace {

const char* const k_dump =
    R"({"id": "meta-llama/Llama-2-7b-hf", "author": "meta-llama", "pipeline_tag": "text-generation", "createdAt": "2023-07-13T16:16:13.000Z", "tags": ["llama", "arxiv:2307.09288", "license:llama2"], "downloads": 5, "siblings": [{"rfilename": "a"}, {"rfilename": "b"}]}
{"id": "epfl-llm/meditron-7b", "author": "epfl-llm", "tags": ["base_model:finetune:meta-llama/Llama-2-7b-hf", "arxiv:2311.16079", "arxiv:2311.16079", "dataset:epfl-llm/guidelines"], "cardData": {"license": "llama2", "base_model": "meta-llama/Llama-2-7b-hf", "datasets": ["epfl-llm/guidelines"], "nested": {"deep": [1, [2, {"x": "y"}]]}}}

{"id": "a/quant", "tags": ["base_model:quantized:epfl-llm/meditron-7b"], "cardData": {"base_model": "epfl-llm/meditron-7b", "base_model_relation": "quantized"}}
{"id": "a/merge", "cardData": {"base_model": ["epfl-llm/meditron-7b", "a/quant", "gone/missing"]}}
{"id": "a/plain", "tags": ["base_model:epfl-llm/meditron-7b"]}
{"id": "a/quant", "pipeline_tag": "text-generation"}
{not json}
{"tags": []}
{"id": "bad id with spaces"}
[1, 2, 3]
{"id": "a/x"} trailing
{"id": "a/utf8", "author": "caf)"
    "\xC3\x28"
    R"("}
{"id": "a/crlf", "tags": ["base_model:adapter:a/plain"]})"
    "\r\n"
    R"({"id": "a/last", "cardData": {"base_model": "a/crlf"}})";

// A new file /tmp/medkg-STEM-XXXXXX.jsonl holding `text`; the caller unlinks it.
std::string write_jsonl(const std::string& text, const std::string& stem) {
    std::string path = "/tmp/medkg-" + stem + "-XXXXXX.jsonl";
    const int fd = ::mkstemps(path.data(), 6);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::string write_dump() { return write_jsonl(k_dump, "dump"); }

// Nodes and edges by label, sorted: equal graphs, whatever their numbering.
std::vector<std::string> canonical(const graph::FrozenGraph& g) {
    std::vector<std::string> out;
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        std::string line = std::string(graph::to_string(g.kind(n))) + " " + std::string(g.label(n)) +
                           (g.is_placeholder(n) ? " placeholder" : "");
        std::vector<std::string> attrs;
        for (const auto& a : g.attributes(n)) {
            attrs.push_back(std::string(graph::to_string(a.key)) + "=" + std::string(a.value));
        }
        std::sort(attrs.begin(), attrs.end());
        attrs.erase(std::unique(attrs.begin(), attrs.end()), attrs.end());
        for (const auto& a : attrs) {
            line += " " + a;
        }
        out.push_back(line);
    }
    for (graph::EdgeId e = 0; e < g.edge_count(); ++e) {
        out.push_back(std::string(g.label(g.source_of(e))) + " " +
                      std::string(graph::to_string(g.edge_kind(e))) + " " +
                      std::string(g.label(g.target_of(e))));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The streamed graph of `path` must be the graph the general Hub mapping makes of it: the same
// nodes, attributes and edges, and no repeated edge (canonical() drops repeats).
void check_same_as_general_mapping(const graph::FrozenGraph& streamed, const std::string& path) {
    const auto loaded = ingest::load_sources({path});
    const auto general = graph::freeze(loaded.graph);
    CHECK(canonical(streamed) == canonical(general));
    CHECK(streamed.edge_count() == general.edge_count());
    CHECK(streamed.node_count() == general.node_count());
}

// The snapshot of a build: equal bytes mean equal numbering of strings, nodes and edges.
std::string snapshot_bytes(ingest::HubStreamResult&& r) {
    const graph::FrozenGraph g(std::move(r.arrays));
    char path[] = "/tmp/medkg-snap-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    ::close(fd);
    g.write_snapshot(path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    ::unlink(path);
    return bytes.str();
}

std::string diagnostics_text(const ingest::HubStreamResult& r) {
    std::ostringstream out;
    r.diagnostics.print(out);
    return out.str();
}

// A dump of `lines` models with many distinct strings per chunk (authors, dates, datasets),
// bases that point back and forth, repeats, and lines of very different lengths.
std::string write_big_dump(int lines) {
    char path[] = "/tmp/medkg-big-XXXXXX.jsonl";
    const int fd = ::mkstemps(path, 6);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < lines; ++i) {
        out << R"({"id": "org)" << i % 997 << "/m-" << i << R"(", "author": "org)" << i % 997
            << R"(", "createdAt": "20)" << 10 + i % 13 << "-0" << 1 + i % 9 << "-1" << i % 10
            << R"(T00:00:00Z", "tags": [)";
        if (i > 0) {
            out << R"("base_model:finetune:org)" << (i / 3) % 997 << "/m-" << i / 3 << R"(", )";
        }
        out << R"("dataset:d/)" << i % 5003 << R"(", "license:mit"], "cardData": {"filler": ")"
            << std::string(static_cast<std::size_t>(i % 7 == 0 ? 3000 : i % 50), 'x') << R"("}})";
        if (i % 101 == 0) {
            out << "\n{broken";
        }
        out << (i + 1 < lines ? "\n" : ""); // no newline at the very end
    }
    return path;
}

} // namespace

TEST_CASE("ingest::build_from_hub_dump maps, reports and reconciles", "[ingest]") {
    const std::string path = write_dump();
    ingest::HubStreamOptions options;
    auto result = ingest::build_from_hub_dump(path, options);
    std::ostringstream messages;
    result.diagnostics.print(messages);
    const std::string m = messages.str();
    INFO(m);
    CHECK(result.lines == 14); // 15 lines, one blank
    CHECK(result.skipped == 6);
    CHECK(result.models == result.lines - result.skipped);
    CHECK(result.duplicates == 1);
    CHECK(result.dangling == 1);
    CHECK(m.find(path + ":8:2: error: invalid JSON") != std::string::npos);
    CHECK(m.find(path + ":9:1: error: Hub model has no string \"id\"") != std::string::npos);
    CHECK(m.find(path + ":10:1: error: invalid Hub model id") != std::string::npos);
    CHECK(m.find(path + ":11:1: error: expected a JSON object") != std::string::npos);
    CHECK(m.find(path + ":12:15: error: invalid JSON: text after the object") != std::string::npos);
    CHECK(m.find(path + ":13:1: error: invalid UTF-8") != std::string::npos);

    const graph::FrozenGraph g(std::move(result.arrays));
    const auto id = [&](const std::string& name) {
        const auto look = g.lookup(name);
        INFO(name);
        REQUIRE(look.status == graph::NameIndex::Status::found);
        return look.node;
    };
    const auto kind_of = [&](const std::string& from, const std::string& to) {
        for (const auto e : g.out_edges(id(from))) {
            if (g.target_of(e) == id(to)) {
                return std::optional<graph::EdgeKind>(g.edge_kind(e));
            }
        }
        return std::optional<graph::EdgeKind>();
    };
    CHECK(kind_of("hf:epfl-llm/meditron-7b", "hf:meta-llama/Llama-2-7b-hf") ==
          graph::EdgeKind::fine_tuned_from);
    CHECK(kind_of("hf:a/quant", "hf:epfl-llm/meditron-7b") == graph::EdgeKind::quantized_from);
    CHECK(kind_of("hf:a/merge", "hf:a/quant") == graph::EdgeKind::merged_from);
    CHECK(kind_of("hf:a/plain", "hf:epfl-llm/meditron-7b") == graph::EdgeKind::fine_tuned_from);
    CHECK(kind_of("hf:a/crlf", "hf:a/plain") == graph::EdgeKind::adapter_of);
    CHECK(kind_of("hf:a/last", "hf:a/crlf") == graph::EdgeKind::fine_tuned_from);
    CHECK(g.is_placeholder(id("hf:gone/missing")));
    CHECK(g.kind(id("arxiv:2311.16079")) == graph::NodeKind::paper);
    CHECK(g.attribute(id("hf:meta-llama/Llama-2-7b-hf"), graph::AttrKey::license) ==
          std::optional<std::string_view>("llama2"));
    CHECK(g.attribute(id("hf:a/plain"), graph::AttrKey::hf_id) ==
          std::optional<std::string_view>("a/plain"));
    // The inferred relation (no relation tag) is recorded with less confidence.
    const auto plain = g.out_edges(id("hf:a/plain"));
    bool inferred = false;
    for (auto e : plain) {
        if (g.edge_kind(e) == graph::EdgeKind::fine_tuned_from) {
            inferred = g.provenance(g.edge_provenance(e)[0]).confidence < 1.0F;
        }
    }
    CHECK(inferred);
    ::unlink(path.c_str());
}

TEST_CASE("ingest::build_from_hub_dump is the same whatever threads and chunks", "[ingest]") {
    const std::string path = write_dump();
    ingest::HubStreamOptions one;
    one.threads = 1;
    auto a = ingest::build_from_hub_dump(path, one);
    const graph::FrozenGraph ga(std::move(a.arrays));
    for (const std::size_t chunk : {std::size_t{16}, std::size_t{200}, std::size_t{4096}}) {
        for (const unsigned threads : {1U, 3U}) {
            ingest::HubStreamOptions o;
            o.threads = threads;
            o.chunk_bytes = chunk;
            auto b = ingest::build_from_hub_dump(path, o);
            std::ostringstream da;
            std::ostringstream db;
            a.diagnostics.print(da);
            b.diagnostics.print(db);
            CHECK(da.str() == db.str());
            const graph::FrozenGraph gb(std::move(b.arrays));
            CHECK(canonical(ga) == canonical(gb));
            CHECK(ga.node_count() == gb.node_count());
        }
    }
    ::unlink(path.c_str());
}

TEST_CASE("ingest::build_from_hub_dump numbers everything the same whatever the chunking",
          "[ingest]") {
    // More distinct strings in a chunk than a worker's first table holds, chunks shorter than a
    // line, malformed lines, no final newline: the snapshot is byte for byte the same.
    const std::string path = write_big_dump(40000);
    ingest::HubStreamOptions one;
    one.threads = 1;
    auto a = ingest::build_from_hub_dump(path, one);
    CHECK(a.models == 40000);
    CHECK(a.skipped == 397);
    CHECK(a.lines == a.models + a.skipped);
    const std::string diagnostics = diagnostics_text(a);
    const std::string expected = snapshot_bytes(std::move(a));
    for (const auto& [threads, chunk] : {std::pair{2U, std::size_t{1} << 10},
                                         std::pair{3U, std::size_t{4093}},
                                         std::pair{2U, std::size_t{1} << 16}}) {
        ingest::HubStreamOptions o;
        o.threads = threads;
        o.chunk_bytes = chunk;
        auto b = ingest::build_from_hub_dump(path, o);
        CHECK(diagnostics_text(b) == diagnostics);
        CHECK(snapshot_bytes(std::move(b)) == expected);
    }
    ::unlink(path.c_str());
}

TEST_CASE("ingest::build_from_hub_dump reads a pipe as it reads a file", "[ingest]") {
    const std::string path = write_dump();
    auto from_file = ingest::build_from_hub_dump(path, {});
    const std::string fifo = path + ".fifo.jsonl";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << k_dump; });
    ingest::HubStreamOptions small;
    small.chunk_bytes = 64; // many reads, most of them short
    auto from_pipe = ingest::build_from_hub_dump(fifo, small);
    writer.join();
    CHECK(from_pipe.lines == from_file.lines);
    CHECK(from_pipe.models == from_file.models);
    CHECK(diagnostics_text(from_pipe).size() > 0);
    // The diagnostics name the path read; otherwise they are the same.
    std::string expected = diagnostics_text(from_file);
    for (std::size_t at = 0; (at = expected.find(path, at)) != std::string::npos; at += fifo.size()) {
        expected.replace(at, path.size(), fifo);
    }
    CHECK(diagnostics_text(from_pipe) == expected);
    const graph::FrozenGraph gf(std::move(from_file.arrays));
    const graph::FrozenGraph gp(std::move(from_pipe.arrays));
    CHECK(canonical(gf) == canonical(gp));
    ::unlink(fifo.c_str());
    ::unlink(path.c_str());
}

TEST_CASE("ingest::open_source reads a pipe without a suffix by its content, read once", "[ingest]") {
    // Looking for a snapshot's magic used to read a pipe's first bytes away, and the rest was
    // "unrecognised".
    const std::string path = write_dump();
    const auto from_file = ingest::open_source(path)->read();
    const std::string fifo = path + ".fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    SECTION("a Hub dump") {
        std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << k_dump; });
        const auto from_pipe = ingest::open_source(fifo)->read();
        writer.join();
        CHECK(from_pipe.records_seen == from_file.records_seen);
        CHECK(from_pipe.records_skipped == from_file.records_skipped);
        CHECK(from_pipe.nodes.size() == from_file.nodes.size());
        CHECK(from_pipe.edges.size() == from_file.edges.size());
        CHECK(from_pipe.attributes.size() == from_file.attributes.size());
        CHECK(from_pipe.diagnostics.items().size() == from_file.diagnostics.items().size());
        CHECK(from_pipe.records_seen > 5);
    }
    SECTION("a snapshot, which is mapped, is refused with a reason") {
        const std::string snap = path + ".medkg";
        graph::FrozenGraph(ingest::build_from_hub_dump(path, {}).arrays).write_snapshot(snap);
        const std::string bytes = util::read_file(snap);
        REQUIRE(bytes.starts_with("MEDKGSNP"));
        std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << bytes; });
        try {
            (void)ingest::open_source(fifo)->read();
            FAIL("no error");
        } catch (const Error& e) {
            CHECK_THAT(e.what(), Catch::Contains(fifo) && Catch::Contains("regular file"));
        }
        writer.join();
        ::unlink(snap.c_str());
    }
    ::unlink(fifo.c_str());
    ::unlink(path.c_str());
}

TEST_CASE("ingest::build_from_hub_dump stops with an error when reading fails", "[ingest]") {
    // A directory opens but cannot be read: the worker's error reaches the caller, and every
    // thread is stopped (the test would hang or crash otherwise).
    char dir[] = "/tmp/medkg-dir-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    for (const unsigned threads : {1U, 2U, 4U}) {
        ingest::HubStreamOptions o;
        o.threads = threads;
        try {
            (void)ingest::build_from_hub_dump(dir, o);
            FAIL("no error");
        } catch (const Error& e) {
            CHECK_THAT(e.what(), Catch::Contains("cannot read") && Catch::Contains(dir));
        }
    }
    ::rmdir(dir);
}

TEST_CASE("ingest::build_from_hub_dump agrees with the general Hub mapping", "[ingest]") {
    const std::string path = write_dump();
    auto streamed = ingest::build_from_hub_dump(path, {});
    const graph::FrozenGraph gs(std::move(streamed.arrays));
    check_same_as_general_mapping(gs, path);
    ::unlink(path.c_str());
}

// Strings of every length from 0 to 40 at every offset against the 16-byte loads of the string
// scan, plain or with an escape at the start, middle or end, ASCII or not: the streaming reader
// must read each exactly as the general Hub mapping (RapidJSON's DOM) does.
TEST_CASE("ingest::build_from_hub_dump reads strings of every length and escape as the DOM does",
          "[ingest]") {
    // No escape that decodes to white space: names that differ only in white space are one
    // node in medkg, and that is the builders' business, not the scanner's.
    const std::vector<std::string> escapes = {"", R"(\")", R"(\\)", R"(\/)", R"(\u0041)", R"(\u00e9)",
                                              R"(\ud83d\ude00)", "\xC3\xA9", "\xE2\x82\xAC"};
    std::ostringstream dump;
    int line = 0;
    for (std::size_t length = 0; length <= 40; ++length) {
        for (std::size_t e = 0; e < escapes.size(); ++e) {
            // The escape at the start, the middle and the end of the run of plain bytes.
            for (const std::size_t at : {std::size_t{0}, length / 2, length}) {
                std::string text(length, 'a');
                for (std::size_t i = 0; i < length; ++i) {
                    text[i] = static_cast<char>('a' + (i * 7 + static_cast<std::size_t>(line)) % 26);
                }
                text.insert(at, escapes[e]);
                // The leading padding moves the strings across 16-byte boundaries.
                const std::string pad(static_cast<std::size_t>(line % 16), ' ');
                dump << "{" << pad << R"("id": "o/m-)" << line << R"(", "author": ")" << text
                     << R"(", "pipeline_tag": ")" << text << R"(x", "cardData": {"license": ")"
                     << text << R"("}})" << "\n";
                ++line;
            }
        }
    }
    const std::string path = write_jsonl(dump.str(), "strings");
    auto streamed = ingest::build_from_hub_dump(path, {});
    CHECK(streamed.skipped == 0);
    CHECK(streamed.models == static_cast<std::size_t>(line));
    INFO(diagnostics_text(streamed));
    const graph::FrozenGraph gs(std::move(streamed.arrays));
    check_same_as_general_mapping(gs, path);
    // One decoded value, checked by hand: line 30 has length 1, its plain byte e and \" before it.
    CHECK(gs.attribute(gs.lookup("hf:o/m-30").node, graph::AttrKey::license) ==
          std::optional<std::string_view>("\"e"));
    ::unlink(path.c_str());
}

// Bytes a JSON string may not hold raw, escapes that do not decode to UTF-8, and lines cut off:
// each bad line is a diagnostic at its line and column, and the lines around it are read.
TEST_CASE("ingest::build_from_hub_dump rejects control bytes, lone surrogates and cut lines",
          "[ingest]") {
    struct Case {
        std::string line;
        std::string message;
    };
    const std::string bad = R"({"id": "o/bad", "author": ")"; // the author's text: column 28
    const std::vector<Case> cases = {
        {bad + "ab\x01" "cd\"}", ":2:30: error: invalid JSON"},
        {bad + "abcdefghijklmnopqrstu\x1A\"}", ":2:49: error: invalid JSON"},
        {bad + "\x1F\"}", ":2:28: error: invalid JSON"},
        {bad + "a\tb\"}", ":2:29: error: invalid JSON"},
        {bad + R"(\udc00"})", ":2:1: error: invalid UTF-8 in a string"},
        {bad + R"(xx\ud800"})", ":2:30: error: invalid JSON"},
        // Cut off in a string, after a member, after a comma; with a CR or spaces before the LF.
        {bad + "abc", ":2:31: error: invalid JSON: missing a closing quotation mark"},
        {bad + "abc\r", ":2:31: error: invalid JSON: missing a closing quotation mark"},
        {bad + "abc\"", ":2:32: error: invalid JSON"},
        {bad + "abc\",  ", ":2:33: error: invalid JSON"},
        {R"({"id": "o/bad", "tags": ["a", )", ":2:30: error: invalid JSON"},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        INFO("case " << i);
        const std::string path =
            write_jsonl(R"({"id": "o/before"})" "\n" + c.line + "\n" R"({"id": "o/after"})" "\n", "control");
        auto r = ingest::build_from_hub_dump(path, {});
        const std::string m = diagnostics_text(r);
        INFO(m);
        CHECK(r.skipped == 1);
        CHECK(r.models == 2);
        CHECK(m.find(path + c.message) != std::string::npos);
        ::unlink(path.c_str());
    }
}

// A mapped file is parsed where it lies, except its end, which is copied with padding: files
// that end at a page boundary, with and without a final newline, with a long last line, must
// read every line.
TEST_CASE("ingest::build_from_hub_dump reads a file to its last line, however it ends", "[ingest]") {
    for (const std::size_t total : {std::size_t{4096}, std::size_t{8192}, std::size_t{3 * 4096}}) {
        for (const bool final_newline : {true, false}) {
            for (const std::size_t last_line : {std::size_t{40}, std::size_t{3000}}) {
                INFO(total << " bytes, final newline " << final_newline << ", last line " << last_line);
                // Lines of 100 bytes, then a last line of about last_line bytes that makes the
                // file exactly `total` bytes long.
                std::string text;
                int i = 0;
                const auto model = [&](std::size_t bytes, bool newline) {
                    std::string line = R"({"id": "o/m-)" + std::to_string(i++) + R"(", "author": ")";
                    const std::size_t tail = 2 + (newline ? 1 : 0);
                    REQUIRE(bytes > line.size() + tail);
                    line += std::string(bytes - line.size() - tail, 'x') + "\"}";
                    return line + (newline ? "\n" : "");
                };
                while (text.size() + 100 + last_line < total) {
                    text += model(100, true);
                }
                text += model(total - text.size(), final_newline);
                REQUIRE(text.size() == total);
                const std::string path = write_jsonl(text, "end");
                for (const std::size_t chunk : {std::size_t{64}, std::size_t{4000}, std::size_t{1} << 20}) {
                    ingest::HubStreamOptions o;
                    o.chunk_bytes = chunk;
                    auto r = ingest::build_from_hub_dump(path, o);
                    CHECK(r.skipped == 0);
                    CHECK(r.models == static_cast<std::size_t>(i));
                    INFO(diagnostics_text(r));
                    const graph::FrozenGraph g(std::move(r.arrays));
                    CHECK(g.lookup("hf:o/m-" + std::to_string(i - 1)).status ==
                          graph::NameIndex::Status::found);
                }
                ::unlink(path.c_str());
            }
        }
    }
}

// Hub ids name one repository whatever their ASCII case. A reference before the declaration, in
// another case; a repeated declaration in another case; a case-only variant of a dataset id,
// which is one dataset too.
TEST_CASE("ingest::build_from_hub_dump joins spellings of one id that differ in case", "[ingest]") {
    const std::string path = write_jsonl(
        R"({"id": "org/child", "tags": ["base_model:finetune:ORG/Base", "dataset:d/Set"]})" "\n"
        R"({"id": "Org/Base", "author": "Org"})" "\n"
        R"({"id": "org/other", "cardData": {"base_model": "org/base", "datasets": ["D/set"]}})" "\n"
        R"({"id": "ORG/BASE", "pipeline_tag": "text-generation"})" "\n",
        "case");
    auto streamed = ingest::build_from_hub_dump(path, {});
    CHECK(streamed.models == 4);
    CHECK(streamed.duplicates == 1);
    CHECK(streamed.dangling == 0);
    const graph::FrozenGraph gs(std::move(streamed.arrays));
    const auto base = gs.lookup("hf:org/base");
    REQUIRE(base.status == graph::NameIndex::Status::found);
    CHECK(gs.label(base.node) == "Org/Base"); // the first declared spelling
    CHECK_FALSE(gs.is_placeholder(base.node));
    CHECK(gs.in_edges(base.node).size() == 2);
    std::size_t models = 0;
    std::size_t datasets = 0;
    for (graph::NodeId n = 0; n < gs.node_count(); ++n) {
        models += gs.kind(n) == graph::NodeKind::model ? 1U : 0U;
        datasets += gs.kind(n) == graph::NodeKind::dataset ? 1U : 0U;
    }
    CHECK(models == 3);
    CHECK(datasets == 1);
    const auto set = gs.lookup("hf:D/SET");
    REQUIRE(set.status == graph::NameIndex::Status::found);
    CHECK(gs.label(set.node) == "d/Set"); // the first spelling
    CHECK(gs.attribute(set.node, graph::AttrKey::alias) == "D/set");
    check_same_as_general_mapping(gs, path);
    ::unlink(path.c_str());
}

// A model declared three times (once in another case) after a line that refers to it: its
// values and provenance come in the order of the lines, so the first value of a key (the one a
// query shows) is the first declaration's. The general mapping agrees on the values.
TEST_CASE("ingest::build_from_hub_dump keeps each node's values in the order they were met",
          "[ingest]") {
    const std::string path = write_jsonl(
        R"({"id": "org/child", "tags": ["base_model:finetune:org/base", "arxiv:2301.00001"]})" "\n"
        R"({"id": "org/base", "createdAt": "2023-01-02T00:00:00Z", "tags": ["license:mit"]})" "\n"
        R"({"id": "ORG/BASE", "createdAt": "2024-05-06T00:00:00Z", "tags": ["license:apache-2.0"]})" "\n"
        R"({"id": "org/base", "createdAt": "2025-01-01T00:00:00Z"})" "\n"
        R"({"id": "org/other", "tags": ["arxiv:2301.00001", "dataset:d/Set"], "author": "Org"})" "\n"
        R"({"id": "org/third", "tags": ["dataset:D/set"], "author": "org"})" "\n",
        "order");
    auto streamed = ingest::build_from_hub_dump(path, {});
    CHECK(streamed.duplicates == 2);
    const graph::FrozenGraph gs(std::move(streamed.arrays));
    const auto base = gs.lookup("hf:org/base");
    REQUIRE(base.status == graph::NameIndex::Status::found);
    CHECK(gs.attribute(base.node, graph::AttrKey::date) == "2023-01-02");
    CHECK(gs.attribute(base.node, graph::AttrKey::license) == "mit");
    std::vector<std::string> values;
    std::vector<std::uint32_t> lines;
    for (const auto& a : gs.attributes(base.node)) {
        if (a.key == graph::AttrKey::date || a.key == graph::AttrKey::license ||
            a.key == graph::AttrKey::alias) {
            values.push_back(std::string(graph::to_string(a.key)) + "=" + std::string(a.value));
            lines.push_back(gs.provenance(a.prov).line);
        }
    }
    CHECK(values == std::vector<std::string>{"date=2023-01-02", "license=mit", "alias=ORG/BASE",
                                             "date=2024-05-06", "license=apache-2.0",
                                             "date=2025-01-01"});
    CHECK(std::is_sorted(lines.begin(), lines.end()));
    std::vector<std::uint32_t> node_lines;
    for (const auto p : gs.node_provenance(base.node)) {
        node_lines.push_back(gs.provenance(p).line);
    }
    CHECK(node_lines == std::vector<std::uint32_t>{1, 2, 3, 4}); // referred to, then declared
    check_same_as_general_mapping(gs, path);
    ::unlink(path.c_str());
}

TEST_CASE("ingest::valid_hub_id: what names a Hub repository", "[ingest]") {
    for (const std::string& id : std::vector<std::string>{"org/name", "name", "Org-1/Name_2.v3", "a/b", std::string(200, 'x')}) {
        CHECK(ingest::valid_hub_id(id));
    }
    for (const std::string& id : std::vector<std::string>{"", "/name", "org/", "a/b/c", "org/a..b", "..", "org/ name",
                                 "org:x/name", "caf\xC3\xA9/x", std::string(201, 'x')}) {
        CHECK_FALSE(ingest::valid_hub_id(id));
    }
}

// Dataset names and authors, each case a dump whose datasets (or institutions) must come out as
// `expect` (label and alias=... attributes, sorted) by both readers. Hub dataset ids and user
// names are exact up to ASCII case: ids that fold alike for names of the curated lists (hyphens,
// underscores, case) are still two repositories or accounts. Dataset names are trimmed, as the
// general mapping trims them.
TEST_CASE("ingest::build_from_hub_dump tells Hub dataset ids and users apart as the general mapping does",
          "[ingest]") {
    struct Case {
        const char* what;
        const char* dump;
        std::vector<std::string> expect;
        bool model_namesake = false;
        graph::NodeKind kind = graph::NodeKind::dataset;
    };
    const std::vector<Case> cases = {
        {"a hyphen makes another id",
         R"({"id": "a/m1", "tags": ["dataset:org/data-set"]})" "\n"
         R"({"id": "a/m2", "tags": ["dataset:org/dataset"]})" "\n",
         {"org/data-set", "org/dataset"}},
        {"an underscore, a dot and a space-free case variant",
         R"({"id": "a/m1", "tags": ["dataset:org/med_qa", "dataset:org/med.qa"]})" "\n"
         R"({"id": "a/m2", "cardData": {"datasets": ["ORG/MED_QA", "org/medqa"]}})" "\n",
         {"org/med.qa", "org/med_qa alias=ORG/MED_QA", "org/medqa"}},
        {"two spellings in one line, cardData before the tags",
         R"({"id": "a/m1", "cardData": {"datasets": ["Org/Set"]}, "tags": ["dataset:org/set"]})" "\n",
         {"org/set alias=Org/Set"}},
        {"white space around a name",
         R"({"id": "a/m1", "tags": ["dataset: org/set "], "cardData": {"datasets": ["\torg/set", "  "]}})" "\n",
         {"org/set"}},
        {"a dataset named like a model",
         R"({"id": "org/x", "tags": ["dataset:org/x", "dataset:ORG/X"]})" "\n"
         R"({"id": "a/y", "tags": ["base_model:org/x", "dataset:org/x"]})" "\n",
         {"org/x alias=ORG/X"},
         true},
        {"a legacy id without a namespace",
         R"({"id": "a/m1", "tags": ["dataset:pubmed_qa"]})" "\n"
         R"({"id": "a/m2", "tags": ["dataset:PubMed_QA", "dataset:pubmedqa"]})" "\n",
         {"pubmed_qa alias=PubMed_QA", "pubmedqa"}},
        {"authors: a hyphen makes another account, case does not",
         R"({"id": "big-lab/m1", "author": "big-lab"})" "\n"
         R"({"id": "biglab/m2", "author": "biglab"})" "\n"
         R"({"id": "BigLab/m3", "author": "BigLab"})" "\n",
         {"big-lab", "biglab alias=BigLab"},
         false,
         graph::NodeKind::institution},
        {"authors taken from the id",
         R"({"id": "Org/m1"})" "\n"
         R"({"id": "org/m2", "author": "org"})" "\n"
         R"({"id": "o-rg/m3"})" "\n",
         {"Org alias=org", "o-rg"},
         false,
         graph::NodeKind::institution},
    };
    for (const auto& c : cases) {
        SECTION(c.what) {
            const std::string path = write_jsonl(c.dump, "datasets");
            auto streamed = ingest::build_from_hub_dump(path, {});
            CHECK(streamed.skipped == 0);
            const graph::FrozenGraph gs(std::move(streamed.arrays));
            std::vector<std::string> datasets;
            for (graph::NodeId n = 0; n < gs.node_count(); ++n) {
                if (gs.kind(n) != c.kind) {
                    continue;
                }
                std::string line(gs.label(n));
                for (const auto& a : gs.attributes(n)) {
                    if (a.key == graph::AttrKey::alias) {
                        line += " alias=" + std::string(a.value);
                    }
                }
                // The key, and the label as given, find the node, though others fold alike;
                // a model of the same id makes both ambiguous between the two.
                for (const std::string& name : {"hf:" + std::string(gs.label(n)), std::string(gs.label(n))}) {
                    const auto look = gs.lookup(name);
                    if (c.model_namesake) {
                        CHECK(look.status == graph::NameIndex::Status::ambiguous);
                        CHECK(std::count(look.candidates.begin(), look.candidates.end(), n) == 1);
                    } else {
                        CHECK(look.status == graph::NameIndex::Status::found);
                        CHECK(look.node == n);
                    }
                }
                datasets.push_back(line);
            }
            std::sort(datasets.begin(), datasets.end());
            CHECK(datasets == c.expect);
            check_same_as_general_mapping(gs, path);
            ::unlink(path.c_str());
        }
    }
}

// Base models, each case a dump whose derivation edges must come out as `expect` ("child kind
// parent confidence", sorted) from both readers, with `warnings` warnings: one edge per base
// and relation whatever the spellings, the first stated relation standing (a relation tag before
// base_model_relation), and a base that is no Hub id left out with a warning.
TEST_CASE("ingest::build_from_hub_dump reads base models as the general mapping does", "[ingest]") {
    struct Case {
        const char* what;
        const char* dump;
        std::vector<std::string> expect;
        std::size_t warnings = 0;
    };
    const std::vector<Case> cases = {
        {"a tag and cardData in another case",
         R"({"id": "a/y", "tags": ["base_model:finetune:Org/X"], "cardData": {"base_model": "org/x"}})" "\n",
         {"a/y fine_tuned_from Org/X 1.00"}},
        {"a relation tag stands before base_model_relation",
         R"({"id": "a/z", "tags": ["base_model:adapter:org/x"], "cardData": {"base_model": "org/x", "base_model_relation": "quantized"}})" "\n",
         {"a/z adapter_of org/x 1.00"}},
        {"base_model_relation states what a bare tag leaves open",
         R"({"id": "a/z", "tags": ["base_model:org/x", "base_model:org/y"], "cardData": {"base_model": "org/x", "base_model_relation": "quantized"}})" "\n",
         {"a/z fine_tuned_from org/y 0.90", "a/z quantized_from org/x 1.00"}},
        {"the first of two relation tags",
         R"({"id": "a/z", "tags": ["base_model:merge:org/x", "base_model:adapter:org/x"]})" "\n",
         {"a/z merged_from org/x 1.00"}},
        {"two relations in two spellings are two edges",
         R"({"id": "a/z", "tags": ["base_model:adapter:Org/X"], "cardData": {"base_model": "org/X", "base_model_relation": "quantized"}})" "\n",
         {"a/z adapter_of Org/X 1.00", "a/z quantized_from Org/X 1.00"}},
        {"a list in cardData is a merge",
         R"({"id": "a/m", "cardData": {"base_model": ["org/x", "org/y", "org/x"]}})" "\n",
         {"a/m merged_from org/x 1.00", "a/m merged_from org/y 1.00"}},
        {"no Hub id: white space, two slashes, '..', itself; an unknown relation word is warned of",
         R"({"id": "a/u", "tags": ["base_model:foo:org/x", "base_model:finetune:org/ x", "base_model:"], "cardData": {"base_model": ["a/b/c", "org/x..y", "a/u", "org/y"]}})" "\n",
         {"a/u fine_tuned_from org/x 0.90", "a/u merged_from org/y 1.00"},
         4},
        // One vocabulary: the spellings cards use, and the evidence of how a model was made.
        {"base_model_relation spelled as cards do",
         R"({"id": "a/q", "cardData": {"base_model": "org/x", "base_model_relation": "quantization"}})" "\n",
         {"a/q quantized_from org/x 1.00"}},
        {"a gguf tag makes a quantization",
         R"({"id": "a/g", "tags": ["gguf", "base_model:org/x"]})" "\n",
         {"a/g quantized_from org/x 0.90"}},
        {"library_name peft makes an adapter",
         R"({"id": "a/p", "library_name": "peft", "cardData": {"base_model": "org/x"}})" "\n",
         {"a/p adapter_of org/x 0.90"}},
        {"the card's library_name when the model has none",
         R"({"id": "a/p", "cardData": {"base_model": "org/x", "library_name": "peft"}})" "\n",
         {"a/p adapter_of org/x 0.90"}},
        {"quantized_by makes a quantization",
         R"({"id": "a/b", "cardData": {"base_model": "org/x", "quantized_by": "someone"}})" "\n",
         {"a/b quantized_from org/x 0.90"}},
        {"a mergekit tag makes a merge of one base",
         R"({"id": "a/k", "tags": ["mergekit", "merge"], "cardData": {"base_model": "org/x"}})" "\n",
         {"a/k merged_from org/x 0.90"}},
        {"an unknown base_model_relation is warned of and read from the evidence",
         R"({"id": "a/d", "tags": ["gguf"], "cardData": {"base_model": "org/x", "base_model_relation": "distillation"}})" "\n",
         {"a/d quantized_from org/x 0.90"},
         1},
    };
    for (const auto& c : cases) {
        SECTION(c.what) {
            const std::string path = write_jsonl(c.dump, "bases");
            const auto derivations = [](const graph::FrozenGraph& g) {
                std::vector<std::string> out;
                for (graph::EdgeId e = 0; e < g.edge_count(); ++e) {
                    if (!graph::is_derivation(g.edge_kind(e))) {
                        continue;
                    }
                    char confidence[16];
                    std::snprintf(confidence, sizeof confidence, "%.2f",
                                  static_cast<double>(g.provenance(g.edge_provenance(e).front()).confidence));
                    out.push_back(std::string(g.label(g.source_of(e))) + " " +
                                  std::string(graph::to_string(g.edge_kind(e))) + " " +
                                  std::string(g.label(g.target_of(e))) + " " + confidence);
                }
                std::sort(out.begin(), out.end());
                return out;
            };
            // The bases left out or read with an unknown relation word, as reported (the general
            // builder also warns of placeholders).
            const auto left_out = [](const util::Diagnostics& d) {
                std::vector<std::string> out;
                for (const auto& item : d.items()) {
                    if (item.message.find("is not a Hub id") != std::string::npos ||
                        item.message.find("unknown base-model relation") != std::string::npos) {
                        out.push_back(item.str());
                    }
                }
                return out;
            };
            auto streamed = ingest::build_from_hub_dump(path, {});
            CHECK(streamed.skipped == 0);
            const auto streamed_left_out = left_out(streamed.diagnostics);
            CHECK(streamed_left_out.size() == c.warnings);
            const graph::FrozenGraph gs(std::move(streamed.arrays));
            CHECK(derivations(gs) == c.expect);
            const auto loaded = ingest::load_sources({path});
            CHECK(left_out(loaded.diagnostics) == streamed_left_out);
            CHECK(derivations(graph::freeze(loaded.graph)) == c.expect);
            check_same_as_general_mapping(gs, path);
            ::unlink(path.c_str());
        }
    }
}

TEST_CASE("ingest::build_from_hub_dump can leave dangling references out", "[ingest]") {
    const std::string path = write_dump();
    ingest::HubStreamOptions o;
    o.dangling = ingest::DanglingPolicy::report;
    auto result = ingest::build_from_hub_dump(path, o);
    std::ostringstream messages;
    result.diagnostics.print(messages);
    CHECK(messages.str().find("base model \"gone/missing\" is not in the dump") != std::string::npos);
    const graph::FrozenGraph g(std::move(result.arrays));
    CHECK(g.lookup("hf:gone/missing").status == graph::NameIndex::Status::missing);
    CHECK(g.lookup("hf:a/merge").status == graph::NameIndex::Status::found);
    CHECK_THROWS(ingest::build_from_hub_dump("/nonexistent.jsonl", {}));
    ::unlink(path.c_str());
}

TEST_CASE("ingest::build_from_hub_dump keeps one string naming nodes of different kinds apart",
          "[ingest]") {
    // A dataset named like a model id, an author named like a pipeline tag.
    const std::string path = write_jsonl(
        R"({"id": "org/shared", "author": "text-generation", "pipeline_tag": "text-generation", "tags": ["dataset:org/shared"]})" "\n"
        R"({"id": "org/other", "tags": ["dataset:org/shared"], "cardData": {"base_model": "org/shared"}})" "\n",
        "kinds");
    auto streamed = ingest::build_from_hub_dump(path, {});
    const graph::FrozenGraph g(std::move(streamed.arrays));
    // Nodes: the two models, one dataset, two institutions ("org" from the second id), a task.
    REQUIRE(g.node_count() == 6);
    std::map<graph::NodeKind, int> kinds;
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        ++kinds[g.kind(n)];
    }
    CHECK(kinds[graph::NodeKind::model] == 2);
    CHECK(kinds[graph::NodeKind::dataset] == 1);
    CHECK(kinds[graph::NodeKind::institution] == 2);
    CHECK(kinds[graph::NodeKind::task] == 1);
    // Both models are trained on the one dataset; org/other derives from the model.
    const auto other = g.lookup("hf:org/other").node;
    const auto shared = g.lookup("hf:org/shared").node;
    std::size_t trained = 0;
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        for (const auto e : g.out_edges(n)) {
            if (g.edge_kind(e) == graph::EdgeKind::trained_on) {
                CHECK(g.kind(g.target_of(e)) == graph::NodeKind::dataset);
                ++trained;
            }
            if (n == other && g.edge_kind(e) == graph::EdgeKind::fine_tuned_from) {
                CHECK(g.target_of(e) == shared);
            }
        }
    }
    CHECK(trained == 2);
    check_same_as_general_mapping(g, path);
    ::unlink(path.c_str());
}
