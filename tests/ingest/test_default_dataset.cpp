#include "ingest/source.hpp"
#include "tests/support/paths.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

using namespace medkg;

TEST_CASE("ingest default dataset loads without errors or placeholders", "[ingest]") {
    const auto loaded = ingest::load_sources({});
    std::ostringstream messages;
    loaded.diagnostics.print(messages);
    INFO(messages.str());
    CHECK(loaded.diagnostics.empty());
    REQUIRE(loaded.stats.size() == 1);
    const auto& s = loaded.stats[0];
    CHECK(s.records_skipped == 0);
    CHECK(s.placeholders == 0);
    CHECK(s.records_seen == s.nodes_created + s.nodes_merged);
    CHECK(loaded.graph.node_count() >= 75);
}

TEST_CASE("ingest default dataset: every fact cites a source that exists", "[ingest]") {
    const auto loaded = ingest::load_sources({});
    const auto& g = loaded.graph;
    std::set<std::string> checked;
    for (graph::ProvId p = 0; p < g.provenance_count(); ++p) {
        const auto& prov = g.provenance(p);
        const std::string cites(g.str(prov.cites));
        if (prov.method == graph::Method::name) {
            continue; // made by medkg from a name, not cited
        }
        INFO("provenance " << p << " at line " << prov.line);
        REQUIRE_FALSE(cites.empty());
        if (cites.starts_with("http")) {
            continue;
        }
        // "corpus/<path>[:line]": the file exists and has that line.
        REQUIRE(cites.starts_with("corpus/"));
        const auto colon = cites.rfind(':');
        const bool has_line = colon != std::string::npos &&
                              cites.find_first_not_of("0123456789", colon + 1) == std::string::npos;
        const std::string file = has_line ? cites.substr(0, colon) : cites;
        if (!checked.insert(cites).second) {
            continue;
        }
        const std::string path = test::corpus_path(file.substr(7));
        std::ifstream in(path);
        INFO(cites);
        REQUIRE(in.good());
        if (has_line) {
            const auto line = std::stoul(cites.substr(colon + 1));
            std::size_t count = 0;
            std::string text;
            while (count < line && std::getline(in, text)) {
                ++count;
            }
            CHECK(count == line);
        }
    }
}
