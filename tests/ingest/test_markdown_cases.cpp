// The list reader tested by data: every tests/ingest/markdown/cases/NAME.md beside NAME.facts, the
// facts it must yield in the reader's text form (nodes, aliases, attributes, edges with method,
// confidence and evidence, diagnostics). MEDKG_UPDATE_GOLDEN=1 rewrites the .facts files; review
// their diff as code. Fuzz findings are kept here as cases too (fuzz-*.md).
#include "ingest/markdown/reader.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace medkg;

namespace {

const std::filesystem::path k_cases =
    std::filesystem::path(MEDKG_TEST_DATA_DIR).parent_path() / "ingest" / "markdown" / "cases";

/// The facts of a batch in a stable text form, one fact a line.
std::string facts_text(const ingest::MarkdownRead& r) {
    const auto& b = r.batch;
    std::string out;
    char conf[16];
    for (std::size_t i = 0; i < b.nodes.size(); ++i) {
        const auto& n = b.nodes[i];
        out += "node " + std::to_string(i) + " " + std::string(graph::to_string(n.kind)) + " [" +
               n.name + "] line " + std::to_string(n.origin.line) +
               (n.named_as_base ? " named-as-base" : "") + "\n";
    }
    for (const auto& a : b.aliases) {
        out += "alias " + std::to_string(a.subject) + " [" + a.alias + "]\n";
    }
    for (const auto& a : b.attributes) {
        out += "attr " + std::to_string(a.subject) + " " + std::string(graph::to_string(a.key)) +
               " [" + a.value + "]\n";
    }
    for (const auto& e : b.edges) {
        std::snprintf(conf, sizeof conf, "%.2f", static_cast<double>(e.origin.confidence));
        out += "edge " + std::to_string(e.subject) + " " + std::string(graph::to_string(e.kind)) +
               " [" + e.target + "] " + std::string(graph::to_string(e.origin.method)) + " " +
               conf + " line " + std::to_string(e.origin.line) + " {" + e.origin.evidence + "}\n";
    }
    for (const auto& s : r.sections) {
        if (s.path.empty() && s.items_not_read == 0) {
            continue;
        }
        out += "section [" + s.path + "] line " + std::to_string(s.line) +
               (s.read ? "" : " not-read") +
               (s.items_not_read ? " items-not-read " + std::to_string(s.items_not_read) : "") +
               (s.not_read_reason.empty() ? "" : " {" + s.not_read_reason + "}") + "\n";
    }
    out += "records " + std::to_string(b.records_seen) + " skipped " +
           std::to_string(b.records_skipped) + "\n";
    for (const auto& d : b.diagnostics.items()) {
        out += d.str() + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("ingest::read_markdown_list: the case files", "[ingest][markdown][cases]") {
    std::vector<std::filesystem::path> cases;
    for (const auto& entry : std::filesystem::directory_iterator(k_cases)) {
        if (entry.path().extension() == ".md") {
            cases.push_back(entry.path());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 10);
    const bool update = std::getenv("MEDKG_UPDATE_GOLDEN") != nullptr;
    for (const auto& md : cases) {
        const auto name = md.stem().string();
        DYNAMIC_SECTION(name) {
            const auto got = facts_text(
                ingest::read_markdown_detailed(util::read_file(md.string()), name + ".md"));
            auto expected_path = md;
            expected_path.replace_extension(".facts");
            if (update) {
                std::ofstream(expected_path) << got;
                continue;
            }
            REQUIRE(std::filesystem::exists(expected_path));
            const auto expected = util::read_file(expected_path.string());
            if (got != expected) {
                auto actual = md;
                actual.replace_extension(".facts.actual");
                std::ofstream(actual) << got;
                FAIL("facts differ: diff -u " << expected_path.string() << " " << actual.string()
                                              << " (MEDKG_UPDATE_GOLDEN=1 rewrites them)");
            }
        }
    }
}
