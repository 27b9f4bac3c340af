#include "ingest/hub.hpp"

#include "ingest/yaml_lite.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include "ingest/json_error.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <deque>
#include <map>
#include <set>
#include <unordered_map>

namespace medkg::ingest {

namespace {

using graph::AttrKey;
using graph::EdgeKind;
using graph::Method;
using graph::NodeKind;

/// A source-neutral view of one model's metadata, filled from JSON (API, dumps) or YAML (cards).
struct ModelRecord {
    std::string id;
    std::string author;
    std::string pipeline_tag;
    std::string created_at;
    std::string license;
    std::vector<std::string> tags;
    std::vector<std::string> card_bases; ///< cardData.base_model (a list means a merge)
    std::string base_relation;           ///< cardData.base_model_relation
    std::vector<std::string> datasets;
    struct Eval {
        std::string dataset;
        std::string metrics; ///< "acc_norm=50.77, ..."
    };
    std::vector<Eval> evals;
};

std::optional<EdgeKind> relation_for(std::string_view word) {
    if (word == "finetune" || word == "fine-tune" || word == "finetuned") {
        return EdgeKind::fine_tuned_from;
    }
    if (word == "adapter") {
        return EdgeKind::adapter_of;
    }
    if (word == "quantized" || word == "quantization") {
        return EdgeKind::quantized_from;
    }
    if (word == "merge" || word == "merged") {
        return EdgeKind::merged_from;
    }
    return std::nullopt;
}

/// Appends the facts of one record; per-batch dedupe of authors, tasks, datasets and papers.
class RecordMapper {
public:
    RecordMapper(FactBatch& batch, Method method) : m_batch(batch), m_method(method) {}

