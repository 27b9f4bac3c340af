// Issue 3's acceptance, measured on the real lists in ../shared/corpus: accounting, seed-fact
// recall, the LLM-for-Healthcare base table, and one node per paper across sections and lists.
#include "graph/names.hpp"
#include "ingest/markdown/reader.hpp"
#include "ingest/report.hpp"
#include "ingest/source.hpp"
#include "tests/support/paths.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <fstream>
#include <set>
#include <sstream>

using namespace medkg;
using graph::NodeKind;

namespace {

const std::string k_guide = "lists/MedLLMsPracticalGuide.README.md";
const std::string k_awesome = "lists/Awesome-LLM-Healthcare.README.md";
const std::string k_survey = "lists/LLM-for-Healthcare.README.md";

std::string text_of(const std::string& name) { return util::read_file(test::corpus_path(name)); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        out.push_back(line);
    }
    return out;
}

/// Lines that start a list item, outside code fences and HTML comments: counted here without the
/// reader, to check that every one is an entry or reported as not one.
std::vector<std::uint32_t> bullet_lines(const std::string& text) {
    std::vector<std::uint32_t> out;
    bool fence = false;
    bool comment = false;
    const auto lines = lines_of(text);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const std::string t(util::trim(lines[k]));
        if (comment) {
            comment = t.find("-->") == std::string::npos;
            continue;
        }
        if (t.starts_with("```")) {
            fence = !fence;
            continue;
        }
        if (fence) {
            continue;
        }
        if (t.find("<!--") != std::string::npos && t.find("-->") == std::string::npos) {
            comment = true;
            continue;
        }
        const bool bullet = (t.starts_with("* ") || t.starts_with("- ") || t.starts_with("+ "));
        const bool numbered = t.size() > 2 && std::isdigit(static_cast<unsigned char>(t[0])) != 0 &&
                              t[1] == '.' && t[2] == ' ';
        if (bullet || numbered) {
            out.push_back(static_cast<std::uint32_t>(k + 1));
        }
    }
    return out;
}

std::size_t not_read(const ingest::MarkdownRead& r) {
    std::size_t n = 0;
    for (const auto& s : r.sections) {
        n += s.items_not_read;
    }
    return n;
}

ingest::Loaded load_lists(bool with_default) {
    std::vector<std::string> specs{test::corpus_path(k_guide), test::corpus_path(k_awesome),
                                   test::corpus_path(k_survey)};
    if (with_default) {
        specs.emplace_back("default");
    }
    return ingest::load_sources(specs);
}

/// Folded names of every node `node` derives from by a base relation (fine-tuned, pre-trained,
/// prompted, adapter...), with the families of those bases (LLaMA-7B -> LLaMA), and their aliases.
std::set<std::string> bases_of(const graph::KnowledgeGraph& g, graph::NodeId node) {
    std::set<std::string> out;
    std::deque<graph::NodeId> todo;
    for (auto [it, end] = boost::out_edges(node, g.graph()); it != end; ++it) {
        const auto k = g.edge_kind(*it);
        if (graph::is_derivation(k) && k != graph::EdgeKind::variant_of) {
            todo.push_back(g.target_of(*it));
        }
    }
    std::set<graph::NodeId> seen;
    while (!todo.empty()) {
        const auto n = todo.front();
        todo.pop_front();
        if (!seen.insert(n).second) {
            continue;
        }
        out.insert(graph::fold_name(g.label(n)));
        for (const auto& a : g.attributes(n)) {
            if (a.key == graph::AttrKey::alias) {
                out.insert(graph::fold_name(a.value));
            }
        }
        for (auto [it, end] = boost::out_edges(n, g.graph()); it != end; ++it) {
            if (g.edge_kind(*it) == graph::EdgeKind::variant_of) {
                todo.push_back(g.target_of(*it));
            }
        }
    }
    return out;
}

/// The nodes `name` names; a model when the name is also a dataset's (ChatDoctor, its data).
std::vector<graph::NodeId> resolve(const graph::KnowledgeGraph& g, const std::string& name) {
    const auto l = g.lookup(name);
    if (l.status == graph::NameIndex::Status::found) {
        return {l.node};
    }
    std::vector<graph::NodeId> models;
    for (auto c : l.candidates) {
        if (graph::is_model_like(g.kind(c))) {
            models.push_back(c);
        }
    }
    return models.empty() ? l.candidates : models;
}

