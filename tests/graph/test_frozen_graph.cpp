#include "graph/frozen_graph.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>

#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace medkg::graph;

namespace {

KnowledgeGraph sample() {
    KnowledgeGraph g;
    const auto p1 = g.add_provenance({"a.json", 3, 5, "entries[0]", "S1:192", "on LLaMA",
                                      Method::curated, 1.0F});
    const auto p2 = g.add_provenance({"b.json", 7, 1, "", "", "", Method::title, 0.7F});
    const auto llama = g.add_node(NodeKind::base_model, "LLaMA", p1);
    const auto doctor = g.add_node(NodeKind::model, "ChatDoctor", p1);
    g.add_node_provenance(doctor, p2);
    const auto bio1 = g.add_node(NodeKind::model, "BiomedGPT", p1);
    const auto bio2 = g.add_node(NodeKind::model, "BioMedGPT", p2);
    const auto ghost = g.add_node(NodeKind::dataset, "MedQA", p2, true);
    g.add_alias(llama, "LLaMA-1", p2);
    g.add_attribute(doctor, AttrKey::year, "2023", p1);
    g.add_attribute(doctor, AttrKey::year, "2022", p2);
    g.add_attribute(doctor, AttrKey::hf_id, "Org/Chat-Doctor", p1);
    const auto e = g.add_edge(doctor, EdgeKind::fine_tuned_from, llama, p1);
    g.add_edge(doctor, EdgeKind::fine_tuned_from, llama, p2);
    g.add_edge(doctor, EdgeKind::evaluated_on, ghost, p2);
    g.add_edge(bio1, EdgeKind::variant_of, bio2, p2);
    (void)e;
    return g;
}

// Everything a query can read, as text: equal graphs give equal text.
std::string dump(const FrozenGraph& f) {
    std::ostringstream out;
    for (NodeId n = 0; n < f.node_count(); ++n) {
        out << "node " << n << " " << to_string(f.kind(n)) << " " << f.label(n)
            << (f.is_placeholder(n) ? " placeholder" : "") << " provs";
        for (auto p : f.node_provenance(n)) {
            out << " " << f.brief(p);
        }
        for (const auto& a : f.attributes(n)) {
            out << " " << to_string(a.key) << "=" << a.value << "@" << f.brief(a.prov);
        }
        out << " out";
        for (auto e : f.out_edges(n)) {
            out << " " << e;
        }
        out << " in";
        for (auto e : f.in_edges(n)) {
            out << " " << e;
        }
        const auto families = f.families();
        out << " family " << families.position(n) << " derived";
        for (const auto child : families.children(families.position(n))) {
            out << " " << families.node(child);
        }
        out << "\n";
    }
    for (EdgeId e = 0; e < f.edge_count(); ++e) {
        out << "edge " << f.source_of(e) << " " << to_string(f.edge_kind(e)) << " " << f.target_of(e);
        for (auto p : f.edge_provenance(e)) {
            const Provenance pr = f.provenance(p);
            out << " " << f.str(pr.source) << ":" << pr.line << ":" << pr.column << " "
                << to_string(pr.method) << " " << pr.confidence << " " << f.str(pr.evidence);
        }
        out << "\n";
    }
    return out.str();
}

// What FrozenGraph and its View both read, as text: the view must give the graph's text.
template <typename Graph> std::string dump_reads(const Graph& g) {
    std::ostringstream out;
    const auto prov = [&](ProvId id) {
        const Provenance p = g.provenance(id);
        out << " " << g.str(p.source) << ":" << p.line << ":" << p.column << " " << g.str(p.path)
            << " " << g.str(p.cites) << " " << g.str(p.evidence) << " " << to_string(p.method)
            << " " << p.confidence;
    };
    std::vector<AttrView> attrs;
    for (NodeId n = 0; n < g.node_count(); ++n) {
        out << "node " << n << " " << to_string(g.kind(n)) << " " << g.label(n)
            << (g.is_placeholder(n) ? " placeholder" : "");
        for (auto p : g.node_provenance(n)) {
            prov(p);
        }
        g.attributes_into(n, attrs);
        for (const auto& a : attrs) {
            out << " " << to_string(a.key) << "=" << a.value << "@" << a.prov;
        }
        if (auto year = g.attribute(n, AttrKey::year)) {
            out << " year " << *year;
        }
        out << " out";
        for (auto e : g.out_edges(n)) {
            out << " " << e;
        }
        out << "\n";
    }
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        out << "edge " << g.source_of(e) << " " << to_string(g.edge_kind(e)) << " " << g.target_of(e);
        for (auto p : g.edge_provenance(e)) {
            prov(p);
        }
        out << "\n";
    }
    return out.str();
}

