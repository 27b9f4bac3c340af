#include "ingest/json_entries.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace medkg;
using ingest::read_json_entries;

namespace {

std::string wrap(const std::string& entries) {
    return "{\"medkg_entries\": 1, \"sources\": [{\"id\": \"S\", \"file\": \"x.md\"}],\n"
           "\"entries\": [\n" +
           entries + "\n]}";
}

std::string all_messages(const ingest::FactBatch& b) {
    std::string out;
    for (const auto& d : b.diagnostics.items()) {
        out += d.str() + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("ingest::read_json_entries reads a valid file", "[ingest]") {
    const auto b = read_json_entries(wrap(R"({"kind": "model", "name": "ChatDoctor", "source": "S:192",
 "aliases": ["Chat Doctor"], "attributes": {"year": 2023, "venue": [{"value": "Cureus", "source": "S:5"}]},
 "relations": [{"relation": "fine_tuned_from", "target": "LLaMA", "evidence": "on LLaMA", "confidence": 0.9}]})"),
                                     "e.json");
    INFO(all_messages(b));
    CHECK(b.diagnostics.empty());
    CHECK(b.records_seen == 1);
    CHECK(b.records_skipped == 0);
    REQUIRE(b.nodes.size() == 1);
    CHECK(b.nodes[0].name == "ChatDoctor");
    CHECK(b.nodes[0].origin.line == 3);
    CHECK(b.nodes[0].origin.column == 1);
    CHECK(b.nodes[0].origin.cites == "x.md:192");
    REQUIRE(b.aliases.size() == 1);
    REQUIRE(b.attributes.size() == 2);
    CHECK(b.attributes[0].value == "2023");
    CHECK(b.attributes[1].origin.cites == "x.md:5");
    REQUIRE(b.edges.size() == 1);
    CHECK(b.edges[0].kind == graph::EdgeKind::fine_tuned_from);
    CHECK(b.edges[0].origin.confidence == Approx(0.9));
    CHECK(b.edges[0].origin.evidence == "on LLaMA");
    CHECK(b.edges[0].origin.cites == "x.md:192");
}

TEST_CASE("ingest::read_json_entries reports bad input with its location", "[ingest]") {
    // input, expected message fragment, expected "line:col", entries skipped
    auto [input, fragment, where, skipped] = GENERATE(table<std::string, std::string, std::string, int>({
        {"", "the file is empty", "e.json:1:1", 0},
        {"   \n", "the file is empty", "e.json:1:1", 0},
        {"{\"medkg_entries\": 1, \"entries\": [", "malformed JSON", "e.json:1:", 0},
        {"[1, 2]", "expected a JSON object at the top level", "e.json:1:1", 0},
        {"{\"entries\": []}", "missing member \"medkg_entries\"", "e.json:1:1", 0},
        {"{\"medkg_entries\": 2, \"entries\": []}", "unsupported \"medkg_entries\" version", "e.json:1:19", 0},
        {"{\"medkg_entries\": 1, \"entries\": {}}", "\"entries\" must be an array", "e.json:1:33", 0},
        {wrap(R"({"kind": "modle", "name": "X", "source": "S"})"), "unknown kind \"modle\" (expected one of: model, base_model", "e.json:3:10", 1},
        {wrap(R"({"kind": 5, "name": "X", "source": "S"})"), "unknown kind a number", "e.json:3:10", 1},
        {wrap(R"({"kind": "model", "name": "  ", "source": "S"})"), "entry name is empty", "e.json:3:27", 1},
        {wrap(R"({"kind": "model", "name": ["X"], "source": "S"})"), "\"name\" must be a string, found an array", "e.json:3:27", 1},
        {wrap(R"({"kind": "model", "name": "X"})"), "has no \"source\"", "e.json:3:1", 1},
        {wrap(R"({"kind": "model", "name": "X", "source": "T:1"})"), "unknown source \"T\" (declared: S)", "e.json:3:42", 1},
        {wrap(R"({"kind": "model", "name": "X", "source": "S:0"})"), "must be a positive number", "e.json:3:42", 1},
        {wrap(R"({"kind": "model", "name": "X", "source": "S", "relations": [{"relation": "finetuned", "target": "Y"}]})"),
         "unknown relation \"finetuned\" (expected one of: fine_tuned_from,", "e.json:3:74", 0},
        {wrap(R"({"kind": "model", "name": "X", "source": "S", "relations": [{"relation": "fine_tuned_from"}]})"),
         "relation needs a non-empty string \"target\"", "e.json:3:61", 0},
        {wrap(R"({"kind": "model", "name": "X", "source": "S", "relations": [{"relation": "fine_tuned_from", "target": "Y", "confidence": 2}]})"),
         "\"confidence\" must be a number from 0 to 1", "e.json:3:", 0},
        {wrap(R"({"kind": "model", "name": "X", "source": "S", "attributes": {"size": "7B"}})"),
         "unknown attribute \"size\" (expected one of: parameters,", "e.json:3:62", 0},
        {wrap(R"({"kind": "model", "name": "X", "source": "S", "attributes": {"year": true}})"),
         "must be a non-empty string or a number, found a boolean", "e.json:3:70", 0},
        {wrap(R"({"kind": "model", "name": "X", "source": "S", "colour": "red"})"),
         "unknown member \"colour\" in an entry", "e.json:3:47", 0},
        {wrap("{\"kind\": \"model\", \"name\": \"bad \xC3\x28 utf8\", \"source\": \"S\"}"), "invalid UTF-8", "e.json:3:", 0},
        {wrap(R"({"kind": "model", "name": "X", "source": "S", "relations": [{"relation": "fine_tuned_from", "target": "Y", "method": "guess"}]})"),
         "unknown method \"guess\"", "e.json:3:", 0},
        {std::string(200, '[') , "nesting deeper than", "e.json:1:", 0},
    }));
    const auto b = read_json_entries(input, "e.json");
    const std::string messages = all_messages(b);
    INFO(messages);
    REQUIRE(b.diagnostics.has_errors());
    CHECK(messages.find(fragment) != std::string::npos);
    CHECK(messages.find(where) != std::string::npos);
    CHECK(b.records_skipped == static_cast<std::size_t>(skipped));
    // Counts reconcile: every entry seen is a node fact or skipped.
    CHECK(b.records_seen == b.nodes.size() + b.records_skipped);
}

TEST_CASE("ingest::read_json_entries keeps going after a bad entry", "[ingest]") {
    const auto b = read_json_entries(
        wrap(R"({"kind": "modle", "name": "A", "source": "S"},
{"kind": "model", "name": "B", "source": "S"},
"not an entry",
{"kind": "model", "name": "C", "source": "S"})"),
        "e.json");
    CHECK(b.records_seen == 4);
    CHECK(b.records_skipped == 2);
    REQUIRE(b.nodes.size() == 2);
    CHECK(b.nodes[0].name == "B");
    CHECK(b.nodes[1].name == "C");
    CHECK(b.diagnostics.count(util::Severity::error) == 2);
}

TEST_CASE("ingest::read_json_entries keeps names with markup characters", "[ingest]") {
    const auto b = read_json_entries(
        wrap(R"({"kind": "model", "name": "A <&>\"'\\{} B", "source": "S"})"), "e.json");
    REQUIRE(b.nodes.size() == 1);
    CHECK(b.nodes[0].name == "A <&>\"'\\{} B");
}
