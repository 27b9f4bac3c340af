#include "graph/model_name.hpp"

#include <algorithm>
#include <array>

namespace medkg::graph {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
// Bytes of a multibyte character count as letters: CJK names (`扁鹊2`) split like ASCII ones.
bool is_letter(char c) { return is_upper(c) || is_lower(c) || static_cast<unsigned char>(c) >= 0x80; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == y; });
}

template <std::size_t N>
bool one_of(std::string_view token, const std::array<std::string_view, N>& words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return iequals(token, w); });
}

// The vocabulary of the parts, lower case.
constexpr std::array<std::string_view, 12> k_size_words{
    "tiny", "mini", "small", "medium", "large", "xl", "xxl", "huge", "giant", "nano", "xsmall", "xlarge"};
constexpr std::array<std::string_view, 11> k_variant_words{
    "chat", "instruct", "instruction", "it", "sft", "dpo", "rlhf", "ppo", "orpo", "kto", "simpo"};
constexpr std::array<std::string_view, 18> k_format_words{
    "gguf", "ggml", "awq", "gptq", "exl2", "mlx", "onnx", "int4", "int8", "fp16", "bf16",
    "fp8",  "fp32", "hf",  "4bit", "8bit", "4bits", "bnb"};

// Separators between tokens: `-`, `_`, white space (ASCII, no-break and ideographic), brackets,
// and a dot that is not between two digits (`7b.Q4`, `Dr. Knows`; `2.5` is one version).
std::size_t separator_length(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == '-' || c == ' ' || c == '\t' || c == '(' || c == ')' || c == '[' || c == ']') {
        return 1;
    }
    if (c == '.' || c == '_') {
        // `2.5` is one number; `7b.Q4`, `Dr. Knows`, `Q4_K_M` are words. An underscore between
        // digits is a decimal point only before a bare number (`phi-1_5`), not before a size
        // (`ZhongjingGPT1_13B`).
        if (i == 0 || i + 1 >= s.size() || !is_digit(s[i - 1]) || !is_digit(s[i + 1])) {
            return 1;
        }
        if (c == '.') {
            return 0;
        }
        std::size_t j = i + 1;
        while (j < s.size() && is_digit(s[j])) {
            ++j;
        }
        return j == s.size() || !is_letter(s[j]) ? 0 : 1;
    }
    const auto b = [&](std::size_t k) {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0U;
    };
    if (b(0) == 0xE2 && b(1) == 0x80 && b(2) >= 0x90 && b(2) <= 0x95) {
        return 3; // hyphens and dashes (`Baichuan2–7B`)
    }
    if (b(0) == 0xC2 && b(1) == 0xA0) {
        return 2; // no-break space
    }
    if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {
        return 3; // ideographic space
    }
    if (b(0) == 0xEF && b(1) == 0xBC && (b(2) == 0x88 || b(2) == 0x89)) {
        return 3; // full-width parentheses
    }
    return 0;
}

// `7`, `3.1`, `0.5`: digits with single dots between them, at least one digit.
bool is_number(std::string_view s) {
    if (s.empty() || !is_digit(s.front()) || !is_digit(s.back())) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '.' || s[i] == '_') {
            if (!is_digit(s[i + 1])) {
                return false;
            }
        } else if (!is_digit(s[i])) {
            return false;
        }
    }
    return true;
}

bool is_size_unit(char c) { return c == 'b' || c == 'B' || c == 'm' || c == 'M'; }

// `7B`, `0.5B`, `340M`, `70b`, `8x7B`, `7b1` (BLOOM's 7.1B), `A14B` (active parameters).
bool is_parameter_count(std::string_view t) {
    if (t.size() >= 2 && (t.front() == 'A' || t.front() == 'a') && is_digit(t[1])) {
        t.remove_prefix(1);
    }
    if (t.size() < 2) {
        return false;
    }
    if (const auto x = t.find_first_of("xX"); x != std::string_view::npos) {
        return x > 0 && is_number(t.substr(0, x)) && is_parameter_count(t.substr(x + 1));
    }
    if (const auto times = t.find("\u00D7"); times != std::string_view::npos) { // 8×8B
        return times > 0 && is_number(t.substr(0, times)) && is_parameter_count(t.substr(times + 2));
    }
    if (is_size_unit(t.back())) {
        return is_number(t.substr(0, t.size() - 1));
    }
    // `7b1`: digits, a unit, digits.
    const auto unit = t.find_first_of("bBmM");
    return unit != std::string_view::npos && unit > 0 && unit + 1 < t.size() &&
           is_number(t.substr(0, unit)) &&
           std::all_of(t.begin() + static_cast<std::ptrdiff_t>(unit) + 1, t.end(), is_digit);
}

