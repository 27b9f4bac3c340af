// Base-model families: the table of known bases (LLaMA, BERT, ...), the families a name
// shows, and the guesses a name alone allows. Bases stated in prose are in bases.cpp.

#include "ingest/markdown/bases.hpp"

#include "graph/model_name.hpp"
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

// Acronyms that look like names but name none.
constexpr std::string_view k_common_acronyms[] = {
    "llm",     "llms",     "ai",    "nlp",  "ehr", "ehrs", "icd",   "usmle", "qa",      "vqa",
    "cot",     "rlhf",     "sft",   "api",  "gpu", "gpus", "cpu",   "pdf",   "url",     "covid",
    "covid19", "sarscov2", "ner",   "re",   "nli", "mllm", "mllms", "lmm",   "lmms",    "vlm",
    "vlms",    "rag",      "kg",    "kgs",  "ml",  "dl",   "cnn",   "rnn",   "lstm",    "ocr",
    "gpt",     "lora",     "qlora", "peft", "dpo", "ppo",  "moe",   "bpe",   "ptuning", "ptuningv2",
    "api",     "apis",     "sota",  "gpu",  "cpu", "tpu",  "fp16",  "bf16",  "int8"};

// Words after a family name that still name the family: sizes, versions, releases.
constexpr std::string_view k_qualifiers[] = {
    "chat",    "instruct", "instruction", "base",    "hf",     "large", "small", "medium", "xl",
    "xxl",     "tiny",     "turbo",       "preview", "pro",    "ultra", "it",    "sft",    "rlhf",
    "uncased", "cased",    "en",          "zh",      "v",      "k",     "int4",  "int8",   "4bit",
    "8bit",    "fp16",     "bf16",        "gptq",    "awq",    "gguf",  "lite",  "flash",  "mini",
    "nano",    "plus",     "max",         "vision",  "latest", "hd"};

bool qualifier(std::string_view piece) {
    if (piece.empty() || in_list(k_qualifiers, piece) || parse_size(piece)) {
        return true;
    }
    // Versions and dates: "2", "3.5", "v2", "v1.5", "0613", "32k".
    std::string_view p = piece;
    if (p.front() == 'v') {
        p.remove_prefix(1);
    }
    if (!p.empty() && p.back() == 'k') {
        p.remove_suffix(1);
    }
    return !p.empty() &&
           std::all_of(p.begin(), p.end(), [](char c) { return is_digit(c) || c == '.'; });
}

