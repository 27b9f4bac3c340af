#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace medkg::graph {

/// What a node denotes.
enum class NodeKind : std::uint8_t { model, base_model, paper, institution, task, dataset };

/// A directed relation; derivations point child -> parent.
enum class EdgeKind : std::uint8_t {
    fine_tuned_from,
    pretrained_from,
    prompted_from,
    adapter_of,
    quantized_from,
    merged_from,
    variant_of,
    evaluated_on,
    trained_on,
    described_in,
    developed_by,
    affiliated_with,
    addresses,
};

/// How a fact was extracted.
enum class Method : std::uint8_t { curated, table, title, name, url, card, api };

/// Attribute names a node may carry (see docs/entries.md).
enum class AttrKey : std::uint8_t {
    alias,
    parameters,
    year,
    date,
    venue,
    license,
    hf_id,
    arxiv,
    doi,
    url,
    code,
    languages,
    modality,
    title,
    authors,
    note,
    library, ///< the library a Hub model's weights are for (`transformers`, `peft`, `gguf`)
    tags,    ///< a Hub model's tags, as its card lists them
};

inline constexpr std::array k_node_kinds{NodeKind::model,       NodeKind::base_model,
                                         NodeKind::paper,       NodeKind::institution,
                                         NodeKind::task,        NodeKind::dataset};
inline constexpr std::array k_edge_kinds{
    EdgeKind::fine_tuned_from, EdgeKind::pretrained_from, EdgeKind::prompted_from,
    EdgeKind::adapter_of,      EdgeKind::quantized_from,  EdgeKind::merged_from,
    EdgeKind::variant_of,      EdgeKind::evaluated_on,    EdgeKind::trained_on,
    EdgeKind::described_in,    EdgeKind::developed_by,    EdgeKind::affiliated_with,
    EdgeKind::addresses};
inline constexpr std::array k_methods{Method::curated, Method::table, Method::title, Method::name,
                                      Method::url,     Method::card,  Method::api};
inline constexpr std::array k_attr_keys{
    AttrKey::alias,    AttrKey::parameters, AttrKey::year,  AttrKey::date,    AttrKey::venue,
    AttrKey::license,  AttrKey::hf_id,      AttrKey::arxiv, AttrKey::doi,     AttrKey::url,
    AttrKey::code,     AttrKey::languages,  AttrKey::modality, AttrKey::title, AttrKey::authors,
    AttrKey::note,     AttrKey::library,    AttrKey::tags};

/// Confidence of a link a name's grammar states (`Chat` in `Qwen1.5-14B-Chat`).
inline constexpr float k_name_grammar_confidence = 0.9F;

/// A guess: a fact inferred from a name or a link alone (a family seen in `PMC-LLaMA` or in a
/// repository's name), below the confidence of what a name's grammar states. Guesses are shown
/// marked, listed by `medkg check`, and left out with `--stated-only`.
[[nodiscard]] constexpr bool is_guess(Method method, float confidence) {
    return (method == Method::name || method == Method::url) &&
           confidence < k_name_grammar_confidence;
}

/// The snake_case name used in files and on the command line.
[[nodiscard]] std::string_view to_string(NodeKind kind);
[[nodiscard]] std::string_view to_string(EdgeKind kind);
[[nodiscard]] std::string_view to_string(Method method);
[[nodiscard]] std::string_view to_string(AttrKey key);

/// Parses the snake_case name; nullopt when it names nothing.
[[nodiscard]] std::optional<NodeKind> parse_node_kind(std::string_view text);
[[nodiscard]] std::optional<EdgeKind> parse_edge_kind(std::string_view text);
[[nodiscard]] std::optional<Method> parse_method(std::string_view text);
[[nodiscard]] std::optional<AttrKey> parse_attr_key(std::string_view text);

/// "a, b, c": every allowed name, for error messages.
[[nodiscard]] std::string allowed_node_kinds();
[[nodiscard]] std::string allowed_edge_kinds();
[[nodiscard]] std::string allowed_methods();
[[nodiscard]] std::string allowed_attr_keys(bool include_alias);

/// True for the kinds that say one model was made from another (lineage follows these).
[[nodiscard]] constexpr bool is_derivation(EdgeKind kind) {
    return kind <= EdgeKind::variant_of;
}

/// True for the kinds that are models in a lineage (model, base_model).
[[nodiscard]] constexpr bool is_model_like(NodeKind kind) {
    return kind == NodeKind::model || kind == NodeKind::base_model;
}

/// The kind a relation's target has when nothing else says (placeholders).
[[nodiscard]] NodeKind implied_target_kind(EdgeKind kind);

} // namespace medkg::graph
