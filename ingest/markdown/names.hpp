#pragma once

// Names in titles: whether a phrase names something or describes it, the name a paper title
// starts with, aliases written beside a name, and whether a Hub repository is the thing named.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medkg::ingest::md {

/// "MedPaLM", "GPT-4", "Med-Alpaca", "MIMIC-III", "XrayGLM": internal capitals or digits.
[[nodiscard]] bool strongly_name_like(std::string_view w);

/// Starts with a capital, a digit or a non-ASCII character.
[[nodiscard]] bool capitalised(std::string_view w);

/// A prefix that names something rather than describes it: a short name-like phrase.
/// `allow_plain_words`: capitalised plain words may name ("Clinical Camel"); `whole`: the phrase
/// is a whole title; `loose`: a lower-case single word may name ("huozi").
[[nodiscard]] bool acceptable_name(std::string_view prefix, bool allow_plain_words,
                                   bool whole = false, bool loose = false);

struct TitleName {
    std::string name;
    std::string rest;
    float confidence = 0.0F;
};

/// The name a title starts with: "Name: rest", "Name, rest", "Name--rest", "Name — rest",
/// a title that is only a short name, or a strongly name-like first word ("Palmyra-Large ...").
[[nodiscard]] std::optional<TitleName> name_from_title(std::string_view title, bool loose = false);

/// `BenTsao/Huatuo` -> BenTsao + alias Huatuo; `FS-/RAD-/GER-BERT` -> three names;
/// `Unified Medical Language System (UMLS)` -> name + acronym alias.
[[nodiscard]] std::pair<std::string, std::vector<std::string>> split_aliases(const std::string& name);

/// Strips a trailing "2023." / " 2020" from a title, returning the year when there was one.
[[nodiscard]] std::string strip_trailing_year(std::string& title);

/// A developer or venue written in parentheses after a name ("Meditron(EPFL)", "MedGemma
/// (Google)", "Llama3.3 Swallow （科学大）"): the name and what the parentheses hold. nullopt when
/// they hold another name of the thing instead: an acronym of its words (UMLS), a name with a
/// digit (CALM2), a size, or another script's name (罗宾) that is no organisation.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> split_developer(
    std::string_view name);

/// Why `name` cannot be the name of a model or a dataset: it is HTML, a URL, a date, a number,
/// a licence, a citation or a sentence. Empty when it can.
[[nodiscard]] std::string not_a_name(std::string_view name);

/// Whether a Hub repository (`org/name`) is the thing named `name`.
[[nodiscard]] bool repo_names(std::string_view repo_id, std::string_view name);

} // namespace medkg::ingest::md