std::string temp_path() {
    char path[] = "/tmp/medkg-snap-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    ::close(fd);
    return path;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream b;
    b << in.rdbuf();
    return b.str();
}

void write_all(const std::string& path, const std::string& data) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

} // namespace

TEST_CASE("graph::FrozenGraph::families keeps each family together", "[graph]") {
    // Families interleaved in node order, a merge across two families, a cycle no root reaches
    // and a node outside derivation; edges go from the derived model to its base.
    KnowledgeGraph g;
    const auto p = g.add_provenance({"t.json", 1, 1, "", "", "", Method::curated, 1.0F});
    const auto node = [&](const char* name, NodeKind kind = NodeKind::model) {
        return g.add_node(kind, name, p);
    };
    const auto a = node("A", NodeKind::base_model);
    const auto b = node("B", NodeKind::base_model);
    const auto a1 = node("a1");
    const auto b1 = node("b1");
    const auto a2 = node("a2");
    const auto merged = node("merged");
    const auto c1 = node("c1");
    const auto c2 = node("c2");
    const auto data = node("data", NodeKind::dataset);
    g.add_edge(a1, EdgeKind::fine_tuned_from, a, p);
    g.add_edge(b1, EdgeKind::quantized_from, b, p);
    g.add_edge(a2, EdgeKind::adapter_of, a1, p);
    g.add_edge(merged, EdgeKind::merged_from, a2, p);
    g.add_edge(merged, EdgeKind::merged_from, b1, p);
    g.add_edge(a1, EdgeKind::evaluated_on, data, p); // not a derivation
    g.add_edge(c1, EdgeKind::fine_tuned_from, c2, p);
    g.add_edge(c2, EdgeKind::fine_tuned_from, c1, p);
    const auto f = freeze(g);
    const auto families = f.families();
    // Roots in node order, each with its family breadth-first; the merge in the first family
    // that reaches it; then the cycle, from its first node.
    const std::vector<NodeId> order{a, a1, a2, merged, b, b1, data, c1, c2};
    REQUIRE(families.size() == order.size());
    for (std::uint32_t at = 0; at < order.size(); ++at) {
        CHECK(families.node(at) == order[at]);
        CHECK(families.position(order[at]) == at);
    }
    const std::vector<std::pair<NodeId, std::vector<NodeId>>> derivatives{
        {a, {a1}}, {a1, {a2}}, {a2, {merged}}, {merged, {}}, {b, {b1}},
        {b1, {merged}}, {data, {}}, {c1, {c2}}, {c2, {c1}}};
    for (const auto& [base, expected] : derivatives) {
        std::vector<NodeId> got;
        for (const auto child : families.children(families.position(base))) {
            got.push_back(families.node(child));
        }
        CHECK(got == expected);
    }
}

TEST_CASE("graph::FrozenGraph::families is a breadth-first walk from each root in turn", "[graph]") {
    // Random graphs of several batches of the builder's queue, with merges, cycles and edges
    // of other kinds, against the order a plain walk over the in-edges gives.
    for (const std::uint32_t nodes : {1U, 63U, 64U, 65U, 700U, 3000U}) {
        std::mt19937 random(nodes);
        KnowledgeGraph g;
        const auto p = g.add_provenance({"random", 1, 1, "", "", "", Method::curated, 1.0F});
        for (std::uint32_t i = 0; i < nodes; ++i) {
            g.add_node(NodeKind::model, "m" + std::to_string(i), p);
        }
        for (std::uint32_t i = 1; i < nodes; ++i) {
            const auto other = [&] { return static_cast<NodeId>(random() % nodes); };
            if (random() % 12 != 0) {
                g.add_edge(i, EdgeKind::fine_tuned_from, static_cast<NodeId>(random() % i), p);
            }
            if (random() % 6 == 0) {
                g.add_edge(i, EdgeKind::merged_from, other(), p); // may close a cycle
            }
            if (random() % 5 == 0) {
                g.add_edge(i, EdgeKind::trained_on, other(), p); // not a derivation
            }
        }
        const auto f = freeze(g);
        std::vector<NodeId> expected;
        std::vector<bool> placed(nodes, false);
        const auto walk_from = [&](NodeId start) {
            if (placed[start]) {
                return;
            }
            placed[start] = true;
            expected.push_back(start);
            for (std::size_t at = expected.size() - 1; at < expected.size(); ++at) {
                for (const auto e : f.in_edges(expected[at])) {
                    const NodeId child = f.source_of(e);
                    if (is_derivation(f.edge_kind(e)) && !placed[child]) {
                        placed[child] = true;
                        expected.push_back(child);
                    }
                }
            }
        };
        for (NodeId n = 0; n < nodes; ++n) {
            const auto out = f.out_edges(n);
            if (std::none_of(out.begin(), out.end(), [&](EdgeId e) { return is_derivation(f.edge_kind(e)); })) {
                walk_from(n);
            }
        }
        for (NodeId n = 0; n < nodes; ++n) {
            walk_from(n);
        }
        const auto families = f.families();
        std::vector<NodeId> got;
        for (std::uint32_t at = 0; at < families.size(); ++at) {
            got.push_back(families.node(at));
        }
        INFO("nodes " << nodes);
        CHECK(got == expected);
    }
}

