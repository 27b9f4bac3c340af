// Bases stated in English prose ("fine-tuned from LLaMA", "based on BLOOM"), told apart from
// architecture mentions and comparisons. Chinese and Japanese cues and arrow chains are in
// cjk_bases.cpp; the family table and name guesses in families.cpp.

#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/cues.hpp"

#include "graph/names.hpp"
#include "ingest/markdown/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace medkg::ingest::md {

namespace {

constexpr Relation fine = Relation::fine_tune;
constexpr Relation pre = Relation::pretrain;
constexpr Relation prompt = Relation::prompt;

/// `word` lower-cased without hyphens, for comparing cue words ("Fine-Tuned" -> "finetuned").
std::string cue_word(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    for (char c : word) {
        if (c == '-' || c == '_' || c == '\'') {
            continue;
        }
        out += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

// Words that make the next family mention a derivation ("fine-tuned on", "tuning llama").
constexpr std::string_view k_fine_tune_words[] = {
    "finetuned",  "finetuning",     "finetune",      "finetunes",        "tuning",
    "tuned",      "tune",           "tunes",         "instructiontuned", "instructiontuning",
    "sft",        "instructtuning", "instructtuned", "adapted",          "adapting",
    "adaptation", "enhanced",       "trained",       "training",         "retrained",
    "aligned",    "customized",     "customizing",   "tailored"};
constexpr std::string_view k_pretrain_words[] = {"pretrained", "pretraining", "pretrain",
                                                 "continued",  "continual",   "further",
                                                 "continuing", "pretrains"};
// Words that say "made from" without saying how.
constexpr std::string_view k_base_words[] = {"based",       "built",   "derived",   "initialized",
                                             "initialised", "extends", "extending", "upon",
                                             "top",         "backbone"};
constexpr std::string_view k_prompt_words[] = {
    "prompting", "prompt",  "prompts",   "prompted",   "augmentation", "augmenting",
    "augmented", "powered", "empowered", "leveraging", "leverages",    "harnessing"};
constexpr std::string_view k_weak_words[] = {"with", "using", "by", "via", "through", "uses"};
// Words that make a mention describe data, a comparison or an evaluation, not a base.
constexpr std::string_view k_guard_words[] = {
    "polished",    "generated",    "generate",   "generating", "annotated",    "annotation",
    "annotations", "labeled",      "labelled",   "distilled",  "distillation", "synthesized",
    "synthetic",   "collected",    "translated", "compared",   "comparison",   "comparing",
    "versus",      "vs",           "than",       "outperform", "outperforms",  "outperforming",
    "surpass",     "surpasses",    "surpassing", "beats",      "beyond",       "evaluation",
    "evaluating",  "evaluate",     "evaluated",  "assessing",  "assessment",   "exploring",
    "explore",     "benchmarking", "study",      "studies",    "performance",  "analysis",
    "like",        "replace",      "replacing",  "against",    "judge",        "judged",
    "data",        "dataset",      "rewritten",  "paraphrased"};
// A following word that makes the mention describe data ("ChatGPT outputs").
constexpr std::string_view k_after_guard_words[] = {
    "generated",   "generation", "data",     "outputs",   "output",        "responses", "annotated",
    "annotations", "distilled",  "like",     "style",     "conversations", "dialogues", "answers",
    "labels",      "dataset",    "feedback", "judgments", "scores"};
// Nouns after a stated base that make it data, not a model ("trained on top of MIMIC notes").
constexpr std::string_view k_data_nouns[] = {"data",    "dataset",  "datasets",  "corpus",
                                             "corpora", "notes",    "knowledge", "records",
                                             "texts",   "dialogue", "dialogues", "instructions"};
struct Token {
    std::size_t begin = 0;
    std::size_t end = 0;
    enum Kind : std::uint8_t { word, stop, other } kind = word;
};

/// Words (ASCII letters and digits joined by - . _ / + ') and sentence stops, with offsets.
/// Anything else (CJK, brackets, commas) separates words without stopping a sentence.
std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (is_alnum(c)) {
            std::size_t j = i + 1;
            while (j < s.size()) {
                if (is_alnum(s[j])) {
                    ++j;
                } else if ((s[j] == '-' || s[j] == '.' || s[j] == '_' || s[j] == '/' ||
                            s[j] == '\'') &&
                           j + 1 < s.size() && is_alnum(s[j + 1])) {
                    j += 2;
                } else {
                    break;
                }
            }
            out.push_back(Token{i, j, Token::word});
            i = j;
            continue;
        }
        if (c == '.' || c == ':' || c == ';' || c == '?' || c == '!' || c == '|') {
            out.push_back(Token{i, i + 1, Token::stop});
            ++i;
            continue;
        }
        if (static_cast<unsigned char>(c) >= 0x80) {
            std::size_t j = i;
            const std::uint32_t cp = next_code_point(s, j);
            // Chinese full stops and semicolons end a sentence too.
            const bool stop =
                cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F;
            out.push_back(Token{i, j, stop ? Token::stop : Token::other});
            i = j;
            continue;
        }
        ++i;
    }
    return out;
}

void english_cues(std::string_view text, std::vector<BaseCue>& cues) {
    const std::vector<Token> tokens = tokenize(text);
    std::vector<std::string> words(tokens.size());
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k].kind == Token::word) {
            words[k] = cue_word(text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
        }
    }
    const auto word_at = [&](std::size_t k) -> std::string_view {
        return text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    };
    // The next word token after k on the same sentence, or npos.
    const auto next_word = [&](std::size_t k) -> std::size_t {
        for (std::size_t m = k + 1; m < tokens.size(); ++m) {
            if (tokens[m].kind == Token::stop) {
                return std::string::npos;
            }
            if (tokens[m].kind == Token::word) {
                return m;
            }
        }
        return std::string::npos;
    };
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k].kind != Token::word) {
            continue;
        }
        // A family, possibly written as two words ("Llama 2", "PaLM 2", "Flan PaLM").
        std::optional<TokenFamily> tf;
        std::string written; // the token the family was read from
        std::size_t last = k;
        const std::size_t nk = next_word(k);
        if (nk != std::string::npos && nk == k + 1 && tokens[nk].begin == tokens[k].end + 1) {
            const std::string joined = std::string(word_at(k)) + std::string(word_at(nk));
            const std::string_view second = word_at(nk);
            // "Gemma 3", "Qwen 2.5": a version written apart is the family's generation.
            const bool version = !second.empty() && second.size() <= 4 &&
                                 std::all_of(second.begin(), second.end(),
                                             [](char c) { return is_digit(c) || c == '.'; }) &&
                                 is_digit(second.front()) && is_digit(second.back());
            if (auto two = family_of_token(joined);
                two &&
                (!family_of_token(word_at(k)) || version ||
                 two->family->key.size() > family_of_token(word_at(k))->family->key.size())) {
                tf = two;
                last = nk;
                written = std::string(word_at(k)) + " " + std::string(word_at(nk));
            }
        }
        if (!tf) {
            written = std::string(last_segment(word_at(k)));
            tf = family_of_token(written);
        }
        if (!tf) {
            continue;
        }
        const bool suffix_cue = tf->suffix.ends_with("based") || tf->suffix.ends_with("powered") ||
                                tf->suffix.ends_with("driven");
        bool after_guard_suffix = false;
        for (auto g : k_after_guard_words) {
            after_guard_suffix = after_guard_suffix || tf->suffix.ends_with(g);
        }
        if (!tf->plain && !suffix_cue && !after_guard_suffix) {
            continue; // "LLaVA-Med" names another model
        }
        // Mentions that describe data: "ChatGPT-generated", "GPT-4 outputs".
        bool guarded = false;
        for (auto g : k_after_guard_words) {
            if (tf->suffix.ends_with(g)) {
                guarded = true;
            }
        }
        const std::size_t after = next_word(last);
        if (after != std::string::npos && in_list(k_after_guard_words, words[after])) {
            guarded = true;
        }
        if (guarded) {
            continue;
        }
        BaseCue cue;
        cue.family = tf->family;
        cue.target = base_target(written, *tf);
        const bool based_suffix = tf->suffix.ends_with("based");
        const bool powered_suffix =
            tf->suffix.ends_with("powered") || tf->suffix.ends_with("driven");
        if (based_suffix || (after != std::string::npos && words[after] == "based")) {
            cue.relation = Relation::unknown;
            cue.confidence = 0.85F;
            const std::size_t end = based_suffix ? tokens[last].end : tokens[after].end;
            cue.evidence = clip(text.substr(tokens[k].begin, end - tokens[k].begin), 160);
            keep_best(cues, std::move(cue));
            continue;
        }
        if (powered_suffix) {
            cue.relation = Relation::prompt;
            cue.confidence = 0.7F;
            cue.evidence = clip(word_at(k), 160);
            keep_best(cues, std::move(cue));
            continue;
        }
        // Look back for a cue word within the sentence; a guard word nearer than the cue
        // cancels it.
        std::size_t seen_words = 0;
        for (std::size_t m = k; m-- > 0;) {
            if (tokens[m].kind == Token::stop) {
                break;
            }
            if (tokens[m].kind != Token::word) {
                continue;
            }
            ++seen_words;
            if (seen_words > 9) {
                break;
            }
            const std::string& w = words[m];
            if (in_list(k_guard_words, w)) {
                break;
            }
            Relation rel = Relation::unknown;
            float conf = 0.0F;
            if (in_list(k_pretrain_words, w)) {
                rel = Relation::pretrain;
                conf = 0.9F;
            } else if (in_list(k_fine_tune_words, w)) {
                rel = Relation::fine_tune;
                conf = 0.9F;
            } else if (in_list(k_base_words, w)) {
                // "based on", "built on/upon", "on top of", "derived from".
                const std::size_t nm = next_word(m);
                const std::string_view nw =
                    nm == std::string::npos ? std::string_view{} : std::string_view(words[nm]);
                const bool ok = (w == "based" && (nw == "on" || nw == "upon")) ||
                                (w == "built" && (nw == "on" || nw == "upon" || nw == "from")) ||
                                (w == "top" && nw == "of") || w == "derived" ||
                                w == "initialized" || w == "initialised" || w == "extends" ||
                                w == "extending" || w == "backbone";
                if (ok) {
                    rel = Relation::unknown;
                    conf = 0.85F;
                }
            } else if (in_list(k_prompt_words, w) && seen_words <= 4) {
                rel = Relation::prompt;
                conf = 0.8F;
            } else if (in_list(k_weak_words, w) && seen_words <= 3 &&
                       tf->family->usual == Relation::prompt) {
                // "with ChatGPT", "by gpt-4": a closed model used through prompts, unless a
                // guard precedes ("polished by"). "Models with BERT, ALBERT and ELECTRA" names
                // architectures, "tuned with LLaMA" too little: weak words state no weights.
                bool preceded_by_guard = false;
                for (std::size_t p = m; p-- > 0;) {
                    if (tokens[p].kind == Token::word) {
                        preceded_by_guard = in_list(k_guard_words, words[p]);
                        break;
                    }
                    if (tokens[p].kind == Token::stop) {
                        break;
                    }
                }
                if (preceded_by_guard) {
                    break;
                }
                rel = Relation::prompt;
                conf = 0.6F;
            }
            if (conf > 0.0F) {
                cue.relation = rel;
                cue.confidence = conf;
                std::size_t ev_end = tokens[last].end;
                if (ev_end < text.size() && text[ev_end] == ')') {
                    ++ev_end;
                }
                cue.evidence = clip(text.substr(tokens[m].begin, ev_end - tokens[m].begin), 160);
                if (rel == Relation::fine_tune || rel == Relation::unknown) {
                    // "continued pre-training of X" said by an earlier word.
                    for (std::size_t p = m; p-- > 0 && m - p < 3;) {
                        if (tokens[p].kind == Token::word && in_list(k_pretrain_words, words[p]) &&
                            words[p] != "further") {
                            cue.relation = Relation::pretrain;
                        }
                    }
                }
                keep_best(cues, std::move(cue));
                break;
            }
        }
    }
    // Names outside the table after strong cues: "based on FooLM-7B", "built upon BarGPT".
    for (std::size_t k = 0; k + 1 < tokens.size(); ++k) {
        if (tokens[k].kind != Token::word) {
            continue;
        }
        const std::string& w = words[k];
        std::size_t m = next_word(k);
        if (m == std::string::npos) {
            continue;
        }
        bool strong = false;
        if ((w == "based" || w == "built") && (words[m] == "on" || words[m] == "upon")) {
            strong = true;
        } else if ((in_list(k_fine_tune_words, w) || in_list(k_pretrain_words, w) ||
                    w == "derived" || w == "initialized" || w == "enhanced" || w == "adapted") &&
                   words[m] == "from") {
            strong = true;
        } else if (w == "top" && words[m] == "of") {
            strong = true;
        }
        if (!strong) {
            continue;
        }
        std::size_t t = next_word(m);
        while (t != std::string::npos &&
               (words[t] == "the" || words[t] == "a" || words[t] == "an")) {
            t = next_word(t);
        }
        if (t == std::string::npos) {
            continue;
        }
        const std::string_view name = last_segment(word_at(t));
        if (const auto tf = family_of_token(name);
            (tf && tf->plain) || !looks_like_model_name(name)) {
            continue;
        }
        const std::size_t after = next_word(t);
        if (after != std::string::npos && in_list(k_data_nouns, words[after])) {
            continue;
        }
        // "Based on DNA-Language Model": a kind of model in title case, not a model's name.
        if (after != std::string::npos && (words[after] == "model" || words[after] == "models" ||
                                           words[after] == "architecture")) {
            static constexpr std::string_view k_kind_words[] = {
                "language",    "vision",   "foundation", "protein",    "graph",      "diffusion",
                "transformer", "chemical", "molecular",  "dna",        "rna",        "genomic",
                "clinical",    "medical",  "biomedical", "multimodal", "generative", "large",
                "pretrained",  "encoder",  "decoder",    "sequence",   "text",       "image"};
            const auto dash_at = name.rfind('-');
            const std::string part =
                lower(dash_at == std::string_view::npos ? name : name.substr(dash_at + 1));
            if (in_list(k_kind_words, part)) {
                continue;
            }
        }
        BaseCue cue;
        cue.target = std::string(name);
        cue.relation = in_list(k_pretrain_words, w) ? Relation::pretrain : Relation::unknown;
        cue.confidence = 0.6F;
        cue.evidence = clip(text.substr(tokens[k].begin, tokens[t].end - tokens[k].begin), 160);
        keep_best(cues, std::move(cue));
    }
}

} // namespace