    /// Base model ids named by the record.
    std::vector<std::string> add(const ModelRecord& r, const Origin& base) {
        Origin o = base;
        o.method = m_method;
        const auto subject = node(NodeKind::model, r.id, o);
        attr(subject, AttrKey::hf_id, r.id, o, "id");
        if (!r.created_at.empty()) {
            attr(subject, AttrKey::date, r.created_at.substr(0, 10), o, "createdAt");
        }
        if (!r.license.empty()) {
            attr(subject, AttrKey::license, r.license, o, "license");
        }
        const std::string author =
            !r.author.empty() ? r.author
                              : (r.id.find('/') != std::string::npos ? r.id.substr(0, r.id.find('/'))
                                                                     : std::string());
        if (!author.empty()) {
            // A Hub user or organisation, one whatever its case: its name is its hf_id, as for
            // datasets (`big-lab` and `biglab` are two accounts although they fold alike).
            const std::uint32_t institution = shared(NodeKind::institution, author, o,
                                                     valid_hub_user(author), "author");
            edge(subject, EdgeKind::developed_by, institution, o, "author", "author " + author);
        }
        if (!r.pipeline_tag.empty()) {
            edge(subject, EdgeKind::addresses, shared(NodeKind::task, r.pipeline_tag, o), o,
                 "pipeline_tag", "pipeline_tag " + r.pipeline_tag);
        }
        // Base models: relation tags are explicit; cardData.base_model is the fallback. The first
        // stated relation of a base stands (a relation tag before base_model_relation).
        struct Base {
            EdgeKind kind;
            std::string evidence;
            bool stated;
        };
        std::map<std::string, Base> bases;
        std::vector<std::string> order;
        const auto note = [&](const std::string& id, EdgeKind k, std::string evidence, bool explicit_kind) {
            if (id.empty() || id == r.id) {
                return;
            }
            auto it = bases.find(id);
            if (it == bases.end()) {
                bases.emplace(id, Base{k, std::move(evidence), explicit_kind});
                order.push_back(id);
            } else if (explicit_kind && !it->second.stated) {
                it->second = Base{k, std::move(evidence), true};
            }
        };
        for (const auto& tag : r.tags) {
            if (tag.starts_with("base_model:")) {
                const std::string rest = tag.substr(11);
                const auto colon = rest.find(':');
                if (colon != std::string::npos) {
                    if (auto k = relation_for(rest.substr(0, colon))) {
                        note(rest.substr(colon + 1), *k, "tag " + tag, true);
                        continue;
                    }
                }
                note(rest, EdgeKind::fine_tuned_from, "tag " + tag, false);
            } else if (tag.starts_with("arxiv:")) {
                const std::string id = tag.substr(6);
                Origin po = o;
                po.path = "tags";
                const auto paper = shared(NodeKind::paper, "arXiv:" + id, po);
                if (m_paper_keyed.insert(paper).second) {
                    attr(paper, AttrKey::arxiv, id, po, "tags");
                }
                edge(subject, EdgeKind::described_in, paper, po, "tags", "tag " + tag);
            } else if (tag.starts_with("dataset:")) {
                dataset_edge(subject, EdgeKind::trained_on, tag.substr(8), true, o, "tags",
                             "tag " + tag);
            } else if (tag.starts_with("license:") && r.license.empty()) {
                attr(subject, AttrKey::license, tag.substr(8), o, "tags");
            }
        }
        const std::optional<EdgeKind> card_kind = relation_for(r.base_relation);
        for (const auto& b : r.card_bases) {
            const EdgeKind k = card_kind ? *card_kind
                               : r.card_bases.size() > 1 ? EdgeKind::merged_from
                                                         : EdgeKind::fine_tuned_from;
            note(b, k, "base_model: " + b, card_kind.has_value() || r.card_bases.size() > 1);
        }
        std::vector<std::string> ids;
        for (const auto& id : order) {
            if (!valid_hub_id(id)) {
                m_batch.diagnostics.warning(m_batch.at(o.line, o.column), not_a_base_message(id));
                continue;
            }
            const auto& [kind, evidence, stated_here] = bases.at(id);
            Origin eo = o;
            eo.path = evidence.starts_with("tag") ? "tags" : "cardData.base_model";
            eo.evidence = evidence;
            // Without a relation tag, base_model_relation or a list of bases the kind is our
            // reading.
            eo.confidence = stated_here ? 1.0F : 0.9F;
            EdgeFact e;
            e.subject = subject;
            e.kind = kind;
            e.target = "hf:" + id;
            e.target_kind = NodeKind::model;
            e.origin = std::move(eo);
            m_batch.edges.push_back(std::move(e));
            ids.push_back(id);
        }
        for (const auto& d : r.datasets) {
            dataset_edge(subject, EdgeKind::trained_on, d, true, o, "datasets", "datasets: " + d);
        }
        for (const auto& ev : r.evals) {
            dataset_edge(subject, EdgeKind::evaluated_on, ev.dataset, false, o, "model-index",
                         "model-index: " + ev.dataset + (ev.metrics.empty() ? "" : " " + ev.metrics));
        }
        return ids;
    }

private:
    std::uint32_t node(NodeKind kind, const std::string& name, const Origin& o) {
        m_batch.nodes.push_back(NodeFact{kind, name, o});
        return static_cast<std::uint32_t>(m_batch.nodes.size() - 1);
    }

    /// The batch's one node fact of `kind` named `name`. `hub_id`: the name is a Hub id, made
    /// the node's hf_id (a strong key) when the fact is made, stated at `path`.
    std::uint32_t shared(NodeKind kind, const std::string& name, const Origin& o,
                         bool hub_id = false, const std::string& path = {}) {
        const std::string key = std::string(graph::to_string(kind)) + "\n" + name;
        auto it = m_shared.find(key);
        if (it != m_shared.end()) {
            return it->second;
        }
        const auto id = node(kind, name, o);
        m_shared.emplace(key, id);
        if (hub_id) {
            attr(id, AttrKey::hf_id, name, o, path);
        }
        return id;
    }

    void attr(std::uint32_t subject, AttrKey key, const std::string& value, const Origin& o,
              const std::string& path) {
        Origin a = o;
        a.path = path;
        m_batch.attributes.push_back(AttrFact{subject, key, value, std::move(a)});
    }

