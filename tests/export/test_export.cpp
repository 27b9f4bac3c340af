#include "export/blocks.hpp"
#include "export/dot.hpp"
#include "export/graphml.hpp"
#include "export/ids.hpp"
#include "export/render.hpp"
#include "tests/support/tiny_graph.hpp"
#include "util/atomic_file.hpp"

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdint>

#include <filesystem>
#include <streambuf>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace medkg;
using graph::EdgeKind;

TEST_CASE("exporter::slugify", "[export]") {
    auto [label, slug] = GENERATE(table<std::string, std::string>({
        {"ChatDoctor", "chatdoctor"},
        {"Llama 2", "llama-2"},
        {"Dr. Knows", "dr-knows"},
        {"A <&>\"'\\{} B", "a-b"},
        {"---", "node"},
        {"中", "ue4-ub8-uad"},
    }));
    CHECK(exporter::slugify(label) == slug);
}

TEST_CASE("exporter::node_slugs are unique and stable", "[export]") {
    test::TinyGraph t;
    t.node("BiomedGPT");
    t.g().add_node(graph::NodeKind::model, "BioMedGPT", t.prov());
    t.node("MedQA", graph::NodeKind::dataset);
    t.g().add_node(graph::NodeKind::model, "MedQA", t.prov());
    const auto slugs = exporter::node_slugs(t.frozen());
    CHECK(slugs == std::vector<std::string>{"biomedgpt", "biomedgpt--model", "medqa",
                                            "medqa--model"});
}

TEST_CASE("exporter::Slugs are the same for every number of threads", "[export]") {
    // Labels whose slugs collide, spread so that colliding nodes fall in different ranges of
    // nodes (each range is slugged on its own thread), plus non-ASCII and empty slugs.
    test::TinyGraph t;
    const std::vector<std::string> stems{"Llama 2", "llama-2", "LLAMA_2", "---", "Ünï", "ünï"};
    for (int i = 0; i < 300; ++i) {
        const auto kind = i % 3 == 0 ? graph::NodeKind::dataset : graph::NodeKind::model;
        const std::string label = i % 7 == 0 ? stems[static_cast<std::size_t>(i / 7) % stems.size()]
                                             : "Model " + std::to_string(i % 150);
        t.g().add_node(kind, label, t.prov());
    }
    const auto g = t.frozen();
    const exporter::Slugs one(g, 1);
    std::set<std::string> distinct;
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        distinct.insert(one(n));
    }
    CHECK(distinct.size() == g.node_count());
    CHECK(distinct.count("llama-2") == 1);
    CHECK(distinct.count("llama-2--model") == 1);
    CHECK(distinct.count("node") == 1);
    CHECK(distinct.count("uc3-u9c-n-uc3-uaf") == 1); // "Ünï": other bytes spelt in hex
    CHECK(distinct.count("uc3-u9c-n-uc3-uaf--model") == 1);
    for (const unsigned threads : {2U, 3U, 7U, 64U}) {
        const exporter::Slugs many(g, threads);
        for (graph::NodeId n = 0; n < g.node_count(); ++n) {
            INFO("threads " << threads << ", node " << n);
            REQUIRE(many(n) == one(n));
        }
    }
}

TEST_CASE("exporter::xml_escape and dot_quote", "[export]") {
    CHECK(exporter::xml_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
    CHECK(exporter::xml_escape(std::string("x\x01y")) == "x\xEF\xBF\xBDy");
    CHECK(exporter::dot_quote("say \"hi\" \\ {x}") == "\"say \\\"hi\\\" \\\\ {x}\"");
    CHECK(exporter::dot_quote("two\nlines") == "\"two\\nlines\"");
    CHECK(exporter::dot_quote("中文") == "\"中文\"");
}

TEST_CASE("exporter::write_graphml types every key and escapes names", "[export]") {
    test::TinyGraph t;
    t.base("LLaMA");
    t.node("Odd <&> \"name\"");
    t.edge("Odd <&> \"name\"", EdgeKind::fine_tuned_from, "LLaMA", "a.md:3");
    std::ostringstream out;
    exporter::write_graphml(out, t.frozen());
    const std::string xml = out.str();
    const std::regex key_re("<key [^>]*>");
    std::size_t keys = 0;
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), key_re); it != std::sregex_iterator();
         ++it) {
        ++keys;
        CHECK(it->str().find("attr.type=\"") != std::string::npos);
    }
    CHECK(keys >= 20);
    CHECK(xml.find("<data key=\"label\">Odd &lt;&amp;&gt; &quot;name&quot;</data>") !=
          std::string::npos);
    CHECK(xml.find("<data key=\"e_sources\">a.md:3</data>") != std::string::npos);
    CHECK(xml.find("source=\"odd-name\" target=\"llama\"") != std::string::npos);
    std::ostringstream again;
    exporter::write_graphml(again, t.frozen());
    CHECK(again.str() == xml);
}