std::vector<Family> make_families() {
    std::vector<Family> f{
        {"LLaMA", "llama", fine, true, false},
        {"Llama 2", "llama2", fine, true, false},
        {"Llama 3", "llama3", fine, true, false},
        {"Llama 3.1", "llama31", fine, true, false},
        {"Llama 3.2", "llama32", fine, true, false},
        {"Llama 3.3", "llama33", fine, true, false},
        {"Llama 4", "llama4", fine, true, false},
        {"Alpaca", "alpaca", fine, true, false},
        {"Vicuna", "vicuna", fine, true, false},
        {"Baize", "baize", fine, true, false},
        {"ChatGLM", "chatglm", fine, true, false},
        {"ChatGLM2", "chatglm2", fine, true, false},
        {"ChatGLM3", "chatglm3", fine, true, false},
        {"VisualGLM", "visualglm", fine, true, false},
        {"GLM", "glm", fine, true, true},
        {"BLOOM", "bloom", fine, true, false},
        {"BLOOMZ", "bloomz", fine, true, false},
        {"Baichuan", "baichuan", fine, true, false},
        {"Baichuan 2", "baichuan2", fine, true, false},
        {"Qwen", "qwen", fine, true, false},
        {"Mistral", "mistral", fine, true, false},
        {"Mixtral", "mixtral", fine, true, false},
        {"Gemma", "gemma", fine, true, false},
        {"Gemini", "gemini", fine, true, false},
        {"PaLM", "palm", fine, true, false},
        {"PaLM 2", "palm2", fine, true, false},
        {"PaLM-E", "palme", fine, true, true},
        {"Flan-PaLM", "flanpalm", fine, true, false},
        {"GPT-2", "gpt2", pre, false, false},
        {"GPT-3", "gpt3", fine, false, false},
        {"GPT-3.5", "gpt35", prompt, false, false},
        {"GPT-4", "gpt4", prompt, false, false},
        {"GPT-4V", "gpt4v", prompt, false, false},
        {"GPT-4o", "gpt4o", prompt, false, false},
        {"ChatGPT", "chatgpt", prompt, false, false},
        {"InstructGPT", "instructgpt", prompt, false, false},
        {"GPT-J", "gptj", fine, false, false},
        {"GPT-Neo", "gptneo", fine, false, false},
        {"GPT-NeoX", "gptneox", fine, false, false},
        {"Claude", "claude", prompt, false, false},
        {"MiniGPT-4", "minigpt4", fine, true, false},
        {"BERT", "bert", pre, true, false},
        {"mBERT", "mbert", pre, true, true},
        {"RoBERTa", "roberta", pre, true, false},
        {"ALBERT", "albert", pre, true, false},
        {"DeBERTa", "deberta", pre, true, false},
        {"ELECTRA", "electra", pre, true, false},
        {"XLNet", "xlnet", pre, true, false},
        {"ELMo", "elmo", pre, true, true},
        {"BART", "bart", pre, true, false},
        {"T5", "t5", pre, true, true},
        {"mT5", "mt5", pre, true, true},
        {"Flan-T5", "flant5", fine, true, false},
        {"Megatron", "megatron", pre, true, false},
        {"OPT", "opt", fine, true, true},
        {"Falcon", "falcon", fine, true, false},
        {"Pythia", "pythia", fine, true, false},
        {"InternLM", "internlm", fine, true, false},
        {"Yi", "yi", fine, true, true},
        {"DeepSeek", "deepseek", fine, true, false},
        {"Phi-2", "phi2", fine, true, true},
        {"Phi-3", "phi3", fine, true, true},
        {"MPT", "mpt", fine, true, true},
        {"StableLM", "stablelm", fine, true, false},
        {"Galactica", "galactica", fine, true, false},
        {"LLaVA", "llava", fine, true, false},
        {"CLIP", "clip", pre, true, false},
        {"BLIP", "blip", fine, true, false},
        {"BLIP-2", "blip2", fine, true, false},
        {"Flamingo", "flamingo", fine, true, false},
        {"OpenFlamingo", "openflamingo", fine, true, false},
    };
    // Longest keys first: a longer family wins over a prefix of it (BLOOMZ over BLOOM).
    std::stable_sort(f.begin(), f.end(),
                     [](const Family& a, const Family& b) { return a.key.size() > b.key.size(); });
    return f;
}

/// The families by the first byte of their key, longest first: a lookup compares only the few
/// keys that can match.
const std::array<std::vector<const Family*>, 256>& families_by_first_byte() {
    static const auto table = [] {
        std::array<std::vector<const Family*>, 256> t;
        for (const Family& f : base_families()) {
            t[static_cast<unsigned char>(f.key.front())].push_back(&f);
        }
        return t;
    }();
    return table;
}

/// Families whose key starts at `pos` of `folded`, longest first.
std::vector<const Family*> keys_at(std::string_view folded, std::size_t pos) {
    std::vector<const Family*> out;
    if (pos >= folded.size()) {
        return out;
    }
    for (const Family* f : families_by_first_byte()[static_cast<unsigned char>(folded[pos])]) {
        if (folded.compare(pos, f->key.size(), f->key) == 0) {
            out.push_back(f);
        }
    }
    return out;
}

bool is_separator(char c) { return !is_alnum(c) && static_cast<unsigned char>(c) < 0x80; }

/// Whether a family spelled at [begin, end) of `name` starts a word.
bool starts_word(std::string_view name, std::size_t begin) {
    if (begin == 0) {
        return true;
    }
    const char prev = name[begin - 1];
    const char cur = name[begin];
    if (is_separator(prev)) {
        return true;
    }
    // "DoctorGLM", "PubMedBERT": a capital after a lower-case letter or a digit.
    return is_upper(cur) && (is_lower(prev) || is_digit(prev));
}

/// Whether a family spelled at [begin, end) of `name` ends a word.
bool ends_word(std::string_view name, std::size_t end) {
    if (end >= name.size()) {
        return true;
    }
    const char last = name[end - 1];
    const char next = name[end];
    if (is_separator(next) || static_cast<unsigned char>(next) >= 0x80) {
        return true;
    }
    if (is_digit(next)) {
        return !is_digit(last); // a version: "Qwen2"; but "GPT-40" is not GPT-4
    }
    if (is_digit(last)) {
        return true; // "Llama3chat"
    }
    if (is_lower(next)) {
        return false; // "Palmyra", "AlpaCare"
    }
    // An upper-case letter: a new word when the family ended in lower case ("MedAlpacaXL"), or
    // when it starts a capitalised word ("ELECTRAMed"); inside an all-caps run it continues.
    if (is_lower(last)) {
        return true;
    }
    return end + 1 < name.size() && is_lower(name[end + 1]);
}

