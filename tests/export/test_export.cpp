#include "export/dot.hpp"
#include "export/graphml.hpp"
#include "export/ids.hpp"
#include "export/render.hpp"
#include "tests/support/tiny_graph.hpp"
#include "util/atomic_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
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