TEST_CASE("exporter::write_dot styles by relation and keeps direction", "[export]") {
    test::TinyGraph t;
    t.base("GPT-3");
    t.base("ChatGPT");
    t.node("MedPrompt");
    t.node("GatorTronGPT");
    t.edge("ChatGPT", EdgeKind::fine_tuned_from, "GPT-3");
    t.edge("MedPrompt", EdgeKind::prompted_from, "ChatGPT");
    t.edge("GatorTronGPT", EdgeKind::pretrained_from, "GPT-3");
    t.g().add_attribute(t.id("MedPrompt"), graph::AttrKey::year, "2023", t.prov());
    t.g().add_attribute(t.id("GPT-3"), graph::AttrKey::year, "2020", t.prov());
    std::ostringstream out;
    exporter::write_dot(out, t.frozen(), {});
    const std::string dot = out.str();
    CHECK(dot.find("\"medprompt\" -> \"chatgpt\" [color=\"#6a9866\"") != std::string::npos);
    CHECK(dot.find("\"gatortrongpt\" -> \"gpt-3\" [color=\"#d98597\"") != std::string::npos);
    CHECK(dot.find("\"chatgpt\" -> \"gpt-3\" [color=\"#a6a6a6\"") != std::string::npos);
    CHECK(dot.find("\"year:2023\" -> \"year:2022\"") != std::string::npos);
    CHECK(dot.find("{ rank=same; \"year:2020\"; \"gpt-3\"; }") != std::string::npos);
    CHECK(dot.find("cluster_legend") != std::string::npos);
}

namespace {
// Writes item numbers, one per line, so that any block out of place or repeated shows.
void numbers(exporter::OutBuffer& out, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        out << i << '\n';
    }
}

// A stream buffer that accepts `room` bytes and then fails, like a full disk.
class FullDisk : public std::streambuf {
public:
    explicit FullDisk(std::size_t room) : m_room(room) {}
    std::size_t taken = 0;

protected:
    std::streamsize xsputn(const char*, std::streamsize n) override {
        const auto want = static_cast<std::size_t>(n);
        const std::size_t took = std::min(want, m_room - taken);
        taken += took;
        return static_cast<std::streamsize>(took);
    }
    int_type overflow(int_type c) override {
        if (taken == m_room) {
            return traits_type::eof();
        }
        ++taken;
        return traits_type::not_eof(c);
    }

private:
    std::size_t m_room;
};
} // namespace

TEST_CASE("exporter::write_in_blocks writes the blocks in order on any number of threads",
          "[export]") {
    auto [count, block] = GENERATE(table<std::size_t, std::size_t>({
        {0, 4}, {1, 4}, {10, 1}, {10, 3}, {1000, 7}, {1000, 1000}, {1000, 4096}, {20000, 64},
    }));
    std::ostringstream serial;
    {
        exporter::OutBuffer out(serial);
        numbers(out, 0, count);
    }
    for (const unsigned threads : {1U, 2U, 3U, 8U}) {
        std::ostringstream got;
        {
            exporter::OutBuffer out(got);
            out << std::string_view("head\n");
            exporter::write_in_blocks(out, count, numbers, {threads, block});
            out << std::string_view("tail\n");
        }
        INFO("count " << count << ", block " << block << ", threads " << threads);
        CHECK(got.str() == "head\n" + serial.str() + "tail\n");
    }
}

TEST_CASE("exporter::write_in_blocks stops on a failing block or a failing stream", "[export]") {
    const unsigned threads = GENERATE(1U, 2U, 4U);
    SECTION("an exception from one block reaches the caller") {
        std::ostringstream got;
        exporter::OutBuffer out(got);
        const auto failing = [](exporter::OutBuffer& o, std::size_t begin, std::size_t end) {
            if (begin <= 500 && 500 < end) {
                throw std::runtime_error("block failed");
            }
            numbers(o, begin, end);
        };
        CHECK_THROWS_WITH(exporter::write_in_blocks(out, 2000, failing, {threads, 10}),
                          "block failed");
        out.flush();
        // Nothing at or after the failing block was written.
        CHECK(got.str().find("\n500\n") == std::string::npos);
        CHECK(got.str().find("\n1999\n") == std::string::npos);
    }
    SECTION("a stream that fails ends the writing, and the caller sees the failed stream") {
        FullDisk disk(1000);
        std::ostream stream(&disk);
        {
            exporter::OutBuffer out(stream);
            exporter::write_in_blocks(out, 100000, numbers, {threads, 100});
        }
        CHECK(disk.taken == 1000);
        CHECK_FALSE(stream.good());
    }
}

