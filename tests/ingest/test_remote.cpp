// Remote sources against a real HTTP server on 127.0.0.1 (tests/remote/hub_server.py).
#include "ingest/cache.hpp"
#include "ingest/fetch.hpp"
#include "ingest/source.hpp"
#include "tests/support/fixture_server.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

using namespace medkg;

namespace {

ingest::FetchOptions fast_options(const test::FixtureServer& server) {
    ingest::FetchOptions o;
    o.cache_dir = server.dir() + "/cache";
    o.timeout_ms = 1000;
    o.connect_timeout_ms = 1000;
    o.max_retries = 2;
    o.backoff_ms = 50;
    o.max_backoff_ms = 2000;
    return o;
}

graph::NodeId find(const graph::KnowledgeGraph& g, const std::string& name) {
    const auto look = g.lookup(name);
    INFO(name);
    REQUIRE(look.status == graph::NameIndex::Status::found);
    return look.node;
}

std::optional<graph::EdgeKind> edge_between(const graph::KnowledgeGraph& g, graph::NodeId from,
                                            graph::NodeId to) {
    for (auto [it, end] = boost::out_edges(from, g.graph()); it != end; ++it) {
        if (g.target_of(*it) == to) {
            return g.edge_kind(*it);
        }
    }
    return std::nullopt;
}

} // namespace

TEST_CASE("ingest::Fetcher caches, revalidates and works offline", "[ingest][remote]") {
    test::FixtureServer server;
    const std::string url = server.url("/api/models/epfl-llm/meditron-7b");
    {
        ingest::Fetcher f(fast_options(server));
        const auto r = f.get(url);
        CHECK(r.body.find("meditron-7b") != std::string::npos);
        CHECK_FALSE(r.from_cache);
        CHECK(f.stats().bodies == 1);
    }
    {
        ingest::Fetcher f(fast_options(server));
        const auto r = f.get(url);
        CHECK(r.from_cache);
        CHECK(f.stats().bodies == 0);
        CHECK(f.stats().not_modified == 1);
    }
    {
        auto o = fast_options(server);
        o.offline = true;
        ingest::Fetcher f(o);
        CHECK(f.get(url).from_cache);
        CHECK(f.stats().requests == 0);
        CHECK_THROWS_WITH(f.get(server.url("/api/models/epfl-llm/meditron-70b")),
                          Catch::Contains("offline") && Catch::Contains("not in the cache"));
    }
    CHECK(server.count("\"status\": 200") == 1);
    CHECK(server.count("\"status\": 304") == 1);
    CHECK(server.count("\"ua\": \"medkg/") == 2);
}

TEST_CASE("ingest::Fetcher handles every network fault", "[ingest][remote]") {
    test::FixtureServer server;
    ingest::Fetcher f(fast_options(server));
    std::vector<std::string> log;

    SECTION("404 is an error without retries") {
        CHECK_THROWS_WITH(f.get(server.url("/fault/404")), Catch::Contains("HTTP 404"));
        CHECK(f.stats().requests == 1);
    }
    SECTION("500 then success is a recorded retry") {
        const auto r = f.get(server.url("/fault/500-then-ok"));
        CHECK(r.attempts == 2);
        CHECK(f.stats().retries == 1);
    }
    SECTION("429 honours Retry-After") {
        const auto start = std::chrono::steady_clock::now();
        const auto r = f.get(server.url("/fault/429"));
        const auto waited = std::chrono::steady_clock::now() - start;
        CHECK(r.attempts == 2);
        CHECK(waited >= std::chrono::milliseconds(900));
    }
    SECTION("persistent 503 gives up after the retries") {
        CHECK_THROWS_WITH(f.get(server.url("/fault/always-503")),
                          Catch::Contains("HTTP 503") && Catch::Contains("after 3 attempts"));
        CHECK(f.stats().retries == 2);
    }
    SECTION("a stalled server times out") {
        CHECK_THROWS_WITH(f.get(server.url("/fault/stall")), Catch::Contains("imeout"));
    }
    SECTION("a truncated body is an error and is never cached") {
        const std::string url = server.url("/fault/truncated");
        CHECK_THROWS_WITH(f.get(url), Catch::Contains("truncated"));
        ingest::HttpCache cache(server.dir() + "/cache");
        CHECK_FALSE(cache.load(url));
        CHECK(::access(cache.path_for(url).c_str(), F_OK) != 0);
    }
    SECTION("a redirect loop stops") {
        CHECK_THROWS_WITH(f.get(server.url("/fault/redirect-loop")),
                          Catch::Contains("redirects"));
    }
    SECTION("an oversized body is refused") {
        auto o = fast_options(server);
        o.max_bytes = 1 << 20;
        ingest::Fetcher small(o);
        CHECK_THROWS_WITH(small.get(server.url("/fault/oversized")),
                          Catch::Contains("larger than the limit"));
    }
    SECTION("a connection refused is an error") {
        CHECK_THROWS_WITH(f.get("http://127.0.0.1:1/nothing"), Catch::Contains("cannot fetch"));
    }
}

