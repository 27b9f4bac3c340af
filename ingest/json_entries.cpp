#include "ingest/json_entries.hpp"

#include "graph/names.hpp"
#include "ingest/located_json.hpp"
#include "util/text.hpp"

#include <cmath>
#include <map>
#include <sstream>

namespace medkg::ingest {

namespace {

using graph::AttrKey;
using graph::EdgeKind;
using graph::NodeKind;

struct SourceDecl {
    std::string file;
    std::string url;
};

/// A resolved source reference: what the fact cites.
struct Cite {
    std::string text;
    bool present = false;
};

class EntriesReader {
public:
    EntriesReader(std::string_view text, FactBatch& batch) : m_text(text), m_batch(batch) {}

    void run() {
        if (util::trim(m_text).empty()) {
            error(0, "the file is empty (expected a JSON object with \"medkg_entries\" and "
                     "\"entries\")");
            return;
        }
        JsonParse parsed = parse_located_json(m_text);
        if (!parsed.root) {
            error(parsed.error_offset, parsed.error);
            return;
        }
        const JsonValue& root = *parsed.root;
        if (!root.is_object()) {
            error(root.offset, std::string("expected a JSON object at the top level, found ") +
                                   std::string(describe(root.type)));
            return;
        }
        check_members(root, {"medkg_entries", "sources", "entries"}, "the top level");
        const JsonValue* version = root.find("medkg_entries");
        if (version == nullptr) {
            error(root.offset, "missing member \"medkg_entries\" (the schema version, 1)");
            return;
        }
        if (!version->is_number() || !version->is_integer || version->integer != 1) {
            error(version->offset, "unsupported \"medkg_entries\" version (expected 1)");
            return;
        }
        if (const JsonValue* sources = root.find("sources")) {
            read_sources(*sources);
        }
        const JsonValue* entries = root.find("entries");
        if (entries == nullptr) {
            error(root.offset, "missing member \"entries\" (an array of entries)");
            return;
        }
        if (!entries->is_array()) {
            type_error(*entries, "\"entries\"", "an array");
            return;
        }
        for (std::size_t i = 0; i < entries->items.size(); ++i) {
            ++m_batch.records_seen;
            if (!read_entry(entries->items[i], "entries[" + std::to_string(i) + "]")) {
                ++m_batch.records_skipped;
            }
        }
    }

private:
    util::Location at(std::size_t offset) const {
        const auto lc = util::line_column(m_text, offset);
        return m_batch.at(static_cast<std::uint32_t>(lc.line),
                          static_cast<std::uint32_t>(lc.column));
    }
    void error(std::size_t offset, std::string message) {
        m_batch.diagnostics.error(at(offset), std::move(message));
    }
    void warning(std::size_t offset, std::string message) {
        m_batch.diagnostics.warning(at(offset), std::move(message));
    }
    void type_error(const JsonValue& v, std::string_view what, std::string_view expected) {
        error(v.offset, std::string(what) + " must be " + std::string(expected) + ", found " +
                            std::string(describe(v.type)));
    }

    void check_members(const JsonValue& object, std::initializer_list<std::string_view> allowed,
                       std::string_view where) {
        for (std::size_t i = 0; i < object.keys.size(); ++i) {
            bool known = false;
            for (auto a : allowed) {
                known = known || object.keys[i] == a;
            }
            if (!known) {
                std::string list;
                for (auto a : allowed) {
                    list += (list.empty() ? "" : ", ") + std::string(a);
                }
                error(object.key_offsets[i], "unknown member \"" + object.keys[i] + "\" in " +
                                                 std::string(where) + " (expected one of: " +
                                                 list + ")");
            }
        }
    }

    Origin origin_at(const JsonValue& v, std::string path) const {
        Origin o;
        const auto lc = util::line_column(m_text, v.offset);
        o.line = static_cast<std::uint32_t>(lc.line);
        o.column = static_cast<std::uint32_t>(lc.column);
        o.path = std::move(path);
        return o;
    }