std::string upper_unit(std::string s) {
    if (!s.empty()) {
        s.back() = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
    }
    return s;
}

// Words that, glued before a family, name another model built after it ("InstructBLIP").
constexpr std::string_view k_derivative_prefixes[] = {"instruct", "open",   "tiny", "distil",
                                                      "modern",   "mobile", "mini"};

bool derivative_prefix(std::string_view folded_before) {
    for (auto p : k_derivative_prefixes) {
        if (folded_before.ends_with(p)) {
            return true;
        }
    }
    return false;
}

// Capabilities a maker names its own models by, after the family ("DeepSeek-Coder").
constexpr std::string_view k_own_line_words[] = {"coder", "code",  "math",   "vl",    "vision",
                                                 "audio", "omni",  "moe",    "embed", "reward",
                                                 "guard", "speech", "video", "image"};

/// What follows a family at the start of a name says it is the maker's own line: a capability
/// word, or no Latin letters at all (a description in another script).
bool own_line(std::string_view rest) {
    for (auto w : k_own_line_words) {
        if (rest.starts_with(w)) {
            return true;
        }
    }
    return !rest.empty() && std::none_of(rest.begin(), rest.end(), [](char c) { return is_alpha(c); });
}

} // namespace

const std::vector<Family>& base_families() {
    static const std::vector<Family> families = make_families();
    return families;
}

const Family* family_by_key(std::string_view folded) {
    for (const Family& f : base_families()) {
        if (f.key == folded) {
            return &f;
        }
    }
    return nullptr;
}

Folded fold_with_offsets(std::string_view s) {
    Folded out;
    out.text.reserve(s.size());
    out.offsets.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_' || c == '.' ||
            c == '\'') {
            ++i;
            continue;
        }
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
        if (i + 1 < s.size() && b(0) == 0xC2 && b(1) == 0xA0) {
            i += 2;
            continue;
        }
        if (i + 2 < s.size() && ((b(0) == 0xE2 && b(1) == 0x80 && b(2) >= 0x90 && b(2) <= 0x95) ||
                                 (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80))) {
            i += 3;
            continue;
        }
        out.text += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
        out.offsets.push_back(i);
        ++i;
    }
    return out;
}

std::optional<std::string> parse_size(std::string_view t) {
    if (t.size() < 2 || t.size() > 12) {
        return std::nullopt;
    }
    // "7b1", "1b7": BLOOM's way of writing 7.1B and 1.7B.
    if (t.size() >= 3 && is_digit(t.back())) {
        std::size_t u = 0;
        while (u < t.size() && is_digit(t[u])) {
            ++u;
        }
        if (u > 0 && u + 1 < t.size() &&
            (t[u] == 'b' || t[u] == 'B' || t[u] == 'm' || t[u] == 'M') &&
            std::all_of(t.begin() + static_cast<std::ptrdiff_t>(u + 1), t.end(), is_digit)) {
            return std::string(t.substr(0, u)) + "." + std::string(t.substr(u + 1)) +
                   static_cast<char>(std::toupper(static_cast<unsigned char>(t[u])));
        }
    }
    const char unit = t.back();
    if (unit != 'b' && unit != 'B' && unit != 'm' && unit != 'M') {
        return std::nullopt;
    }
    const std::string_view num = t.substr(0, t.size() - 1);
    bool digit = false;
    bool sep = false;
    for (std::size_t k = 0; k < num.size(); ++k) {
        const char c = num[k];
        if (is_digit(c)) {
            digit = true;
        } else if ((c == '.' || c == 'x' || c == 'X') && digit && !sep && k + 1 < num.size()) {
            sep = true;
        } else {
            return std::nullopt;
        }
    }
    if (!digit) {
        return std::nullopt;
    }
    std::string out(num);
    for (char& c : out) {
        if (c == 'X') {
            c = 'x';
        }
    }
    return upper_unit(out + unit);
}