    void edge(std::uint32_t subject, EdgeKind kind, std::uint32_t target, const Origin& o,
              const std::string& path, std::string evidence) {
        EdgeFact e;
        e.subject = subject;
        e.kind = kind;
        e.target = m_batch.nodes[target].name;
        e.target_index = target;
        e.origin = o;
        e.origin.path = path;
        e.origin.evidence = std::move(evidence);
        m_batch.edges.push_back(std::move(e));
    }

    /// `hub_id`: the name is a Hub dataset id (a `dataset:` tag or cardData.datasets), which
    /// names one repository whatever its case: it becomes the node's hf_id, a strong key, so
    /// that ids which fold alike but differ (`org/data-set`, `org/dataset`) stay two datasets.
    /// Names from model-index results are free text and are matched by name only.
    void dataset_edge(std::uint32_t subject, EdgeKind kind, const std::string& name, bool hub_id,
                      const Origin& o, const std::string& path, std::string evidence) {
        const std::string trimmed(util::trim(name));
        if (trimmed.empty()) {
            return;
        }
        const std::uint32_t dataset =
            shared(NodeKind::dataset, trimmed, o, hub_id && valid_hub_id(trimmed), path);
        edge(subject, kind, dataset, o, path, std::move(evidence));
    }

    FactBatch& m_batch;
    Method m_method;
    std::unordered_map<std::string, std::uint32_t> m_shared;
    std::set<std::uint32_t> m_paper_keyed;
};

std::string json_string(const rapidjson::Value& v, const char* key) {
    if (v.IsObject()) {
        const auto it = v.FindMember(key);
        if (it != v.MemberEnd() && it->value.IsString()) {
            return {it->value.GetString(), it->value.GetStringLength()};
        }
    }
    return {};
}

std::vector<std::string> json_strings(const rapidjson::Value& v) {
    std::vector<std::string> out;
    if (v.IsString()) {
        out.emplace_back(v.GetString(), v.GetStringLength());
    } else if (v.IsArray()) {
        for (const auto& item : v.GetArray()) {
            if (item.IsString()) {
                out.emplace_back(item.GetString(), item.GetStringLength());
            }
        }
    }
    return out;
}

std::string number_text(const rapidjson::Value& v) {
    if (v.IsString()) {
        return {v.GetString(), v.GetStringLength()};
    }
    if (v.IsInt64()) {
        return std::to_string(v.GetInt64());
    }
    if (v.IsNumber()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v.GetDouble());
        return buf;
    }
    return {};
}

void json_evals(const rapidjson::Value& index, ModelRecord& r) {
    if (!index.IsArray()) {
        return;
    }
    for (const auto& entry : index.GetArray()) {
        if (!entry.IsObject() || !entry.HasMember("results") || !entry["results"].IsArray()) {
            continue;
        }
        for (const auto& res : entry["results"].GetArray()) {
            if (!res.IsObject() || !res.HasMember("dataset")) {
                continue;
            }
            ModelRecord::Eval ev;
            ev.dataset = json_string(res["dataset"], "name");
            if (ev.dataset.empty()) {
                ev.dataset = json_string(res["dataset"], "type");
            }
            if (res.HasMember("metrics") && res["metrics"].IsArray()) {
                for (const auto& m : res["metrics"].GetArray()) {
                    const std::string type = json_string(m, "type");
                    const std::string value =
                        m.IsObject() && m.HasMember("value") ? number_text(m["value"]) : "";
                    if (!type.empty()) {
                        ev.metrics += (ev.metrics.empty() ? "" : ", ") + type + "=" + value;
                    }
                }
            }
            if (!ev.dataset.empty()) {
                r.evals.push_back(std::move(ev));
            }
        }
    }
}

/// Fills a record from a Hub model object; returns an error message when it is not one.
std::string record_from_json(const rapidjson::Value& m, ModelRecord& r) {
    if (!m.IsObject()) {
        return "expected a JSON object (a Hub model)";
    }
    r.id = json_string(m, "id");
    if (r.id.empty()) {
        r.id = json_string(m, "modelId");
    }
    if (r.id.empty()) {
        return "Hub model has no string \"id\"";
    }
    if (!valid_hub_id(r.id)) {
        return "invalid Hub model id \"" + r.id + "\"";
    }
    r.author = json_string(m, "author");
    r.pipeline_tag = json_string(m, "pipeline_tag");
    r.created_at = json_string(m, "createdAt");
    if (m.HasMember("tags")) {
        r.tags = json_strings(m["tags"]);
    }
    if (m.HasMember("cardData") && m["cardData"].IsObject()) {
        const auto& card = m["cardData"];
        if (card.HasMember("base_model")) {
            r.card_bases = json_strings(card["base_model"]);
        }
        r.base_relation = json_string(card, "base_model_relation");
        r.license = json_string(card, "license");
        if (card.HasMember("datasets")) {
            r.datasets = json_strings(card["datasets"]);
        }
        if (card.HasMember("model-index")) {
            json_evals(card["model-index"], r);
        }
    }
    return {};
}

std::vector<std::string> yaml_strings(const YamlValue* v) {
    std::vector<std::string> out;
    if (v == nullptr) {
        return out;
    }
    if (v->is_scalar()) {
        if (!v->scalar.empty()) {
            out.push_back(v->scalar);
        }
    } else {
        for (const auto& item : v->items) {
            if (item.is_scalar() && !item.scalar.empty()) {
                out.push_back(item.scalar);
            }
        }
    }
    return out;
}

std::string yaml_scalar(const YamlValue* v) { return v != nullptr && v->is_scalar() ? v->scalar : ""; }

} // namespace