namespace {
// A graph with some of everything, to be cut into many blocks: slugs that collide, names to
// escape, dates for the year axis, several kinds of nodes and edges, several sources per edge.
graph::FrozenGraph mixed_graph() {
    test::TinyGraph t;
    auto& g = t.g();
    const auto other = g.add_provenance({"other.md", 7, 2, "", "", "", {}, 0.5F});
    std::vector<graph::NodeId> nodes;
    for (int i = 0; i < 150; ++i) {
        const auto kind = i % 10 == 0   ? graph::NodeKind::base_model
                          : i % 7 == 0  ? graph::NodeKind::dataset
                          : i % 17 == 0 ? graph::NodeKind::paper
                                        : graph::NodeKind::model;
        std::string name = "Model " + std::to_string(i);
        if (i % 11 == 0) {
            name += " <&> \"q\" \\ 'x'\ny";
        }
        nodes.push_back(g.add_node(kind, name, t.prov()));
        if (i % 13 == 0) {
            nodes.push_back(g.add_node(graph::NodeKind::model, name + "!", t.prov()));
        }
        if (i % 3 == 0) {
            g.add_attribute(nodes.back(), graph::AttrKey::date,
                            "202" + std::to_string(i % 5) + "-0" + std::to_string(1 + i % 9) + "-02",
                            t.prov());
        }
    }
    const graph::EdgeKind kinds[] = {graph::EdgeKind::fine_tuned_from,
                                     graph::EdgeKind::pretrained_from,
                                     graph::EdgeKind::variant_of, graph::EdgeKind::trained_on,
                                     graph::EdgeKind::prompted_from};
    for (std::size_t i = 1; i < nodes.size(); ++i) {
        g.add_edge(nodes[i], kinds[i % 5], nodes[(i * 7919) % i], t.prov());
        if (i % 4 == 0) {
            g.add_edge(nodes[i], kinds[i % 5], nodes[(i * 7919) % i], other);
        }
    }
    return t.frozen();
}
} // namespace

TEST_CASE("exporter: GraphML and DOT bytes do not depend on threads or block size", "[export]") {
    const auto g = mixed_graph();
    std::vector<bool> some(g.node_count(), false);
    for (graph::NodeId n = 0; n < g.node_count(); n += 3) {
        some[n] = true;
    }
    const std::vector<bool>* const whole = nullptr;
    const std::vector<bool>* const part = &some;
    for (const std::vector<bool>* nodes : {whole, part}) {
        std::ostringstream graphml;
        exporter::write_graphml(graphml, g, nodes, {1, 1000000});
        exporter::DotOptions options;
        options.nodes = nodes;
        options.parallelism = {1, 1000000};
        std::ostringstream dot;
        exporter::write_dot(dot, g, options);
        REQUIRE(graphml.str().find("--model") != std::string::npos); // slugs did collide
        for (const unsigned threads : {2U, 3U, 7U}) {
            for (const std::size_t block : {std::size_t{1}, std::size_t{5}, std::size_t{64}}) {
                INFO("threads " << threads << ", block " << block << ", subgraph "
                                << (nodes != nullptr));
                std::ostringstream g2;
                exporter::write_graphml(g2, g, nodes, {threads, block});
                CHECK(g2.str() == graphml.str());
                options.parallelism = {threads, block};
                std::ostringstream d2;
                exporter::write_dot(d2, g, options);
                CHECK(d2.str() == dot.str());
            }
        }
    }
}

TEST_CASE("exporter: threads exporting a snapshot check its blocks as they read them",
          "[export]") {
    // A mapped snapshot is checked block by block on first read; the threads of one export
    // read it at once, without verify_all first, and must write what one thread writes.
    const auto g = mixed_graph();
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("medkg-export-" + std::to_string(::getpid()) + ".medkg"))
                                 .string();
    g.write_snapshot(path);
    std::ostringstream graphml;
    exporter::write_graphml(graphml, g, nullptr, {1, 1000000});
    std::ostringstream dot;
    exporter::write_dot(dot, g, {});
    for (const unsigned threads : {2U, 4U}) {
        const auto mapped = graph::FrozenGraph::open(path);
        std::ostringstream g2;
        exporter::write_graphml(g2, mapped, nullptr, {threads, 3});
        CHECK(g2.str() == graphml.str());
        exporter::DotOptions options;
        options.parallelism = {threads, 3};
        std::ostringstream d2;
        exporter::write_dot(d2, graph::FrozenGraph::open(path), options);
        CHECK(d2.str() == dot.str());
    }
    std::filesystem::remove(path);
}

