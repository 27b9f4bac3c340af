#include "ingest/hub/record.hpp"

#include "ingest/hub.hpp"
#include "util/text.hpp"

#include <map>

namespace medkg::ingest::hub {

namespace {

using graph::AttrKey;
using graph::EdgeKind;
using graph::NodeKind;

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        out += (out.empty() ? "" : ", ") + v;
    }
    return out;
}

} // namespace

Evidence ModelRecord::evidence() const {
    Evidence e;
    for (const auto& t : tags) {
        e.note(t);
    }
    e.note(library);
    e.quantized = e.quantized || !quantized_by.empty();
    return e;
}

std::vector<std::string> RecordMapper::add(const ModelRecord& r, const Origin& base) {
    Origin o = base;
    o.method = m_method;
    const auto subject = node(NodeKind::model, r.id, o);
    if (r.id_is_hub_id) {
        attr(subject, AttrKey::hf_id, r.id, o, "id");
    }
    if (!r.created_at.empty()) {
        attr(subject, AttrKey::date, r.created_at.substr(0, 10), o, "createdAt");
    }
    if (!r.license.empty()) {
        attr(subject, AttrKey::license, r.license, o, "license");
    }
    if (!r.license_name.empty()) {
        attr(subject, AttrKey::license, r.license_name, o, "license_name");
    }
    if (r.keep_card_fields) {
        if (!r.library.empty()) {
            attr(subject, AttrKey::library, r.library, o, "library_name");
        }
        if (!r.tags.empty()) {
            attr(subject, AttrKey::tags, joined(r.tags), o, "tags");
        }
        if (!r.languages.empty()) {
            attr(subject, AttrKey::languages, joined(r.languages), o, "language");
        }
    }
    const std::string author =
        !r.author.empty() ? r.author
        : r.id_is_hub_id && r.id.find('/') != std::string::npos ? r.id.substr(0, r.id.find('/'))
                                                                : std::string();
    if (!author.empty()) {
        // A Hub user or organisation, one whatever its case: its name is its hf_id, as for
        // datasets (`big-lab` and `biglab` are two accounts although they fold alike).
        const std::uint32_t institution =
            shared(NodeKind::institution, author, o, valid_hub_user(author), "author");
        edge(subject, EdgeKind::developed_by, institution, o, "author", "author " + author);
    }
    if (!r.pipeline_tag.empty()) {
        edge(subject, EdgeKind::addresses, shared(NodeKind::task, r.pipeline_tag, o), o,
             "pipeline_tag", "pipeline_tag " + r.pipeline_tag);
    }
    // Base models: relation tags and base_model_relation state the relation; otherwise the
    // record's evidence (library, tags, quantized_by) or a list of bases implies it, or it is
    // read as a fine-tune. The first stated relation of a base stands (a relation tag before
    // base_model_relation).
    const Evidence evidence = r.evidence();
    const auto implied = evidence.implied().value_or(EdgeKind::fine_tuned_from);
    const std::string why = evidence.implied() ? std::string(" (") + std::string(evidence.reason()) + ")"
                                               : std::string();
    struct Base {
        EdgeKind kind;
        std::string evidence;
        bool stated;
        bool from_card;
    };
    std::map<std::string, Base> bases;
    std::vector<std::string> order;
    const auto note = [&](const std::string& id, Base b) {
        if (id.empty() || id == r.id) {
            return;
        }
        auto it = bases.find(id);
        if (it == bases.end()) {
            bases.emplace(id, std::move(b));
            order.push_back(id);
        } else if (b.stated && !it->second.stated) {
            it->second = std::move(b);
        }
    };
    const auto warn = [&](std::uint32_t line, const std::string& message) {
        m_batch.diagnostics.warning(m_batch.at(line != 0 ? line : o.line, line != 0 ? 1 : o.column),
                                    message);
    };
    for (const auto& tag : r.tags) {
        if (tag.starts_with(k_base_model_tag)) {
            const std::string rest = tag.substr(k_base_model_tag.size());
            const auto colon = rest.find(':');
            if (colon == std::string::npos) {
                note(rest, Base{implied, "tag " + tag + why, false, false});
                continue;
            }
            // A Hub id holds no ':', so the word before one is a relation.
            const std::string word = rest.substr(0, colon);
            if (const auto k = relation_of(word)) {
                note(rest.substr(colon + 1), Base{*k, "tag " + tag, true, false});
            } else {
                warn(0, unknown_relation_message(word, implied) + ", in tag \"" + tag + "\"");
                note(rest.substr(colon + 1), Base{implied, "tag " + tag + why, false, false});
            }
        } else if (tag.starts_with(k_arxiv_tag)) {
            const std::string id = tag.substr(k_arxiv_tag.size());
            Origin po = o;
            po.path = "tags";
            const auto paper = shared(NodeKind::paper, "arXiv:" + id, po);
            if (m_paper_keyed.insert(paper).second) {
                attr(paper, AttrKey::arxiv, id, po, "tags");
            }
            edge(subject, EdgeKind::described_in, paper, po, "tags", "tag " + tag);
        } else if (tag.starts_with(k_dataset_tag)) {
            dataset_edge(subject, EdgeKind::trained_on, tag.substr(k_dataset_tag.size()), true, o,
                         "tags", "tag " + tag);
        } else if (tag.starts_with(k_license_tag) && r.license.empty()) {
            attr(subject, AttrKey::license, tag.substr(k_license_tag.size()), o, "tags");
        }
    }
    const std::optional<EdgeKind> card_kind = relation_of(r.base_relation);
    const EdgeKind card_unstated = unstated_relation(evidence, r.card_bases.size());
    if (!r.base_relation.empty() && !card_kind && !r.card_bases.empty()) {
        warn(r.relation_line, unknown_relation_message(r.base_relation, card_unstated) +
                                  ", in base_model_relation");
    }
    for (const auto& b : r.card_bases) {
        const bool stated = card_kind.has_value() || r.card_bases.size() > 1;
        const std::string because =
            card_kind ? " (base_model_relation: " + r.base_relation + ")"
            : r.card_bases.size() > 1 ? std::string(" (several base models)")
                                      : why;
        note(b, Base{card_kind.value_or(card_unstated), "base_model: " + b + because, stated, true});
    }
    std::vector<std::string> ids;
    for (const auto& id : order) {
        if (!valid_hub_id(id)) {
            warn(r.base_line, not_a_base_message(id));
            continue;
        }
        const Base& b = bases.at(id);
        Origin eo = o;
        eo.path = b.from_card ? "cardData.base_model" : "tags";
        eo.evidence = b.evidence;
        // Without a relation tag, base_model_relation or a list of bases the kind is medkg's
        // reading of the evidence.
        eo.confidence = b.stated ? 1.0F : 0.9F;
        if (r.base_line != 0) {
            eo.line = r.base_line;
            eo.column = 1;
            eo.cites = m_batch.source + ":" + std::to_string(r.base_line);
        }
        EdgeFact e;
        e.subject = subject;
        e.kind = b.kind;
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

std::uint32_t RecordMapper::node(NodeKind kind, const std::string& name, const Origin& o) {
    m_batch.nodes.push_back(NodeFact{kind, name, o});
    return static_cast<std::uint32_t>(m_batch.nodes.size() - 1);
}

std::uint32_t RecordMapper::shared(NodeKind kind, const std::string& name, const Origin& o,
                                   bool hub_id, const std::string& path) {
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

void RecordMapper::attr(std::uint32_t subject, AttrKey key, const std::string& value,
                        const Origin& o, const std::string& path) {
    Origin a = o;
    a.path = path;
    m_batch.attributes.push_back(AttrFact{subject, key, value, std::move(a)});
}

void RecordMapper::edge(std::uint32_t subject, EdgeKind kind, std::uint32_t target,
                        const Origin& o, const std::string& path, std::string evidence) {
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

void RecordMapper::dataset_edge(std::uint32_t subject, EdgeKind kind, const std::string& name,
                                bool hub_id, const Origin& o, const std::string& path,
                                std::string evidence) {
    // A Hub dataset id (a `dataset:` tag or cardData.datasets) names one repository whatever
    // its case: it becomes the node's hf_id, a strong key, so that ids which fold alike but
    // differ (`org/data-set`, `org/dataset`) stay two datasets. Names from model-index results
    // are free text and are matched by name only.
    const std::string trimmed(util::trim(name));
    if (trimmed.empty()) {
        return;
    }
    const std::uint32_t dataset =
        shared(NodeKind::dataset, trimmed, o, hub_id && valid_hub_id(trimmed), path);
    edge(subject, kind, dataset, o, path, std::move(evidence));
}

} // namespace medkg::ingest::hub