std::vector<NameFamily> families_in_name(std::string_view name) {
    std::vector<NameFamily> out;
    const Folded f = fold_with_offsets(name);
    if (f.text.empty()) {
        return out;
    }
    // A name that is a family, or a family with a size, is the base itself.
    if (const auto tf = family_of_token(name); tf && tf->plain) {
        return out;
    }
    // Every family spelled in the name with a proper end; then the best non-overlapping ones:
    // a match that starts a word beats a glued one ("ClinicalBERT" is BERT, not ALBERT), a
    // longer one beats a shorter one (BLOOMZ over BLOOM).
    struct Match {
        std::size_t pos;
        std::size_t len;
        const Family* family;
        bool word_start;
        bool separated; ///< a part of its own: separators (or the name's ends) on both sides
    };
    std::vector<Match> matches;
    for (std::size_t pos = 0; pos < f.text.size(); ++pos) {
        for (const Family* fam : keys_at(f.text, pos)) {
            const std::size_t begin = f.offsets[pos];
            const std::size_t end = f.offsets[pos + fam->key.size() - 1] + 1;
            if (!ends_word(name, end)) {
                continue;
            }
            const bool word_start = starts_word(name, begin);
            if (fam->strict && !word_start) {
                continue;
            }
            // A digit right after the family is a generation of its own ("Qwen2-VL" is no
            // Qwen), unless the family's key holds it ("Llama2" is Llama 2).
            const bool separated = (begin == 0 || is_separator(name[begin - 1])) &&
                                   (end >= name.size() || is_separator(name[end]));
            matches.push_back(Match{pos, fam->key.size(), fam, word_start, separated});
        }
    }
    std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        if (a.word_start != b.word_start) {
            return a.word_start;
        }
        if (a.len != b.len) {
            return a.len > b.len;
        }
        return a.pos < b.pos;
    });
    std::vector<Match> chosen;
    for (const Match& m : matches) {
        const bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const Match& c) {
            return m.pos < c.pos + c.len && c.pos < m.pos + m.len;
        });
        if (!overlaps) {
            chosen.push_back(m);
        }
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const Match& a, const Match& b) { return a.pos < b.pos; });
    for (const Match& m : chosen) {
        // A family that may not be read from names still takes its letters ("ChatGPT" in a
        // name hides the GPT inside it).
        if (!m.family->in_names) {
            continue;
        }
        const bool dup = std::any_of(out.begin(), out.end(),
                                     [&](const NameFamily& o) { return o.family == m.family; });
        if (!dup) {
            out.push_back(NameFamily{m.family,
                                     m.family->strict ? 0.5F
                                     : m.word_start   ? 0.8F
                                                      : 0.6F,
                                     m.separated});
        }
    }
    return out;
}

std::vector<NameFamily> guessable_families(std::string_view name) {
    const std::string folded = fold_with_offsets(name).text;
    std::vector<NameFamily> out;
    for (const auto& nf : families_in_name(name)) {
        // Not a short key (GLM in FinGLM, CharacterGLM; Yi in YaYi), not an encoder whose name
        // models borrow for its design rather than its weights (ModernBERT, DistilBERT,
        // DeBERTaV3, HuBERT, W2v-BERT trained from scratch), and not a family followed by a
        // generation of its own (Qwen2-VL is no Qwen).
        if (nf.family->strict || nf.family->usual == Relation::pretrain) {
            continue;
        }
        const auto at = folded.find(nf.family->key);
        if (at != std::string::npos && at + nf.family->key.size() < folded.size() &&
            is_digit(folded[at + nf.family->key.size()])) {
            continue;
        }
        // The family's own line: a family first, then a capability ("Deepseek Coder",
        // "Qwen-VL", "Gemini多模态大模型") is its maker's model, not a tune of it.
        if (at == 0 && own_line(std::string_view(folded).substr(nf.family->key.size()))) {
            continue;
        }
        // A family after a word that makes a model of its own from it, by design rather than
        // by weights: InstructBLIP, OpenFlamingo, TinyLlama, DistilBERT are other models.
        if (at != std::string::npos && derivative_prefix(std::string_view(folded).substr(0, at))) {
            continue;
        }
        out.push_back(nf);
    }
    return out;
}