TEST_CASE("ingest::HttpCache never trusts a corrupt entry", "[ingest][remote]") {
    test::FixtureServer server;
    const std::string url = server.url("/api/models/epfl-llm/meditron-7b");
    auto o = fast_options(server);
    { ingest::Fetcher(o).get(url); }
    ingest::HttpCache cache(o.cache_dir);
    const std::string path = cache.path_for(url);
    // The file name is a digest, never a path built from the URL.
    CHECK(path.find("meditron") == std::string::npos);
    std::string data = util::read_file(path);
    data[data.size() - 5] ^= 0x20; // flip a bit of the body
    std::ofstream(path, std::ios::binary) << data;
    ingest::Fetcher again(o);
    const auto r = again.get(url);
    CHECK(again.stats().corrupt_entries == 1);
    CHECK(again.stats().bodies == 1); // refetched, not revalidated
    CHECK(r.body.find("meditron-7b") != std::string::npos);
    CHECK(cache.load(url)); // and stored whole again
}

TEST_CASE("ingest hf: sources follow ancestors and descendants", "[ingest][remote]") {
    test::FixtureServer server;
    ingest::SourceOptions so;
    so.fetch = fast_options(server);
    so.hub.endpoint = server.endpoint();

    SECTION("ancestors from the chat fine-tune reach Llama 2") {
        so.hub.ancestors = true;
        const auto loaded = ingest::load_sources({"hf:malhajar/meditron-7b-chat"}, so);
        const auto& g = loaded.graph;
        const auto chat = find(g, "hf:malhajar/meditron-7b-chat");
        const auto meditron = find(g, "hf:epfl-llm/meditron-7b");
        const auto llama = find(g, "hf:meta-llama/Llama-2-7b-hf");
        CHECK(edge_between(g, chat, meditron) == graph::EdgeKind::fine_tuned_from);
        CHECK(edge_between(g, meditron, llama) == graph::EdgeKind::fine_tuned_from);
        CHECK_FALSE(g.is_placeholder(llama));
        CHECK(g.kind(find(g, "hellaswag (10-shot)")) == graph::NodeKind::dataset);
        CHECK(g.kind(find(g, "malhajar")) == graph::NodeKind::institution);
        CHECK(g.kind(find(g, "arxiv:2311.16079")) == graph::NodeKind::paper);
        CHECK(server.count("/api/models/") == 3);
    }
    SECTION("descendants find the quantization, adapter and merge, across pages") {
        so.hub.descendants = true;
        const auto loaded = ingest::load_sources({"hf:epfl-llm/meditron-7b"}, so);
        const auto& g = loaded.graph;
        const auto meditron = find(g, "hf:epfl-llm/meditron-7b");
        CHECK(edge_between(g, find(g, "hf:medkg-fixtures/meditron-7b-GGUF"), meditron) ==
              graph::EdgeKind::quantized_from);
        CHECK(edge_between(g, find(g, "hf:medkg-fixtures/meditron-7b-lora"), meditron) ==
              graph::EdgeKind::adapter_of);
        const auto merge = find(g, "hf:medkg-fixtures/meditron-chat-merge");
        CHECK(edge_between(g, merge, meditron) == graph::EdgeKind::merged_from);
        CHECK(edge_between(g, merge, find(g, "hf:malhajar/meditron-7b-chat")) ==
              graph::EdgeKind::merged_from);
        CHECK(server.count("page=2") >= 1); // followed Link rel="next"
    }
    SECTION("the token goes to the endpoint and nowhere into the cache") {
        so.fetch.bearer_token = "secret-token-123";
        so.fetch.log = [](const std::string& line) {
            CHECK(line.find("secret-token-123") == std::string::npos);
        };
        const auto loaded = ingest::load_sources({"hf:epfl-llm/meditron-7b"}, so);
        CHECK(server.count("\"auth\": true") == 1);
        ingest::HttpCache cache(so.fetch.cache_dir);
        const auto entry = util::read_file(cache.path_for(server.url("/api/models/epfl-llm/meditron-7b")));
        CHECK(entry.find("secret-token-123") == std::string::npos);
    }
    SECTION("an unreadable response fails the whole source, ingesting nothing") {
        so.hub.endpoint = server.url("/fault/invalid-json?x=");
        CHECK_THROWS_AS(ingest::load_sources({"default", "hf:epfl-llm/meditron-7b"}, so), Error);
    }
    SECTION("a missing model is a clear error") {
        CHECK_THROWS_WITH(ingest::load_sources({"hf:nobody/nothing"}, so),
                          Catch::Contains("HTTP 404") && Catch::Contains("nobody/nothing"));
    }
    SECTION("an invalid id is refused before any request") {
        CHECK_THROWS_WITH(ingest::load_sources({"hf:../etc/passwd"}, so),
                          Catch::Contains("invalid Hugging Face model id"));
        CHECK(server.requests().empty());
    }
}

