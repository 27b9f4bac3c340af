#pragma once

#include "ingest/facts.hpp"
#include "ingest/fetch.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace medkg::ingest {

/// How `hf:ORG/NAME` sources are read.
struct HubOptions {
    std::string endpoint = "https://huggingface.co"; ///< HF_ENDPOINT or --hf-endpoint
    bool ancestors = false;    ///< follow base models up to the roots
    bool descendants = false;  ///< list children (recursively) through the model listing
    std::size_t limit = 1000;  ///< at most this many models fetched or listed per source
};

/// Reads a JSON Lines dump of Hub model objects (one per line). A malformed line is a
/// diagnostic with its line number; reading goes on.
[[nodiscard]] FactBatch read_hub_dump(std::string_view text, std::string source);

/// Reads one Hub model object (what `/api/models/{id}` returns).
[[nodiscard]] FactBatch read_hub_model(std::string_view json, std::string source);

/// Who a model card is about, as far as where it was read says.
struct CardIdentity {
    std::string hub_id;        ///< `ORG/NAME` when known (the Hub cache, a Hub URL), else empty
    std::string fallback_name; ///< the name when the card names no model itself (a file stem)
};

/// Reads a model card: a README.md whose YAML front matter (any YAML, read by yaml-cpp) holds
/// the Hub's card metadata. base_model with base_model_relation, or else the evidence of
/// library_name, tags and quantized_by (see hub/vocabulary.hpp), gives the edges to the bases;
/// license, license_name, language, library_name, tags, datasets, pipeline_tag and model-index
/// results are kept. The model is `who.hub_id` when known; otherwise it is named by
/// `model-index[0].name`, else the card's first `# ` heading (without "Model Card for"), else
/// `who.fallback_name`, and a note says so. Bad YAML is an error with its line and column.
[[nodiscard]] FactBatch read_model_card(std::string_view text, std::string source,
                                        const CardIdentity& who);

/// True when `text` starts with YAML front matter holding a key of the Hub's card metadata.
[[nodiscard]] bool looks_like_model_card(std::string_view text);

/// Reads a Hugging Face cache directory as the Hub's own tools write it
/// (`models--ORG--NAME/snapshots/REV/README.md`, the revision `refs/main` names, else the
/// last by name): every cached model card, under its Hub id. `dir` may also be one
/// `models--ORG--NAME` folder. A cached model without a card is a note. Throws medkg::Error when
/// `dir` holds no cached model.
[[nodiscard]] FactBatch read_hub_cache(const std::string& dir);

/// True when `dir` is a Hugging Face cache (it holds a `models--*` folder) or one model's folder
/// in it.
[[nodiscard]] bool is_hub_cache_dir(const std::string& dir);

/// The Hub id a URL of a file in a model repository names (`https://huggingface.co/ORG/NAME/
/// resolve/main/README.md` -> `ORG/NAME`); empty for any other URL.
[[nodiscard]] std::string hub_id_of_file_url(std::string_view url);

/// True when the first non-empty line of `text` is a JSON object with an "id" member.
[[nodiscard]] bool looks_like_hub_dump(std::string_view text);

/// Reads `hf:MODEL_ID` from the Hub API (`{endpoint}/api/models/{id}`), with its ancestors and
/// descendants when asked. Everything is fetched before the batch is returned; a fetch failure
/// or an unreadable response throws medkg::Error, so nothing of the source is half-ingested.
[[nodiscard]] FactBatch crawl_hub(const std::string& model_id, const HubOptions& options,
                                  Fetcher& fetcher, std::string source);

/// True when `id` looks like a Hub id: `name` or `org/name` of letters, digits, `-_.`, at most
/// 200 bytes, without `..`. Inline: the streaming reader checks every id and base it reads.
[[nodiscard]] inline bool valid_hub_id(std::string_view id) {
    // 1: a byte an id may hold; 2: '/'; 4: '.'.
    static constexpr std::array<std::uint8_t, 256> k_class = [] {
        std::array<std::uint8_t, 256> t{};
        for (int c = 0; c < 256; ++c) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            t[static_cast<std::size_t>(c)] =
                static_cast<std::uint8_t>((ok ? 1 : 0) | (c == '/' ? 2 : 0) | (c == '.' ? 4 : 0));
        }
        return t;
    }();
    if (id.empty() || id.size() > 200 || id.front() == '/' || id.back() == '/') {
        return false;
    }
    int slashes = 0;
    std::uint8_t previous = 0;
    for (const char c : id) {
        const std::uint8_t k = k_class[static_cast<unsigned char>(c)];
        if (k == 0 || (k & previous & 4) != 0) {
            return false;
        }
        slashes += k >> 1 & 1;
        previous = k;
    }
    return slashes <= 1;
}

/// True when `name` looks like a Hub user or organisation name: a Hub id without a '/'.
[[nodiscard]] inline bool valid_hub_user(std::string_view name) {
    return name.find('/') == std::string_view::npos && valid_hub_id(name);
}

/// The warning for a base model named by something that is not a Hub id (the edge is left out).
[[nodiscard]] std::string not_a_base_message(std::string_view id);

} // namespace medkg::ingest
