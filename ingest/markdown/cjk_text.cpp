// Code points and names for the Chinese and Japanese base readers: tokens before and after a
// cue, and models named in Chinese ("天河天元大模型", "百川 2 模型"). Shared by cjk_bases.cpp
// and chains.cpp through cjk_text.hpp.

#include "ingest/markdown/cjk_text.hpp"

#include "graph/names.hpp"
#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/text.hpp"

#include <algorithm>

namespace medkg::ingest::md {

CodePoints decode(std::string_view text) {
    CodePoints out;
    std::size_t i = 0;
    while (i < text.size()) {
        out.offsets.push_back(i);
        const std::uint32_t cp = next_code_point(text, i);
        // No-break, ideographic and other wide spaces separate words as a space does.
        const bool space =
            cp == 0xA0 || cp == 0x3000 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A);
        out.cps.push_back(space ? ' ' : cp);
    }
    out.offsets.push_back(text.size());
    return out;
}

std::vector<std::uint32_t> utf32(std::string_view s) { return decode(s).cps; }

bool matches_at(const std::vector<std::uint32_t>& cps, std::size_t at,
                const std::vector<std::uint32_t>& pat) {
    if (at > cps.size() || cps.size() - at < pat.size()) {
        return false;
    }
    return std::equal(pat.begin(), pat.end(), cps.begin() + static_cast<std::ptrdiff_t>(at));
}

/// A name written with a parenthesis after it: a size stays part of the name ("OpenCALM
/// (6.8b)" is OpenCALM 6.8b), a remark goes ("Youri 7B (base)", "GPT-OSS Swallow 120B (RL)").
std::string without_remark(std::string_view token) {
    std::string t(token);
    // A dash typed as U+2010, U+2011 or U+2013 inside a name is a hyphen ("Baichuan2–7B-Chat").
    for (const std::string_view dash : {"\u2010", "\u2011", "\u2013"}) {
        for (auto at = t.find(dash); at != std::string::npos; at = t.find(dash, at + 1)) {
            t.replace(at, dash.size(), "-");
        }
    }
    while (!t.empty() && t.back() == ' ') {
        t.pop_back();
    }
    if (t.empty() || t.back() != ')') {
        return t;
    }
    const auto open = t.rfind('(');
    if (open == std::string::npos || open == 0) {
        return t;
    }
    const std::string inner = t.substr(open + 1, t.size() - open - 2);
    std::string before = t.substr(0, open);
    while (!before.empty() && before.back() == ' ') {
        before.pop_back();
    }
    if (parse_size(inner)) {
        return before + " " + inner;
    }
    return before;
}

/// A plain capitalised word that a chain of bases names as a model ("Guanaco" in
/// "基于Guanaco->LLaMA"): three or more letters and digits, no acronym of software.
bool chain_word(std::string_view w) {
    if (w.size() < 3 || !is_upper(w.front())) {
        return false;
    }
    for (char c : w) {
        if (!is_alnum(c) && c != '-' && c != '.') {
            return false;
        }
    }
    return true;
}

bool dash(std::uint32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013; }

bool ascii_token_char(std::uint32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           dash(cp) || cp == '.' || cp == '_' || cp == '/';
}