TEST_CASE("graph::freeze keeps everything a query reads", "[graph]") {
    const auto g = sample();
    const auto f = freeze(g);
    CHECK(f.node_count() == g.node_count());
    CHECK(f.edge_count() == g.edge_count());
    for (NodeId n = 0; n < g.node_count(); ++n) {
        CHECK(f.label(n) == g.label(n));
        CHECK(f.kind(n) == g.kind(n));
        CHECK(f.is_placeholder(n) == g.is_placeholder(n));
        CHECK(f.attributes(n).size() == g.attributes(n).size());
    }
    const auto doctor = g.lookup("ChatDoctor").node;
    REQUIRE(f.out_edges(doctor).size() == 2);
    CHECK(f.edge_provenance(f.out_edges(doctor)[0]).size() == 2);
    CHECK(f.attribute(doctor, AttrKey::year) == std::optional<std::string_view>("2023"));
    SECTION("families list the sources of derivation edges only") {
        const auto families = f.families();
        REQUIRE(families.size() == f.node_count());
        for (NodeId n = 0; n < f.node_count(); ++n) {
            REQUIRE(families.position(n) < families.size());
            CHECK(families.node(families.position(n)) == n);
            std::vector<NodeId> expected;
            for (auto e : f.in_edges(n)) {
                if (is_derivation(f.edge_kind(e))) {
                    expected.push_back(f.source_of(e));
                }
            }
            std::vector<NodeId> got;
            for (const auto child : families.children(families.position(n))) {
                got.push_back(families.node(child));
            }
            CHECK(got == expected);
        }
        const auto llama = g.lookup("LLaMA").node;
        REQUIRE(families.children(families.position(llama)).size() == 1); // two statements, one edge
        CHECK(families.node(families.children(families.position(llama))[0]) == doctor);
        const auto medqa = g.lookup("MedQA").node; // evaluated_on is not a derivation
        CHECK(families.children(families.position(medqa)).empty());
    }
    SECTION("names resolve the same way") {
        CHECK(f.lookup("llama 1").node == g.lookup("LLaMA").node);
        CHECK(f.lookup("BiomedGPT").node == g.lookup("BiomedGPT").node);
        CHECK(f.lookup("BioMedGPT").node == g.lookup("BioMedGPT").node);
        CHECK(f.lookup("biomedgpt").status == NameIndex::Status::ambiguous);
        CHECK(f.lookup("hf:org/chat-doctor").node == doctor);
        CHECK(f.lookup("hf:org/chatdoctor").status == NameIndex::Status::missing);
        CHECK(f.lookup("nothing").status == NameIndex::Status::missing);
        REQUIRE_FALSE(f.suggest("ChatDoctr", 3).empty());
        CHECK(f.suggest("ChatDoctr", 3).front() == "ChatDoctor");
    }
}


