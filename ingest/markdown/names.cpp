#include "ingest/markdown/names.hpp"

#include "graph/names.hpp"
#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/text.hpp"
#include "ingest/markdown/vocabulary.hpp"

namespace medkg::ingest::md {

// ---------------------------------------------------------------------------------------------
// Names in titles

bool strongly_name_like(std::string_view w) {
    // "MedPaLM", "GPT-4", "Med-Alpaca", "MIMIC-III", "XrayGLM": internal capitals or digits.
    if (w.size() < 2) {
        return false;
    }
    if (in(k_acronyms, lower(w))) {
        return false;
    }
    bool digit = false;
    bool letter = false;
    int upper = 0;
    bool camel = false;
    bool hyphen_cap = false;
    for (std::size_t k = 0; k < w.size(); ++k) {
        digit = digit || is_digit(w[k]);
        letter = letter || is_alpha(w[k]);
        upper += is_upper(w[k]) ? 1 : 0;
        if (k > 0 && is_upper(w[k]) && is_lower(w[k - 1])) {
            camel = true;
        }
        if (k > 0 && is_upper(w[k]) && (w[k - 1] == '-' || w[k - 1] == '.')) {
            hyphen_cap = true;
        }
    }
    return letter && (digit || camel || hyphen_cap || upper >= 2);
}

bool capitalised(std::string_view w) {
    return !w.empty() && (is_upper(w.front()) || is_digit(w.front()) ||
                          static_cast<unsigned char>(w.front()) >= 0x80);
}

/// A prefix that names something rather than describes it: a short name-like phrase.
bool acceptable_name(std::string_view prefix, bool allow_plain_words, bool whole, bool loose) {
    const std::string_view raw = util::trim(prefix);
    if (raw.starts_with("\"") || raw.starts_with("'") || raw.starts_with("“")) {
        return false; // a quoted phrase, not a name
    }
    std::string p = trim_name(prefix);
    // A trailing "(罗宾)" or "(OpenBioMed)" is another name for the same thing.
    if (p.size() > 2 && (p.back() == ')' || p.ends_with("）"))) {
        const auto open = p.back() == ')' ? p.rfind('(') : p.rfind("（");
        if (open != std::string::npos && open > 0) {
            p = std::string(util::trim(std::string_view(p).substr(0, open)));
        }
    }
    if (p.empty() || p.size() > 50 || count_letters(p) == 0) {
        return false;
    }
    if (p.find('"') != std::string::npos || p.find('?') != std::string::npos ||
        p.find('\xE2') == 0) {
        return false;
    }
    const auto words = split_words(p);
    if (words.empty() || words.size() > 4) {
        return false;
    }
    // About a base model, not a new one: "ChatGPT", "Multimodal ChatGPT", "GPT-4V".
    bool family_word = false;
    bool other_specific = false;
    for (const auto& w : words) {
        if (const auto tf = md::family_of_token(w); tf && tf->plain) {
            family_word = true;
        } else if (!in(k_generic_words, lower(w))) {
            other_specific = true;
        }
    }
    // A title that is only a family names that family ("ChatGLM2-6B" in a list of models).
    if (family_word && !other_specific) {
        return whole;
    }
    if (words.size() == 1) {
        const std::string& w = words.front();
        if (static_cast<unsigned char>(w.front()) >= 0x80) {
            return count_letters(w) >= 2; // a CJK name
        }
        if (in(k_generic_words, lower(w)) || in(k_acronyms, lower(w))) {
            return false;
        }
        // "huozi", "fastllm": a lower-case project name, when nothing says it is a paper.
        return capitalised(w) || strongly_name_like(w) || (loose && count_letters(w) >= 3);
    }
    // Several words: "Clinical Camel", "Visual Med-Alpaca", "Doctor Dignity"; not "Language Model
    // Behavior", "Editing Large Language Models", "Think and Retrieval".
    if (lower(words.front()).ends_with("ing") && !strongly_name_like(words.front())) {
        return false;
    }
    const std::string lp = lower(p);
    if (lp.find("language model") != std::string::npos) {
        return false;
    }
    bool any_strong = false;
    bool all_caps = true;
    bool any_specific = false;
    for (const auto& w : words) {
        any_strong = any_strong || strongly_name_like(w);
        all_caps = all_caps && capitalised(w);
        any_specific = any_specific || !in(k_generic_words, lower(w));
    }
    if (any_strong && all_caps) {
        return true;
    }
    return allow_plain_words && all_caps && any_specific;
}

/// The name a title starts with: "Name: rest", "Name, rest", "Name--rest", "Name — rest",
/// a title that is only a short name, or a strongly name-like first word ("Palmyra-Large ...").
std::optional<TitleName> name_from_title(std::string_view title, bool loose) {
    const std::string_view t = util::trim(title);
    if (t.empty()) {
        return std::nullopt;
    }
    struct Sep {
        std::string_view text;
        bool comma;
    };
    static constexpr Sep seps[] = {{":", false},   {"：", false},  {"--", false},
                                   {" — ", false}, {" – ", false}, {" - ", false},
                                   {"—", false},   {",", true},    {"，", true}};
    // Candidates in order of position; stop after the first colon-like separator.
    std::vector<std::pair<std::size_t, const Sep*>> cands;
    // Separators inside brackets belong to the name ("Med_Gemini-[2D,3D,Polygenic]: …").
    std::vector<bool> nested(t.size(), false);
    for (std::size_t i = 0, depth = 0; i < t.size(); ++i) {
        if (t[i] == '[' || t[i] == '(') {
            ++depth;
        } else if ((t[i] == ']' || t[i] == ')') && depth > 0) {
            --depth;
        }
        nested[i] = depth > 0;
    }
    for (const Sep& s : seps) {
        auto at = t.find(s.text);
        while (at != std::string_view::npos && nested[at]) {
            at = t.find(s.text, at + 1);
        }
        if (at != std::string_view::npos && at > 0) {
            cands.emplace_back(at, &s);
        }
    }
    // "ChatLaw-法律大模型": a hyphen between a name and a Chinese description.
    static constexpr Sep cjk_hyphen{"-", false};
    for (std::size_t i = 1; i + 1 < t.size(); ++i) {
        if (t[i] == '-' && is_alnum(t[i - 1]) && static_cast<unsigned char>(t[i + 1]) >= 0xE3 &&
            static_cast<unsigned char>(t[i + 1]) <= 0xE9) {
            cands.emplace_back(i, &cjk_hyphen);
            break;
        }
    }
    std::sort(cands.begin(), cands.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [at, sep] : cands) {
        const std::string_view prefix = t.substr(0, at);
        const std::string_view rest = strip_leading_separators(t.substr(at + sep->text.size()));
        if (sep->comma) {
            const auto words = split_words(util::trim(prefix));
            if (words.size() == 1 && strongly_name_like(words.front()) &&
                !md::family_of_token(words.front())) {
                return TitleName{trim_name(prefix), std::string(rest), 0.9F};
            }
            continue;
        }
        if (acceptable_name(prefix, true) && !rest.empty()) {
            return TitleName{trim_name(prefix), std::string(rest), 0.9F};
        }
        break; // a colon whose prefix is not a name: the title has no name prefix
    }
    // The whole title is a short name ("HealGPT", "Doctor Dignity", "SymptomCheck Bench").
    const auto words = split_words(t);
    if (words.size() <= 3 && acceptable_name(t, true, true, loose)) {
        return TitleName{trim_name(t), "", 0.8F};
    }
    // A strongly name-like first word followed by a capitalised title word.
    if (words.size() >= 3 && strongly_name_like(words[0]) && capitalised(words[1]) &&
        words[0].find('-') != std::string::npos && !md::family_of_token(words[0]) &&
        !in(k_acronyms, lower(words[0]))) {
        int upper = 0;
        for (char c : words[0]) {
            upper += is_upper(c) ? 1 : 0;
        }
        if (upper >= 2) {
            return TitleName{trim_name(words[0]), std::string(t.substr(words[0].size() + 1)), 0.7F};
        }
    }
    return std::nullopt;
}

namespace {

/// "本草[原名：华驼(HuaTuo)]" -> {"本草", "华驼(HuaTuo)"}: a trailing bracket that gives the name
/// the model had before, or goes by too.
std::optional<std::pair<std::string, std::string>> former_name(const std::string& name) {
    static constexpr std::pair<std::string_view, std::string_view> brackets[] = {
        {"[", "]"}, {"(", ")"}, {"（", "）"}, {"【", "】"}};
    static constexpr std::string_view words[] = {"原名",       "曾用名",   "又名", "旧名",
                                                 "别名",       "formerly", "aka",  "a.k.a.",
                                                 "previously", "旧称"};
    for (const auto& [open, close] : brackets) {
        if (!name.ends_with(close)) {
            continue;
        }
        // The bracket that opens the last group, allowing brackets nested inside it.
        int depth = 0;
        std::size_t at = std::string::npos;
        for (std::size_t i = name.size() - close.size();;) {
            if (name.compare(i, close.size(), close) == 0) {
                ++depth;
            } else if (name.compare(i, open.size(), open) == 0 && --depth == 0) {
                at = i;
                break;
            }
            if (i == 0) {
                break;
            }
            --i;
        }
        if (at == std::string::npos || at == 0) {
            continue;
        }
        std::string_view inner = std::string_view(name).substr(
            at + open.size(), name.size() - close.size() - at - open.size());
        inner = util::trim(inner);
        for (const auto w : words) {
            if (!lower(inner).starts_with(w)) {
                continue;
            }
            std::string_view rest = inner.substr(w.size());
            for (const std::string_view sep : {"：", ":", " ", "\u00a0"}) {
                while (rest.starts_with(sep)) {
                    rest.remove_prefix(sep.size());
                }
            }
            rest = util::trim(rest);
            const std::string before(util::trim(std::string_view(name).substr(0, at)));
            if (!rest.empty() && !before.empty()) {
                return std::make_pair(before, std::string(rest));
            }
        }
    }
    return std::nullopt;
}

} // namespace

/// `BenTsao/Huatuo` -> BenTsao + alias Huatuo; `FS-/RAD-/GER-BERT` -> three names;
/// `Unified Medical Language System (UMLS)` -> name + acronym alias.
std::pair<std::string, std::vector<std::string>> split_aliases(const std::string& name) {
    std::vector<std::string> aliases;
    if (name.find(' ') == std::string::npos && name.find('/') != std::string::npos &&
        name.find("://") == std::string::npos) {
        std::vector<std::string> parts;
        std::size_t start = 0;
        for (;;) {
            const auto slash = name.find('/', start);
            parts.push_back(
                name.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
            if (slash == std::string::npos) {
                break;
            }
            start = slash + 1;
        }
        const std::string& last = parts.back();
        const auto dash = last.rfind('-');
        for (auto& p : parts) {
            if (p.ends_with("-") && dash != std::string::npos) {
                p += last.substr(dash + 1);
            }
        }
        const bool ok = std::all_of(parts.begin(), parts.end(), [](const std::string& p) {
            return p.size() >= 2 && count_letters(p) >= 1;
        });
        if (ok && parts.size() >= 2) {
            std::string first = parts.front();
            for (std::size_t k = 1; k < parts.size(); ++k) {
                aliases.push_back(parts[k]);
            }
            return {first, aliases};
        }
    }
    // A former or other name in brackets: "本草[原名：华驼(HuaTuo)]", "X (formerly Y)".
    if (auto former = former_name(name)) {
        auto [inner, more] = split_aliases(former->second);
        more.insert(more.begin(), inner);
        if (!former->first.empty() && !inner.empty()) {
            return {former->first, more};
        }
    }
    // A trailing parenthesis: an acronym of the words before it, another single name, or the
    // name in another script ("獬豸(LawGPT_zh)", "Robin (罗宾)").
    std::string n = name;
    if (n.ends_with("）")) {
        const auto open = n.rfind("（");
        if (open != std::string::npos) {
            n = n.substr(0, open) + "(" + n.substr(open + 3, n.size() - open - 6) + ")";
        }
    }
    if (n.size() > 3 && n.back() == ')') {
        const auto open = n.rfind('(');
        if (open != std::string::npos && open > 0) {
            const std::string before(util::trim(std::string_view(n).substr(0, open)));
            const std::string inner(
                util::trim(std::string_view(n).substr(open + 1, n.size() - open - 2)));
            const auto cjk_only = [](const std::string& x) {
                return !x.empty() && static_cast<unsigned char>(x.front()) >= 0x80 &&
                       x.find(' ') == std::string::npos && count_letters(x) >= 1 &&
                       std::none_of(x.begin(), x.end(), [](char c) { return is_alpha(c); });
            };
            if (!before.empty() && !inner.empty() && (cjk_only(inner) != cjk_only(before)) &&
                before.find(' ') == std::string::npos && inner.find(' ') == std::string::npos) {
                // Keep the Latin spelling as the name: it is how other sources write it.
                return cjk_only(before) ? std::make_pair(inner, std::vector<std::string>{before})
                                        : std::make_pair(before, std::vector<std::string>{inner});
            }
            std::string initials;
            for (const auto& w : split_words(before)) {
                if (is_upper(w.front())) {
                    initials += w.front();
                }
            }
            std::string inner_caps;
            for (char c : inner) {
                if (is_upper(c)) {
                    inner_caps += c;
                }
            }
            const bool acronym = !inner.empty() && inner_caps == inner && initials == inner;
            const bool single = before.find(' ') == std::string::npos &&
                                inner.find(' ') == std::string::npos && strongly_name_like(inner) &&
                                strongly_name_like(before);
            if ((acronym || single) && !before.empty()) {
                return {before, {inner}};
            }
        }
    }
    return {name, aliases};
}

/// Strips a trailing "2023." / " 2020" from a title, returning the year when there was one.
std::string strip_trailing_year(std::string& title) {
    std::string_view t = util::trim(title);
    while (!t.empty() && (t.back() == '.' || t.back() == ' ')) {
        t.remove_suffix(1);
    }
    std::string year;
    if (t.size() >= 5) {
        const auto y = t.substr(t.size() - 4);
        const char before = t[t.size() - 5];
        if (std::all_of(y.begin(), y.end(), is_digit) &&
            (y.starts_with("19") || y.starts_with("20")) &&
            (before == ' ' || before == '.' || before == ',')) {
            year = std::string(y);
            t.remove_suffix(4);
            while (!t.empty() && (t.back() == '.' || t.back() == ' ' || t.back() == ',')) {
                t.remove_suffix(1);
            }
        }
    }
    title = std::string(t);
    return year;
}

/// Whether a Hub repository (`org/name`) is the thing named `name`: one name contains the other,
/// or they differ by a typo once a trailing version is dropped (`MedLllama3`, `medllama3-v20`).
/// A list often links a relative ("Palmyra-Large" -> palmyra-med-20b): that is no identity.
bool repo_names(std::string_view repo_id, std::string_view name) {
    const auto slash = repo_id.find('/');
    std::string repo(repo_id.substr(slash == std::string_view::npos ? 0 : slash + 1));
    const std::string n = graph::fold_name(name);
    std::string r = graph::fold_name(repo);
    if (n.size() < 3 || r.size() < 3) {
        return false;
    }
    if (r.find(n) != std::string::npos || n.find(r) != std::string::npos) {
        return true;
    }
    // "medllama3-v20": drop a trailing "-vNN".
    const auto v = repo.rfind("-v");
    if (v != std::string::npos && v + 2 < repo.size() &&
        std::all_of(repo.begin() + static_cast<std::ptrdiff_t>(v + 2), repo.end(),
                    [](char c) { return is_digit(c) || c == '.'; })) {
        r = graph::fold_name(repo.substr(0, v));
    }
    return util::edit_distance(n, r, 2) <= 2 && std::min(n.size(), r.size()) >= 6;
}

std::optional<std::pair<std::string, std::string>> split_developer(std::string_view name) {
    std::string_view t = util::trim(name);
    std::size_t open = std::string_view::npos;
    std::size_t inner_begin = 0;
    std::size_t inner_end = 0;
    if (t.ends_with(")")) {
        open = t.rfind('(');
        inner_begin = open + 1;
        inner_end = t.size() - 1;
    } else if (t.ends_with("\uFF09")) {
        open = t.rfind("\uFF08");
        inner_begin = open + 3;
        inner_end = t.size() - 3;
    }
    if (open == std::string_view::npos || open == 0 || inner_end <= inner_begin) {
        return std::nullopt;
    }
    const std::string before(util::trim(t.substr(0, open)));
    const std::string inner(util::trim(t.substr(inner_begin, inner_end - inner_begin)));
    if (before.empty() || inner.empty() || before.find('(') != std::string::npos) {
        return std::nullopt;
    }
    bool latin = true;
    bool digit = false;
    for (const char c : inner) {
        latin = latin && static_cast<unsigned char>(c) < 0x80;
        digit = digit || is_digit(c);
    }
    if (digit) {
        return std::nullopt; // a size or a versioned other name
    }
    if (!latin) {
        // Another script: an organisation only when it ends like one.
        static constexpr std::string_view k_org_ends[] = {
            "大",     "大学", "研",     "研究所", "研究院", "公司",  "集团",
            "实验室", "社",   "研究室", "科技",   "医院",   "大学院"};
        for (const auto e : k_org_ends) {
            if (inner.ends_with(e)) {
                return std::make_pair(before, inner);
            }
        }
        return std::nullopt;
    }
    // One word, capitalised like a company's name ("Google", "Alibaba"), or an organisation
    // written in capitals that lists name often ("EPFL", "IEEE"). Several words are more often a
    // subset ("MMLU (Clinical Knowledge)"), an all-capitals word a collection ("BioASQ (BEIR)").
    static constexpr std::string_view k_orgs[] = {
        "epfl",      "ieee",      "nvidia",  "zai",       "ibm",       "ntt",
        "kaist",     "mit",       "cmu",     "ucla",      "ucsd",      "nih",
        "ncbi",      "nlm",       "aws",     "meta",      "openai",    "deepmind",
        "google",    "microsoft", "alibaba", "tencent",   "baidu",     "huawei",
        "anthropic", "apple",     "amazon",  "stanford",  "harvard",   "oxford",
        "cambridge", "bytedance", "xai",     "mistralai", "sensetime", "iflytek"};
    const bool known = in(k_orgs, lower(inner));
    const bool title_case = inner.size() >= 3 && is_upper(inner.front()) &&
                            std::all_of(inner.begin() + 1, inner.end(), is_lower);
    if (!known && !title_case) {
        return std::nullopt;
    }
    return std::make_pair(before, inner);
}

std::string not_a_name(std::string_view name) {
    const std::string_view t = util::trim(name);
    if (t.empty()) {
        return "it is empty";
    }
    if (t.find('<') != std::string_view::npos || t.find('>') != std::string_view::npos) {
        return "it is HTML";
    }
    const std::string l = lower(t);
    if (l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")) {
        return "it is a URL";
    }
    if (l.find("et al") != std::string::npos) {
        return "it is a citation";
    }
    bool digits_only = true;
    for (const char c : t) {
        digits_only = digits_only && (is_digit(c) || c == '.' || c == '-' || c == '/' || c == ' ' ||
                                      c == ',' || c == ':');
    }
    if (digits_only) {
        return "it is a date or a number";
    }
    // "01 Dec, 2024", "March 2023": a month and numbers.
    {
        static constexpr std::string_view months[] = {
            "jan",  "january",   "feb",  "february", "mar",  "march",    "apr",    "april",
            "may",  "jun",       "june", "jul",      "july", "aug",      "august", "sep",
            "sept", "september", "oct",  "october",  "nov",  "november", "dec",    "december"};
        bool month = false;
        bool number = false;
        bool other = false;
        std::string word;
        const auto flush = [&] {
            if (word.empty()) {
                return;
            }
            const bool digits =
                std::all_of(word.begin(), word.end(), [](char c) { return is_digit(c); });
            const bool ordinal = word.size() > 2 && is_digit(word.front()) &&
                                 (word.ends_with("st") || word.ends_with("nd") ||
                                  word.ends_with("rd") || word.ends_with("th"));
            if (digits || ordinal) {
                number = true;
            } else if (in(months, word)) {
                month = true;
            } else {
                other = true;
            }
            word.clear();
        };
        for (const char c : l) {
            if (is_alnum(c)) {
                word += c;
            } else {
                flush();
            }
        }
        flush();
        if (month && number && !other) {
            return "it is a date";
        }
    }
    // 2023年5月, 2023.05 and the like, with nothing else.
    if (t.size() <= 16 && is_digit(t.front()) && count_letters(t) <= 2 &&
        (t.find("年") != std::string_view::npos || t.find("月") != std::string_view::npos)) {
        return "it is a date";
    }
    static constexpr std::string_view k_licences[] = {"apache",
                                                      "apache 2.0",
                                                      "apache-2.0",
                                                      "apache license 2.0",
                                                      "apache license, version 2.0",
                                                      "mit",
                                                      "mit license",
                                                      "bsd",
                                                      "bsd-3-clause",
                                                      "gpl",
                                                      "gpl-3.0",
                                                      "agpl-3.0",
                                                      "lgpl",
                                                      "cc by 4.0",
                                                      "cc-by-4.0",
                                                      "cc by-nc 4.0",
                                                      "cc-by-nc-4.0",
                                                      "cc by-sa 4.0",
                                                      "cc by-nc-sa 4.0",
                                                      "cc0",
                                                      "openrail",
                                                      "openrail-m",
                                                      "other",
                                                      "unknown",
                                                      "proprietary",
                                                      "closed",
                                                      "n/a"};
    if (in(k_licences, l) || l.starts_with("cc by") || l.starts_with("cc-by") ||
        (l.find("license") != std::string::npos && l.find(' ') != std::string::npos &&
         split_words(l).size() <= 6 &&
         (l.starts_with("llama") || l.starts_with("gemma") || l.ends_with("license") ||
          l.ends_with("licence")))) {
        return "it is a licence";
    }
    const auto words = split_words(std::string(t));
    if (words.size() > 8 || t.size() > 100) {
        return "it is a sentence";
    }
    // CJK prose: many characters and a particle or verb that names do not hold.
    std::size_t cjk = 0;
    for (std::size_t i = 0; i < t.size();) {
        cjk += is_cjk(next_code_point(t, i)) ? 1U : 0U;
    }
    // A Japanese particle at the end ("MistralAIから", "GPT-4の"): the start of a sentence.
    for (const std::string_view particle : {"から", "が", "を", "は", "に", "で", "の", "と"}) {
        if (t.size() > particle.size() && t.ends_with(particle) &&
            (particle.size() > 3 || is_alnum(t[t.size() - particle.size() - 1]))) {
            return "it is a sentence";
        }
    }
    // A particle between words ("指示データで SFT", "会話を 学習"): a clause.
    for (const std::string_view particle : {"で ", "を ", "に ", "が ", "は "}) {
        if (const auto at = t.find(particle); at != std::string_view::npos && at > 0) {
            return "it is a sentence";
        }
    }
    // Fewer characters with words no name holds: "贵州医科大学等在中国",
    // "ShenNong-TCM模型也是以LlaMA为底座".
    if (cjk >= 4) {
        static constexpr std::string_view k_clause[] = {
            "等在", "也是", "就是",   "是以",   "以及",   "为底座", "为基座",
            "基于", "我们", "本项目", "该模型", "发布了", "推出了"};
        for (const auto p : k_clause) {
            if (t.find(p) != std::string_view::npos) {
                return "it is a sentence";
            }
        }
    }
    // Sentence punctuation, or a clause inside brackets ("…综述（智能系统学报，邻近）").
    for (const std::string_view stop : {"。", "！", "？", "，", "；"}) {
        if (cjk >= 2 && t.find(stop) != std::string_view::npos) {
            return "it is a sentence";
        }
    }
    // A long phrase joined by a possessive ("人工智能驱动下的中医智能诊疗研究进展与挑战"), or
    // longer than names run; a descriptive name of a dataset or model keeps its head noun
    // ("中文医药方面的问答数据集").
    {
        bool head_noun = false;
        for (const std::string_view n : {"数据集", "数据库", "知识库", "语料库", "语料", "基准",
                                         "评测集", "模型", "データセット", "コーパス"}) {
            head_noun = head_noun || t.ends_with(n);
        }
        if ((cjk >= 8 && !head_noun &&
             (t.find("的") != std::string_view::npos || t.find("の") != std::string_view::npos)) ||
            cjk > 16) {
            return "it is a phrase, not a name";
        }
    }
    if (cjk >= 10) {
        static constexpr std::string_view k_prose[] = {
            "で",   "を",   "に対して", "は",   "が",   "した", "進行", "进行",
            "使用", "基于", "通过",     "的是", "用于", "包含", "提供", "一个"};
        for (const auto p : k_prose) {
            if (t.find(p) != std::string_view::npos) {
                return "it is a sentence";
            }
        }
    }
    return {};
}

} // namespace medkg::ingest::md
