#include "ingest/hub.hpp"

#include "ingest/hub/record.hpp"
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

void json_evals(const rapidjson::Value& index, hub::ModelRecord& r) {
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
            hub::ModelRecord::Eval ev;
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
std::string record_from_json(const rapidjson::Value& m, hub::ModelRecord& r) {
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
    r.library = json_string(m, "library_name");
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
        r.quantized_by = json_string(card, "quantized_by");
        if (r.library.empty()) {
            r.library = json_string(card, "library_name");
        }
        if (card.HasMember("datasets")) {
            r.datasets = json_strings(card["datasets"]);
        }
        if (card.HasMember("model-index")) {
            json_evals(card["model-index"], r);
        }
    }
    return {};
}

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
    hub::ModelRecord r;
    if (auto error = record_from_json(doc, r); !error.empty()) {
        batch.diagnostics.error(batch.at(1, 1), error);
        ++batch.records_skipped;
        return batch;
    }
    hub::RecordMapper mapper(batch, Method::api);
    Origin o;
    o.cites = batch.source;
    mapper.add(r, o);
    return batch;
}

FactBatch read_hub_dump(std::string_view text, std::string source) {
    FactBatch batch;
    batch.source = std::move(source);
    hub::RecordMapper mapper(batch, Method::api);
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
        hub::ModelRecord r;
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
    hub::RecordMapper mapper(batch, Method::api);
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
        hub::ModelRecord r;
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
