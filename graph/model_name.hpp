#pragma once

// The model-name grammar: what the parts of a name such as `Qwen1.5-14B-Chat-AWQ` or
// `meta-llama/Llama-2-7b-chat-hf` are, and which model each part says the name was made from.
// Every reader and name resolution use it, so that a generation, a size, a variant and a format
// are told apart the same way everywhere. It only splits and classifies; identity (which
// spellings are one node) stays with fold_name and the name index.

#include "graph/kinds.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::graph {

/// The class of one token of a name.
enum class NamePart : std::uint8_t {
    word,       ///< a family word, or a qualifier after the generation (`VL`, `Coder`, `uncased`)
    generation, ///< the version right after the family: `2`, `3.1`, `1.5`, `v0.2`, `4o`
    size,       ///< a parameter count (`7B`, `8x7B`, `0.5B`, `340M`, `57B-A14B`) or a size word
                ///< (`mini`, `small`, `large`, `xl`; `base` when no other size is given)
    variant,    ///< how the model was tuned: `chat`, `instruct`, `instruction`, `it`, `sft`, `dpo`,
                ///< `rlhf`, `ppo`, `orpo`, `kto`, `simpo`, `base`
    format,     ///< a file format or quantization: `GGUF`, `GGML`, `AWQ`, `GPTQ`, `EXL2`, `MLX`,
                ///< `ONNX`, `bnb`, `4bit`, `int4`, `bf16`, `fp16`, `Q4_K_M`; `hf` (the Hub's `-hf`
                ///< conversions: the same model)
    revision,   ///< a later version or release: `v1.0` after the size, `0613`, `2407`, `32k`
};

/// A token of a name: its bytes [begin, end) in the name and its class.
struct NameToken {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    NamePart part = NamePart::word;
};

/// A name split into its parts. Fields are substrings of the name as written (empty when the
/// part is absent); a part made of several tokens (`GPTQ-4bit`) spans from its first token to
/// its last.
///
/// Grammar (case-insensitive): `[org/] family [generation] [qualifier...] {size | variant |
/// format | revision | qualifier}...`, tokens separated by `-`, `_`, spaces, dashes, brackets,
/// or a dot not between digits (`2.5` and `1_5` are numbers). The first token is always a family
/// word. A version glued to a family word is split off (`Qwen2.5`, `LLaMA2`, `ChatGLM3`,
/// `JaColBERTv2.5`) when three letters or more come before it and the last is no lone capital
/// (`mT5`, `ClinicalT5`, `t5`, `R1`, `Med42` after the family stay words); a size glued to any
/// word is split off (`Llama7B`, `QwQ32b`, `mixtral8x7B`). Size words (`mini`, `small`, `large`,
/// `xl`, and `base` right after the family) are the size only when the name gives no count
/// (`Phi-3-mini`, `T5-large`; `Mistral-Small-24B` has the size 24B and the word Small). A variant
/// word may carry a release number (`instruct3`); `instruction` is one too. After a format, its
/// levels stay format (`Q4_K_M`, `4bit-128g`) and words are qualifiers. A trailing footnote
/// (`[^3]`, `*`, `†`) is not part of the name; a trailing parenthesised size is its size
/// (`Llama 3.1 (70b)`, `(355b-A32B)`), another trailing parenthesis is dropped.
struct ModelName {
    std::string_view text;       ///< the name without footnotes, as parsed
    std::string_view org;        ///< the Hub owner of `org/name`, else empty
    std::string_view family;     ///< `Llama`, `Qwen`, `PMC-LLaMA`, `Meta-Llama`
    std::string_view generation; ///< `2`, `1.5`, `v0.2`
    std::string_view qualifier;  ///< words after the generation or the size (`VL`, `turbo`)
    std::string_view size;
    std::string_view variant;
    std::string_view format;
    std::string_view revision;
    std::vector<NameToken> tokens; ///< offsets into `text`
};

/// Splits `name` into its parts. Never fails: a name with nothing but words is all family.
[[nodiscard]] ModelName parse_model_name(std::string_view name);

/// A model a name says it was made from, one step up.
struct NameParent {
    std::string name;  ///< the parent's name, spelled as in the child (`Qwen1.5-14B`)
    EdgeKind relation; ///< quantized_from, fine_tuned_from or variant_of
    std::string part;  ///< the part of the child's name that says so (`AWQ`, `Chat`, `14B`)
};

/// The chain of models a name says it was made from, nearest first, by taking parts off its end
/// for as long as it ends in one: trailing format tokens (`quantized_from`; `hf` alone names the
/// same model and is dropped with no step), a trailing variant, possibly before a revision that
/// stays and then ends the chain (`fine_tuned_from`; `variant_of` for `base`), a trailing size
/// (`variant_of`). It stops at anything else: a generation, a qualifier or a revision names a
/// model of its own. `Qwen1.5-14B-Chat-AWQ` gives `Qwen1.5-14B-Chat`, `Qwen1.5-14B`, `Qwen1.5`;
/// `InternLM2-Chat-7B` gives `InternLM2-Chat`, `InternLM2`. A parent is spelled as the child
/// without the tokens taken off and the separators before them (`Llama 3.1 (70b)` -> `Llama 3.1`).
[[nodiscard]] std::vector<NameParent> name_parents(std::string_view name);

/// `name` without the `-hf` suffix of the Hub's converted checkpoints
/// (`meta-llama/Llama-2-7b-hf` -> `meta-llama/Llama-2-7b`); `name` itself otherwise.
[[nodiscard]] std::string_view without_hf_suffix(std::string_view name);

/// The name part of a Hub id (`epfl-llm/meditron-7b` -> `meditron-7b`) without the `-hf`
/// suffix: the name under which a list or a card refers to the same model. Empty when `id` has
/// no `/`.
[[nodiscard]] std::string_view hub_bare_name(std::string_view id);

/// The name without its footnotes and a trailing parenthesis that is not a size: what a reader
/// keeps of `Llama 3.1 (70b)[^2]` is `Llama 3.1 (70b)`; of `MedPaLM 2*`, `MedPaLM 2`.
[[nodiscard]] std::string_view strip_name_noise(std::string_view name);

/// The start of the evidence of every join of a list's or card's name to a Hub id
/// (`Meditron-7B` and `epfl-llm/meditron-7b`): `medkg check` lists the joins by it.
inline constexpr std::string_view k_hub_name_join = "joined by name: ";

/// The start of the evidence of every node and link the graph builder makes from a model's name
/// (graph::name_parents): the ingest report counts them as the builder's own, not a source's.
inline constexpr std::string_view k_name_chain_evidence = "read from the name: ";

/// "generation", "size", ...: the part's name in tables and messages.
[[nodiscard]] std::string_view to_string(NamePart part);

} // namespace medkg::graph
