#pragma once

// What the prose readers of bases share: bases.cpp reads English cues, cjk_bases.cpp Chinese and
// Japanese ones and bare chains; bases_in_text runs them all.

#include "ingest/markdown/bases.hpp"

#include <string_view>
#include <vector>

namespace medkg::ingest::md {

/// Adds `cue`, or keeps the more confident of it and the cue already there for its target.
void keep_best(std::vector<BaseCue>& cues, BaseCue cue);

/// Points `cue` at the base `name` names: a family's own spelling (and the family) when it is
/// one, else the name as written.
void set_target(BaseCue& cue, std::string_view name);

/// The last path segment of an `org/name` token.
[[nodiscard]] std::string_view last_segment(std::string_view token);

/// Bases stated in Chinese and Japanese prose: 基于X, 以X为底座, 在X上继续预训练, X ベース.
void chinese_cues(std::string_view text, std::vector<BaseCue>& cues);

/// Bare chains of bases: "TechGPT->BELLE->LLaMA".
void arrow_chains(std::string_view text, std::vector<BaseCue>& cues);

/// A model then the training it went through: "X+PT/SFT", "X 全流程 CPT+SFT+RLHF".
void training_notation(std::string_view text, std::vector<BaseCue>& cues);

} // namespace medkg::ingest::md