std::string strip_parens(std::string_view s) {
    std::string out;
    int depth = 0;
    for (char c : s) {
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            depth = std::max(0, depth - 1);
        } else if (depth == 0) {
            out += c;
        }
    }
    return std::string(util::trim(out));
}

std::string inside_parens(std::string_view s) {
    const auto open = s.find('(');
    const auto close = s.find(')', open == std::string_view::npos ? 0 : open);
    if (open == std::string_view::npos || close == std::string_view::npos) {
        return {};
    }
    return std::string(util::trim(s.substr(open + 1, close - open - 1)));
}

/// A base-model fact of seed_lineage.tsv whose evidence is in the list text (explicit_text,
/// name_inferable, url_inferable): the model and the names accepted as its base.
struct SeedFact {
    std::string model;
    std::vector<std::string> bases;
    std::string evidence;
};

bool text_evidence(const std::string& part) {
    const std::string e = strip_parens(part);
    return e == "explicit_text" || e == "name_inferable" || e == "url_inferable" ||
           e == "name+url_inferable";
}

std::vector<SeedFact> seed_facts() {
    std::vector<SeedFact> out;
    for (const auto& line : lines_of(text_of("seed_lineage.tsv"))) {
        if (line.empty() || line.front() == '#' || line.starts_with("model\t")) {
            continue;
        }
        const auto cols = util::split(line, '\t');
        if (cols.size() < 5 || util::trim(cols[1]).empty()) {
            continue;
        }
        // Evidence parts about the size ("params ...") say nothing about the base; "base X"
        // is X.
        std::vector<std::string> evidence;
        for (auto part : util::split(cols[4], ';')) {
            std::string p(util::trim(part));
            if (p.starts_with("params")) {
                continue;
            }
            if (p.starts_with("base ")) {
                p = p.substr(5);
            }
            evidence.push_back(p);
        }
        std::vector<std::string> base_parts;
        for (auto part : util::split(cols[1], ';')) {
            base_parts.emplace_back(util::trim(part));
        }
        // Base parts pair with evidence parts when both list the same number of things;
        // otherwise every base shares the whole evidence.
        for (std::size_t i = 0; i < base_parts.size(); ++i) {
            std::vector<std::string> ev;
            if (base_parts.size() == evidence.size()) {
                ev.push_back(evidence[i]);
            } else {
                ev = evidence;
            }
            std::string counted;
            std::vector<std::string> accepted;
            for (const auto& e : ev) {
                if (text_evidence(e)) {
                    counted = e;
                    if (const auto named = inside_parens(e); !named.empty()) {
                        accepted.push_back(named); // "name_inferable (Flamingo)"
                    }
                }
            }
            if (counted.empty()) {
                continue;
            }
            // "Baize (name) / LLaMA (figure)": the alternatives the text supports.
            std::size_t start = 0;
            const std::string& b = base_parts[i];
            for (;;) {
                const auto slash = b.find(" / ", start);
                const std::string alt = b.substr(start, slash == std::string::npos ? std::string::npos
                                                                                   : slash - start);
                const std::string tag = inside_parens(alt);
                if (tag.empty() || tag == "name" || tag == "url") {
                    accepted.push_back(strip_parens(alt));
                }
                if (slash == std::string::npos) {
                    break;
                }
                start = slash + 3;
            }
            out.push_back(SeedFact{std::string(util::trim(cols[0])), accepted, counted});
        }
    }
    return out;
}

} // namespace

TEST_CASE("markdown corpus: every entry of MedLLMsPracticalGuide is accounted for", "[ingest][corpus]") {
    const std::string text = text_of(k_guide);
    const auto r = ingest::read_markdown_detailed(text, k_guide);
    const auto& b = r.batch;
    CHECK(b.records_seen == r.entries.size());
    std::size_t skipped = 0;
    std::set<std::uint32_t> entry_lines;
    for (const auto& e : r.entries) {
        entry_lines.insert(e.line);
        if (e.skipped) {
            ++skipped;
            // A skipped entry is a diagnostic at its line, with a reason.
            bool found = false;
            for (const auto& d : b.diagnostics.items()) {
                found = found || (d.location.line == e.line && d.message.find(e.reason) != std::string::npos);
            }
            CHECK(found);
        }
    }
    CHECK(skipped == b.records_skipped);
    // Every list item of the file is an entry or counted as not one (navigation, news, prose).
    const auto bullets = bullet_lines(text);
    std::size_t outside = 0;
    for (auto line : bullets) {
        outside += entry_lines.count(line) == 0 ? 1U : 0U;
    }
    CHECK(outside == not_read(r));
    CHECK(bullets.size() == r.entries.size() + not_read(r));
    // About 295 entries; at least 98% of them graph content.
    CHECK(b.records_seen >= 290);
    const double content = static_cast<double>(b.records_seen - b.records_skipped) /
                           static_cast<double>(b.records_seen);
    WARN("MedLLMsPracticalGuide: " << b.records_seen << " entries, " << b.records_skipped
                                   << " skipped, content " << content);
    CHECK(content >= 0.98);
}