// `0613`, `2407`, `20240101`: a release date.
bool is_date_code(std::string_view t) {
    return t.size() >= 4 && std::all_of(t.begin(), t.end(), is_digit);
}

// `32k`, `8K`: a context length.
bool is_context_length(std::string_view t) {
    return t.size() >= 2 && (t.back() == 'k' || t.back() == 'K') &&
           std::all_of(t.begin(), t.end() - 1, is_digit);
}

// `v2`, `v0.2`, `V1.5`.
bool is_v_version(std::string_view t) {
    return t.size() >= 2 && (t.front() == 'v' || t.front() == 'V') && is_number(t.substr(1));
}

// `2`, `3.1`, `4o`, `4V`: a version that may follow a family.
bool is_version(std::string_view t) {
    if (is_number(t)) {
        return true;
    }
    return t.size() >= 2 && is_number(t.substr(0, t.size() - 1)) && is_letter(t.back()) &&
           !is_size_unit(t.back()) && static_cast<unsigned char>(t.back()) < 0x80;
}

bool is_format(std::string_view t) {
    if (one_of(t, k_format_words)) {
        return true;
    }
    // Quantization levels: `Q4`, `q8`, `Q4_K_M` arrives as `Q4` `K` `M`; `3bit`, `2bits`.
    if (t.size() >= 2 && (t.front() == 'q' || t.front() == 'Q') && is_number(t.substr(1))) {
        return true; // `Q4`, `Q8_0`
    }
    const auto bit = t.find("bit");
    return bit != std::string_view::npos && bit > 0 && (t.size() == bit + 3 || t.size() == bit + 4) &&
           std::all_of(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(bit), is_digit) &&
           (t.size() == bit + 3 || t.back() == 's');
}

// A variant word, possibly with a release number glued on (`instruct3`).
bool is_variant(std::string_view t) {
    std::size_t end = t.size();
    while (end > 0 && is_digit(t[end - 1])) {
        --end;
    }
    return end > 0 && (one_of(t.substr(0, end), k_variant_words) || iequals(t.substr(0, end), "base"));
}

struct Raw {
    std::uint32_t begin;
    std::uint32_t end;
};

// The start of a version or size glued to the end of word `t` (`Qwen2.5` -> 4, `Llama7B` -> 5,
// `mixtral8x7B` -> 7, `JaColBERTv2.5` -> 9), or npos. A size may follow any word of two letters
// or more (`QwQ32b`); a version needs three letters before it, not ending in a lone capital
// (`mT5`, `ClinicalT5`, `t5`, `R1`, `K2.5` are words). `versions`: look for versions at all (only
// in the family's words: `Med42` in `Llama3-Med42-70B` is one word).
std::size_t glued_at(std::string_view t, bool versions) {
    if (is_parameter_count(t) || is_format(t) || is_variant(t)) {
        return std::string_view::npos; // `7b1`, `8x7B`, `exl2`, `bf16`, `instruct3`
    }
    std::size_t i = t.size();
    const bool sized = i > 0 && is_size_unit(t.back());
    if (sized) {
        --i;
    }
    while (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == '.')) {
        --i;
    }
    while (i < t.size() && t[i] == '.') {
        ++i; // a tail starts with a digit: `Qwen.2` is no version
    }
    if (sized && i >= 3 && (t[i - 1] == 'x' || t[i - 1] == 'X') && is_digit(t[i - 2])) {
        // `8x7B`: the experts' count is part of the size.
        std::size_t j = i - 1;
        while (j > 0 && is_digit(t[j - 1])) {
            --j;
        }
        i = j;
    }
    if (i == t.size() || (sized && i == t.size() - 1) || i < 2 || !is_letter(t[i - 1])) {
        return std::string_view::npos;
    }
    const std::string_view tail = t.substr(i);
    if (sized) {
        return is_parameter_count(tail) ? i : std::string_view::npos;
    }
    if (!versions || !is_number(tail)) {
        return std::string_view::npos;
    }
    // `JaColBERTv2.5`, `DeepseekV3.2`: the `v` is the version's.
    std::size_t at = i;
    if ((t[i - 1] == 'v' || t[i - 1] == 'V') && i >= 2 && is_letter(t[i - 2])) {
        at = i - 1;
    }
    const std::size_t letters = at;
    const bool lone_capital = is_upper(t[at - 1]) && (at < 2 || !is_upper(t[at - 2]));
    if (letters < 3 || (lone_capital && at == i)) {
        return std::string_view::npos;
    }
    return at;
}