std::string base_target(std::string_view token, const TokenFamily& tf) {
    if (tf.suffix.empty() || !tf.plain) {
        return std::string(tf.family->name);
    }
    if (!tf.size.empty() &&
        (tf.suffix == graph::fold_name(tf.size) || tf.suffix == graph::fold_name(tf.size) + "hf")) {
        // Only a size: spelled the one way (`LlaMA-7b` -> `LLaMA-7B`, `Llama 2 70b` ->
        // `Llama-2-70B`).
        std::string out(tf.family->name);
        std::replace(out.begin(), out.end(), ' ', '-');
        return out + "-" + tf.size;
    }
    std::string_view t = graph::strip_name_noise(token);
    // `Llama 3.1 (70b)`: the size in parentheses is written as a size.
    if (t.ends_with(")")) {
        if (const auto open = t.rfind('('); open != std::string_view::npos && open > 0) {
            std::string out(t.substr(0, open));
            while (!out.empty() && out.back() == ' ') {
                out.pop_back();
            }
            return out + " " + std::string(t.substr(open + 1, t.size() - open - 2));
        }
    }
    return std::string(t);
}

std::optional<TokenFamily> family_of_token(std::string_view token) {
    const Folded f = fold_with_offsets(token);
    if (f.text.empty()) {
        return std::nullopt;
    }
    for (const Family* fam : keys_at(f.text, 0)) {
        const std::size_t end = f.offsets[fam->key.size() - 1] + 1;
        // The family's spelling must start the token and not run on into a word.
        if (end < token.size()) {
            const char next = token[end];
            const char last = token[end - 1];
            const bool ok = next == '-' || next == '_' || next == ' ' || next == '/' ||
                            next == '.' || (is_digit(next) && !is_digit(last));
            if (!ok) {
                continue;
            }
        }
        TokenFamily tf;
        tf.family = fam;
        const std::string_view rest = token.substr(end);
        tf.suffix = fold_with_offsets(rest).text;
        tf.versioned = !rest.empty() && is_digit(rest.front());
        // The first size-like piece of the rest: "-7b-chat" -> 7B.
        std::size_t k = 0;
        while (k < rest.size()) {
            while (k < rest.size() && !is_alnum(rest[k])) {
                ++k;
            }
            std::size_t e = k;
            while (e < rest.size() && (is_alnum(rest[e]) || rest[e] == '.')) {
                ++e;
            }
            if (e > k) {
                if (auto size = parse_size(rest.substr(k, e - k))) {
                    tf.size = *size;
                    break;
                }
            }
            k = e;
        }
        tf.plain = true;
        k = 0;
        while (k < rest.size()) {
            while (k < rest.size() && !is_alnum(rest[k])) {
                ++k;
            }
            std::size_t e = k;
            while (e < rest.size() && (is_alnum(rest[e]) || rest[e] == '.')) {
                ++e;
            }
            if (e > k && !qualifier(lower(rest.substr(k, e - k)))) {
                tf.plain = false;
            }
            k = e;
        }
        return tf;
    }
    return std::nullopt;
}

bool looks_like_model_name(std::string_view token) {
    if (token.size() < 2 || token.size() > 60) {
        return false;
    }
    // Software and methods that prose names beside "based on": no model a base could be.
    static constexpr std::string_view k_not_models[] = {
        "pytorch",      "tensorflow",  "jax",        "keras",      "transformers", "huggingface",
        "langchain",    "llamaindex",  "graphrag",   "deepspeed",  "vllm",         "ollama",
        "lora",         "qlora",       "peft",       "rag",        "kg2t",         "gradio",
        "streamlit",    "fastapi",     "docker",     "kubernetes", "github",       "sklearn",
        "scikit-learn", "megatron-lm", "colossalai", "openai",     "api"};
    if (in_list(k_not_models, fold_with_offsets(token).text) ||
        in_list(k_not_models, lower(token))) {
        return false;
    }
    bool letter = false;
    bool digit = false;
    bool camel = false;
    int upper = 0;
    for (std::size_t k = 0; k < token.size(); ++k) {
        const char c = token[k];
        letter = letter || is_alpha(c);
        digit = digit || is_digit(c);
        upper += is_upper(c) ? 1 : 0;
        if (k > 0 && is_upper(c) && is_lower(token[k - 1])) {
            camel = true;
        }
    }
    if (!letter || !(digit || camel || upper >= 2)) {
        return false;
    }
    return !in_list(k_common_acronyms, fold_with_offsets(token).text);
}

} // namespace medkg::ingest::md