TEST_CASE("markdown corpus: all 116 entries of Awesome-LLM-Healthcare are graph content", "[ingest][corpus]") {
    const std::string text = text_of(k_awesome);
    const auto r = ingest::read_markdown_detailed(text, k_awesome);
    // The dated entries, counted here by their shape: "- [2023/03] ...".
    std::set<std::uint32_t> dated;
    const auto lines = lines_of(text);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const auto& l = lines[k];
        if (l.size() > 12 && l.starts_with("- [") && std::isdigit(static_cast<unsigned char>(l[3])) != 0 &&
            l[7] == '/' && l[10] == ']') {
            dated.insert(static_cast<std::uint32_t>(k + 1));
        }
    }
    REQUIRE(dated.size() == 116);
    CHECK(r.batch.records_seen == 116);
    CHECK(r.batch.records_skipped == 0);
    for (const auto& e : r.entries) {
        CHECK(dated.count(e.line) == 1);
        CHECK_FALSE(e.skipped);
    }
    const auto bullets = bullet_lines(text);
    CHECK(bullets.size() == r.entries.size() + not_read(r));
}

TEST_CASE("markdown corpus: the ingest report reconciles", "[ingest][corpus]") {
    const auto loaded = load_lists(true);
    const auto outlines = ingest::read_outlines(loaded.sources);
    REQUIRE(outlines.size() == 3);
    const auto report = ingest::make_ingest_report(loaded, outlines);
    for (const auto& s : report.sources) {
        INFO(s.source);
        for (const auto& m : s.mismatches) {
            INFO(m);
        }
        CHECK(s.mismatches.empty());
        CHECK(s.total.entries == s.total.content() + s.total.skipped);
        ingest::SectionCounts sum;
        for (const auto& c : s.sections) {
            sum += c;
        }
        if (!s.sections.empty()) {
            CHECK(sum.entries == s.total.entries);
            CHECK(sum.nodes_created == s.total.nodes_created);
            CHECK(sum.edges_added == s.total.edges_added);
        }
    }
    CHECK(report.reconciles());
    // The survey: 172 entries in its tables and lists, and 14 news items that name a model.
    CHECK(report.total.entries == 295 + 116 + 186 + report.sources.back().total.entries);
    // Per section: the fine-tuning section of the guide lists 36 entries (lines 169-204).
    const auto& guide = report.sources.front();
    bool found = false;
    for (const auto& c : guide.sections) {
        if (c.section == "Practical Guide for Building Pipeline > Fine-tuning General LLMs") {
            found = true;
            CHECK(c.entries == 36);
        }
    }
    CHECK(found);
}

TEST_CASE("markdown corpus: seed base-model facts stated in the lists are extracted", "[ingest][corpus]") {
    const auto loaded = load_lists(false);
    const auto& g = loaded.graph;
    const auto facts = seed_facts();
    REQUIRE(facts.size() >= 20);
    std::size_t hit = 0;
    std::string missed;
    for (const auto& f : facts) {
        std::vector<graph::NodeId> nodes;
        for (auto part : util::split(f.model, '/')) {
            for (auto n : resolve(g, strip_parens(part))) {
                nodes.push_back(n);
            }
        }
        bool ok = false;
        for (auto n : nodes) {
            const auto bases = bases_of(g, n);
            for (const auto& want : f.bases) {
                ok = ok || bases.count(graph::fold_name(want)) > 0;
            }
        }
        if (ok) {
            ++hit;
        } else {
            missed += "  " + f.model + " -> " + util::join(f.bases, " | ") + " (" + f.evidence + ")\n";
        }
    }
    const double recall = static_cast<double>(hit) / static_cast<double>(facts.size());
    WARN("seed recall: " << hit << "/" << facts.size() << " = " << recall << "\nmissed:\n" << missed);
    CHECK(recall >= 0.9);
}

