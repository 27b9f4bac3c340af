#include "ingest/report.hpp"

#include "graph/model_name.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <iomanip>
#include <map>
#include <ostream>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sstream>
#include <sys/stat.h>
#include <unordered_map>

namespace medkg::ingest {

namespace {

bool is_local_markdown(const std::string& spec) {
    if (spec == "default" || spec.starts_with("hf:") || spec.starts_with("http://") ||
        spec.starts_with("https://")) {
        return false;
    }
    struct stat st {};
    if (::stat(spec.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) {
        return false;
    }
    return true;
}

/// Per-source working state: section counts keyed by path, in first-seen order.
struct Sections {
    std::vector<SectionCounts> rows;
    std::unordered_map<std::string, std::size_t> index;

    SectionCounts& at(const std::string& path) {
        const auto it = index.find(path);
        if (it != index.end()) {
            return rows[it->second];
        }
        index.emplace(path, rows.size());
        rows.push_back(SectionCounts{});
        rows.back().section = path;
        return rows.back();
    }
};

void check(SourceReport& r, std::string_view what, std::size_t sections, std::size_t builder) {
    if (sections != builder) {
        r.mismatches.push_back(std::string(what) + ": sections add up to " +
                               std::to_string(sections) + ", the builder counted " +
                               std::to_string(builder));
    }
}

} // namespace

SectionCounts& SectionCounts::operator+=(const SectionCounts& o) {
    entries += o.entries;
    skipped += o.skipped;
    node_facts += o.node_facts;
    nodes_created += o.nodes_created;
    nodes_merged += o.nodes_merged;
    placeholders += o.placeholders;
    variants += o.variants;
    edge_facts += o.edge_facts;
    edges_added += o.edges_added;
    edges_merged += o.edges_merged;
    facts_rejected += o.facts_rejected;
    guesses_left_out += o.guesses_left_out;
    not_entries += o.not_entries;
    return *this;
}

bool IngestReport::reconciles() const {
    return std::all_of(sources.begin(), sources.end(),
                       [](const SourceReport& s) { return s.mismatches.empty(); });
}

std::vector<SourceOutline> read_outlines(const std::vector<std::string>& specs) {
    std::vector<SourceOutline> out;
    for (const auto& spec : specs) {
        if (!is_local_markdown(spec)) {
            continue;
        }
        const std::string text = util::read_file(spec);
        if (detect_format(spec, text) != Format::markdown) {
            continue;
        }
        out.push_back(SourceOutline{spec, read_markdown_detailed(text, spec)});
    }
    return out;
}

IngestReport make_ingest_report(const Loaded& loaded, const std::vector<SourceOutline>& outlines) {
    IngestReport report;
    const graph::KnowledgeGraph& g = loaded.graph;
    report.nodes = g.node_count();
    report.edges = g.edge_count();
    report.errors = loaded.diagnostics.count(util::Severity::error);
    report.warnings = loaded.diagnostics.count(util::Severity::warning);

    // Sources by name; a source named twice is reported once with both reads.
    std::map<std::string, std::vector<const SourceOutline*>> outline_of;
    for (const auto& o : outlines) {
        outline_of[o.source].push_back(&o);
    }
    std::map<std::string, Sections> sections;
    std::vector<std::string> order;
    std::map<std::string, BuildStats> stats;
    for (std::size_t i = 0; i < loaded.sources.size(); ++i) {
        const std::string& name = loaded.sources[i];
        if (stats.find(name) == stats.end()) {
            order.push_back(name);
        }
        if (i < loaded.stats.size()) {
            stats[name] += loaded.stats[i];
        }
    }
    // A source whose guesses the builder left out (--stated-only).
    const auto stated_only = [&](const std::string& name) {
        const auto it = stats.find(name);
        return it != stats.end() && it->second.guesses_left_out > 0;
    };
    // What the outlines say: sections, entries, facts.
    for (const auto& [name, reads] : outline_of) {
        if (stats.find(name) == stats.end()) {
            continue;
        }
        Sections& s = sections[name];
        for (const SourceOutline* o : reads) {
            const auto& read = o->read;
            for (const auto& sec : read.sections) {
                SectionCounts& c = s.at(sec.path);
                c.not_entries += sec.items_not_read;
                if (c.not_entries_reason.empty()) {
                    c.not_entries_reason = sec.not_read_reason;
                }
            }
            for (const auto& e : read.entries) {
                const std::string& path =
                    e.section < read.sections.size() ? read.sections[e.section].path : "";
                SectionCounts& c = s.at(path);
                ++c.entries;
                if (e.skipped) {
                    ++c.skipped;
                }
            }
            for (const auto& n : read.batch.nodes) {
                ++s.at(n.origin.path).node_facts;
            }
            for (const auto& e : read.batch.edges) {
                SectionCounts& c = s.at(e.origin.path);
                ++c.edge_facts;
                if (stated_only(name) && graph::is_guess(e.origin.method, e.origin.confidence)) {
                    ++c.guesses_left_out;
                }
            }
        }
    }
    // What the graph says: a node or edge belongs to the section of its first provenance.
    const auto source_of = [&](graph::ProvId p) {
        return std::string(g.str(g.provenance(p).source));
    };
    const auto path_of = [&](graph::ProvId p) { return std::string(g.str(g.provenance(p).path)); };
    const auto& bg = g.graph();
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        const auto provs = g.node_provenance(n);
        if (provs.empty()) {
            continue;
        }
        const std::string src = source_of(provs.front());
        const auto it = sections.find(src);
        if (it == sections.end()) {
            continue;
        }
        SectionCounts& c = it->second.at(path_of(provs.front()));
        // A model the builder made from a name (a size's family, a chat model's base) is its own.
        bool variant = g.str(g.provenance(provs.front()).evidence).starts_with(graph::k_name_chain_evidence);
        for (auto [e, end] = boost::out_edges(n, bg); e != end; ++e) {
            if (g.edge_kind(*e) == graph::EdgeKind::variant_of) {
                const auto ep = g.edge_provenance(*e);
                variant = variant || (!ep.empty() && ep.front() == provs.front());
            }
        }
        if (g.is_placeholder(n)) {
            ++c.placeholders;
        } else if (variant) {
            ++c.variants;
        } else {
            ++c.nodes_created;
        }
    }
    for (auto [e, end] = boost::edges(bg); e != end; ++e) {
        // The reader never states a size variant, nor the links read from names: those edges are
        // the builder's own.
        const auto provs = g.edge_provenance(*e);
        if (g.edge_kind(*e) == graph::EdgeKind::variant_of ||
            (!provs.empty() &&
             g.str(g.provenance(provs.front()).evidence).starts_with(graph::k_name_chain_evidence))) {
            continue;
        }
        for (std::size_t k = 0; k < provs.size(); ++k) {
            const auto it = sections.find(source_of(provs[k]));
            if (it == sections.end()) {
                continue;
            }
            SectionCounts& c = it->second.at(path_of(provs[k]));
            if (k == 0) {
                ++c.edges_added;
            } else {
                ++c.edges_merged;
            }
        }
    }
    // Entries skipped, with where and why.
    std::map<std::string, std::vector<SkippedEntry>> skipped;
    for (const auto& [name, reads] : outline_of) {
        for (const SourceOutline* o : reads) {
            for (const auto& e : o->read.entries) {
                if (e.skipped) {
                    skipped[name].push_back(SkippedEntry{
                        e.line, e.column,
                        e.section < o->read.sections.size() ? o->read.sections[e.section].path : "",
                        e.reason});
                }
            }
        }
    }
    for (const auto& name : order) {
        SourceReport r;
        r.source = name;
        const BuildStats& b = stats[name];
        const auto it = sections.find(name);
        if (it == sections.end()) {
            r.format = "facts";
            r.total.entries = b.records_seen;
            r.total.skipped = b.records_skipped;
            r.total.node_facts = b.nodes_created + b.nodes_merged;
            r.total.nodes_created = b.nodes_created;
            r.total.nodes_merged = b.nodes_merged;
            r.total.placeholders = b.placeholders;
            r.total.variants = b.variants;
            r.total.edge_facts =
                b.edges_added + b.edges_merged + b.facts_rejected + b.guesses_left_out;
            r.total.edges_added = b.edges_added;
            r.total.edges_merged = b.edges_merged;
            r.total.facts_rejected = b.facts_rejected;
            r.total.guesses_left_out = b.guesses_left_out;
        } else {
            r.format = "markdown list";
            for (auto& c : it->second.rows) {
                // Node facts that did not make a node joined one; relations that neither made
                // nor joined an edge were refused.
                c.nodes_merged = c.node_facts - std::min(c.node_facts, c.nodes_created);
                c.facts_rejected =
                    c.edge_facts -
                    std::min(c.edge_facts, c.edges_added + c.edges_merged + c.guesses_left_out);
                if (c.entries > 0 || c.node_facts > 0 || c.not_entries > 0 || c.edge_facts > 0) {
                    r.total += c;
                    r.sections.push_back(c);
                }
            }
            check(r, "entries", r.total.entries, b.records_seen);
            check(r, "entries skipped", r.total.skipped, b.records_skipped);
            check(r, "nodes created", r.total.nodes_created, b.nodes_created);
            check(r, "nodes merged", r.total.nodes_merged, b.nodes_merged);
            check(r, "placeholders", r.total.placeholders, b.placeholders);
            check(r, "size variants", r.total.variants, b.variants);
            check(r, "edges added", r.total.edges_added, b.edges_added);
            check(r, "edges merged", r.total.edges_merged, b.edges_merged);
            check(r, "relations refused", r.total.facts_rejected, b.facts_rejected);
            check(r, "guesses left out", r.total.guesses_left_out, b.guesses_left_out);
            r.skipped = skipped[name];
        }
        if (r.total.entries != r.total.content() + r.total.skipped) {
            r.mismatches.emplace_back("entries are not content plus skipped");
        }
        report.total += r.total;
        report.sources.push_back(std::move(r));
    }
    return report;
}

namespace {

std::string shorten(std::string_view s, std::size_t width) {
    if (s.size() <= width) {
        return std::string(s);
    }
    // Keep the end of a long path: the leaf section is what tells rows apart.
    std::size_t cut = s.size() - (width - 3);
    while (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
        ++cut;
    }
    return "..." + std::string(s.substr(cut));
}

/// Display width of UTF-8 text: code points (CJK counts as two columns).
std::size_t columns(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) {
            n += c >= 0xE3 && c <= 0xE9 ? 2 : 1;
        }
    }
    return n;
}

