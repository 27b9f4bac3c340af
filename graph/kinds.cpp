#include "graph/kinds.hpp"

#include <string>

namespace medkg::graph {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_from(std::string_view text, const std::array<Enum, N>& all) {
    for (Enum e : all) {
        if (to_string(e) == text) {
            return e;
        }
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string list_of(const std::array<Enum, N>& all, Enum skip, bool use_skip) {
    std::string out;
    for (Enum e : all) {
        if (use_skip && e == skip) {
            continue;
        }
        if (!out.empty()) {
            out += ", ";
        }
        out += to_string(e);
    }
    return out;
}

} // namespace

std::string_view to_string(NodeKind kind) {
    switch (kind) {
    case NodeKind::model: return "model";
    case NodeKind::base_model: return "base_model";
    case NodeKind::paper: return "paper";
    case NodeKind::institution: return "institution";
    case NodeKind::task: return "task";
    case NodeKind::dataset: return "dataset";
    }
    return "model";
}

std::string_view to_string(EdgeKind kind) {
    switch (kind) {
    case EdgeKind::fine_tuned_from: return "fine_tuned_from";
    case EdgeKind::pretrained_from: return "pretrained_from";
    case EdgeKind::prompted_from: return "prompted_from";
    case EdgeKind::adapter_of: return "adapter_of";
    case EdgeKind::quantized_from: return "quantized_from";
    case EdgeKind::merged_from: return "merged_from";
    case EdgeKind::variant_of: return "variant_of";
    case EdgeKind::evaluated_on: return "evaluated_on";
    case EdgeKind::trained_on: return "trained_on";
    case EdgeKind::described_in: return "described_in";
    case EdgeKind::developed_by: return "developed_by";
    case EdgeKind::affiliated_with: return "affiliated_with";
    case EdgeKind::addresses: return "addresses";
    }
    return "fine_tuned_from";
}

std::string_view to_string(Method method) {
    switch (method) {
    case Method::curated: return "curated";
    case Method::table: return "table";
    case Method::title: return "title";
    case Method::name: return "name";
    case Method::url: return "url";
    case Method::card: return "card";
    case Method::api: return "api";
    }
    return "curated";
}

std::string_view to_string(AttrKey key) {
    switch (key) {
    case AttrKey::alias: return "alias";
    case AttrKey::parameters: return "parameters";
    case AttrKey::year: return "year";
    case AttrKey::date: return "date";
    case AttrKey::venue: return "venue";
    case AttrKey::license: return "license";
    case AttrKey::hf_id: return "hf_id";
    case AttrKey::arxiv: return "arxiv";
    case AttrKey::doi: return "doi";
    case AttrKey::url: return "url";
    case AttrKey::code: return "code";
    case AttrKey::languages: return "languages";
    case AttrKey::modality: return "modality";
    case AttrKey::title: return "title";
    case AttrKey::authors: return "authors";
    case AttrKey::note: return "note";
    case AttrKey::library: return "library";
    case AttrKey::tags: return "tags";
    }
    return "note";
}

std::optional<NodeKind> parse_node_kind(std::string_view text) {
    return parse_from(text, k_node_kinds);
}
std::optional<EdgeKind> parse_edge_kind(std::string_view text) {
    return parse_from(text, k_edge_kinds);
}
std::optional<Method> parse_method(std::string_view text) { return parse_from(text, k_methods); }
std::optional<AttrKey> parse_attr_key(std::string_view text) {
    return parse_from(text, k_attr_keys);
}

std::string allowed_node_kinds() { return list_of(k_node_kinds, NodeKind::model, false); }
std::string allowed_edge_kinds() { return list_of(k_edge_kinds, EdgeKind::addresses, false); }
std::string allowed_methods() { return list_of(k_methods, Method::curated, false); }
std::string allowed_attr_keys(bool include_alias) {
    return list_of(k_attr_keys, AttrKey::alias, !include_alias);
}

NodeKind implied_target_kind(EdgeKind kind) {
    switch (kind) {
    case EdgeKind::evaluated_on:
    case EdgeKind::trained_on:
        return NodeKind::dataset;
    case EdgeKind::described_in:
        return NodeKind::paper;
    case EdgeKind::developed_by:
    case EdgeKind::affiliated_with:
        return NodeKind::institution;
    case EdgeKind::addresses:
        return NodeKind::task;
    default:
        return NodeKind::base_model;
    }
}

} // namespace medkg::graph