std::string_view span(std::string_view text, const std::vector<NameToken>& tokens,
                      NamePart part) {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    bool found = false;
    for (const auto& t : tokens) {
        if (t.part == part) {
            if (!found) {
                begin = t.begin;
                found = true;
            }
            end = t.end;
        }
    }
    return found ? text.substr(begin, end - begin) : std::string_view{};
}

std::string_view trim_right_separators(std::string_view s) {
    while (!s.empty()) {
        const char c = s.back();
        if (c == '-' || c == '_' || c == ' ' || c == '\t' || c == '(' || c == '[' || c == '/' || c == '.') {
            s.remove_suffix(1);
            continue;
        }
        const auto n = s.size();
        if (n >= 2 && static_cast<unsigned char>(s[n - 2]) == 0xC2 &&
            static_cast<unsigned char>(s[n - 1]) == 0xA0) {
            s.remove_suffix(2);
            continue;
        }
        if (n >= 3 && static_cast<unsigned char>(s[n - 3]) == 0xEF &&
            static_cast<unsigned char>(s[n - 2]) == 0xBC &&
            static_cast<unsigned char>(s[n - 1]) == 0x88) {
            s.remove_suffix(3); // a full-width opening parenthesis
            continue;
        }
        if (n >= 3 && static_cast<unsigned char>(s[n - 3]) == 0xE2 &&
            static_cast<unsigned char>(s[n - 2]) == 0x80 &&
            static_cast<unsigned char>(s[n - 1]) >= 0x90 && static_cast<unsigned char>(s[n - 1]) <= 0x95) {
            s.remove_suffix(3); // a dash
            continue;
        }
        if (n >= 3 && static_cast<unsigned char>(s[n - 3]) == 0xE3 &&
            static_cast<unsigned char>(s[n - 2]) == 0x80 &&
            static_cast<unsigned char>(s[n - 1]) == 0x80) {
            s.remove_suffix(3);
            continue;
        }
        break;
    }
    return s;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

std::string_view to_string(NamePart part) {
    switch (part) {
    case NamePart::word: return "word";
    case NamePart::generation: return "generation";
    case NamePart::size: return "size";
    case NamePart::variant: return "variant";
    case NamePart::format: return "format";
    case NamePart::revision: return "revision";
    }
    return "word";
}

std::string_view strip_name_noise(std::string_view name) {
    std::string_view s = trim(name);
    for (bool changed = true; changed && !s.empty();) {
        changed = false;
        const auto ends = [&](std::string_view suffix) { return s.ends_with(suffix); };
        if (ends("*")) {
            s.remove_suffix(1);
            changed = true;
        } else if (ends("\u2020") || ends("\u2021")) { // dagger, double dagger
            s.remove_suffix(3);
            changed = true;
        } else if (ends("]")) {
            // A footnote `[^3]`; other brackets are part of the name (`Llama-3[8B]-...`).
            const auto open = s.rfind("[^");
            if (open != std::string_view::npos && s.find(']', open) == s.size() - 1) {
                s = s.substr(0, open);
                changed = true;
            }
        } else if (ends(")") || ends("\uFF09")) {
            const bool wide = ends("\uFF09");
            const auto open = wide ? s.rfind("\uFF08") : s.rfind('(');
            if (open != std::string_view::npos && open > 0) {
                const std::size_t inner_begin = open + (wide ? 3 : 1);
                const std::string_view inner =
                    trim(s.substr(inner_begin, s.size() - (wide ? 3 : 1) - inner_begin));
                // `(70b)`, `(355b-A32B)`: a size, kept; anything else is a remark.
                bool size = !inner.empty();
                for (std::size_t i = 0; size && i < inner.size();) {
                    const auto end = inner.find_first_of("- ", i);
                    const auto piece = inner.substr(i, end == std::string_view::npos ? end : end - i);
                    size = is_parameter_count(piece);
                    i = end == std::string_view::npos ? inner.size() : end + 1;
                }
                if (!size) {
                    s = s.substr(0, open);
                    changed = true;
                }
            }
        }
        s = trim(s);
    }
    return s;
}

ModelName parse_model_name(std::string_view name) {
    ModelName m;
    m.text = strip_name_noise(name);
    const std::string_view text = m.text;
    std::size_t start = 0;
    // `org/name`: a Hub id has one slash and no white space.
    if (const auto slash = text.find('/');
        slash != std::string_view::npos && slash > 0 && text.find('/', slash + 1) == std::string_view::npos &&
        text.find(' ') == std::string_view::npos) {
        m.org = text.substr(0, slash);
        start = slash + 1;
    }
    std::vector<Raw> raws;
    for (std::size_t i = start; i < text.size();) {
        if (const std::size_t sep = separator_length(text, i); sep > 0) {
            i += sep;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && separator_length(text, j) == 0) {
            ++j;
        }
        raws.push_back(Raw{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
        i = j;
    }
    const auto view = [&](Raw r) { return text.substr(r.begin, r.end - r.begin); };
    // A size word (`mini`, `large`) is the size only where no count is given: `Phi-3-mini`,
    // `T5-large`; in `Mistral-Small-24B` and `Nemotron-Nano-9B` it names the model line.
    bool any_count = false;
    for (const auto& r : raws) {
        const auto t = view(r);
        const auto at = glued_at(t, false);
        any_count = any_count || is_parameter_count(t) ||
                    (at != std::string_view::npos && is_parameter_count(t.substr(at)));
    }
    bool in_family = true;
    bool seen_format = false;
    bool generation_taken = false;
    const auto classify = [&](std::string_view t, bool first) {
        if (first) {
            return NamePart::word; // the first token is always a family word
        }
        if (seen_format) {
            // After a format: its levels and group sizes (`Q4_K_M`, `4bit-128g`); a word there
            // is a qualifier (`4bit-japanese`).
            const bool level = is_format(t) || t.size() == 1 || is_number(t) ||
                               (t.size() >= 2 && is_number(t.substr(0, t.size() - 1)));
            if (level) {
                return NamePart::format;
            }
        }
        if (is_parameter_count(t)) {
            return NamePart::size;
        }
        if (one_of(t, k_size_words)) {
            return any_count ? NamePart::word : NamePart::size;
        }
        if (iequals(t, "base")) {
            // `BERT-base`, `T5-base`: a size where no count is given, right after the family
            // or its generation; `Qwen-7B-Base`: the base (not chat) model.
            const NamePart previous = m.tokens.back().part;
            return !any_count && (in_family || previous == NamePart::generation) ? NamePart::size
                                                                                : NamePart::variant;
        }
        if (is_format(t)) {
            return NamePart::format;
        }
        if (is_variant(t)) {
            return NamePart::variant;
        }
        if (is_context_length(t) || is_date_code(t)) {
            return NamePart::revision;
        }
        if (in_family && !generation_taken && (is_version(t) || is_v_version(t))) {
            return NamePart::generation;
        }
        if (is_v_version(t) || is_number(t)) {
            return NamePart::revision;
        }
        return NamePart::word;
    };
    const auto push = [&](std::uint32_t begin, std::uint32_t end, NamePart part) {
        seen_format = seen_format || part == NamePart::format;
        generation_taken = generation_taken || part == NamePart::generation;
        in_family = in_family && part == NamePart::word;
        m.tokens.push_back(NameToken{begin, end, part});
    };
    for (std::size_t k = 0; k < raws.size(); ++k) {
        const std::string_view t = view(raws[k]);
        NamePart part = classify(t, k == 0);
        if (part == NamePart::word) {
            // A version glued to a family word, a size glued to any word: `Qwen2.5`, `Llama7B`.
            if (const auto at = glued_at(t, in_family); at != std::string_view::npos) {
                const auto cut = raws[k].begin + static_cast<std::uint32_t>(at);
                push(raws[k].begin, cut, NamePart::word);
                push(cut, raws[k].end, classify(text.substr(cut, raws[k].end - cut), false));
                continue;
            }
        }
        push(raws[k].begin, raws[k].end, part);
    }
    // Family: the leading words; qualifier: every later word.
    std::size_t family_end = 0;
    while (family_end < m.tokens.size() && m.tokens[family_end].part == NamePart::word) {
        ++family_end;
    }
    if (family_end > 0) {
        m.family = text.substr(m.tokens[0].begin, m.tokens[family_end - 1].end - m.tokens[0].begin);
    }
    std::vector<NameToken> later(m.tokens.begin() + static_cast<std::ptrdiff_t>(family_end),
                                 m.tokens.end());
    m.qualifier = span(text, later, NamePart::word);
    m.generation = span(text, m.tokens, NamePart::generation);
    m.size = span(text, m.tokens, NamePart::size);
    m.variant = span(text, m.tokens, NamePart::variant);
    m.format = span(text, m.tokens, NamePart::format);
    m.revision = span(text, m.tokens, NamePart::revision);
    return m;
}

std::vector<NameParent> name_parents(std::string_view name) {
    const ModelName m = parse_model_name(name);
    const std::string_view text = m.text;
    std::vector<NameParent> out;
    std::vector<NameToken> tokens = m.tokens;
    // Whether tokens[0, n) still hold a family word: a parent must name something.
    const auto has_family = [&](std::size_t n) {
        return n > 0 && tokens[0].part == NamePart::word;
    };
    // The `-hf` suffix names the same model: dropped with no step.
    if (tokens.size() > 1 && tokens.back().part == NamePart::format &&
        iequals(text.substr(tokens.back().begin, tokens.back().end - tokens.back().begin), "hf")) {
        tokens.pop_back();
    }
    // The parent spelled as the child without tokens [cut, n) (and, with `keep`, a trailing
    // revision kept after the cut).
    const auto spelled = [&](std::size_t cut, std::optional<NameToken> keep) {
        std::string parent(trim_right_separators(text.substr(0, tokens[cut].begin)));
        if (keep) {
            const std::uint32_t sep_begin = tokens[cut - 1].end;
            parent += std::string(text.substr(sep_begin, tokens[cut].begin - sep_begin));
            parent += std::string(text.substr(keep->begin, keep->end - keep->begin));
        }
        return parent;
    };
    while (tokens.size() > 1) {
        const std::size_t n = tokens.size();
        const NamePart last = tokens.back().part;
        if (last == NamePart::format) {
            std::size_t cut = n;
            while (cut > 1 && tokens[cut - 1].part == NamePart::format) {
                --cut;
            }
            if (!has_family(cut)) {
                break;
            }
            const std::string part(text.substr(tokens[cut].begin, tokens.back().end - tokens[cut].begin));
            std::string parent = spelled(cut, std::nullopt);
            // `Llama-2-7b-hf-GPTQ`: the `-hf` before the quantization names the same model.
            tokens.resize(cut);
            if (tokens.size() > 1 && tokens.back().part == NamePart::format) {
                tokens.pop_back();
                parent = std::string(trim_right_separators(text.substr(0, tokens.back().end)));
            }
            out.push_back(NameParent{std::move(parent), EdgeKind::quantized_from, part});
            continue;
        }
        std::size_t variant_at = n;
        std::optional<NameToken> keep;
        if (last == NamePart::variant) {
            variant_at = n - 1;
        } else if (last == NamePart::revision && n >= 3 && tokens[n - 2].part == NamePart::variant) {
            variant_at = n - 2;
            keep = tokens.back();
        }
        if (variant_at < n) {
            if (!has_family(variant_at)) {
                break;
            }
            const NameToken v = tokens[variant_at];
            const std::string_view word = text.substr(v.begin, v.end - v.begin);
            const EdgeKind relation =
                iequals(word, "base") ? EdgeKind::variant_of : EdgeKind::fine_tuned_from;
            std::string parent = spelled(variant_at, keep);
            tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(variant_at));
            out.push_back(NameParent{std::move(parent), relation, std::string(word)});
            if (keep) {
                break; // the parent ends in a revision: a model of its own
            }
            continue;
        }
        if (last == NamePart::size) {
            std::size_t cut = n;
            while (cut > 1 && tokens[cut - 1].part == NamePart::size) {
                --cut;
            }
            if (!has_family(cut)) {
                break;
            }
            const std::string part(text.substr(tokens[cut].begin, tokens.back().end - tokens[cut].begin));
            out.push_back(NameParent{spelled(cut, std::nullopt), EdgeKind::variant_of, part});
            tokens.resize(cut);
            continue;
        }
        break;
    }
    return out;
}

std::string_view without_hf_suffix(std::string_view name) {
    if (name.size() > 3 && (name[name.size() - 3] == '-' || name[name.size() - 3] == '_') &&
        iequals(name.substr(name.size() - 2), "hf")) {
        return name.substr(0, name.size() - 3);
    }
    return name;
}

std::string_view hub_bare_name(std::string_view id) {
    const auto slash = id.find('/');
    if (slash == std::string_view::npos) {
        return {};
    }
    return without_hf_suffix(id.substr(slash + 1));
}

} // namespace medkg::graph