void row(std::ostream& out, std::string_view label, const SectionCounts& c, std::size_t width) {
    const std::string l = shorten(label, width);
    out << "  " << l << std::string(width > columns(l) ? width - columns(l) : 0, ' ');
    out << std::setw(8) << c.entries << std::setw(8) << c.skipped << std::setw(8) << c.nodes_created
        << std::setw(8) << c.nodes_merged << std::setw(8) << c.edges_added << std::setw(8)
        << c.edges_merged << '\n';
}

void header(std::ostream& out, std::size_t width) {
    out << "  " << std::left << std::setw(static_cast<int>(width)) << "section" << std::right
        << std::setw(8) << "entries" << std::setw(8) << "skipped" << std::setw(8) << "nodes+"
        << std::setw(8) << "merged" << std::setw(8) << "edges+" << std::setw(8) << "merged" << '\n';
}

void totals_line(std::ostream& out, const SectionCounts& t) {
    out << t.entries << " entries: " << t.content() << " became graph content, " << t.skipped
        << " skipped; " << t.node_facts << " things named: " << t.nodes_created << " new nodes, "
        << t.nodes_merged << " merged into existing ones; " << t.edge_facts
        << " relations: " << t.edges_added << " new edges, " << t.edges_merged
        << " merged into existing ones, " << t.facts_rejected << " refused";
    if (t.guesses_left_out > 0) {
        out << ", " << t.guesses_left_out << " guessed from names left out (--stated-only)";
    }
    out << "; " << t.placeholders << " placeholders, " << t.variants << " size variants";
}