void keep_best(std::vector<BaseCue>& cues, BaseCue cue) {
    const std::string key = fold_with_offsets(cue.target).text;
    for (auto& c : cues) {
        if (fold_with_offsets(c.target).text == key) {
            if (cue.confidence > c.confidence) {
                c = std::move(cue);
            }
            return;
        }
    }
    cues.push_back(std::move(cue));
}

void set_target(BaseCue& cue, std::string_view name) {
    if (const auto tf = family_of_token(name); tf && tf->plain) {
        cue.family = tf->family;
        cue.target = base_target(name, *tf);
    } else {
        cue.target = std::string(name);
    }
}

std::string_view last_segment(std::string_view token) {
    const auto slash = token.rfind('/');
    return slash == std::string_view::npos ? token : token.substr(slash + 1);
}

std::vector<const Family*> architectures_in_text(std::string_view text) {
    std::vector<const Family*> out;
    static constexpr std::string_view k_after[] = {"架构", "结构", "architecture", "アーキテクチャ",
                                                   "ベースのアーキテクチャ", "-based architecture",
                                                   "based architecture", "-style architecture"};
    const std::vector<Token> tokens = tokenize(text);
    for (const auto& t : tokens) {
        if (t.kind != Token::word) {
            continue;
        }
        const auto tf = family_of_token(last_segment(text.substr(t.begin, t.end - t.begin)));
        if (!tf || !tf->plain) {
            continue;
        }
        std::size_t a = t.end;
        while (a < text.size() && text[a] == ' ') {
            ++a;
        }
        const std::string rest = lower(text.substr(a, 40));
        for (const auto w : k_after) {
            if (rest.starts_with(w) &&
                std::find(out.begin(), out.end(), tf->family) == out.end()) {
                out.push_back(tf->family);
            }
        }
    }
    return out;
}

std::vector<BaseCue> bases_in_text(std::string_view text) {
    std::vector<BaseCue> cues;
    if (text.empty()) {
        return cues;
    }
    english_cues(text, cues);
    chinese_cues(text, cues);
    arrow_chains(text, cues);
    training_notation(text, cues);
    return cues;
}

} // namespace medkg::ingest::md