std::string not_a_base_message(std::string_view id) {
    return "base model \"" + std::string(id) + "\" is not a Hub id; the edge is left out";
}

FactBatch read_hub_model(std::string_view json, std::string source) {
    FactBatch batch;
    batch.source = std::move(source);
    ++batch.records_seen;
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
    if (doc.HasParseError()) {
        const auto lc = util::line_column(json, doc.GetErrorOffset());
        batch.diagnostics.error(batch.at(static_cast<std::uint32_t>(lc.line),
                                         static_cast<std::uint32_t>(lc.column)),
                                std::string("invalid JSON: ") +
                                    json_error_text(doc.GetParseError()));
        ++batch.records_skipped;
        return batch;
    }
    ModelRecord r;
    if (auto error = record_from_json(doc, r); !error.empty()) {
        batch.diagnostics.error(batch.at(1, 1), error);
        ++batch.records_skipped;
        return batch;
    }
    RecordMapper mapper(batch, Method::api);
    Origin o;
    o.cites = batch.source;
    mapper.add(r, o);
    return batch;
}

FactBatch read_hub_dump(std::string_view text, std::string source) {
    FactBatch batch;
    batch.source = std::move(source);
    RecordMapper mapper(batch, Method::api);
    std::uint32_t line_number = 0;
    rapidjson::Document doc;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view line = util::trim(text.substr(pos, end - pos));
        pos = end + 1;
        ++line_number;
        if (line.empty()) {
            continue;
        }
        ++batch.records_seen;
        // The document's pool allocator only grows: without clearing it, a dump's every line
        // would stay in memory until the end.
        doc.SetNull();
        doc.GetAllocator().Clear();
        doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
        if (doc.HasParseError()) {
            batch.diagnostics.error(batch.at(line_number, static_cast<std::uint32_t>(doc.GetErrorOffset() + 1)),
                                    std::string("invalid JSON: ") +
                                        json_error_text(doc.GetParseError()));
            ++batch.records_skipped;
            continue;
        }
        ModelRecord r;
        if (auto error = record_from_json(doc, r); !error.empty()) {
            batch.diagnostics.error(batch.at(line_number, 1), error);
            ++batch.records_skipped;
            continue;
        }
        Origin o;
        o.line = line_number;
        o.column = 1;
        o.cites = batch.source + ":" + std::to_string(line_number);
        mapper.add(r, o);
    }
    return batch;
}