    void read_sources(const JsonValue& sources) {
        if (!sources.is_array()) {
            type_error(sources, "\"sources\"", "an array");
            return;
        }
        for (const JsonValue& s : sources.items) {
            if (!s.is_object()) {
                type_error(s, "a source", "an object");
                continue;
            }
            check_members(s, {"id", "file", "url", "title"}, "a source");
            const JsonValue* id = s.find("id");
            if (id == nullptr || !id->is_string() || util::trim(id->string).empty()) {
                error(s.offset, "a source needs a non-empty string \"id\"");
                continue;
            }
            SourceDecl decl;
            if (const JsonValue* f = s.find("file")) {
                if (f->is_string()) {
                    decl.file = f->string;
                } else {
                    type_error(*f, "\"file\"", "a string");
                }
            }
            if (const JsonValue* u = s.find("url")) {
                if (u->is_string()) {
                    decl.url = u->string;
                } else {
                    type_error(*u, "\"url\"", "a string");
                }
            }
            if (decl.file.empty() && decl.url.empty()) {
                error(s.offset, "source \"" + id->string + "\" needs a \"file\" or a \"url\"");
                continue;
            }
            if (!m_sources.emplace(id->string, decl).second) {
                error(id->offset, "source id \"" + id->string + "\" is declared twice");
            }
        }
    }

    /// Resolves a source reference string; reports and returns nullopt when it is bad.
    std::optional<Cite> read_cite(const JsonValue& v) {
        if (!v.is_string()) {
            type_error(v, "\"source\"", "a string (\"ID\", \"ID:LINE\" or a URL)");
            return std::nullopt;
        }
        const std::string& s = v.string;
        if (s.starts_with("http://") || s.starts_with("https://")) {
            return Cite{s, true};
        }
        std::string id = s;
        std::string line;
        if (const auto colon = s.rfind(':'); colon != std::string::npos) {
            id = s.substr(0, colon);
            line = s.substr(colon + 1);
        }
        const auto it = m_sources.find(id);
        if (it == m_sources.end()) {
            std::string known;
            for (const auto& [k, d] : m_sources) {
                known += (known.empty() ? "" : ", ") + k;
            }
            error(v.offset, "unknown source \"" + id + "\" (declared: " +
                                (known.empty() ? std::string("none") : known) + ")");
            return std::nullopt;
        }
        std::string cite = it->second.file.empty() ? it->second.url : it->second.file;
        if (!line.empty()) {
            bool digits = line.find_first_not_of("0123456789") == std::string::npos;
            if (!digits || line.size() > 9 || std::stoul(line) == 0) {
                error(v.offset, "source line \"" + line + "\" must be a positive number");
                return std::nullopt;
            }
            cite += (it->second.file.empty() ? "#L" : ":") + line;
        }
        return Cite{cite, true};
    }

    /// Reads the common fact members (source, evidence, confidence, method) into `o`.
    bool read_fact_meta(const JsonValue& fact, Origin& o, const Cite& inherited) {
        bool ok = true;
        if (const JsonValue* src = fact.find("source")) {
            auto cite = read_cite(*src);
            if (!cite) {
                return false;
            }
            o.cites = cite->text;
        } else if (inherited.present) {
            o.cites = inherited.text;
        } else {
            error(fact.offset, "this fact has no \"source\" and its entry has none to inherit");
            return false;
        }
        if (const JsonValue* ev = fact.find("evidence")) {
            if (ev->is_string()) {
                o.evidence = ev->string;
            } else {
                type_error(*ev, "\"evidence\"", "a string");
                ok = false;
            }
        }
        if (const JsonValue* c = fact.find("confidence")) {
            if (!c->is_number() || !(c->number >= 0.0 && c->number <= 1.0)) {
                error(c->offset, "\"confidence\" must be a number from 0 to 1");
                ok = false;
            } else {
                o.confidence = static_cast<float>(c->number);
            }
        }
        if (const JsonValue* m = fact.find("method")) {
            std::optional<graph::Method> method;
            if (m->is_string()) {
                method = graph::parse_method(m->string);
            }
            if (!method) {
                error(m->offset, "unknown method " + quoted(*m) +
                                     " (expected one of: " + graph::allowed_methods() + ")");
                ok = false;
            } else {
                o.method = *method;
            }
        }
        return ok;
    }

    static std::string quoted(const JsonValue& v) {
        if (v.is_string()) {
            return "\"" + v.string + "\"";
        }
        return std::string(describe(v.type));
    }

    static std::optional<std::string> scalar_text(const JsonValue& v) {
        if (v.is_string()) {
            return v.string;
        }
        if (v.is_number()) {
            if (v.is_integer) {
                return std::to_string(v.integer);
            }
            std::ostringstream out;
            out.precision(15);
            out << v.number;
            return out.str();
        }
        return std::nullopt;
    }