namespace {

// Words that describe a model without naming it: a name made only of them ("医疗大模型",
// "预训练语言模型", "已备案多模态大模型" less its name) names nothing.
constexpr std::string_view k_generic_model_words[] = {
    "大型", "超大规模", "大规模", "通用",   "开源",   "闭源", "自主研发", "自研",     "自主",
    "中文", "英文",     "双语",   "多语言", "医疗",   "医学", "医药",     "中医药",   "中医",
    "中药", "西医",     "临床",   "健康",   "领域",   "垂直", "垂类",     "行业",     "专业",
    "专用", "多模态",   "语言",   "视觉",   "文本",   "图像", "对话",     "问答",     "问诊",
    "诊疗", "预训练",   "基础",   "基座",   "底座",   "知识", "生成式",   "人工智能", "智能",
    "国产", "主流",     "现有",   "已有",   "已备案", "备案", "参数",     "轻量级",   "轻量",
    "相关", "各种",     "多种",   "多个",   "初始",   "原始", "自有",     "底层",     "推理",
    "指令", "微调",     "训练",   "新一代", "最新",   "级",   "大",       "小",       "新"};
// Words that make a run of characters a phrase, not a name.
constexpr std::string_view k_phrase_words[] = {
    "的", "了",   "和",   "与",   "及",   "或",   "等",   "该",   "此",   "其", "这",
    "那", "作为", "进行", "通过", "利用", "使用", "采用", "一个", "是一", "亿", "万"};

/// `stem` less the generic words at either end.
std::string_view without_generic_words(std::string_view stem) {
    for (bool changed = true; changed && !stem.empty();) {
        changed = false;
        stem = util::trim(stem);
        for (const auto w : k_generic_model_words) {
            if (stem.starts_with(w)) {
                stem.remove_prefix(w.size());
                changed = true;
            } else if (stem.ends_with(w)) {
                stem.remove_suffix(w.size());
                changed = true;
            }
        }
    }
    return util::trim(stem);
}

} // namespace

/// Whether `stem`, the words before a model word or between a cue's words, can name a model:
/// no phrase word, and something left once the generic words are gone.
bool cjk_stem_names(std::string_view stem) {
    if (stem.empty() || stem.size() > 48) {
        return false;
    }
    for (const auto w : k_phrase_words) {
        if (stem.find(w) != std::string_view::npos) {
            return false;
        }
    }
    const std::string_view rest = without_generic_words(stem);
    std::size_t letters = 0;
    for (std::size_t i = 0; i < rest.size();) {
        const std::uint32_t c = next_code_point(rest, i);
        letters += (is_cjk(c) || (c < 0x80 && is_alnum(static_cast<char>(c)))) ? 1U : 0U;
    }
    return letters >= 2;
}

/// `name` less the words before it that say how it stands, not what it is: "已备案砭石多模态大模型"
/// is 砭石多模态大模型.
std::string without_leading_qualifiers(std::string name) {
    static constexpr std::string_view qualifiers[] = {
        "已备案", "备案", "自研", "自有", "自主研发", "国产", "开源", "最新", "新一代", "现有"};
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto q : qualifiers) {
            if (name.size() > q.size() && name.starts_with(q)) {
                name.erase(0, q.size());
                changed = true;
            }
        }
    }
    return std::string(util::trim(name));
}

/// The text of code points [b, e) with wide spaces as plain ones and the ends trimmed.
std::string plain_span(std::string_view text, const CodePoints& cp, std::size_t b, std::size_t e) {
    std::string out;
    for (std::size_t k = b; k < e; ++k) {
        if (cp.cps[k] == ' ') {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
            continue;
        }
        out.append(text.substr(cp.offsets[k], cp.offsets[k + 1] - cp.offsets[k]));
    }
    return std::string(util::trim(out));
}

