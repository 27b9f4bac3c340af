// Bases written as notation rather than prose: chains with arrows ("TechGPT->BELLE->LLaMA") and
// a model with the training it went through ("DeepSeek-R1-Distill-Qwen-14B+PT/SFT",
// "Ziya-LLaMA-13B 全流程 CPT+SFT+RLHF").

#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/cjk_text.hpp"
#include "ingest/markdown/cues.hpp"

#include "ingest/markdown/text.hpp"

namespace medkg::ingest::md {

/// Bare chains of bases: "TechGPT->BELLE->LLaMA" says TechGPT is built on BELLE, BELLE on
/// LLaMA. Only about the model it starts from; chains after a cue word are chinese_cues'.
void arrow_chains(std::string_view text, std::vector<BaseCue>& cues) {
    if (text.find("->") == std::string_view::npos &&
        text.find("\u2192") == std::string_view::npos) {
        return;
    }
    const CodePoints cp = decode(text);
    const auto& cps = cp.cps;
    static const std::vector<std::vector<std::uint32_t>> arrows{utf32("->"), utf32("\u2192")};
    static const auto based = utf32("基于");
    const auto bytes = [&](std::size_t b, std::size_t e) {
        return std::string(text.substr(cp.offsets[b], cp.offsets[e] - cp.offsets[b]));
    };
    const auto arrow_at = [&](std::size_t q) -> std::size_t {
        while (q < cps.size() && cps[q] == ' ') {
            ++q;
        }
        for (const auto& a : arrows) {
            if (matches_at(cps, q, a)) {
                return q + a.size();
            }
        }
        return 0;
    };
    const auto model_word = [](const std::string& w) {
        const auto tf = family_of_token(w);
        return (tf && tf->plain) || looks_like_model_name(w) || chain_word(w);
    };
    for (std::size_t p = 0; p < cps.size(); ++p) {
        std::size_t after = arrow_at(p);
        if (after == 0 || (p > 0 && cps[p - 1] == ' ' && arrow_at(p - 1) != 0)) {
            continue;
        }
        const auto [lb, le] = token_before(cps, p);
        if (le <= lb || (lb >= based.size() && matches_at(cps, lb - based.size(), based))) {
            continue;
        }
        const std::string subject = bytes(lb, le);
        if (!model_word(subject)) {
            continue;
        }
        std::string prev;
        std::size_t at = p;
        while (after != 0) {
            std::size_t nb0 = after;
            while (nb0 < cps.size() && cps[nb0] == ' ') {
                ++nb0;
            }
            if (matches_at(cps, nb0, based)) {
                nb0 += based.size();
            }
            const auto [nb, ne] = token_after(cps, nb0);
            const std::string name = ne > nb ? bytes(nb, ne) : std::string{};
            if (name.empty() || !model_word(name)) {
                break;
            }
            BaseCue cue;
            set_target(cue, name);
            cue.confidence = 0.85F;
            cue.evidence = clip(bytes(lb, ne), 160);
            cue.subject = subject;
            cue.only_for_subject = true;
            cue.via = prev;
            prev = cue.target;
            keep_best(cues, std::move(cue));
            at = ne;
            after = arrow_at(ne);
        }
        p = std::max(p, at);
    }
}

/// A model then the training it went through: "X+PT/SFT", "X+LoRA", "X 全流程 CPT+SFT+RLHF".
void training_notation(std::string_view text, std::vector<BaseCue>& cues) {
    if (text.find('+') == std::string_view::npos) {
        return;
    }
    const CodePoints cp = decode(text);
    const auto& cps = cp.cps;
    static constexpr std::string_view k_training[] = {"pt",   "cpt",  "sft",   "rlhf", "dpo", "ppo",
                                                      "grpo", "lora", "qlora", "ft",   "it",  "rl"};
    const auto bytes = [&](std::size_t b, std::size_t e) {
        return std::string(text.substr(cp.offsets[b], cp.offsets[e] - cp.offsets[b]));
    };
    // The training acronym starting at q, as [q, end); end == q when none.
    const auto training_at = [&](std::size_t q) {
        std::size_t e = q;
        while (e < cps.size() && cps[e] < 0x80 && is_alpha(static_cast<char>(cps[e]))) {
            ++e;
        }
        return e > q && in_list(k_training, lower(bytes(q, e))) ? e : q;
    };
    for (std::size_t p = 0; p < cps.size(); ++p) {
        if (!ascii_token_char(cps[p]) || (p > 0 && ascii_token_char(cps[p - 1]))) {
            continue;
        }
        const auto [tb, te] = token_after(cps, p);
        if (te <= tb) {
            continue;
        }
        const std::string name = bytes(tb, te);
        if (!looks_like_model_name(name) || training_at(tb) == te) {
            p = te;
            continue;
        }
        // "+PT/SFT" right after the name, or "全流程 CPT+SFT" a few words on.
        std::size_t q = te;
        bool notation = false;
        if (q < cps.size() && cps[q] == '+') {
            const std::size_t e = training_at(q + 1);
            notation = e > q + 1;
        } else {
            // "X 与 SFT+RLHF 模型" sets X beside the training, not under it.
            while (q < cps.size() && q - te < 6 &&
                   (cps[q] == ' ' || (cps[q] >= 0x4E00 && cps[q] <= 0x9FFF)) && cps[q] != 0x4E0E &&
                   cps[q] != 0x548C && cps[q] != 0x53CA && cps[q] != 0x6216 && cps[q] != 0x6BD4) {
                ++q;
            }
            const std::size_t e = training_at(q);
            notation = q > te && e > q && e < cps.size() && (cps[e] == '+' || cps[e] == '/');
        }
        if (notation) {
            BaseCue cue;
            set_target(cue, name);
            cue.confidence = 0.8F;
            const std::string rest = lower(bytes(te, std::min(cps.size(), te + 12)));
            cue.relation =
                rest.find("pt") != std::string::npos && rest.find("sft") == std::string::npos
                    ? Relation::pretrain
                    : Relation::fine_tune;
            std::size_t ev = te;
            while (ev < cps.size() && ev - te < 24 && cps[ev] != 0xFF0C && cps[ev] != 0x3002 &&
                   cps[ev] != ',' && cps[ev] != ';' && cps[ev] != ')' && cps[ev] != 0xFF09) {
                ++ev;
            }
            cue.evidence = clip(bytes(tb, ev), 160);
            keep_best(cues, std::move(cue));
        }
        p = te;
    }
}

} // namespace medkg::ingest::md
