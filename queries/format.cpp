#include "queries/format.hpp"

#include "queries/resolve.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>

namespace medkg::query {

namespace {

using graph::NodeId;
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void put(Writer& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

double rounded(float c) { return std::round(static_cast<double>(c) * 100.0) / 100.0; }

void write_prov_json(Writer& w, const graph::FrozenGraph& g, graph::ProvId id) {
    const auto& p = g.provenance(id);
    w.StartObject();
    w.Key("source");
    put(w, g.str(p.source));
    if (p.line > 0) {
        w.Key("line");
        w.Uint(p.line);
    }
    if (p.column > 0) {
        w.Key("column");
        w.Uint(p.column);
    }
    if (p.path != 0) {
        w.Key("path");
        put(w, g.str(p.path));
    }
    if (p.cites != 0) {
        w.Key("cites");
        put(w, g.str(p.cites));
    }
    if (p.evidence != 0) {
        w.Key("evidence");
        put(w, g.str(p.evidence));
    }
    w.Key("method");
    put(w, graph::to_string(p.method));
    w.Key("confidence");
    w.Double(rounded(p.confidence));
    w.EndObject();
}

void write_provs_json(Writer& w, const graph::FrozenGraph& g,
                      std::span<const graph::ProvId> provs) {
    w.StartArray();
    for (auto p : provs) {
        write_prov_json(w, g, p);
    }
    w.EndArray();
}

void write_node_ref_json(Writer& w, const graph::FrozenGraph& g, NodeId n) {
    w.Key("name");
    put(w, g.label(n));
    w.Key("kind");
    put(w, graph::to_string(g.kind(n)));
    if (g.is_placeholder(n)) {
        w.Key("placeholder");
        w.Bool(true);
    }
}

std::string sources_brief(const graph::FrozenGraph& g, std::span<const graph::ProvId> provs) {
    // Distinct citations only: an entry and its relation often cite the same line.
    std::vector<std::string> distinct;
    for (auto p : provs) {
        auto brief = provenance_brief(g, p);
        if (std::find(distinct.begin(), distinct.end(), brief) == distinct.end()) {
            distinct.push_back(std::move(brief));
        }
    }
    std::string out;
    for (std::size_t i = 0; i < distinct.size(); ++i) {
        if (i == 3) {
            out += "; +" + std::to_string(distinct.size() - i) + " more";
            break;
        }
        out += (i > 0 ? "; " : "") + distinct[i];
    }
    return out;
}

/// What marks an edge that no source states, that only a name or a link suggested.
std::string_view guess_mark(const graph::FrozenGraph& g, graph::EdgeId e) {
    return g.edge_is_guess(e) ? "  (guessed)" : "";
}

void write_guess_json(Writer& w, const graph::FrozenGraph& g, graph::EdgeId e) {
    if (g.edge_is_guess(e)) {
        w.Key("guessed");
        w.Bool(true);
    }
}

std::string node_text(const graph::FrozenGraph& g, NodeId n) {
    std::string out(g.label(n));
    out += " (";
    out += graph::to_string(g.kind(n));
    if (g.is_placeholder(n)) {
        out += ", undeclared";
    }
    out += ")";
    return out;
}

void finish(std::ostream& out, const rapidjson::StringBuffer& buffer) {
    out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
    out << '\n';
}

void tree_text(std::ostream& out, const graph::FrozenGraph& g, const TreeNode& t,
               TreeDirection dir, const std::string& prefix, bool last) {
    out << prefix << (last ? "└── " : "├── ");
    const auto kind = graph::to_string(g.edge_kind(*t.edge));
    if (dir == TreeDirection::ancestors) {
        out << kind << " → " << node_text(g, t.node);
    } else {
        out << node_text(g, t.node) << " ← " << kind;
    }
    out << guess_mark(g, *t.edge) << "  [" << sources_brief(g, g.edge_provenance(*t.edge)) << "]";
    if (t.cycle) {
        out << "  (cycle: already on this chain)";
    } else if (t.repeated) {
        out << "  (see above)";
    } else if (t.truncated) {
        out << "  (…)";
    }
    out << '\n';
    const std::string child_prefix = prefix + (last ? "    " : "│   ");
    for (std::size_t i = 0; i < t.children.size(); ++i) {
        tree_text(out, g, t.children[i], dir, child_prefix, i + 1 == t.children.size());
    }
}

void tree_json(Writer& w, const graph::FrozenGraph& g, const TreeNode& t, TreeDirection dir) {
    w.StartObject();
    write_node_ref_json(w, g, t.node);
    if (t.edge) {
        w.Key("relation");
        put(w, graph::to_string(g.edge_kind(*t.edge)));
        write_guess_json(w, g, *t.edge);
        w.Key("sources");
        write_provs_json(w, g, g.edge_provenance(*t.edge));
    }
    if (t.cycle) {
        w.Key("cycle");
        w.Bool(true);
    }
    if (t.repeated) {
        w.Key("repeated");
        w.Bool(true);
    }
    if (t.truncated) {
        w.Key("truncated");
        w.Bool(true);
    }
    w.Key(dir == TreeDirection::ancestors ? "parents" : "children");
    w.StartArray();
    for (const auto& c : t.children) {
        tree_json(w, g, c, dir);
    }
    w.EndArray();
    w.EndObject();
}

} // namespace

std::string provenance_brief(const graph::FrozenGraph& g, graph::ProvId id) {
    return g.brief(id);
}

void write_tree(std::ostream& out, const graph::FrozenGraph& g, const TreeNode& tree,
                TreeDirection dir, OutputFormat format, const std::vector<NodeId>& roots) {
    if (format == OutputFormat::json) {
        rapidjson::StringBuffer buffer;
        Writer w(buffer);
        w.SetIndent(' ', 2);
        w.StartObject();
        w.Key(dir == TreeDirection::ancestors ? "lineage" : "descendants");
        tree_json(w, g, tree, dir);
        if (dir == TreeDirection::ancestors) {
            w.Key("roots");
            w.StartArray();
            for (auto r : roots) {
                put(w, g.label(r));
            }
            w.EndArray();
        } else {
            w.Key("count");
            w.Uint64(tree_size(tree) - 1);
        }
        w.EndObject();
        finish(out, buffer);
        return;
    }
    out << node_text(g, tree.node) << '\n';
    for (std::size_t i = 0; i < tree.children.size(); ++i) {
        tree_text(out, g, tree.children[i], dir, "", i + 1 == tree.children.size());
    }
    if (dir == TreeDirection::ancestors) {
        if (tree.children.empty()) {
            out << "(no recorded base model: " << g.label(tree.node) << " is a root)\n";
        } else {
            out << "roots:";
            for (std::size_t i = 0; i < roots.size(); ++i) {
                out << (i == 0 ? " " : ", ") << g.label(roots[i]);
            }
            out << '\n';
        }
    } else if (tree.children.empty()) {
        out << "(nothing recorded as derived from " << g.label(tree.node) << ")\n";
    }
}

void write_descendant_summary(std::ostream& out, const graph::FrozenGraph& g, NodeId root,
                              const std::vector<std::size_t>& counts, OutputFormat format) {
    std::size_t total = 0;
    for (auto c : counts) {
        total += c;
    }
    if (format == OutputFormat::json) {
        rapidjson::StringBuffer buffer;
        Writer w(buffer);
        w.SetIndent(' ', 2);
        w.StartObject();
        write_node_ref_json(w, g, root);
        w.Key("count");
        w.Uint64(total);
        w.Key("by_depth");
        w.StartArray();
        for (auto c : counts) {
            w.Uint64(c);
        }
        w.EndArray();
        w.EndObject();
        finish(out, buffer);
        return;
    }
    out << node_text(g, root) << ": " << total << " descendants\n";
    for (std::size_t d = 0; d < counts.size(); ++d) {
        out << "  depth " << (d + 1) << ": " << counts[d] << '\n';
    }
}

void write_paths(std::ostream& out, const graph::FrozenGraph& g, NodeId from, NodeId to,
                 const PathResult& result, OutputFormat format) {
    const std::string mode =
        result.mode == PathMode::forward
            ? "directed: " + std::string(g.label(from)) + " derives from " +
                  std::string(g.label(to))
        : result.mode == PathMode::backward
            ? "directed: " + std::string(g.label(to)) + " derives from " +
                  std::string(g.label(from))
            : std::string("undirected: no directed path exists");
    if (format == OutputFormat::json) {
        rapidjson::StringBuffer buffer;
        Writer w(buffer);
        w.SetIndent(' ', 2);
        w.StartObject();
        w.Key("from");
        put(w, g.label(from));
        w.Key("to");
        put(w, g.label(to));
        w.Key("mode");
        put(w, result.mode == PathMode::forward    ? "forward"
               : result.mode == PathMode::backward ? "backward"
                                                   : "undirected");
        w.Key("limited");
        w.Bool(result.limited);
        w.Key("paths");
        w.StartArray();
        for (const auto& p : result.paths) {
            w.StartArray();
            for (const auto& h : p) {
                w.StartObject();
                w.Key("from");
                put(w, g.label(h.from));
                w.Key("to");
                put(w, g.label(h.to));
                w.Key("relation");
                put(w, graph::to_string(g.edge_kind(h.edge)));
                w.Key("direction");
                put(w, h.forward ? "forward" : "backward");
                w.Key("statement");
                put(w, std::string(g.label(g.source_of(h.edge))) + " " +
                           std::string(graph::to_string(g.edge_kind(h.edge))) + " " +
                           std::string(g.label(g.target_of(h.edge))));
                write_guess_json(w, g, h.edge);
                w.Key("sources");
                write_provs_json(w, g, g.edge_provenance(h.edge));
                w.EndObject();
            }
            w.EndArray();
        }
        w.EndArray();
        w.EndObject();
        finish(out, buffer);
        return;
    }
    for (std::size_t i = 0; i < result.paths.size(); ++i) {
        const auto& p = result.paths[i];
        out << (result.paths.size() > 1 ? "path " + std::to_string(i + 1) + ": " : "")
            << g.label(from) << " → " << g.label(to) << " (" << p.size()
            << (p.size() == 1 ? " hop, " : " hops, ") << mode << ")\n";
        out << "  " << node_text(g, from) << '\n';
        for (const auto& h : p) {
            const auto kind = graph::to_string(g.edge_kind(h.edge));
            out << "  " << (h.forward ? "→ " : "← ") << node_text(g, h.to) << "   "
                << g.label(g.source_of(h.edge)) << " " << kind << " "
                << g.label(g.target_of(h.edge)) << guess_mark(g, h.edge) << "  ["
                << sources_brief(g, g.edge_provenance(h.edge)) << "]\n";
        }
    }
    if (result.limited) {
        out << "(more paths exist; listing stopped)\n";
    }
}

void write_show(std::ostream& out, const graph::FrozenGraph& g, NodeId n, OutputFormat format) {
    const auto attrs = g.attributes(n);
    std::vector<graph::EdgeId> outs;
    std::vector<graph::EdgeId> ins;
    for (const graph::EdgeId e_ : g.out_edges(n)) {
        outs.push_back(e_);
    }
    for (const graph::EdgeId e_ : g.in_edges(n)) {
        ins.push_back(e_);
    }
    if (format == OutputFormat::json) {
        rapidjson::StringBuffer buffer;
        Writer w(buffer);
        w.SetIndent(' ', 2);
        w.StartObject();
        write_node_ref_json(w, g, n);
        w.Key("sources");
        write_provs_json(w, g, g.node_provenance(n));
        w.Key("attributes");
        w.StartArray();
        for (const auto& a : attrs) {
            w.StartObject();
            w.Key("key");
            put(w, graph::to_string(a.key));
            w.Key("value");
            put(w, a.value);
            w.Key("source");
            write_prov_json(w, g, a.prov);
            w.EndObject();
        }
        w.EndArray();
        for (int pass = 0; pass < 2; ++pass) {
            w.Key(pass == 0 ? "out" : "in");
            w.StartArray();
            for (const auto& e : pass == 0 ? outs : ins) {
                w.StartObject();
                w.Key("relation");
                put(w, graph::to_string(g.edge_kind(e)));
                w.Key(pass == 0 ? "target" : "source");
                w.StartObject();
                write_node_ref_json(w, g, pass == 0 ? g.target_of(e) : g.source_of(e));
                w.EndObject();
                write_guess_json(w, g, e);
                w.Key("sources");
                write_provs_json(w, g, g.edge_provenance(e));
                w.EndObject();
            }
            w.EndArray();
        }
        w.EndObject();
        finish(out, buffer);
        return;
    }
    const auto prov_line = [&](graph::ProvId id) {
        const auto& p = g.provenance(id);
        std::string s = std::string(g.str(p.source));
        if (p.line > 0) {
            s += ":" + std::to_string(p.line);
            if (p.column > 0) {
                s += ":" + std::to_string(p.column);
            }
        }
        if (p.cites != 0) {
            s += ", cites " + std::string(g.str(p.cites));
        }
        char conf[16];
        std::snprintf(conf, sizeof conf, "%.2f", static_cast<double>(p.confidence));
        s += " (" + std::string(graph::to_string(p.method)) + ", " + conf + ")";
        if (p.evidence != 0) {
            s += ": \"" + std::string(g.str(p.evidence)) + "\"";
        }
        return s;
    };
    out << node_text(g, n) << '\n';
    out << "  stated by:\n";
    for (auto p : g.node_provenance(n)) {
        out << "    " << prov_line(p) << '\n';
    }
    if (!attrs.empty()) {
        out << "  attributes:\n";
        for (const auto& a : attrs) {
            out << "    " << graph::to_string(a.key) << ": " << a.value << "   — "
                << prov_line(a.prov) << '\n';
        }
    }
    for (int pass = 0; pass < 2; ++pass) {
        const auto& list = pass == 0 ? outs : ins;
        if (list.empty()) {
            continue;
        }
        out << (pass == 0 ? "  relations:\n" : "  named by:\n");
        for (const auto& e : list) {
            const auto kind = graph::to_string(g.edge_kind(e));
            if (pass == 0) {
                out << "    " << kind << " → " << node_text(g, g.target_of(e)) << guess_mark(g, e)
                    << '\n';
            } else {
                out << "    " << node_text(g, g.source_of(e)) << " " << kind << " this"
                    << guess_mark(g, e) << '\n';
            }
            for (auto p : g.edge_provenance(e)) {
                out << "      " << prov_line(p) << '\n';
            }
        }
    }
}

void write_stats(std::ostream& out, const graph::FrozenGraph& g, const Stats& s,
                 OutputFormat format, std::size_t max_roots) {
    const std::size_t shown =
        max_roots == 0 ? s.roots.size() : std::min(max_roots, s.roots.size());
    if (format == OutputFormat::json) {
        rapidjson::StringBuffer buffer;
        Writer w(buffer);
        w.SetIndent(' ', 2);
        w.StartObject();
        w.Key("nodes");
        w.Uint64(s.nodes);
        w.Key("nodes_by_kind");
        w.StartObject();
        for (std::size_t i = 0; i < graph::k_node_kinds.size(); ++i) {
            put(w, graph::to_string(graph::k_node_kinds[i]));
            w.Uint64(s.nodes_by_kind[i]);
        }
        w.EndObject();
        w.Key("edges");
        w.Uint64(s.edges);
        w.Key("edges_by_kind");
        w.StartObject();
        for (std::size_t i = 0; i < graph::k_edge_kinds.size(); ++i) {
            put(w, graph::to_string(graph::k_edge_kinds[i]));
            w.Uint64(s.edges_by_kind[i]);
        }
        w.EndObject();
        w.Key("attribute_values");
        w.Uint64(s.attribute_values);
        w.Key("facts");
        w.Uint64(s.facts);
        w.Key("facts_citing_a_source");
        w.Uint64(s.facts_citing);
        w.Key("provenance_records");
        w.Uint64(s.provenance_records);
        w.Key("placeholders");
        w.Uint64(s.placeholders);
        w.Key("base_conflicts");
        w.Uint64(s.base_conflicts);
        w.Key("roots_total");
        w.Uint64(s.roots.size());
        w.Key("roots");
        w.StartArray();
        for (std::size_t i = 0; i < shown; ++i) {
            put(w, g.label(s.roots[i]));
        }
        w.EndArray();
        w.Key("root_descendants"); // parallel to "roots"
        w.StartArray();
        for (std::size_t i = 0; i < shown; ++i) {
            w.Uint64(s.root_descendants[i]);
        }
        w.EndArray();
        w.EndObject();
        finish(out, buffer);
        return;
    }
    out << "nodes: " << s.nodes << '\n';
    for (std::size_t i = 0; i < graph::k_node_kinds.size(); ++i) {
        out << "  " << graph::to_string(graph::k_node_kinds[i]) << ": " << s.nodes_by_kind[i]
            << '\n';
    }
    out << "edges: " << s.edges << '\n';
    for (std::size_t i = 0; i < graph::k_edge_kinds.size(); ++i) {
        if (s.edges_by_kind[i] > 0) {
            out << "  " << graph::to_string(graph::k_edge_kinds[i]) << ": " << s.edges_by_kind[i]
                << '\n';
        }
    }
    out << "attribute values: " << s.attribute_values << '\n';
    out << "facts (nodes, edges, attribute values): " << s.facts << ", citing a source: "
        << s.facts_citing << '\n';
    out << "provenance records: " << s.provenance_records << '\n';
    out << "placeholders (undeclared names): " << s.placeholders << '\n';
    out << "base-model conflicts: " << s.base_conflicts << '\n';
    out << "roots (" << s.roots.size() << ", most descendants first):";
    for (std::size_t i = 0; i < shown; ++i) {
        out << (i == 0 ? " " : ", ") << g.label(s.roots[i]) << " (" << s.root_descendants[i] << ")";
    }
    if (shown < s.roots.size()) {
        out << (shown == 0 ? " " : ", ") << "... and " << s.roots.size() - shown
            << " more (--roots 0 lists them all)";
    }
    out << '\n';
}

void write_checks(std::ostream& out, const graph::FrozenGraph& g, const CheckReport& r,
                  OutputFormat format) {
    if (format == OutputFormat::json) {
        rapidjson::StringBuffer buffer;
        Writer w(buffer);
        w.SetIndent(' ', 2);
        w.StartObject();
        w.Key("base_conflicts");
        w.StartArray();
        for (const auto& c : r.base_conflicts) {
            w.StartObject();
            w.Key("model");
            put(w, g.label(c.model));
            w.Key("bases");
            w.StartArray();
            for (const auto& e : {c.first, c.second}) {
                w.StartObject();
                w.Key("relation");
                put(w, graph::to_string(g.edge_kind(e)));
                w.Key("base");
                put(w, g.label(g.target_of(e)));
                write_guess_json(w, g, e);
                w.Key("sources");
                write_provs_json(w, g, g.edge_provenance(e));
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.Key("attribute_conflicts");
        w.StartArray();
        for (const auto& c : r.attribute_conflicts) {
            w.StartObject();
            w.Key("node");
            put(w, g.label(c.node));
            w.Key("attribute");
            put(w, graph::to_string(c.key));
            w.Key("values");
            w.StartArray();
            for (const auto& v : c.values) {
                w.StartObject();
                w.Key("value");
                put(w, v.value);
                w.Key("source");
                write_prov_json(w, g, v.prov);
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.Key("cycles");
        w.StartArray();
        for (const auto& c : r.cycles) {
            w.StartArray();
            for (auto n : c.nodes) {
                put(w, g.label(n));
            }
            w.EndArray();
        }
        w.EndArray();
        w.Key("dangling");
        w.StartArray();
        for (auto n : r.dangling) {
            w.StartObject();
            write_node_ref_json(w, g, n);
            w.Key("sources");
            write_provs_json(w, g, g.node_provenance(n));
            w.EndObject();
        }
        w.EndArray();
        w.Key("duplicate_candidates");
        w.StartArray();
        for (const auto& d : r.duplicates) {
            w.StartObject();
            w.Key("first");
            put(w, g.label(d.first));
            w.Key("second");
            put(w, g.label(d.second));
            w.Key("reason");
            put(w, d.reason);
            w.EndObject();
        }
        w.EndArray();
        w.Key("name_joins");
        w.StartArray();
        for (const auto& j : r.name_joins) {
            w.StartObject();
            write_node_ref_json(w, g, j.node);
            w.Key("hub_models");
            w.StartArray();
            for (auto h : j.hub_models) {
                put(w, g.label(h));
            }
            w.EndArray();
            w.Key("uncertain");
            w.Bool(j.uncertain);
            w.Key("reason");
            put(w, j.reason);
            w.EndObject();
        }
        w.EndArray();
        w.Key("guesses");
        w.StartArray();
        for (auto e : r.guesses) {
            w.StartObject();
            w.Key("model");
            put(w, g.label(g.source_of(e)));
            w.Key("relation");
            put(w, graph::to_string(g.edge_kind(e)));
            w.Key("base");
            put(w, g.label(g.target_of(e)));
            w.Key("sources");
            write_provs_json(w, g, g.edge_provenance(e));
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        finish(out, buffer);
        return;
    }
    out << "base-model conflicts: " << r.base_conflicts.size() << '\n';
    for (const auto& c : r.base_conflicts) {
        out << "  " << g.label(c.model) << ":\n";
        for (const auto& e : {c.first, c.second}) {
            out << "    " << graph::to_string(g.edge_kind(e)) << " " << g.label(g.target_of(e))
                << guess_mark(g, e) << "  [" << sources_brief(g, g.edge_provenance(e)) << "]\n";
        }
    }
    out << "attribute conflicts: " << r.attribute_conflicts.size() << '\n';
    for (const auto& c : r.attribute_conflicts) {
        out << "  " << g.label(c.node) << " " << graph::to_string(c.key) << ":";
        for (const auto& v : c.values) {
            out << " " << v.value << " [" << provenance_brief(g, v.prov) << "]";
        }
        out << '\n';
    }
    out << "derivation cycles: " << r.cycles.size() << '\n';
    for (const auto& c : r.cycles) {
        out << "  ";
        for (auto n : c.nodes) {
            out << g.label(n) << " → ";
        }
        out << g.label(c.nodes.front()) << '\n';
    }
    out << "dangling names (named, never declared): " << r.dangling.size() << '\n';
    for (auto n : r.dangling) {
        out << "  " << node_text(g, n) << "  [" << sources_brief(g, g.node_provenance(n))
            << "]\n";
    }
    out << "duplicate candidates: " << r.duplicates.size() << '\n';
    for (const auto& d : r.duplicates) {
        out << "  " << node_text(g, d.first) << " ~ " << node_text(g, d.second) << ": "
            << d.reason << '\n';
    }
    const auto uncertain = std::count_if(r.name_joins.begin(), r.name_joins.end(),
                                         [](const NameJoin& j) { return j.uncertain; });
    out << "names joined to Hub ids: " << r.name_joins.size() - static_cast<std::size_t>(uncertain)
        << ", uncertain: " << uncertain << '\n';
    for (const auto& j : r.name_joins) {
        out << "  " << (j.uncertain ? "uncertain " : "joined ") << node_text(g, j.node);
        if (!j.hub_models.empty() && (j.uncertain || g.attribute(j.node, graph::AttrKey::hf_id) == std::nullopt)) {
            out << " ~";
            for (auto h : j.hub_models) {
                out << " " << g.label(h);
            }
        }
        out << ": " << j.reason << '\n';
    }
    out << "bases guessed from names or links (no source states them; --stated-only leaves them "
           "out): "
        << r.guesses.size() << '\n';
    for (auto e : r.guesses) {
        out << "  " << g.label(g.source_of(e)) << " " << graph::to_string(g.edge_kind(e)) << " "
            << g.label(g.target_of(e)) << "  [" << sources_brief(g, g.edge_provenance(e))
            << "]\n";
    }
}

} // namespace medkg::query