/// A model named in Chinese at `at` and ending in a model word: "天河天元大模型",
/// "华为盘古大语言模型", "百川 2 模型" (named "百川 2": a bare 模型 or 基础模型 only says what it
/// is). Empty when the words before the model word only describe one ("医疗大模型").
std::optional<CjkName> cjk_model_name(std::string_view text, const CodePoints& cp, std::size_t at) {
    const auto& cps = cp.cps;
    while (at < cps.size() && cps[at] == ' ') {
        ++at;
    }
    if (at >= cps.size() || !is_cjk(cps[at])) {
        return std::nullopt;
    }
    static const auto model = utf32("模型");
    std::size_t m = at;
    for (; m < cps.size() && m - at < 24; ++m) {
        const std::uint32_t c = cps[m];
        const bool name_char = is_cjk(c) || c == ' ' || c == 0xB7 || c == '-' ||
                               (c < 0x80 && is_alnum(static_cast<char>(c)));
        if (!name_char) {
            return std::nullopt;
        }
        if (matches_at(cps, m, model)) {
            break;
        }
    }
    if (m >= cps.size() || m - at >= 24 || m == at) {
        return std::nullopt;
    }
    // What the model word says: "大语言模型" is part of a product's name, "基础模型" is not.
    static const std::vector<std::pair<std::vector<std::uint32_t>, bool>> heads{
        {utf32("大语言"), true}, {utf32("语言"), true},  {utf32("大"), true},
        {utf32("基础"), false},  {utf32("基座"), false}, {utf32("底座"), false}};
    std::size_t stem_end = m;
    bool keep = false;
    for (const auto& [h, kept] : heads) {
        if (m >= at + h.size() && matches_at(cps, m - h.size(), h)) {
            stem_end = m - h.size();
            keep = kept;
            break;
        }
    }
    const std::string stem = plain_span(text, cp, at, stem_end);
    if (!cjk_stem_names(stem)) {
        return std::nullopt;
    }
    // "天文大模型StarGLM": the words before a Latin name describe it.
    {
        std::size_t q = m + model.size();
        while (q < cps.size() && cps[q] == ' ') {
            ++q;
        }
        if (q < cps.size() && cps[q] < 0x80 && is_alnum(static_cast<char>(cps[q]))) {
            return std::nullopt;
        }
    }
    CjkName n;
    n.begin = at;
    n.end = m + model.size();
    n.name = without_leading_qualifiers(keep ? plain_span(text, cp, at, n.end) : stem);
    return n;
}

/// The ASCII token starting at code point `at` (after spaces), as [begin, end) code points.
std::pair<std::size_t, std::size_t> token_after(const std::vector<std::uint32_t>& cps,
                                                std::size_t at) {
    while (at < cps.size() && (cps[at] == ' ' || cps[at] == 0x3000)) {
        ++at;
    }
    std::size_t end = at;
    while (end < cps.size() && ascii_token_char(cps[end])) {
        ++end;
    }
    while (end > at && (cps[end - 1] == '.' || dash(cps[end - 1]) || cps[end - 1] == '/')) {
        --end;
    }
    return {at, end};
}

/// The ASCII token ending right before code point `at` (spaces skipped).
/// The words of a name before `at` (Japanese writes the name, a space, then the particle:
/// "Japanese Stable LM Gamma 7B に対して"): ASCII words joined by single spaces, at most six.
std::pair<std::size_t, std::size_t> words_before(const std::vector<std::uint32_t>& cps,
                                                 std::size_t at) {
    while (at > 0 && cps[at - 1] == ' ') {
        --at;
    }
    std::size_t begin = at;
    std::size_t words = 0;
    while (begin > 0 && words < 6) {
        std::size_t b = begin;
        while (b > 0 && ascii_token_char(cps[b - 1])) {
            --b;
        }
        if (b == begin) {
            break;
        }
        begin = b;
        ++words;
        if (begin >= 2 && cps[begin - 1] == ' ' && ascii_token_char(cps[begin - 2])) {
            --begin; // the space between two words
            continue;
        }
        break;
    }
    while (begin < at && cps[begin] == ' ') {
        ++begin;
    }
    // Kanji glued to the first word name it too: "東北大BERT", "日本語Mamba".
    for (std::size_t k = 0;
         k < 6 && begin < at && begin > 0 && cps[begin - 1] >= 0x4E00 && cps[begin - 1] <= 0x9FFF;
         ++k) {
        --begin;
    }
    return {begin, at};
}

std::pair<std::size_t, std::size_t> token_before(const std::vector<std::uint32_t>& cps,
                                                 std::size_t at) {
    while (at > 0 && cps[at - 1] == ' ') {
        --at;
    }
    std::size_t begin = at;
    while (begin > 0 && ascii_token_char(cps[begin - 1])) {
        --begin;
    }
    return {begin, at};
}

bool any_within(const std::vector<std::uint32_t>& cps, std::size_t from, std::size_t to,
                const std::vector<std::vector<std::uint32_t>>& pats) {
    to = std::min(to, cps.size());
    for (std::size_t p = from; p < to; ++p) {
        for (const auto& pat : pats) {
            if (matches_at(cps, p, pat)) {
                return true;
            }
        }
    }
    return false;
}

} // namespace medkg::ingest::md