    bool read_entry(const JsonValue& e, const std::string& path) {
        if (!e.is_object()) {
            type_error(e, "an entry", "an object");
            return false;
        }
        check_members(e, {"kind", "name", "aliases", "source", "evidence", "attributes",
                          "relations"},
                      "an entry");
        const JsonValue* kind_v = e.find("kind");
        if (kind_v == nullptr) {
            error(e.offset, "entry has no \"kind\" (expected one of: " +
                                graph::allowed_node_kinds() + ")");
            return false;
        }
        std::optional<NodeKind> kind;
        if (kind_v->is_string()) {
            kind = graph::parse_node_kind(kind_v->string);
        }
        if (!kind) {
            error(kind_v->offset, "unknown kind " + quoted(*kind_v) + " (expected one of: " +
                                      graph::allowed_node_kinds() + ")");
            return false;
        }
        const JsonValue* name_v = e.find("name");
        if (name_v == nullptr || !name_v->is_string()) {
            if (name_v == nullptr) {
                error(e.offset, "entry has no \"name\"");
            } else {
                type_error(*name_v, "\"name\"", "a string");
            }
            return false;
        }
        const std::string name(util::trim(name_v->string));
        if (name.empty() || graph::fold_name(name).empty()) {
            error(name_v->offset, "entry name is empty");
            return false;
        }
        Cite entry_cite;
        if (const JsonValue* src = e.find("source")) {
            auto cite = read_cite(*src);
            if (!cite) {
                return false;
            }
            entry_cite = *cite;
        }
        NodeFact node;
        node.kind = *kind;
        node.name = name;
        node.origin = origin_at(e, path);
        node.origin.cites = entry_cite.text;
        if (const JsonValue* ev = e.find("evidence")) {
            if (ev->is_string()) {
                node.origin.evidence = ev->string;
            } else {
                type_error(*ev, "\"evidence\"", "a string");
            }
        }
        if (!entry_cite.present && !has_any_fact_source(e)) {
            error(e.offset, "entry \"" + name + "\" has no \"source\" (every fact needs one)");
            return false;
        }
        const auto subject = static_cast<std::uint32_t>(m_batch.nodes.size());
        m_batch.nodes.push_back(std::move(node));

        if (const JsonValue* aliases = e.find("aliases")) {
            read_aliases(*aliases, subject, path, entry_cite);
        }
        if (const JsonValue* attrs = e.find("attributes")) {
            read_attributes(*attrs, subject, path, entry_cite);
        }
        if (const JsonValue* rels = e.find("relations")) {
            read_relations(*rels, subject, path, entry_cite);
        }
        return true;
    }

    static bool has_any_fact_source(const JsonValue& e) {
        const JsonValue* rels = e.find("relations");
        if (rels != nullptr && rels->is_array()) {
            for (const auto& r : rels->items) {
                if (r.find("source") != nullptr) {
                    return true;
                }
            }
        }
        return false;
    }

    void read_aliases(const JsonValue& aliases, std::uint32_t subject, const std::string& path,
                      const Cite& cite) {
        if (!aliases.is_array()) {
            type_error(aliases, "\"aliases\"", "an array of strings");
            return;
        }
        for (std::size_t i = 0; i < aliases.items.size(); ++i) {
            const JsonValue& a = aliases.items[i];
            if (!a.is_string() || graph::fold_name(a.string).empty()) {
                error(a.offset, "an alias must be a non-empty string");
                continue;
            }
            if (!cite.present) {
                error(a.offset, "alias \"" + a.string + "\" has no source to inherit");
                continue;
            }
            AliasFact fact;
            fact.subject = subject;
            fact.alias = std::string(util::trim(a.string));
            fact.origin = origin_at(a, path + ".aliases[" + std::to_string(i) + "]");
            fact.origin.cites = cite.text;
            m_batch.aliases.push_back(std::move(fact));
        }
    }

    void read_attributes(const JsonValue& attrs, std::uint32_t subject, const std::string& path,
                         const Cite& cite) {
        if (!attrs.is_object()) {
            type_error(attrs, "\"attributes\"", "an object");
            return;
        }
        for (std::size_t i = 0; i < attrs.keys.size(); ++i) {
            const std::string& key_name = attrs.keys[i];
            const auto key = graph::parse_attr_key(key_name);
            if (!key || *key == AttrKey::alias) {
                error(attrs.key_offsets[i], "unknown attribute \"" + key_name +
                                                "\" (expected one of: " +
                                                graph::allowed_attr_keys(false) + ")");
                continue;
            }
            const JsonValue& v = attrs.items[i];
            const std::string attr_path = path + ".attributes." + key_name;
            if (v.is_array()) {
                for (std::size_t k = 0; k < v.items.size(); ++k) {
                    read_attr_value(v.items[k], subject, *key,
                                    attr_path + "[" + std::to_string(k) + "]", cite);
                }
            } else {
                read_attr_value(v, subject, *key, attr_path, cite);
            }
        }
    }