TEST_CASE("graph::freeze stores provenance as a line and a shared shape, losing no field",
          "[graph]") {
    // Each row differs from the first in one field; only a different line shares its shape.
    struct Row {
        const char* what;
        ProvenanceInput p;
        bool shares_shape;
    };
    const ProvenanceInput base{"dump.jsonl", 10, 1, "", "", "", Method::api, 1.0F};
    const std::vector<Row> rows{
        {"another line", {"dump.jsonl", 11, 1, "", "", "", Method::api, 1.0F}, true},
        {"line 0", {"dump.jsonl", 0, 1, "", "", "", Method::api, 1.0F}, true},
        {"another source", {"other.jsonl", 10, 1, "", "", "", Method::api, 1.0F}, false},
        {"another column", {"dump.jsonl", 10, 2, "", "", "", Method::api, 1.0F}, false},
        {"a path", {"dump.jsonl", 10, 1, "cardData", "", "", Method::api, 1.0F}, false},
        {"a citation", {"dump.jsonl", 10, 1, "", "S1:3", "", Method::api, 1.0F}, false},
        {"evidence", {"dump.jsonl", 10, 1, "", "", "base_model", Method::api, 1.0F}, false},
        {"another method", {"dump.jsonl", 10, 1, "", "", "", Method::curated, 1.0F}, false},
        {"another confidence", {"dump.jsonl", 10, 1, "", "", "", Method::api, 0.9F}, false},
    };
    for (const auto& row : rows) {
        CAPTURE(row.what);
        KnowledgeGraph g;
        const auto p0 = g.add_provenance(base);
        const auto p1 = g.add_provenance(row.p);
        const auto a = g.add_node(NodeKind::model, "a", p0);
        g.add_node_provenance(a, p1);
        const auto arrays = freeze_arrays(g);
        REQUIRE(arrays.provenance.size() == 2);
        CHECK(arrays.prov_shapes.size() == (row.shares_shape ? 1U : 2U));
        CHECK((arrays.provenance[0].shape == arrays.provenance[1].shape) == row.shares_shape);
        const FrozenGraph f(arrays);
        for (const ProvId p : {p0, p1}) {
            const Provenance want = g.provenance(p);
            const Provenance got = f.provenance(p);
            CHECK(f.str(got.source) == g.str(want.source));
            CHECK(got.line == want.line);
            CHECK(got.column == want.column);
            CHECK(f.str(got.path) == g.str(want.path));
            CHECK(f.str(got.cites) == g.str(want.cites));
            CHECK(f.str(got.evidence) == g.str(want.evidence));
            CHECK(got.method == want.method);
            CHECK(got.confidence == want.confidence);
        }
    }
}
TEST_CASE("graph::FrozenGraph snapshots round-trip and refuse damage", "[graph]") {
    const auto f = freeze(sample());
    const std::string path = temp_path();
    f.write_snapshot(path);
    const std::string bytes = read_all(path);

    SECTION("an intact snapshot reads back equal") {
        const auto back = FrozenGraph::open(path);
        CHECK(dump(back) == dump(f));
        // The verified view reads what the checked accessors read, mapped or in memory.
        const std::string reads = dump_reads(f);
        CHECK(reads.find("year 2023") != std::string::npos);
        CHECK(dump_reads(f.view()) == reads);
        CHECK(dump_reads(back.view()) == reads);
        CHECK(dump_reads(back) == reads);
        back.verify_all();
        // Writing again gives the same bytes: snapshots are deterministic.
        const std::string again = temp_path();
        back.write_snapshot(again);
        CHECK(read_all(again) == bytes);
        std::remove(again.c_str());
    }
    SECTION("a truncated snapshot is refused at open") {
        write_all(path, bytes.substr(0, bytes.size() - 100));
        CHECK_THROWS_WITH(FrozenGraph::open(path), Catch::Contains("truncated"));
        write_all(path, bytes.substr(0, 10));
        CHECK_THROWS_WITH(FrozenGraph::open(path), Catch::Contains("too short"));
    }
    SECTION("a damaged header or table is refused at open") {
        for (std::size_t offset : {std::size_t{9}, std::size_t{70}, std::size_t{200}}) {
            std::string bad = bytes;
            bad[offset] = static_cast<char>(bad[offset] ^ 0x10);
            write_all(path, bad);
            CHECK_THROWS_AS(FrozenGraph::open(path), medkg::Error);
        }
    }
    SECTION("a snapshot of another version is refused with a way out, not called corrupt") {
        // The header's checksum, as docs/snapshot.md gives it (the same in every version).
        const auto header_sum = [](const std::string& b) {
            std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ 56U;
            for (std::size_t i = 0; i < 56; i += 8) {
                std::uint64_t w = 0;
                std::memcpy(&w, b.data() + i, 8);
                h = (h ^ w) * 0xff51afd7ed558ccdULL;
                h ^= h >> 29;
            }
            return h ^ (h >> 33);
        };
        std::uint64_t stored = 0;
        std::memcpy(&stored, bytes.data() + 56, 8);
        REQUIRE(stored == header_sum(bytes));
        for (const std::uint32_t version : {1U, 2U, 3U, 4U, 5U, 7U}) {
            std::string old = bytes;
            std::memcpy(old.data() + 8, &version, 4);
            const std::uint64_t sum = header_sum(old);
            std::memcpy(old.data() + 56, &sum, 8);
            write_all(path, old);
            CHECK_THROWS_WITH(FrozenGraph::open(path),
                              Catch::Contains("version " + std::to_string(version)) &&
                                  Catch::Contains("rebuild it"));
        }
    }
    SECTION("damaged data is refused when it is read") {
        // Flip one byte at many places past the table; each must be caught by open() or by the
        // first full read, never returned as data.
        std::size_t caught = 0;
        std::size_t tried = 0;
        std::size_t view_passed = 0; // damage view() left to verify_all() (the index's)
        for (std::size_t offset = 1024; offset < bytes.size(); offset += 97) {
            std::string bad = bytes;
            bad[offset] = static_cast<char>(bad[offset] ^ 0x01);
            write_all(path, bad);
            ++tried;
            try {
                const auto g = FrozenGraph::open(path);
                // Half the time through view(), which must verify every section it can read:
                // damage it lets through lies in the index, which the rest of verify_all() reads.
                if (tried % 2 == 0) {
                    (void)g.view();
                    view_passed += 1;
                    g.verify_all();
                    view_passed -= 1;
                } else {
                    g.verify_all();
                }
            } catch (const medkg::Error& e) {
                ++caught;
                CHECK((std::string(e.what()).find("corrupt") != std::string::npos ||
                       std::string(e.what()).find("not a usable") != std::string::npos));
            }
        }
        CHECK(caught == tried);
        CHECK(view_passed > 0); // the sample reaches the index sections too
    }
    SECTION("the families are never returned damaged") {
        // Every position's node and derivatives, as text.
        const auto walk = [](const FrozenGraph& g) {
            const auto families = g.families();
            std::ostringstream out;
            for (std::uint32_t p = 0; p < families.size(); ++p) {
                out << families.node(p) << ":";
                for (const auto child : families.children(p)) {
                    out << " " << child;
                }
                out << "\n";
            }
            for (NodeId n = 0; n < g.node_count(); ++n) {
                out << families.position(n) << " ";
            }
            return out.str();
        };
        const std::string intact = walk(FrozenGraph::open(path));
        REQUIRE(intact.find(": ") != std::string::npos); // some node has derivatives
        std::size_t refused = 0;
        for (std::size_t offset = 1024; offset < bytes.size(); offset += 13) {
            std::string bad = bytes;
            bad[offset] = static_cast<char>(bad[offset] ^ 0x04);
            write_all(path, bad);
            try {
                const std::string got = walk(FrozenGraph::open(path));
                CHECK(got == intact);
            } catch (const medkg::Error&) {
                ++refused;
            }
        }
        CHECK(refused > 0); // some flips land in the families or their sums
    }
    SECTION("a pipe is written in place, not replaced") {
        char dir[] = "/tmp/medkg-snapfifo-XXXXXX";
        REQUIRE(::mkdtemp(dir) != nullptr);
        const std::string fifo = std::string(dir) + "/snap";
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        std::string received;
        std::thread reader([&] { received = read_all(fifo); });
        f.write_snapshot(fifo);
        reader.join();
        CHECK(received == bytes);
        struct stat st {};
        REQUIRE(::stat(fifo.c_str(), &st) == 0);
        CHECK(S_ISFIFO(st.st_mode));
        ::unlink(fifo.c_str());
        ::rmdir(dir);
    }
    SECTION("finishing and writing at once gives the same bytes") {
        const std::string other = temp_path();
        const auto counts = finish_and_write_snapshot(freeze_arrays(sample()), other);
        CHECK(read_all(other) == bytes);
        CHECK(counts.nodes == f.node_count());
        CHECK(counts.edges == f.edge_count());
        CHECK(dump(FrozenGraph::open(other)) == dump(f));
        // A large graph (the index is built on three threads while the rest is written).
        FrozenArrays big;
        for (std::uint32_t i = 0; i < 70000; ++i) {
            big.string_bytes.push_back(static_cast<char>('a' + i % 26));
            big.string_offsets.push_back(big.string_bytes.size());
            big.node_label.push_back(i % 26 + 1);
            big.node_kind.push_back(static_cast<std::uint8_t>(NodeKind::model));
            big.node_flags.push_back(0);
            big.node_prov_offsets.push_back(0);
            big.attr_offsets.push_back(0);
            if (i > 0) {
                big.edge_source.push_back(i);
                big.edge_target.push_back(i / 2);
                big.edge_kind.push_back(static_cast<std::uint8_t>(EdgeKind::fine_tuned_from));
                big.edge_prov_offsets.push_back(0);
            }
        }
        FrozenArrays copy = big;
        const std::string at_once = temp_path();
        const std::string in_turn = temp_path();
        const auto big_counts = finish_and_write_snapshot(std::move(big), at_once);
        CHECK(big_counts.nodes == 70000);
        CHECK(big_counts.edges == 69999);
        copy.finish();
        FrozenGraph(std::move(copy)).write_snapshot(in_turn);
        CHECK(read_all(at_once) == read_all(in_turn));
        // A binary tree numbered breadth-first already: family order is node order.
        const auto opened = FrozenGraph::open(at_once);
        const auto families = opened.families();
        for (std::uint32_t p = 0; p < 70000; ++p) {
            REQUIRE(families.position(p) == p);
            REQUIRE(families.node(p) == p);
            const auto children = families.children(p);
            std::size_t expected = 0; // nodes 2p and 2p + 1 are derived from p (node i from i / 2)
            for (const std::uint32_t i : {2 * p, 2 * p + 1}) {
                expected += i >= 1 && i < 70000 ? 1 : 0;
            }
            REQUIRE(children.size() == expected);
        }
        std::remove(other.c_str());
        std::remove(at_once.c_str());
        std::remove(in_turn.c_str());
    }
    SECTION("a snapshot written over another replaces it whole") {
        char dir[] = "/tmp/medkg-snapdir-XXXXXX";
        REQUIRE(::mkdtemp(dir) != nullptr);
        const std::string target = std::string(dir) + "/g.medkg";
        f.write_snapshot(target); // nothing to replace yet
        CHECK(read_all(target) == bytes);
        const auto old = FrozenGraph::open(target);
        KnowledgeGraph changed = sample();
        changed.add_node(NodeKind::model, "Meditron", 0);
        const auto g = freeze(changed);
        g.write_snapshot(target);
        CHECK(FrozenGraph::open(target).node_count() == f.node_count() + 1);
        // A reader of the old snapshot keeps reading it whole: the file was replaced, not
        // written over.
        old.verify_all();
        CHECK(dump(old) == dump(f));
        // Nothing else is left in the directory (no temporary file, not the old snapshot).
        std::vector<std::string> entries;
        if (DIR* d = ::opendir(dir)) {
            while (const dirent* entry = ::readdir(d)) {
                if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) {
                    entries.emplace_back(entry->d_name);
                }
            }
            ::closedir(d);
        }
        CHECK(entries == std::vector<std::string>{"g.medkg"});
        // A directory in the way is an error, and stays where it is.
        const std::string sub = std::string(dir) + "/sub";
        REQUIRE(::mkdir(sub.c_str(), 0700) == 0);
        CHECK_THROWS_WITH(g.write_snapshot(sub), Catch::Contains("cannot write"));
        struct stat st {};
        CHECK((::stat(sub.c_str(), &st) == 0 && S_ISDIR(st.st_mode)));
        ::rmdir(sub.c_str());
        // A symbolic link is replaced by the snapshot, as a rename replaces it; what it pointed
        // to is left alone.
        const std::string link = std::string(dir) + "/link.medkg";
        REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
        f.write_snapshot(link);
        CHECK((::lstat(link.c_str(), &st) == 0 && S_ISREG(st.st_mode)));
        CHECK(read_all(link) == bytes);
        CHECK(FrozenGraph::open(target).node_count() == f.node_count() + 1);
        ::unlink(link.c_str());
        ::unlink(target.c_str());
        ::rmdir(dir);
    }
    SECTION("not a snapshot") {
        write_all(path, std::string(200, 'x'));
        CHECK_THROWS_WITH(FrozenGraph::open(path), Catch::Contains("wrong magic"));
        CHECK_THROWS_WITH(FrozenGraph::open("/nonexistent/snap"), Catch::Contains("cannot read"));
    }
    std::remove(path.c_str());
}