TEST_CASE("ingest Hub, list and dataset facts about one model merge", "[ingest][remote]") {
    test::FixtureServer server;
    ingest::SourceOptions so;
    so.fetch = fast_options(server);
    so.hub.endpoint = server.endpoint();
    const auto loaded = ingest::load_sources(
        {"default", "hf:epfl-llm/meditron-70b", server.url("/dump.jsonl"),
         server.url("/entries.json")},
        so);
    std::ostringstream messages;
    loaded.diagnostics.print(messages);
    INFO(messages.str());
    CHECK_FALSE(loaded.diagnostics.has_errors());
    const auto& g = loaded.graph;
    const auto node = find(g, "Meditron-70B");
    CHECK(find(g, "hf:epfl-llm/meditron-70b") == node);
    std::set<std::string> sources;
    for (auto p : g.node_provenance(node)) {
        sources.insert(std::string(g.str(g.provenance(p).source)));
    }
    CHECK(sources.count("data/medllms.json") == 1);
    CHECK(sources.count("hf:epfl-llm/meditron-70b") == 1);
    CHECK(sources.count(server.url("/dump.jsonl")) == 1);
    CHECK(find(g, "RemoteModel") != node);
}

TEST_CASE("ingest::read_hub_dump reports malformed lines and goes on", "[ingest]") {
    const auto b = ingest::read_hub_dump(
        "{\"id\": \"a/one\", \"tags\": [\"base_model:quantized:a/base\"]}\n"
        "{not json}\n"
        "\n"
        "{\"tags\": []}\n"
        "{\"id\": \"bad id with spaces\"}\n"
        "{\"id\": \"a/two\", \"cardData\": {\"base_model\": [\"a/one\", \"a/base\"]}}\n",
        "dump.jsonl");
    CHECK(b.records_seen == 5);
    CHECK(b.records_skipped == 3);
    std::ostringstream out;
    b.diagnostics.print(out);
    CHECK(out.str().find("dump.jsonl:2:2: error: invalid JSON") != std::string::npos);
    CHECK(out.str().find("dump.jsonl:4:1: error: Hub model has no string \"id\"") != std::string::npos);
    CHECK(out.str().find("dump.jsonl:5:1: error: invalid Hub model id") != std::string::npos);
    std::size_t merges = 0;
    std::size_t quantized = 0;
    for (const auto& e : b.edges) {
        merges += static_cast<std::size_t>(e.kind == graph::EdgeKind::merged_from);
        quantized += static_cast<std::size_t>(e.kind == graph::EdgeKind::quantized_from);
    }
    CHECK(merges == 2);
    CHECK(quantized == 1);
}