    void read_attr_value(const JsonValue& v, std::uint32_t subject, AttrKey key,
                         const std::string& path, const Cite& cite) {
        AttrFact fact;
        fact.subject = subject;
        fact.key = key;
        fact.origin = origin_at(v, path);
        const JsonValue* value = &v;
        if (v.is_object()) {
            check_members(v, {"value", "source", "evidence", "confidence", "method"},
                          "an attribute value");
            value = v.find("value");
            if (value == nullptr) {
                error(v.offset, "attribute value object has no \"value\"");
                return;
            }
            if (!read_fact_meta(v, fact.origin, cite)) {
                return;
            }
        } else if (cite.present) {
            fact.origin.cites = cite.text;
        } else {
            error(v.offset, "attribute \"" + std::string(graph::to_string(key)) +
                                "\" has no source to inherit");
            return;
        }
        const auto text = scalar_text(*value);
        if (!text || util::trim(*text).empty()) {
            error(value->offset, "attribute \"" + std::string(graph::to_string(key)) +
                                     "\" must be a non-empty string or a number, found " +
                                     (text ? std::string("an empty string")
                                           : std::string(describe(value->type))));
            return;
        }
        fact.value = std::string(util::trim(*text));
        m_batch.attributes.push_back(std::move(fact));
    }

    void read_relations(const JsonValue& rels, std::uint32_t subject, const std::string& path,
                        const Cite& cite) {
        if (!rels.is_array()) {
            type_error(rels, "\"relations\"", "an array");
            return;
        }
        for (std::size_t i = 0; i < rels.items.size(); ++i) {
            const JsonValue& r = rels.items[i];
            const std::string rel_path = path + ".relations[" + std::to_string(i) + "]";
            if (!r.is_object()) {
                type_error(r, "a relation", "an object");
                continue;
            }
            check_members(r, {"relation", "target", "target_kind", "source", "evidence", "method",
                              "confidence"},
                          "a relation");
            const JsonValue* rel_v = r.find("relation");
            std::optional<EdgeKind> kind;
            if (rel_v != nullptr && rel_v->is_string()) {
                kind = graph::parse_edge_kind(rel_v->string);
            }
            if (!kind) {
                error(rel_v != nullptr ? rel_v->offset : r.offset,
                      (rel_v != nullptr ? "unknown relation " + quoted(*rel_v)
                                        : std::string("relation has no \"relation\"")) +
                          " (expected one of: " + graph::allowed_edge_kinds() + ")");
                continue;
            }
            const JsonValue* target = r.find("target");
            if (target == nullptr || !target->is_string() ||
                graph::fold_name(target->string).empty()) {
                error(target != nullptr ? target->offset : r.offset,
                      "relation needs a non-empty string \"target\"");
                continue;
            }
            EdgeFact fact;
            fact.subject = subject;
            fact.kind = *kind;
            fact.target = std::string(util::trim(target->string));
            fact.origin = origin_at(r, rel_path);
            if (const JsonValue* tk = r.find("target_kind")) {
                std::optional<NodeKind> k;
                if (tk->is_string()) {
                    k = graph::parse_node_kind(tk->string);
                }
                if (!k) {
                    error(tk->offset, "unknown target_kind " + quoted(*tk) +
                                          " (expected one of: " + graph::allowed_node_kinds() +
                                          ")");
                    continue;
                }
                fact.target_kind = k;
            }
            if (!read_fact_meta(r, fact.origin, cite)) {
                continue;
            }
            m_batch.edges.push_back(std::move(fact));
        }
    }

    std::string_view m_text;
    FactBatch& m_batch;
    std::map<std::string, SourceDecl> m_sources;
};

} // namespace

FactBatch read_json_entries(std::string_view text, std::string source) {
    FactBatch batch;
    batch.source = std::move(source);
    EntriesReader(text, batch).run();
    return batch;
}

bool looks_like_json_entries(std::string_view text) {
    const auto t = util::trim(text);
    return !t.empty() && t.front() == '{' &&
           t.substr(0, 4096).find("\"medkg_entries\"") != std::string_view::npos;
}

} // namespace medkg::ingest
