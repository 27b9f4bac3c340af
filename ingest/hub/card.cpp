// Model cards: a README.md whose YAML front matter holds the Hub's card metadata.
#include "ingest/hub.hpp"
#include "ingest/hub/record.hpp"
#include "ingest/hub/vocabulary.hpp"
#include "ingest/hub/yaml.hpp"
#include "util/text.hpp"

namespace medkg::ingest {

namespace {

using graph::AttrKey;

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

std::string yaml_scalar(const YamlValue* v) {
    return v != nullptr && v->is_scalar() ? v->scalar : "";
}

std::uint32_t line_of(const YamlValue* v) {
    return v != nullptr ? static_cast<std::uint32_t>(v->line) : 0;
}

void read_evals(const YamlValue& index, hub::ModelRecord& r) {
    for (const auto& entry : index.items) {
        const YamlValue* results = entry.find("results");
        if (results == nullptr) {
            continue;
        }
        for (const auto& res : results->items) {
            hub::ModelRecord::Eval ev;
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

/// The model a card names in its first `# ` heading after the front matter, without the
/// template's words ("Model Card for Meditron-7B" -> "Meditron-7B", "MedGemma model card" ->
/// "MedGemma"); empty for the template's own "Model Card for Model ID".
std::string heading_name(std::string_view text, std::size_t from) {
    for (std::size_t pos = from; pos < text.size();) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const auto line = util::trim(text.substr(pos, end - pos));
        pos = end + 1;
        if (!line.starts_with("# ")) {
            continue;
        }
        std::string name(util::trim(line.substr(2)));
        const std::string lower = util::ascii_lower(name);
        for (std::string_view prefix : {"model card for ", "model card of ", "model card: "}) {
            if (lower.starts_with(prefix)) {
                name = std::string(util::trim(std::string_view(name).substr(prefix.size())));
                break;
            }
        }
        const std::string rest = util::ascii_lower(name);
        for (std::string_view suffix : {" model card", " modelcard"}) {
            if (rest.ends_with(suffix)) {
                name = std::string(util::trim(std::string_view(name).substr(0, name.size() - suffix.size())));
                break;
            }
        }
        if (util::ascii_lower(name) == "model id" || name.empty()) {
            return {};
        }
        return name;
    }
    return {};
}

} // namespace

bool looks_like_model_card(std::string_view text) {
    const auto fm = front_matter(text);
    if (!fm) {
        return false;
    }
    // A key of the Hub's card metadata at the start of a line. No parse: this only sorts
    // sources, and reading the card reports its errors.
    for (std::size_t pos = 0; pos < fm->yaml.size();) {
        auto end = fm->yaml.find('\n', pos);
        if (end == std::string_view::npos) {
            end = fm->yaml.size();
        }
        const auto line = fm->yaml.substr(pos, end - pos);
        pos = end + 1;
        const auto colon = line.find(':');
        if (colon != std::string_view::npos && colon > 0 &&
            hub::is_card_key(util::trim(line.substr(0, colon)))) {
            return true;
        }
    }
    return false;
}

FactBatch read_model_card(std::string_view text, std::string source, const CardIdentity& who) {
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
    const auto parsed = parse_yaml(fm->yaml, fm->first_line);
    if (!parsed.root) {
        batch.diagnostics.error(batch.at(static_cast<std::uint32_t>(parsed.error_line),
                                         static_cast<std::uint32_t>(parsed.error_column)),
                                "front matter: " + parsed.error);
        ++batch.records_skipped;
        return batch;
    }
    const YamlValue& y = *parsed.root;
    if (!y.is_mapping()) {
        batch.diagnostics.error(batch.at(static_cast<std::uint32_t>(fm->first_line), 1),
                                "front matter: expected a mapping of card keys (key: value)");
        ++batch.records_skipped;
        return batch;
    }
    hub::ModelRecord r;
    r.keep_card_fields = true;
    if (const YamlValue* index = y.find("model-index"); index != nullptr) {
        read_evals(*index, r);
    }
    if (!who.hub_id.empty()) {
        r.id = who.hub_id;
    } else {
        // A card read from a loose file names its model itself, and says so.
        std::string how;
        if (const YamlValue* index = y.find("model-index"); index != nullptr && !index->items.empty()) {
            r.id = std::string(util::trim(yaml_scalar(index->items.front().find("name"))));
            how = "its model-index";
        }
        if (r.id.empty()) {
            r.id = heading_name(text, fm->end_offset);
            how = "its first heading";
        }
        if (r.id.empty()) {
            r.id = who.fallback_name;
            how = "the file's name";
        }
        r.id_is_hub_id = false;
        batch.diagnostics.add(util::Severity::note, batch.at(1, 1),
                              "model card without a Hub id: its model is named \"" + r.id +
                                  "\" by " + how +
                                  " (read it as hf:ORG/NAME, by its Hub URL or from the Hub cache "
                                  "to join it by id)");
    }
    r.card_bases = yaml_strings(y.find("base_model"));
    r.base_line = line_of(y.find("base_model"));
    r.base_relation = yaml_scalar(y.find("base_model_relation"));
    r.relation_line = line_of(y.find("base_model_relation"));
    r.license = yaml_scalar(y.find("license"));
    r.license_name = yaml_scalar(y.find("license_name"));
    r.library = yaml_scalar(y.find("library_name"));
    r.quantized_by = yaml_scalar(y.find("quantized_by"));
    r.languages = yaml_strings(y.find("language"));
    r.tags = yaml_strings(y.find("tags"));
    r.datasets = yaml_strings(y.find("datasets"));
    r.pipeline_tag = yaml_scalar(y.find("pipeline_tag"));
    hub::RecordMapper mapper(batch, graph::Method::card);
    Origin o;
    o.line = 1;
    o.column = 1;
    o.cites = batch.source;
    mapper.add(r, o);
    return batch;
}

} // namespace medkg::ingest
