#pragma once

// The Hugging Face Hub's vocabulary, defined once: the relation words of `base_model_relation`
// and of `base_model:<relation>:<id>` tags, the tag prefixes medkg reads, the model-card keys,
// and the evidence that tells how a model was made from its base when no relation is stated.
// The general Hub reader (API objects, dumps and cards) and the streaming dump build both use
// it, so that one line gives the same edges through either.

#include "graph/kinds.hpp"

#include <array>
#include <cstring>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace medkg::ingest::hub {

/// A relation word and the edge it names.
struct RelationWord {
    std::string_view word;
    graph::EdgeKind kind;
};

/// The words the Hub writes (first of each kind) and the spellings cards use for them.
inline constexpr std::array<RelationWord, 8> k_relation_words{{
    {"finetune", graph::EdgeKind::fine_tuned_from},
    {"adapter", graph::EdgeKind::adapter_of},
    {"quantized", graph::EdgeKind::quantized_from},
    {"merge", graph::EdgeKind::merged_from},
    {"fine-tune", graph::EdgeKind::fine_tuned_from},
    {"finetuned", graph::EdgeKind::fine_tuned_from},
    {"quantization", graph::EdgeKind::quantized_from},
    {"merged", graph::EdgeKind::merged_from},
}};

namespace detail {
/// `word == lit` for a literal, as a load or two rather than a call (the streaming build makes
/// several such comparisons per tag).
template <std::size_t N> bool is(std::string_view word, const char (&lit)[N]) {
    return word.size() == N - 1 && std::memcmp(word.data(), lit, N - 1) == 0;
}
} // namespace detail

/// The edge a relation word names, ASCII case aside; nullopt for any other word.
[[nodiscard]] inline std::optional<graph::EdgeKind> relation_of(std::string_view word) {
    // The Hub writes its words in lower case: those first, by length.
    using detail::is;
    switch (word.size()) {
    case 5:
        if (is(word, "merge")) return graph::EdgeKind::merged_from;
        break;
    case 7:
        if (is(word, "adapter")) return graph::EdgeKind::adapter_of;
        break;
    case 8:
        if (is(word, "finetune")) return graph::EdgeKind::fine_tuned_from;
        break;
    case 9:
        if (is(word, "quantized")) return graph::EdgeKind::quantized_from;
        break;
    default:
        break;
    }
    for (const auto& r : k_relation_words) {
        if (r.word.size() != word.size()) {
            continue;
        }
        bool same = true;
        for (std::size_t i = 0; same && i < word.size(); ++i) {
            const char c = word[i];
            same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == r.word[i];
        }
        if (same) {
            return r.kind;
        }
    }
    return std::nullopt;
}

/// "adapter, finetune, merge, quantized": the Hub's own words, for messages.
[[nodiscard]] inline std::string allowed_relation_words() {
    return "adapter, finetune, merge, quantized";
}

/// The warning for a relation word that names no relation (the edge is still made, as the
/// evidence or fine-tuning says, and the message says which).
[[nodiscard]] inline std::string unknown_relation_message(std::string_view word,
                                                          graph::EdgeKind read_as) {
    return "unknown base-model relation \"" + std::string(word) + "\" (expected one of: " +
           allowed_relation_words() + "); read as " + std::string(graph::to_string(read_as));
}

/// Tag prefixes medkg reads.
inline constexpr std::string_view k_base_model_tag = "base_model:";
inline constexpr std::string_view k_dataset_tag = "dataset:";
inline constexpr std::string_view k_arxiv_tag = "arxiv:";
inline constexpr std::string_view k_license_tag = "license:";

/// Keys of a model card's front matter (the Hub's model card metadata). A front matter with any
/// of them is a model card.
inline constexpr std::array<std::string_view, 24> k_card_keys{
    "base_model",    "base_model_relation", "model-index",  "pipeline_tag", "license",
    "license_name",  "license_link",        "datasets",     "language",     "library_name",
    "tags",          "metrics",             "model_name",   "model_creator", "model_type",
    "quantized_by",  "inference",           "widget",       "thumbnail",    "co2_eq_emissions",
    "new_version",   "extra_gated_prompt",  "prompt_template", "eval_results"};

/// True when `key` is one of k_card_keys.
[[nodiscard]] constexpr bool is_card_key(std::string_view key) {
    for (const auto k : k_card_keys) {
        if (k == key) {
            return true;
        }
    }
    return false;
}

/// What a model's metadata says about how it was made, besides a stated relation: its library
/// (`library_name`), its tags and the card's `quantized_by`.
struct Evidence {
    bool adapter = false;   ///< library `peft`, tag `peft` or `lora`
    bool quantized = false; ///< `quantized_by`, library or tag `gguf`, `awq`, `gptq`, `exl2`
    bool merge = false;     ///< library or tag `mergekit`, tag `merge`

    /// Notes a tag or a library name. The streaming build calls this for millions of tags: it
    /// looks at a word's length first, and most tags have no length of these words.
    void note(std::string_view word) {
        using detail::is;
        switch (word.size()) {
        case 3:
            quantized = quantized || is(word, "awq");
            return;
        case 4:
            adapter = adapter || is(word, "peft") || is(word, "lora");
            quantized = quantized || is(word, "gguf") || is(word, "gptq") || is(word, "exl2");
            return;
        case 5:
            merge = merge || is(word, "merge");
            return;
        case 8:
            merge = merge || is(word, "mergekit");
            return;
        default:
            return;
        }
    }

    /// The edge the evidence implies for a base whose relation is not stated, and the word that
    /// says so; nullopt when nothing does (a fine-tune, then). A quantization is told first (a
    /// quantized adapter or merge is still a file of quantized weights), then an adapter, then a
    /// merge.
    [[nodiscard]] std::optional<graph::EdgeKind> implied() const {
        if (quantized) {
            return graph::EdgeKind::quantized_from;
        }
        if (adapter) {
            return graph::EdgeKind::adapter_of;
        }
        if (merge) {
            return graph::EdgeKind::merged_from;
        }
        return std::nullopt;
    }

    /// Why implied() says what it does, for the edge's evidence.
    [[nodiscard]] std::string_view reason() const {
        return quantized ? "quantized_by, or a gguf, awq, gptq or exl2 tag or library"
               : adapter ? "a peft library or tag"
               : merge   ? "a mergekit or merge tag or library"
                         : "no relation stated";
    }
};

/// The relation of a base whose relation is not stated: a merge when the card lists several
/// bases, else what the evidence implies, else a fine-tune.
[[nodiscard]] inline graph::EdgeKind unstated_relation(const Evidence& evidence,
                                                          std::size_t card_bases) {
    if (card_bases > 1) {
        return graph::EdgeKind::merged_from;
    }
    return evidence.implied().value_or(graph::EdgeKind::fine_tuned_from);
}

} // namespace medkg::ingest::hub