TEST_CASE("exporter::render_dot refuses what it cannot do", "[export]") {
    CHECK(exporter::render_format_for("x.SVG") == "svg");
    CHECK(exporter::render_format_for("x.png") == "png");
    CHECK(exporter::render_format_for("x.gif").empty());
    CHECK(exporter::render_format_for("dir.svg/x").empty());
    CHECK_THROWS_WITH(exporter::render_dot("digraph {}", "/tmp/out.gif"),
                      Catch::Contains("unsupported extension"));
}

TEST_CASE("util::write_file_atomically writes a pipe in place, never renaming over it",
          "[export]") {
    // /dev/null and FIFOs are outputs too: a rename would replace them with a regular file.
    char dir[] = "/tmp/medkg-fifo-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    const std::string fifo = std::string(dir) + "/out";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        std::ostringstream all;
        all << in.rdbuf();
        received = all.str();
    });
    const std::string big(3 << 20, 'x'); // larger than any buffer: the direct-write path too
    util::write_file_atomically(fifo, [&](std::ostream& out) { out << "head\n" << big; });
    reader.join();
    CHECK(received == "head\n" + big);
    struct stat st {};
    REQUIRE(::stat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK(util::is_special_file(fifo));
    CHECK_FALSE(util::is_special_file(std::string(dir)));
    CHECK_FALSE(util::is_special_file(std::string(dir) + "/missing"));
    ::unlink(fifo.c_str());
    ::rmdir(dir);
}

TEST_CASE("util::write_fully writes every byte in pieces, at a position or an offset",
          "[export]") {
    char path[] = "/tmp/medkg-pieces-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    std::string data(100000, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<char>('a' + (i * 7) % 26);
    }
    const auto contents = [&] {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream all;
        all << in.rdbuf();
        return all.str();
    };
    // Pieces that divide the data, that do not, and larger than it.
    for (const std::size_t piece : {std::size_t{1}, std::size_t{4096}, std::size_t{7777},
                                    util::k_snapshot_write_piece, SIZE_MAX}) {
        CAPTURE(piece);
        REQUIRE(::ftruncate(fd, 0) == 0);
        REQUIRE(::lseek(fd, 0, SEEK_SET) == 0);
        const std::size_t first = piece == 1 ? 300 : data.size(); // one byte a call: keep it short
        CHECK(util::write_fully(fd, data.data(), first, -1, piece) == 0);
        CHECK(contents() == data.substr(0, first));
        // At an offset past the end: the gap reads as zeros, the position is not moved.
        const std::size_t second = piece == 1 ? 10 : 20000;
        CHECK(util::write_fully(fd, data.data(), second, static_cast<std::int64_t>(first + 5),
                                piece) == 0);
        CHECK(contents() == data.substr(0, first) + std::string(5, '\0') + data.substr(0, second));
        CHECK(::lseek(fd, 0, SEEK_CUR) == static_cast<off_t>(first));
    }
    ::close(fd);
    ::unlink(path);
    CHECK(util::write_fully(fd, data.data(), 10) == EBADF); // a closed descriptor: its errno
}

TEST_CASE("util::read_fully reads every byte at an offset, or says why not", "[export]") {
    char path[] = "/tmp/medkg-read-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    std::string data(70000, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<char>('a' + (i * 11) % 26);
    }
    REQUIRE(util::write_fully(fd, data.data(), data.size()) == 0);
    for (const auto& [offset, n] : std::vector<std::pair<std::size_t, std::size_t>>{
             {0, 0}, {0, 70000}, {12345, 1}, {4095, 40000}, {69999, 1}}) {
        CAPTURE(offset, n);
        std::string got(n, '\0');
        CHECK(util::read_fully(fd, got.data(), n, offset) == 0);
        CHECK(got == data.substr(offset, n));
    }
    std::string past(10, '\0');
    CHECK(util::read_fully(fd, past.data(), past.size(), 69995) == EIO); // the file ends first
    ::close(fd);
    ::unlink(path);
    CHECK(util::read_fully(fd, past.data(), past.size(), 0) == EBADF);
}

TEST_CASE("util::write_file_atomically keeps the old file when writing fails", "[export]") {
    char dir[] = "/tmp/medkg-atomic-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    const std::string path = std::string(dir) + "/out.txt";
    util::write_file_atomically(path, [](std::ostream& out) { out << "old"; });
    CHECK_THROWS_WITH(util::write_file_atomically(path,
                                                  [](std::ostream& out) {
                                                      out << "partial";
                                                      throw std::runtime_error("stop");
                                                  }),
                      "stop");
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    CHECK(text == "old");
    // No temporary file is left beside it.
    std::size_t entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        (void)e;
        ++entries;
    }
    CHECK(entries == 1);
    ::unlink(path.c_str());
    ::rmdir(dir);
}