template <typename W> void put_counts(W& w, const SectionCounts& c) {
    const auto num = [&](const char* key, std::size_t v) {
        w.Key(key);
        w.Uint64(v);
    };
    num("entries", c.entries);
    num("content", c.content());
    num("skipped", c.skipped);
    num("node_facts", c.node_facts);
    num("nodes_created", c.nodes_created);
    num("nodes_merged", c.nodes_merged);
    num("placeholders", c.placeholders);
    num("variants", c.variants);
    num("edge_facts", c.edge_facts);
    num("edges_added", c.edges_added);
    num("edges_merged", c.edges_merged);
    num("facts_rejected", c.facts_rejected);
    num("guesses_left_out", c.guesses_left_out);
    num("not_entries", c.not_entries);
}

} // namespace

void write_ingest_report(std::ostream& out, const IngestReport& report, ReportFormat format,
                         bool per_section) {
    if (format == ReportFormat::json) {
        rapidjson::StringBuffer buffer;
        rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
        w.SetIndent(' ', 2);
        const auto str = [&](std::string_view s) {
            w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        };
        w.StartObject();
        w.Key("sources");
        w.StartArray();
        for (const auto& s : report.sources) {
            w.StartObject();
            w.Key("source");
            str(s.source);
            w.Key("format");
            str(s.format);
            w.Key("total");
            w.StartObject();
            put_counts(w, s.total);
            w.EndObject();
            w.Key("sections");
            w.StartArray();
            for (const auto& c : s.sections) {
                w.StartObject();
                w.Key("section");
                str(c.section);
                put_counts(w, c);
                if (!c.not_entries_reason.empty()) {
                    w.Key("not_entries_reason");
                    str(c.not_entries_reason);
                }
                w.EndObject();
            }
            w.EndArray();
            w.Key("skipped");
            w.StartArray();
            for (const auto& k : s.skipped) {
                w.StartObject();
                w.Key("line");
                w.Uint(k.line);
                w.Key("column");
                w.Uint(k.column);
                w.Key("section");
                str(k.section);
                w.Key("reason");
                str(k.reason);
                w.EndObject();
            }
            w.EndArray();
            w.Key("reconciles");
            w.Bool(s.mismatches.empty());
            w.Key("mismatches");
            w.StartArray();
            for (const auto& m : s.mismatches) {
                str(m);
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.Key("total");
        w.StartObject();
        put_counts(w, report.total);
        w.EndObject();
        w.Key("graph");
        w.StartObject();
        w.Key("nodes");
        w.Uint64(report.nodes);
        w.Key("edges");
        w.Uint64(report.edges);
        w.EndObject();
        w.Key("errors");
        w.Uint64(report.errors);
        w.Key("warnings");
        w.Uint64(report.warnings);
        w.Key("reconciles");
        w.Bool(report.reconciles());
        w.EndObject();
        out << buffer.GetString() << '\n';
        return;
    }
    constexpr std::size_t width = 52;
    for (const auto& s : report.sources) {
        out << s.source << " (" << s.format << ")\n";
        header(out, width);
        if (per_section && !s.sections.empty()) {
            for (const auto& c : s.sections) {
                if (c.entries == 0 && c.node_facts == 0) {
                    continue;
                }
                row(out, c.section.empty() ? "(before the first heading)" : c.section, c, width);
            }
        }
        row(out, "total", s.total, width);
        out << "  ";
        totals_line(out, s.total);
        out << '\n';
        if (per_section) {
            for (const auto& c : s.sections) {
                if (c.not_entries > 0) {
                    out << "  not entries: " << c.not_entries << " items in \""
                        << (c.section.empty() ? "(before the first heading)" : c.section) << "\" ("
                        << c.not_entries_reason << ")\n";
                }
            }
        }
        for (const auto& k : s.skipped) {
            out << "  skipped: " << s.source << ':' << k.line << ':' << k.column << ": " << k.reason
                << (k.section.empty() ? "" : " (section \"" + k.section + "\")") << '\n';
        }
        for (const auto& m : s.mismatches) {
            out << "  does not reconcile: " << m << '\n';
        }
    }
    out << "all sources: ";
    totals_line(out, report.total);
    out << "\ngraph: " << report.nodes << " nodes, " << report.edges << " edges; " << report.errors
        << " errors, " << report.warnings << " warnings\n";
    out << "counts reconcile: " << (report.reconciles() ? "yes" : "no") << '\n';
}

} // namespace medkg::ingest