bool looks_like_hub_dump(std::string_view text) {
    const auto first = util::trim(text.substr(0, text.find('\n')));
    return first.starts_with("{") && first.ends_with("}") &&
           (first.find("\"id\"") != std::string_view::npos ||
            first.find("\"modelId\"") != std::string_view::npos);
}

bool looks_like_model_card(std::string_view text) {
    const auto fm = front_matter(text);
    if (!fm) {
        return false;
    }
    for (const char* key : {"base_model:", "model-index:", "pipeline_tag:", "license:", "datasets:"}) {
        if (fm->yaml.find(key) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

FactBatch read_model_card(std::string_view text, std::string source,
                          const std::string& fallback_name) {
    FactBatch batch;
    batch.source = std::move(source);
    ++batch.records_seen;
    const auto fm = front_matter(text);
    if (!fm) {
        batch.diagnostics.error(batch.at(1, 1),
                                "no YAML front matter (a model card starts with a line \"---\")");
        ++batch.records_skipped;
        return batch;
    }
    const auto parsed = parse_yaml_lite(fm->yaml, fm->first_line);
    if (!parsed.root) {
        batch.diagnostics.error(batch.at(static_cast<std::uint32_t>(parsed.error_line), 1),
                                "front matter: " + parsed.error);
        ++batch.records_skipped;
        return batch;
    }
    const YamlValue& y = *parsed.root;
    ModelRecord r;
    if (const YamlValue* index = y.find("model-index");
        index != nullptr && !index->items.empty()) {
        r.id = yaml_scalar(index->items.front().find("name"));
        for (const auto& entry : index->items) {
            const YamlValue* results = entry.find("results");
            if (results == nullptr) {
                continue;
            }
            for (const auto& res : results->items) {
                ModelRecord::Eval ev;
                if (const YamlValue* ds = res.find("dataset")) {
                    ev.dataset = yaml_scalar(ds->find("name"));
                    if (ev.dataset.empty()) {
                        ev.dataset = yaml_scalar(ds->find("type"));
                    }
                }
                if (const YamlValue* metrics = res.find("metrics")) {
                    for (const auto& m : metrics->items) {
                        const auto type = yaml_scalar(m.find("type"));
                        if (!type.empty()) {
                            ev.metrics += (ev.metrics.empty() ? "" : ", ") + type + "=" +
                                          yaml_scalar(m.find("value"));
                        }
                    }
                }
                if (!ev.dataset.empty()) {
                    r.evals.push_back(std::move(ev));
                }
            }
        }
    }
    if (r.id.empty()) {
        // The first "# " heading after the front matter.
        auto pos = static_cast<std::size_t>(fm->yaml.data() + fm->yaml.size() - text.data());
        while (pos < text.size() && r.id.empty()) {
            auto end = text.find('\n', pos);
            if (end == std::string_view::npos) {
                end = text.size();
            }
            const auto line = util::trim(text.substr(pos, end - pos));
            if (line.starts_with("# ")) {
                r.id = std::string(util::trim(line.substr(2)));
            }
            pos = end + 1;
        }
    }
    if (r.id.empty()) {
        r.id = fallback_name;
    }
    r.card_bases = yaml_strings(y.find("base_model"));
    r.base_relation = yaml_scalar(y.find("base_model_relation"));
    r.license = yaml_scalar(y.find("license"));
    r.datasets = yaml_strings(y.find("datasets"));
    r.pipeline_tag = yaml_scalar(y.find("pipeline_tag"));
    RecordMapper mapper(batch, Method::card);
    Origin o;
    o.line = 1;
    o.column = 1;
    o.cites = batch.source;
    const auto base_line = y.find("base_model") != nullptr ? y.find("base_model")->line : 1;
    mapper.add(r, o);
    // A card names its model by display name, not Hub id: drop the id-as-hf_id guess.
    auto& attrs = batch.attributes;
    attrs.erase(std::remove_if(attrs.begin(), attrs.end(),
                               [](const AttrFact& a) { return a.key == AttrKey::hf_id; }),
                attrs.end());
    for (auto& e : batch.edges) {
        if (graph::is_derivation(e.kind)) {
            e.origin.line = static_cast<std::uint32_t>(base_line);
            e.origin.cites = batch.source + ":" + std::to_string(base_line);
        }
    }
    return batch;
}

FactBatch crawl_hub(const std::string& model_id, const HubOptions& options, Fetcher& fetcher,
                    std::string source) {
    if (!valid_hub_id(model_id)) {
        throw Error("invalid Hugging Face model id \"" + model_id +
                    "\" (expected hf:ORG/NAME of letters, digits, '-', '_' and '.')");
    }
    std::string endpoint = options.endpoint;
    while (!endpoint.empty() && endpoint.back() == '/') {
        endpoint.pop_back();
    }
    FactBatch batch;
    batch.source = std::move(source);
    RecordMapper mapper(batch, Method::api);
    std::set<std::string> seen{model_id};
    std::vector<std::string> frontier{model_id};
    std::size_t fetched = 0;

    const auto parse = [&](const FetchResult& res, rapidjson::Document& doc) {
        doc.Parse<rapidjson::kParseValidateEncodingFlag>(res.body.data(), res.body.size());
        if (doc.HasParseError()) {
            throw Error("invalid JSON from " + res.url + " at offset " +
                        std::to_string(doc.GetErrorOffset()) + ": " +
                        json_error_text(doc.GetParseError()));
        }
    };
    const auto add = [&](const rapidjson::Value& v, const std::string& url) {
        ModelRecord r;
        if (auto error = record_from_json(v, r); !error.empty()) {
            throw Error("unexpected response from " + url + ": " + error);
        }
        ++batch.records_seen;
        Origin o;
        o.cites = url;
        return std::make_pair(r.id, mapper.add(r, o));
    };

    // The model and (with ancestors) its bases, level by level, each level fetched concurrently.
    while (!frontier.empty()) {
        std::vector<std::string> urls;
        for (const auto& id : frontier) {
            urls.push_back(endpoint + "/api/models/" + id);
        }
        fetched += urls.size();
        const auto results = fetcher.get_all(urls);
        std::vector<std::string> next;
        for (const auto& res : results) {
            rapidjson::Document doc;
            parse(res, doc);
            const auto [id, bases] = add(doc, res.url);
            if (!options.ancestors) {
                continue;
            }
            for (const auto& b : bases) {
                if (valid_hub_id(b) && fetched + next.size() < options.limit &&
                    seen.insert(b).second) {
                    next.push_back(b);
                }
            }
        }
        frontier.swap(next);
    }

    // Descendants: the listing filtered by base model, page by page (Link rel="next").
    if (options.descendants) {
        std::deque<std::string> queue{model_id};
        std::set<std::string> listed{model_id};
        std::size_t children = 0;
        while (!queue.empty() && children < options.limit) {
            const std::string parent = queue.front();
            queue.pop_front();
            std::string url = endpoint + "/api/models?filter=base_model:" + parent;
            std::set<std::string> pages;
            while (!url.empty() && children < options.limit) {
                if (!pages.insert(url).second) {
                    throw Error("the Hub listing's pagination loops at " + url);
                }
                const auto res = fetcher.get(url);
                rapidjson::Document doc;
                parse(res, doc);
                if (!doc.IsArray()) {
                    throw Error("unexpected response from " + url + ": expected a JSON array");
                }
                for (const auto& item : doc.GetArray()) {
                    if (children >= options.limit) {
                        break;
                    }
                    const auto [id, bases] = add(item, url);
                    ++children;
                    if (listed.insert(id).second) {
                        queue.push_back(id);
                    }
                }
                url = res.link_next;
            }
        }
        if (children >= options.limit) {
            batch.diagnostics.warning(batch.at(0), "stopped listing descendants of " + model_id +
                                                       " at --hf-limit " +
                                                       std::to_string(options.limit));
        }
    }
    return batch;
}

} // namespace medkg::ingest