TEST_CASE("markdown corpus: every Model Name | Base row of LLM-for-Healthcare yields its base", "[ingest][corpus]") {
    const std::string text = text_of(k_survey);
    const auto loaded = ingest::load_sources({test::corpus_path(k_survey)});
    const auto& g = loaded.graph;
    // The rows, read here by splitting on pipes.
    const auto lines = lines_of(text);
    std::size_t rows = 0;
    for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
        const auto header = util::split(lines[k], '|');
        if (header.size() < 3 || lines[k].find("Model Name") == std::string::npos ||
            util::trim(header[2]).find("Base") == std::string::npos) {
            continue;
        }
        for (std::size_t r = k + 2; r < lines.size() && lines[r].starts_with("|"); ++r) {
            const auto cells = util::split(lines[r], '|');
            std::string name(util::trim(cells[1]));
            while (!name.empty() && name.back() == '~') {
                name.pop_back();
            }
            if (name.find('/') != std::string::npos) {
                name = "FS-BERT"; // "FS-/RAD-/GER-BERT": three names, the first one checked
            }
            const std::string base(util::trim(cells[2]));
            INFO("line " << r + 1 << ": " << name << " | " << base);
            const auto nodes = resolve(g, name);
            REQUIRE(nodes.size() == 1);
            ++rows;
            if (base == "Transformer") {
                bool note = false;
                for (const auto& a : g.attributes(nodes.front())) {
                    note = note || (a.key == graph::AttrKey::note && a.value == "architecture: Transformer");
                }
                CHECK(note);
                continue;
            }
            const auto bases = bases_of(g, nodes.front());
            for (auto part : util::split(base, '/')) {
                CHECK(bases.count(graph::fold_name(util::trim(part))) == 1);
            }
        }
    }
    CHECK(rows == 22 + 48);
}

TEST_CASE("markdown corpus: one node per paper and per model across sections and lists", "[ingest][corpus]") {
    const auto loaded = load_lists(false);
    const auto& g = loaded.graph;
    const std::string guide = test::corpus_path(k_guide);
    const std::string awesome = test::corpus_path(k_awesome);
    // Qilin-Med-VL's paper: guide lines 183, 253 and 406, Awesome line 92.
    std::vector<graph::NodeId> papers;
    for (auto n : g.names().find_key("arxiv:2310.17956")) {
        if (g.kind(n) == NodeKind::paper) {
            papers.push_back(n);
        }
    }
    REQUIRE(papers.size() == 1);
    std::set<std::string> cited;
    for (auto p : g.node_provenance(papers.front())) {
        cited.insert(std::string(g.str(g.provenance(p).cites)));
    }
    CHECK(cited.count(guide + ":183") == 1);
    CHECK(cited.count(guide + ":253") == 1);
    CHECK(cited.count(guide + ":406") == 1);
    CHECK(cited.count(awesome + ":92") == 1);
    // A paper without arXiv id or DOI joins by its title: MedQA's paper in four places.
    const auto medqa = resolve(g, "What disease does this patient have? a large-scale open domain "
                                  "question answering dataset from medical exams");
    REQUIRE(medqa.size() == 1);
    CHECK(g.node_provenance(medqa.front()).size() >= 4);
    // Models named in both lists are one node each; near-collisions stay apart.
    for (const std::string name : {"Qilin-Med-VL", "ChatDoctor", "PMC-LLaMA", "DoctorGLM", "BianQue",
                                   "HuatuoGPT", "BioMedGPT", "BiomedGPT"}) {
        INFO(name);
        const auto nodes = resolve(g, name);
        REQUIRE(nodes.size() == 1);
        std::set<std::string> sources;
        for (auto p : g.node_provenance(nodes.front())) {
            sources.insert(std::string(g.str(g.provenance(p).source)));
        }
        CHECK(sources.count(guide) == 1);
        CHECK(sources.count(awesome) == 1);
    }
    CHECK(resolve(g, "BioMedGPT") != resolve(g, "BiomedGPT"));
    CHECK(resolve(g, "HuaTuo") == resolve(g, "BenTsao"));
    CHECK(resolve(g, "HuaTuo") != resolve(g, "HuatuoGPT"));
    CHECK(resolve(g, "CAMEL") != resolve(g, "Clinical Camel"));
}
