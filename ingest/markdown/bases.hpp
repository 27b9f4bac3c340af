#pragma once

// Lineage cues for the list reader: which well-known base-model family a name, a link or a
// sentence names, and whether the sentence says the model was made from it. Hand-written
// scanners, linear in their input; no regular expressions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest::md {

/// How a model was made from its base, as far as a cue says.
enum class Relation : std::uint8_t { unknown, fine_tune, pretrain, prompt };

/// One well-known base-model family (see docs/markdown.md for the table and why it exists).
struct Family {
    std::string_view name; ///< display name: "Llama 2"
    std::string_view key;  ///< folded spelling (graph::fold_name): "llama2"
    Relation usual;        ///< what a model usually does with it: closed APIs are prompted,
                           ///< encoders are pre-trained further, the rest fine-tuned
    bool in_names;         ///< may be read from another model's name or link ("PMC-LLaMA");
                           ///< false for GPT-style names, where "-GPT" is a naming habit
    bool strict;           ///< a short key (GLM, T5): only with a word boundary on both sides,
                           ///< and then at low confidence
};

/// The family table, longest keys first within each common prefix.
[[nodiscard]] const std::vector<Family>& base_families();

/// The family whose folded key is exactly `folded`, or nullptr.
[[nodiscard]] const Family* family_by_key(std::string_view folded);

/// A family found inside a model's name or a link's last path segment.
struct NameFamily {
    const Family* family = nullptr;
    float confidence = 0.0F; ///< 0.8 at word boundaries, 0.6 glued (MedLllama3), 0.5 strict keys
    bool separated = false;  ///< a part of the name of its own (`PMC-LLaMA`, not `MedAlpaca`)
};

/// Families a name embeds (`PMC-LLaMA` -> LLaMA, `Radiology-Llama2` -> Llama 2, `MedAlpaca` ->
/// Alpaca, `XrayGLM` -> GLM at low confidence). A family must not run on into a lower-case word
/// (`Palmyra` is not PaLM, `AlpaCare` is not Alpaca); only families with `in_names` count; a name
/// that is itself a family (or a family with a size) yields nothing.
[[nodiscard]] std::vector<NameFamily> families_in_name(std::string_view name);

/// The families a base may be guessed from: families_in_name without short keys, encoders
/// and families followed by a generation of their own (`PMC-LLaMA` -> LLaMA, `Radiology-Llama2`
/// -> Llama 2, `BioMistral` -> Mistral; not `FinGLM`, `ModernBERT`, `HuBERT`, `Qwen2-VL`).
[[nodiscard]] std::vector<NameFamily> guessable_families(std::string_view name);

/// A family named by one prose token (`LLaMA`, `ChatGLM-6B`, `meta-llama/Llama-2-7b`,
/// `LLaMA-based`). `size` is the parameter count when the token carries one (`6B`), `suffix` the
/// rest of the token after the family, lower-cased and without separators (`based`, `7bchat`).
struct TokenFamily {
    const Family* family = nullptr;
    std::string size;
    std::string suffix;
    bool versioned = false; ///< a version follows the family without a separator (`Qwen1.5`)
    bool plain = false; ///< the rest only sizes, versions or qualifiers (`-7b-chat-hf`, `-large`,
                        ///< `-v2`): the token names the family itself, not a model named after it
                        ///< (`LLaVA-Med`)
};

/// The family `token` names, or nullopt when it names none (`Llamas`, `MedAlpaca`).
[[nodiscard]] std::optional<TokenFamily> family_of_token(std::string_view token);

/// The base a token names, for a relation target: the family's own spelling when the token is
/// the family (`llama2` -> `Llama 2`) or uses it as a word (`LLaMA-based` -> `LLaMA`); the token
/// as written when it names one model of the family (`Qwen2.5-7B-Instruct`, `Gemma-2-9B`,
/// `Llama 3.1 (70b)` as `Llama 3.1 70b`): a generation, a size or a variant is another model,
/// which the name grammar links to its family (graph::name_parents).
[[nodiscard]] std::string base_target(std::string_view token, const TokenFamily& tf);

/// A base model a piece of text says something was made from.
struct BaseCue {
    std::string target;             ///< family name ("LLaMA"), sized ("ChatGLM-6B") or as written
    const Family* family = nullptr; ///< the family, nullptr for a name outside the table
    Relation relation = Relation::unknown;
    float confidence = 0.0F;
    std::string evidence; ///< the words that state it
    /// A chain "基于A->B": B is the base of A (`via` = "A"), not of the entry.
    std::string via;
    /// The model the sentence says is built on the target, when it names one right there
    /// ("IvyGPT基于ChatGLM2", "基于 ChatGLM 的Med-ChatGLM"); empty when the entry is meant.
    std::string subject;
    bool only_for_subject = false; ///< a bare chain "A->B": about A and no other model
};

/// Base models stated in English or Chinese prose: "fine-tuned on ... (LLaMA)", "based on X",
/// "built on X", "X-based", "tuning llama", "prompting ChatGPT", "with/using/by X" (weaker),
/// "基于 ChatGLM-6B", "以LlaMA为底座", "模型主干为LlaMA-7b", "ChatGLM模型微调". Mentions that
/// describe data or comparisons ("Polished by ChatGPT", "data generated by GPT-4", "compared
/// with ChatGPT", "evaluation of GPT-4") are not cues. Names outside the family table are taken
/// only after strong cues (based on, built on, fine-tuned from, 基于, 以…为底座) and only when they
/// look like model names. One cue per target, the most confident.
[[nodiscard]] std::vector<BaseCue> bases_in_text(std::string_view text);

/// Families the text names as an architecture ("基于 LLaVA 架构", "the LLaMA architecture",
/// "Llama ベースのアーキテクチャ"): a name holding one of them guesses nothing from it.
[[nodiscard]] std::vector<const Family*> architectures_in_text(std::string_view text);

/// True when `token` looks like a model name rather than a word: it has a digit, an upper-case
/// letter after a lower-case one, or two upper-case letters, and is not a common acronym (LLM,
/// NLP, EHR, ...).
[[nodiscard]] bool looks_like_model_name(std::string_view token);

/// `text` folded as graph::fold_name does, with the offset in `text` of every folded byte.
struct Folded {
    std::string text;
    std::vector<std::size_t> offsets;
};
[[nodiscard]] Folded fold_with_offsets(std::string_view text);

/// A parameter count written as `7B`, `7b`, `0.5B`, `8x7B`, `345M` (upper-case unit), or
/// nullopt when `text` is not one.
[[nodiscard]] std::optional<std::string> parse_size(std::string_view text);

} // namespace medkg::ingest::md
