#include "ingest/markdown_reader.hpp"

#include "graph/names.hpp"
#include "ingest/markdown_inline.hpp"
#include "ingest/markdown_lineage.hpp"
#include "ingest/markdown_table.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace medkg::ingest {

namespace {

using graph::AttrKey;
using graph::EdgeKind;
using graph::Method;
using graph::NodeKind;

// Bounds that keep time linear and memory proportional on any input: an entry (a list item
// with its continuation lines and nested items) is read up to this many bytes, items nest up
// to this depth (deeper ones are read as text of the deepest), and evidence is clipped.
constexpr std::size_t k_max_entry_bytes = 64 * 1024;
constexpr std::size_t k_max_depth = 16;
constexpr std::size_t k_max_evidence = 200;
constexpr std::size_t k_max_name = 120;

// ---------------------------------------------------------------------------------------------
// Small text helpers

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

std::string lower(std::string_view s) { return util::ascii_lower(s); }

std::string fold(std::string_view s) { return graph::fold_name(s); }

template <std::size_t N> bool in(const std::string_view (&list)[N], std::string_view w) {
    return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

/// Cuts `s` to at most `max` bytes on a code-point boundary, marking the cut.
std::string clip(std::string_view s, std::size_t max) {
    if (s.size() <= max) {
        return std::string(s);
    }
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return std::string(s.substr(0, cut)) + "...";
}

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ') {
            ++j;
        }
        if (j > i) {
            out.emplace_back(s.substr(i, j - i));
        }
        i = j;
    }
    return out;
}

std::size_t count_letters(std::string_view s) {
    std::size_t n = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::uint32_t cp = md::next_code_point(s, i);
        if ((cp < 0x80 && is_alpha(static_cast<char>(cp))) ||
            (cp >= 0x80 && md::is_cjk(cp) && !(cp >= 0x3000 && cp <= 0x303F) &&
             !(cp >= 0xFF00 && cp <= 0xFF20))) {
            ++n;
        }
    }
    return n;
}

/// Leading separators of a title after a name: ": ", "：", ",", "--", "—", "-".
std::string_view strip_leading_separators(std::string_view s) {
    for (;;) {
        s = util::trim(s);
        if (s.starts_with(":") || s.starts_with(",") || s.starts_with("-") || s.starts_with(";") ||
            s.starts_with(".")) {
            s.remove_prefix(1);
        } else if (s.starts_with("：") || s.starts_with("，") || s.starts_with("—") ||
                   s.starts_with("–")) {
            s.remove_prefix(3);
        } else {
            return s;
        }
    }
}

std::string trim_name(std::string_view s) {
    s = util::trim(s);
    for (;;) {
        if (s.ends_with(":") || s.ends_with(",") || s.ends_with(";") || s.ends_with("-")) {
            s.remove_suffix(1);
        } else if (s.ends_with("：") || s.ends_with("，")) {
            s.remove_suffix(3);
        } else {
            break;
        }
        s = util::trim(s);
    }
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
        s = s.substr(1, s.size() - 2);
    }
    return clip(util::trim(s), k_max_name);
}

/// Skips emoji and spaces at the start of `s`.
std::string_view skip_leading_emoji(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ' ' || s[i] == '\t') {
            ++i;
            continue;
        }
        std::size_t j = i;
        const std::uint32_t cp = md::next_code_point(s, j);
        const bool emoji = cp == 0x200D || cp == 0x20E3 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
                           (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
                           (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x2300 && cp <= 0x23FF);
        if (!emoji) {
            break;
        }
        i = j;
    }
    return s.substr(i);
}

/// The index of the bracket closing the one at `open` (same kind, nesting counted), or npos.
std::size_t matching_bracket(std::string_view s, std::size_t open, char o, char c) {
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == o) {
            ++depth;
        } else if (s[i] == c) {
            if (--depth == 0) {
                return i;
            }
        }
    }
    return std::string_view::npos;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (documented in docs/markdown.md)

// Generic words of paper titles: a title prefix made only of these is not a name.
constexpr std::string_view k_generic_words[] = {"a",
                                                "an",
                                                "the",
                                                "of",
                                                "for",
                                                "and",
                                                "or",
                                                "in",
                                                "on",
                                                "with",
                                                "to",
                                                "from",
                                                "by",
                                                "via",
                                                "towards",
                                                "toward",
                                                "using",
                                                "large",
                                                "language",
                                                "model",
                                                "models",
                                                "llm",
                                                "llms",
                                                "medical",
                                                "medicine",
                                                "clinical",
                                                "clinic",
                                                "health",
                                                "healthcare",
                                                "biomedical",
                                                "biomedicine",
                                                "survey",
                                                "review",
                                                "study",
                                                "analysis",
                                                "evaluation",
                                                "evaluating",
                                                "benchmark",
                                                "benchmarks",
                                                "dataset",
                                                "datasets",
                                                "data",
                                                "text",
                                                "texts",
                                                "learning",
                                                "deep",
                                                "neural",
                                                "network",
                                                "networks",
                                                "generation",
                                                "generative",
                                                "summarization",
                                                "simplification",
                                                "question",
                                                "questions",
                                                "answering",
                                                "answer",
                                                "answers",
                                                "retrieval",
                                                "extraction",
                                                "classification",
                                                "inference",
                                                "similarity",
                                                "recognition",
                                                "translation",
                                                "prediction",
                                                "diagnosis",
                                                "diagnostic",
                                                "report",
                                                "reports",
                                                "knowledge",
                                                "graph",
                                                "graphs",
                                                "information",
                                                "system",
                                                "systems",
                                                "framework",
                                                "approach",
                                                "method",
                                                "methods",
                                                "multimodal",
                                                "multi-modal",
                                                "vision",
                                                "visual",
                                                "image",
                                                "images",
                                                "imaging",
                                                "radiology",
                                                "pathology",
                                                "mental",
                                                "agent",
                                                "agents",
                                                "conversational",
                                                "conversation",
                                                "conversations",
                                                "dialogue",
                                                "dialog",
                                                "chat",
                                                "assistant",
                                                "assistants",
                                                "open",
                                                "source",
                                                "open-source",
                                                "foundation",
                                                "general",
                                                "generalist",
                                                "specialist",
                                                "domain",
                                                "task",
                                                "tasks",
                                                "instruction",
                                                "instructions",
                                                "tuning",
                                                "fine-tuning",
                                                "pretraining",
                                                "pre-training",
                                                "training",
                                                "expert",
                                                "level",
                                                "scale",
                                                "scaling",
                                                "efficient",
                                                "parameter",
                                                "small",
                                                "big",
                                                "new",
                                                "novel",
                                                "better",
                                                "improving",
                                                "improved",
                                                "enhancing",
                                                "enhanced",
                                                "comprehensive",
                                                "unified",
                                                "universal",
                                                "chinese",
                                                "english",
                                                "multilingual",
                                                "bilingual",
                                                "behavior",
                                                "behaviour",
                                                "safety",
                                                "ethics",
                                                "ethical",
                                                "bias",
                                                "fairness",
                                                "hallucination",
                                                "reasoning",
                                                "patient",
                                                "patients",
                                                "doctor",
                                                "doctors",
                                                "physician",
                                                "physicians",
                                                "electronic",
                                                "records",
                                                "record",
                                                "ehr",
                                                "ehrs",
                                                "nlp",
                                                "ai",
                                                "artificial",
                                                "intelligence",
                                                "machine",
                                                "computer",
                                                "aided",
                                                "prompt",
                                                "prompting",
                                                "prompts",
                                                "zero-shot",
                                                "few-shot",
                                                "case",
                                                "cases",
                                                "guide",
                                                "practical",
                                                "introduction",
                                                "overview",
                                                "perspective",
                                                "perspectives",
                                                "opportunities",
                                                "challenges",
                                                "future",
                                                "directions",
                                                "application",
                                                "applications",
                                                "use",
                                                "utility",
                                                "augmented",
                                                "retrieval-augmented",
                                                "tool",
                                                "tools",
                                                "toolkit",
                                                "editorial",
                                                "commentary",
                                                "position",
                                                "preprint",
                                                "abstract",
                                                "note",
                                                "notes",
                                                "update",
                                                "tutorial",
                                                "is",
                                                "are",
                                                "all",
                                                "you",
                                                "need",
                                                "can",
                                                "how",
                                                "what",
                                                "why",
                                                "do",
                                                "does",
                                                "not",
                                                "be",
                                                "we",
                                                "our",
                                                "its",
                                                "their",
                                                "summary",
                                                "position",
                                                "paper",
                                                "papers",
                                                "towards",
                                                "empirical",
                                                "systematic",
                                                "scoping",
                                                "meta-analysis",
                                                "trial",
                                                "pilot",
                                                "semantic",
                                                "sentence",
                                                "document",
                                                "documents",
                                                "word",
                                                "words",
                                                "token",
                                                "tokens",
                                                "research",
                                                "science",
                                                "scientific",
                                                "literature",
                                                "care",
                                                "primary",
                                                "public",
                                                "global",
                                                "alignment",
                                                "aligned",
                                                "human",
                                                "feedback",
                                                "reinforcement",
                                                "policy",
                                                "agentic",
                                                "embedding",
                                                "embeddings",
                                                "representation",
                                                "representations",
                                                "transformer",
                                                "transformers",
                                                "pretrained",
                                                "pre-trained",
                                                "encoder",
                                                "decoder",
                                                "vision-language",
                                                "language-and-vision",
                                                "real-world",
                                                "world",
                                                "based",
                                                "driven",
                                                "powered",
                                                "aware"};

// Common acronyms that do not make a title prefix a name.
constexpr std::string_view k_acronyms[] = {
    "llm",      "llms",      "ai",         "nlp", "ehr",  "ehrs",  "icd",       "usmle", "covid",
    "covid-19", "covid19",   "sars-cov-2", "gpt", "mllm", "mllms", "lmm",       "lmms",  "vlm",
    "vlms",     "rlhf",      "sft",        "cot", "api",  "ml",    "dl",        "ner",   "qa",
    "vqa",      "ehr-based", "nlg",        "nlu", "rag",  "kg",    "bert-based"};

// Headings whose sections are not entries: navigation, news, credits.
constexpr std::string_view k_skip_heading_prefixes[] = {"table of contents",
                                                        "table of content",
                                                        "contents",
                                                        "content",
                                                        "toc",
                                                        "目录",
                                                        "news",
                                                        "update",
                                                        "updates",
                                                        "latest news",
                                                        "changelog",
                                                        "change log",
                                                        "what s new",
                                                        "whats new",
                                                        "新闻",
                                                        "更新",
                                                        "动态",
                                                        "最新动态",
                                                        "contributing",
                                                        "contribution",
                                                        "contributions",
                                                        "contributors",
                                                        "contributor",
                                                        "how to contribute",
                                                        "贡献",
                                                        "acknowledgement",
                                                        "acknowledgements",
                                                        "acknowledgment",
                                                        "acknowledgments",
                                                        "致谢",
                                                        "citation",
                                                        "citations",
                                                        "citing",
                                                        "cite",
                                                        "引用",
                                                        "license",
                                                        "licenses",
                                                        "licence",
                                                        "star history",
                                                        "stargazers",
                                                        "maintainers",
                                                        "project maintainers",
                                                        "contact",
                                                        "联系",
                                                        "related repositories",
                                                        "repositories",
                                                        "other awesome lists",
                                                        "related lists",
                                                        "related awesome lists",
                                                        "awesome lists",
                                                        "friendly links",
                                                        "友情链接",
                                                        "sponsors",
                                                        "sponsor",
                                                        "todo",
                                                        "roadmap",
                                                        "star",
                                                        "stars",
                                                        "相关仓库",
                                                        "相关项目",
                                                        "相关列表"};
constexpr std::string_view k_skip_heading_suffixes[] = {
    "news",     "contributors", "repositories", "acknowledgement", "acknowledgements",
    "citation", "license",      "licenses",     "contents",        "lists"};

// Keys of `key: value` lines nested under an entry (Chinese lists: 地址, 简介).
enum class AttrLine : std::uint8_t {
    link,
    paper,
    description,
    base,
    size,
    institution,
    date,
    license,
    language,
    model,
    data,
    authors,
    other
};
struct AttrKeyName {
    std::string_view key;
    AttrLine kind;
};
constexpr AttrKeyName k_attr_keys[] = {
    {"地址", AttrLine::link},
    {"链接", AttrLine::link},
    {"项目地址", AttrLine::link},
    {"代码地址", AttrLine::link},
    {"github地址", AttrLine::link},
    {"论文地址", AttrLine::paper},
    {"模型地址", AttrLine::model},
    {"数据地址", AttrLine::data},
    {"论文", AttrLine::paper},
    {"代码", AttrLine::link},
    {"模型", AttrLine::model},
    {"权重", AttrLine::model},
    {"数据", AttrLine::data},
    {"数据集", AttrLine::data},
    {"简介", AttrLine::description},
    {"介绍", AttrLine::description},
    {"数据集说明", AttrLine::description},
    {"项目介绍", AttrLine::description},
    {"项目简介", AttrLine::description},
    {"模型简介", AttrLine::description},
    {"描述", AttrLine::description},
    {"说明", AttrLine::description},
    {"备注", AttrLine::description},
    {"特点", AttrLine::description},
    {"底座", AttrLine::base},
    {"基座", AttrLine::base},
    {"底座模型", AttrLine::base},
    {"基座模型", AttrLine::base},
    {"基础模型", AttrLine::base},
    {"主干", AttrLine::base},
    {"参数", AttrLine::size},
    {"参数量", AttrLine::size},
    {"规模", AttrLine::size},
    {"机构", AttrLine::institution},
    {"单位", AttrLine::institution},
    {"团队", AttrLine::institution},
    {"作者", AttrLine::authors},
    {"时间", AttrLine::date},
    {"日期", AttrLine::date},
    {"发布时间", AttrLine::date},
    {"许可", AttrLine::license},
    {"协议", AttrLine::license},
    {"paper", AttrLine::paper},
    {"papers", AttrLine::paper},
    {"arxiv", AttrLine::paper},
    {"code", AttrLine::link},
    {"github", AttrLine::link},
    {"repo", AttrLine::link},
    {"repository", AttrLine::link},
    {"link", AttrLine::link},
    {"links", AttrLine::link},
    {"url", AttrLine::link},
    {"homepage", AttrLine::link},
    {"project", AttrLine::link},
    {"project page", AttrLine::link},
    {"website", AttrLine::link},
    {"demo", AttrLine::link},
    {"blog", AttrLine::link},
    {"model", AttrLine::model},
    {"models", AttrLine::model},
    {"weights", AttrLine::model},
    {"checkpoint", AttrLine::model},
    {"checkpoints", AttrLine::model},
    {"huggingface", AttrLine::model},
    {"hf", AttrLine::model},
    {"dataset", AttrLine::data},
    {"datasets", AttrLine::data},
    {"data", AttrLine::data},
    {"description", AttrLine::description},
    {"desc", AttrLine::description},
    {"intro", AttrLine::description},
    {"introduction", AttrLine::description},
    {"summary", AttrLine::description},
    {"abstract", AttrLine::description},
    {"about", AttrLine::description},
    {"notes", AttrLine::description},
    {"note", AttrLine::description},
    {"features", AttrLine::description},
    {"base", AttrLine::base},
    {"base model", AttrLine::base},
    {"backbone", AttrLine::base},
    {"foundation model", AttrLine::base},
    {"size", AttrLine::size},
    {"params", AttrLine::size},
    {"parameters", AttrLine::size},
    {"institution", AttrLine::institution},
    {"organization", AttrLine::institution},
    {"organisation", AttrLine::institution},
    {"affiliation", AttrLine::institution},
    {"team", AttrLine::institution},
    {"authors", AttrLine::authors},
    {"author", AttrLine::authors},
    {"date", AttrLine::date},
    {"release", AttrLine::date},
    {"released", AttrLine::date},
    {"year", AttrLine::date},
    {"license", AttrLine::license},
    {"licence", AttrLine::license},
    {"language", AttrLine::language},
    {"languages", AttrLine::language},
    {"语言", AttrLine::language},
    {"venue", AttrLine::other},
    {"tags", AttrLine::other},
};

// Venue tags that name where something was posted rather than published.
constexpr std::string_view k_non_venues[] = {
    "github",  "huggingface", "hugging face", "blog",   "website",    "web",
    "twitter", "x",           "medium",       "gitee",  "modelscope", "demo",
    "project", "homepage",    "hf",           "kaggle", "zhihu"};

// Title words that make an entry a dataset or a model (first one found decides).
constexpr std::string_view k_data_title_words[] = {"dataset",         "datasets",
                                                   "data set",        "corpus",
                                                   "corpora",         "benchmark",
                                                   "database",        "leaderboard",
                                                   "test collection", "shared task",
                                                   "challenge",       "knowledge graph",
                                                   "knowledge base",  "resource for",
                                                   "annotated",       "hallucination test",
                                                   "collection of",   "question answering dataset",
                                                   "a resource",      "track"};
constexpr std::string_view k_model_title_words[] = {
    "model", "models",      "llm", "llms",    "assistant", "chatbot",
    "agent", "transformer", "gpt", "network", "learner",   "toolkit"};
constexpr std::string_view k_data_title_words_cjk[] = {"数据集", "基准",   "语料",   "测试集",
                                                       "榜单",   "评测集", "知识库", "数据"};
constexpr std::string_view k_model_title_words_cjk[] = {"模型", "助手", "智能体"};

// Section words.
constexpr std::string_view k_strong_data_words[] = {
    "data",      "dataset",        "datasets",        "corpus",
    "corpora",   "knowledge base", "knowledge bases", "database",
    "databases", "leaderboard",    "leaderboards",    "数据",
    "数据集",    "语料",           "知识库"};
constexpr std::string_view k_weak_data_words[] = {
    "benchmark", "benchmarks", "evaluation", "metrics", "metric",
    "task",      "tasks",      "评测",       "基准",    "任务"};
constexpr std::string_view k_paper_section_words[] = {"survey", "surveys",      "review", "reviews",
                                                      "papers", "reading list", "综述",   "论文"};
constexpr std::string_view k_task_nouns[] = {"answering",
                                             "generation",
                                             "summarization",
                                             "summarisation",
                                             "simplification",
                                             "extraction",
                                             "classification",
                                             "inference",
                                             "similarity",
                                             "retrieval",
                                             "recognition",
                                             "translation",
                                             "coding",
                                             "decision-making",
                                             "diagnosis",
                                             "prediction",
                                             "detection",
                                             "segmentation",
                                             "support",
                                             "triage",
                                             "de-identification",
                                             "deidentification",
                                             "normalization",
                                             "linking",
                                             "captioning",
                                             "grounding",
                                             "consultation",
                                             "counseling",
                                             "counselling",
                                             "问答",
                                             "生成",
                                             "摘要",
                                             "分类",
                                             "抽取",
                                             "诊断",
                                             "预测",
                                             "检索",
                                             "翻译"};
constexpr std::string_view k_task_acronyms[] = {"ner", "re",  "qa",  "nli", "sts", "ss",
                                                "sa",  "el",  "mel", "rc",  "ie",  "tc",
                                                "mrc", "vqa", "nlg", "nlu", "ds"};
constexpr std::string_view k_task_words[] = {"classification",
                                             "prediction",
                                             "detection",
                                             "extraction",
                                             "recognition",
                                             "summarization",
                                             "answering",
                                             "generation",
                                             "inference",
                                             "coding",
                                             "diagnosis",
                                             "task",
                                             "tasks",
                                             "mortality",
                                             "readmission",
                                             "similarity",
                                             "retrieval",
                                             "linking",
                                             "normalization",
                                             "dialogue",
                                             "ner",
                                             "qa",
                                             "nli",
                                             "sa",
                                             "re"};
constexpr std::string_view k_architectures[] = {"transformer",
                                                "transformers",
                                                "transformer decoder",
                                                "transformer encoder",
                                                "encoder-decoder",
                                                "decoder-only",
                                                "encoder",
                                                "decoder",
                                                "from scratch",
                                                "scratch",
                                                "自研",
                                                "无",
                                                "none",
                                                "lstm",
                                                "cnn",
                                                "rnn"};

// ---------------------------------------------------------------------------------------------
// Sections

enum class SectionKind : std::uint8_t { none, models, data_strong, data_weak, papers };

struct Context {
    std::uint32_t section = 0;       ///< index into MarkdownRead::sections
    std::vector<std::string> titles; ///< headings (and category labels) above, outermost first
    SectionKind kind = SectionKind::none;
    md::Relation relation = md::Relation::unknown;
    bool multimodal = false;
    std::string task;
};

bool contains_word(std::string_view text, std::string_view word) {
    // Whole-word containment for ASCII words; plain containment for CJK.
    const std::string t = lower(text);
    if (!word.empty() && static_cast<unsigned char>(word.front()) >= 0x80) {
        return t.find(word) != std::string::npos;
    }
    for (std::size_t at = t.find(word); at != std::string::npos; at = t.find(word, at + 1)) {
        const bool left = at == 0 || !is_alnum(t[at - 1]);
        const std::size_t e = at + word.size();
        const bool right = e >= t.size() || !is_alnum(t[e]);
        if (left && right) {
            return true;
        }
    }
    return false;
}

template <std::size_t N>
bool contains_any(std::string_view text, const std::string_view (&words)[N]) {
    for (auto w : words) {
        if (contains_word(text, w)) {
            return true;
        }
    }
    return false;
}

/// A heading reduced to lower-case words, for the skip list.
std::string heading_key(std::string_view title) {
    std::string out;
    std::size_t i = 0;
    while (i < title.size()) {
        const std::size_t start = i;
        const std::uint32_t cp = md::next_code_point(title, i);
        if (cp < 0x80) {
            const char c = static_cast<char>(cp);
            out +=
                is_alnum(c) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : ' ';
        } else if (md::is_cjk(cp) && !(cp >= 0x3000 && cp <= 0x303F) &&
                   !(cp >= 0xFF00 && cp <= 0xFF20)) {
            out.append(title.substr(start, i - start));
        } else {
            out += ' ';
        }
    }
    std::string collapsed;
    for (char c : out) {
        if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) {
            continue;
        }
        collapsed += c;
    }
    return std::string(util::trim(collapsed));
}

// Navigation and news: their own items are not entries, but headings below them are not theirs
// (a table of contents at level 2 is often followed by content at level 3).
constexpr std::string_view k_navigation_headings[] = {"table of contents",
                                                      "table of content",
                                                      "contents",
                                                      "content",
                                                      "toc",
                                                      "目录",
                                                      "news",
                                                      "update",
                                                      "updates",
                                                      "latest news",
                                                      "changelog",
                                                      "change log",
                                                      "what s new",
                                                      "whats new",
                                                      "新闻",
                                                      "更新",
                                                      "动态",
                                                      "最新动态",
                                                      "更新日志"};

bool is_navigation_heading(std::string_view title) {
    const std::string key = heading_key(title);
    if (key.empty() || split_words(key).size() > 6) {
        return false;
    }
    for (auto p : k_navigation_headings) {
        if (key == p || (key.starts_with(p) && key.size() > p.size() && key[p.size()] == ' ')) {
            return true;
        }
    }
    return key.size() > 5 && key.ends_with(" news");
}

bool is_skipped_heading(std::string_view title) {
    const std::string key = heading_key(title);
    if (key.empty() || split_words(key).size() > 6) {
        return false;
    }
    for (auto p : k_skip_heading_prefixes) {
        if (key == p || (key.starts_with(p) && key.size() > p.size() && key[p.size()] == ' ')) {
            return true;
        }
    }
    for (auto s : k_skip_heading_suffixes) {
        if (key.size() > s.size() && key.ends_with(s) && key[key.size() - s.size() - 1] == ' ') {
            return true;
        }
    }
    return false;
}

/// The task a heading names, given the headings above it; empty when none.
std::string task_of(const std::vector<std::string>& titles) {
    if (titles.empty()) {
        return {};
    }
    const std::string& t = titles.back();
    const std::string l = lower(t);
    if (contains_any(l, k_strong_data_words) || contains_word(l, "benchmark") ||
        contains_word(l, "benchmarks") || contains_word(l, "leaderboard") ||
        contains_any(l, k_paper_section_words) || contains_word(l, "tasks") ||
        contains_word(l, "resources") || contains_word(l, "tools")) {
        return {};
    }
    const auto words = split_words(l);
    if (!words.empty() && in(k_task_nouns, words.back())) {
        return t;
    }
    for (std::size_t k = 0; k + 1 < titles.size(); ++k) {
        const std::string a = lower(titles[k]);
        if (contains_word(a, "task") || contains_word(a, "tasks") ||
            contains_word(a, "application") || contains_word(a, "applications") ||
            a.find("任务") != std::string::npos) {
            return t;
        }
    }
    return {};
}

void fill_hints(Context& c) {
    c.kind = SectionKind::none;
    c.relation = md::Relation::unknown;
    c.multimodal = false;
    bool kind_set = false;
    bool relation_set = false;
    for (std::size_t k = c.titles.size(); k-- > 0;) {
        const std::string l = lower(c.titles[k]);
        if (!kind_set) {
            if (contains_any(l, k_strong_data_words)) {
                c.kind = SectionKind::data_strong;
                kind_set = true;
            } else if (contains_any(l, k_weak_data_words)) {
                c.kind = SectionKind::data_weak;
                kind_set = true;
            } else if (contains_any(l, k_paper_section_words)) {
                c.kind = SectionKind::papers;
                kind_set = true;
            } else if (l.find("pre-train") != std::string::npos ||
                       l.find("pretrain") != std::string::npos ||
                       l.find("fine-tun") != std::string::npos ||
                       l.find("finetun") != std::string::npos ||
                       l.find("prompt") != std::string::npos || contains_word(l, "models") ||
                       contains_word(l, "llms") || l.find("模型") != std::string::npos) {
                // "Fine-tuning General LLMs", "Specialized Medical LLMs": entries are models.
                c.kind = SectionKind::models;
                kind_set = true;
            }
        }
        if (!relation_set) {
            if (l.find("prompt") != std::string::npos || l.find("提示") != std::string::npos) {
                c.relation = md::Relation::prompt;
                relation_set = true;
            } else if (l.find("pre-train") != std::string::npos ||
                       l.find("pretrain") != std::string::npos ||
                       l.find("from scratch") != std::string::npos ||
                       l.find("预训练") != std::string::npos) {
                c.relation = md::Relation::pretrain;
                relation_set = true;
            } else if (l.find("fine-tun") != std::string::npos ||
                       l.find("finetun") != std::string::npos || contains_word(l, "instruction") ||
                       contains_word(l, "sft") || l.find("微调") != std::string::npos) {
                c.relation = md::Relation::fine_tune;
                relation_set = true;
            }
        }
        if (l.find("multimodal") != std::string::npos ||
            l.find("multi-modal") != std::string::npos ||
            l.find("vision-language") != std::string::npos ||
            l.find("多模态") != std::string::npos) {
            c.multimodal = true;
        }
    }
    c.task = task_of(c.titles);
}

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
bool acceptable_name(std::string_view prefix, bool allow_plain_words, bool whole = false,
                     bool loose = false) {
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

struct TitleName {
    std::string name;
    std::string rest;
    float confidence = 0.0F;
};

/// The name a title starts with: "Name: rest", "Name, rest", "Name--rest", "Name — rest",
/// a title that is only a short name, or a strongly name-like first word ("Palmyra-Large ...").
std::optional<TitleName> name_from_title(std::string_view title, bool loose = false) {
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
    for (const Sep& s : seps) {
        const auto at = t.find(s.text);
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

// ---------------------------------------------------------------------------------------------
// Entries

struct Link {
    std::string url;
    std::string label;
    md::LinkInfo info;
};

struct AttrValue {
    AttrLine kind = AttrLine::other;
    std::string key;
    std::string value; ///< raw markdown
};

/// What one list entry says, before it becomes facts.
struct Parsed {
    std::string venue;
    std::optional<md::Date> date;
    std::string year; ///< from a title's trailing year when no date tag gave one
    std::string name;
    std::vector<std::string> aliases;
    bool name_explicit = false;
    float name_confidence = 1.0F;
    std::string title;
    std::string authors;
    std::vector<Link> links;
    std::string description;
    std::vector<AttrValue> attrs;
    bool tagged = false;
};

struct EntrySource {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string head;             ///< the item's own text (first line and continuations)
    std::vector<AttrValue> attrs; ///< nested `key: value` lines
    std::string extra;            ///< other nested text
};

void apply_tag(std::string_view tag, Parsed& p) {
    const std::string t(util::trim(tag));
    // A pure date: "2023/03", "2023-11-09".
    const bool only_date = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) {
        return is_digit(c) || c == '/' || c == '.' || c == '-' || c == ' ';
    });
    if (only_date) {
        if (auto d = md::parse_date(t)) {
            p.date = d;
        }
        p.tagged = true;
        return;
    }
    // "Venue, 2023.6", "Arxiv 2024", "AAAI, 2024/2023.10".
    std::string venue = t;
    const auto comma = t.rfind(',');
    if (comma != std::string::npos) {
        if (auto d = md::parse_date(t.substr(comma + 1))) {
            p.date = d;
            venue = t.substr(0, comma);
        }
    } else {
        const auto space = t.rfind(' ');
        if (space != std::string::npos) {
            const std::string tail = t.substr(space + 1);
            if (!tail.empty() && is_digit(tail.front())) {
                if (auto d = md::parse_date(tail)) {
                    p.date = d;
                    venue = t.substr(0, space);
                }
            }
        }
    }
    p.venue = std::string(util::trim(venue));
    p.tagged = true;
}

/// Authors and venue from an italic span: "Zeming Chen et al. arXiv." / "Malik Sallam. Healthcare."
void apply_authors(std::string_view italic, Parsed& p) {
    std::string t(util::trim(italic));
    while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ' ')) {
        t.pop_back();
    }
    if (t.empty()) {
        return;
    }
    std::string authors = t;
    std::string venue;
    if (const auto al = t.find("et al."); al != std::string::npos) {
        authors = t.substr(0, al + 6);
        venue = std::string(strip_leading_separators(t.substr(al + 6)));
    } else if (const auto dot = t.rfind(". "); dot != std::string::npos) {
        authors = t.substr(0, dot);
        venue = t.substr(dot + 2);
    }
    while (!venue.empty() && (venue.back() == '.' || venue.back() == ',')) {
        venue.pop_back();
    }
    p.authors = std::string(util::trim(authors));
    if (p.venue.empty() && !venue.empty() && venue.size() <= 80) {
        p.venue = std::string(util::trim(venue));
    }
}

std::optional<std::string> italic_span(std::string_view s);

/// A byline after a title: "Authors et al. · *Venue* · 2026-08-07", or Awesome-style italics
/// "*Authors et al. Venue.*".
void apply_byline(std::string_view rest, Parsed& p) {
    const std::string plain = md::strip_emoji(md::plain_text(rest));
    if (plain.find("·") == std::string::npos && plain.find(" | ") == std::string::npos) {
        if (auto it = italic_span(rest)) {
            apply_authors(*it, p);
        }
        return;
    }
    const std::string italic = italic_span(rest).value_or("");
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t at = plain.find("·", start);
        std::size_t width = 2;
        const std::size_t bar = plain.find(" | ", start);
        if (bar != std::string::npos && (at == std::string::npos || bar < at)) {
            at = bar;
            width = 3;
        }
        parts.emplace_back(util::trim(std::string_view(plain).substr(
            start, at == std::string::npos ? std::string::npos : at - start)));
        if (at == std::string::npos) {
            break;
        }
        start = at + width;
    }
    for (const auto& part : parts) {
        if (part.empty()) {
            continue;
        }
        const bool date_only = std::all_of(part.begin(), part.end(), [](char c) {
            return is_digit(c) || c == '-' || c == '/' || c == '.' || c == ' ';
        });
        if (date_only) {
            if (!p.date) {
                p.date = md::parse_date(part);
            }
        } else if (!italic.empty() && part == italic) {
            if (p.venue.empty()) {
                p.venue = part;
            }
        } else if (p.authors.empty()) {
            p.authors = part;
        }
    }
}

/// Where the first link or italic span starts in `s` (npos when none).
std::size_t first_markup(std::string_view s, const std::vector<md::InlineLink>& links) {
    std::size_t at = links.empty() ? std::string_view::npos : links.front().begin;
    for (std::size_t i = 0; i < std::min(at, s.size()); ++i) {
        const char c = s[i];
        if ((c == '*' || c == '_') && (i == 0 || s[i - 1] == ' ') && i + 1 < s.size() &&
            s[i + 1] != ' ' && s[i + 1] != c) {
            return i;
        }
    }
    return at;
}

/// The italic span starting at or after `from`: "*...*" or "_..._" (not bold).
std::optional<std::string> italic_span(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if ((c == '*' || c == '_') && (i + 1 < s.size() && s[i + 1] != c && s[i + 1] != ' ') &&
            (i == 0 || s[i - 1] != c)) {
            const auto close = s.find(c, i + 1);
            if (close != std::string_view::npos) {
                return md::plain_text(s.substr(i + 1, close - i - 1));
            }
            return std::nullopt;
        }
        if (c == '[') {
            return std::nullopt; // links first: no authors
        }
    }
    return std::nullopt;
}

Parsed parse_entry(const EntrySource& e) {
    Parsed p;
    std::string_view s = skip_leading_emoji(util::trim(e.head));
    // Leading tags: [**Venue, 2023.6**], [2023/03], 【2023】.
    for (int t = 0; t < 3 && !s.empty(); ++t) {
        if (s.front() == '[') {
            const auto close = matching_bracket(s, 0, '[', ']');
            if (close == std::string_view::npos) {
                break;
            }
            if (close + 1 < s.size() && s[close + 1] == '(') {
                break; // a link, not a tag
            }
            const std::string_view inner = s.substr(1, close - 1);
            if (inner.find("](") != std::string_view::npos || inner.starts_with("[") ||
                inner.starts_with("!")) {
                break;
            }
            const std::string tag = md::plain_text(inner);
            if (tag.empty()) {
                break;
            }
            apply_tag(tag, p);
            s = skip_leading_emoji(util::trim(s.substr(close + 1)));
        } else if (s.starts_with("【")) {
            const auto close = s.find("】");
            if (close == std::string_view::npos) {
                break;
            }
            apply_tag(md::plain_text(s.substr(3, close - 3)), p);
            s = skip_leading_emoji(util::trim(s.substr(close + 3)));
        } else {
            break;
        }
    }
    const std::vector<md::InlineLink> links = md::find_links(s);
    std::string title_raw;
    if (s.starts_with("**") || s.starts_with("__")) {
        const std::string_view marker = s.substr(0, 2);
        const auto close = s.find(marker, 2);
        if (close != std::string_view::npos) {
            const std::string_view bold = s.substr(2, close - 2);
            const std::string_view rest = s.substr(close + 2);
            const auto rest_links = md::find_links(rest);
            const std::size_t markup = first_markup(rest, rest_links);
            const std::string lead =
                md::plain_text(strip_leading_separators(rest.substr(0, markup)));
            const auto bold_links = md::find_links(bold);
            std::string link_name;
            bool link_title = false;
            if (bold_links.size() == 1 && !bold_links.front().image &&
                util::trim(bold).starts_with("[") &&
                bold_links.front().end >= util::trim(bold).size()) {
                link_name = md::plain_text(bold_links.front().label);
                // **[A long paper title](doi)**: a title, not a name.
                link_title =
                    md::classify_link(bold_links.front().url, "").kind == md::LinkKind::paper ||
                    split_words(link_name).size() >= 5;
            }
            if (link_title) {
                title_raw = bold_links.front().label;
                apply_byline(rest, p);
            } else if (count_letters(lead) >= 2) {
                p.name = link_name.empty() ? md::plain_text(bold) : link_name;
                p.name_explicit = true;
                title_raw = std::string(strip_leading_separators(rest.substr(0, markup)));
                if (markup != std::string_view::npos && markup < rest.size() &&
                    (rest[markup] == '*' || rest[markup] == '_')) {
                    if (auto it = italic_span(rest.substr(markup))) {
                        apply_authors(*it, p);
                    }
                }
            } else if (!link_name.empty()) {
                p.name = link_name;
                p.name_explicit = true;
            } else {
                title_raw = std::string(bold);
                if (auto it = italic_span(rest)) {
                    apply_authors(*it, p);
                }
            }
        } else {
            title_raw = std::string(s.substr(0, links.empty() ? s.size() : links.front().begin));
        }
    } else if (!links.empty() && links.front().begin == 0 && !links.front().image) {
        const md::InlineLink& first = links.front();
        const std::string label = md::plain_text(first.label);
        const auto info = md::classify_link(first.url, label);
        if (info.kind == md::LinkKind::paper || split_words(label).size() >= 5) {
            title_raw = first.label;
        } else {
            p.name = label;
            p.name_explicit = true;
        }
        const std::string_view rest = s.substr(first.end);
        const auto rest_links = md::find_links(rest);
        const std::string after = md::plain_text(
            strip_leading_separators(rest.substr(0, first_markup(rest, rest_links))));
        if (auto it = italic_span(rest)) {
            apply_authors(*it, p);
        }
        p.description = after;
    } else {
        title_raw = std::string(s.substr(0, first_markup(s, links)));
        if (const auto markup = first_markup(s, links);
            markup != std::string_view::npos && (s[markup] == '*' || s[markup] == '_')) {
            if (auto it = italic_span(s.substr(markup))) {
                apply_authors(*it, p);
            }
        }
    }
    p.title = md::strip_emoji(md::plain_text(title_raw));
    p.year = strip_trailing_year(p.title);
    while (!p.title.empty() && (p.title.back() == ',' || p.title.back() == ';')) {
        p.title.pop_back();
    }
    p.name = trim_name(md::strip_emoji(p.name));
    // Links of the item, its nested lines and attribute values.
    std::set<std::string> seen;
    const auto add_links = [&](std::string_view text) {
        for (const auto& l : md::find_links(text)) {
            if (l.image) {
                continue;
            }
            std::string url = l.url;
            const std::string label = md::plain_text(l.label);
            auto info = md::classify_link(url, label);
            if (info.kind == md::LinkKind::anchor || !seen.insert(url).second) {
                continue;
            }
            p.links.push_back(Link{std::move(url), label, std::move(info)});
        }
    };
    add_links(s);
    for (const auto& a : e.attrs) {
        add_links(a.value);
    }
    add_links(e.extra);
    p.attrs = e.attrs;
    std::string desc;
    for (const auto& a : e.attrs) {
        if (a.kind == AttrLine::description || a.kind == AttrLine::other) {
            desc += (desc.empty() ? "" : " ") + md::plain_text(a.value);
        }
    }
    if (!e.extra.empty()) {
        desc += (desc.empty() ? "" : " ") + md::plain_text(e.extra);
    }
    if (!desc.empty()) {
        p.description += (p.description.empty() ? "" : " ") + desc;
    }
    return p;
}

/// `key: value` under an entry, when the key is one of the known ones.
std::optional<AttrValue> attr_line(std::string_view text) {
    std::string_view t = util::trim(text);
    std::size_t colon = std::string_view::npos;
    std::size_t width = 0;
    for (std::size_t i = 0; i < t.size() && i < 48; ++i) {
        if (t[i] == ':') {
            colon = i;
            width = 1;
            break;
        }
        if (t.compare(i, 3, "：") == 0) {
            colon = i;
            width = 3;
            break;
        }
    }
    if (colon == std::string_view::npos || colon == 0) {
        return std::nullopt;
    }
    // "https:" is not a key.
    if (colon + width < t.size() && t.compare(colon, 3, "://") == 0) {
        return std::nullopt;
    }
    const std::string key = lower(util::trim(md::plain_text(t.substr(0, colon))));
    for (const auto& k : k_attr_keys) {
        if (key == k.key) {
            AttrValue v;
            v.kind = k.kind;
            v.key = key;
            v.value = std::string(util::trim(t.substr(colon + width)));
            return v;
        }
    }
    return std::nullopt;
}

bool has_real_link(std::string_view text) {
    for (const auto& l : md::find_links(text)) {
        if (!l.image && md::classify_link(l.url, l.label).kind != md::LinkKind::anchor) {
            return true;
        }
    }
    return false;
}

/// An item that reads as an entry: a link, emphasis, a leading tag, or a "Name：" line.
bool entry_like(std::string_view text) {
    const std::string_view t = skip_leading_emoji(util::trim(text));
    if (t.empty()) {
        return false;
    }
    if (has_real_link(t) || t.find("**") != std::string_view::npos ||
        t.find("__") != std::string_view::npos) {
        return true;
    }
    if (t.front() == '[' || t.starts_with("【")) {
        return true;
    }
    const auto cn = t.find("：");
    return cn != std::string_view::npos && cn > 0 && cn + 3 >= t.size();
}

/// Whether a link-only item is navigation: every link is an in-page anchor or a relative path.
bool navigation(std::string_view text) {
    bool any = false;
    for (const auto& l : md::find_links(text)) {
        if (l.image) {
            continue;
        }
        any = true;
        if (md::classify_link(l.url, l.label).kind != md::LinkKind::anchor) {
            return false;
        }
    }
    return any;
}

// ---------------------------------------------------------------------------------------------
// The reader

struct Item {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::size_t marker_indent = 0;
    std::size_t content_indent = 0;
    std::string text;
    std::vector<std::uint32_t> children;
    bool truncated = false;
};

struct PendingBase {
    std::uint32_t subject = 0;
    EdgeKind kind = EdgeKind::fine_tuned_from;
    std::string target;
    const md::Family* family = nullptr;
    Origin origin;
    std::string model;
};

struct Cue {
    std::string target;
    const md::Family* family = nullptr;
    md::Relation relation = md::Relation::unknown;
    Method method = Method::title;
    float confidence = 0.0F;
    std::string evidence;
};

int method_rank(Method m) {
    switch (m) {
    case Method::table:
        return 0;
    case Method::title:
        return 1;
    case Method::name:
        return 2;
    case Method::url:
        return 3;
    default:
        return 4;
    }
}

class Reader {
  public:
    Reader(std::string_view text, MarkdownRead& out)
        : m_input(text), m_out(out), m_batch(out.batch) {}

    void run() {
        if (util::trim(m_input).empty()) {
            m_batch.diagnostics.error(m_batch.at(1, 1),
                                      "the file is empty (expected a markdown list: headings, "
                                      "list items with links, or tables)");
            m_out.sections.push_back(MarkdownSection{});
            return;
        }
        std::optional<std::size_t> bad;
        m_text = md::sanitize_utf8(m_input, &bad);
        if (bad) {
            const auto lc = util::line_column(m_input, *bad);
            m_batch.diagnostics.error(m_batch.at(static_cast<std::uint32_t>(lc.line),
                                                 static_cast<std::uint32_t>(lc.column)),
                                      "invalid UTF-8 (byte offset " + std::to_string(*bad) +
                                          "); ill-formed bytes are read as U+FFFD");
        }
        split_lines();
        count_h1();
        m_out.sections.push_back(MarkdownSection{});
        m_section_index[""] = 0;
        m_context.section = 0;
        fill_hints(m_context);
        scan();
        close_list();
        resolve_bases();
        if (m_fence_open) {
            m_batch.diagnostics.warning(m_batch.at(m_fence_line, 1),
                                        "code block opened here is never closed; the rest of the "
                                        "file was read as code");
        }
        if (m_comment_open) {
            m_batch.diagnostics.warning(m_batch.at(m_comment_line, 1),
                                        "HTML comment opened here is never closed; the rest of the "
                                        "file was read as a comment");
        }
        if (m_batch.records_seen == 0) {
            m_batch.diagnostics.warning(m_batch.at(1, 1),
                                        "no list entries or tables found (expected list items "
                                        "with links, or tables with a model, dataset or paper "
                                        "column)");
        }
    }

  private:
    // --- lines --------------------------------------------------------------------------------

    void split_lines() {
        std::size_t start = 0;
        const std::string_view t = m_text;
        while (start <= t.size()) {
            auto nl = t.find('\n', start);
            if (nl == std::string_view::npos) {
                if (start < t.size()) {
                    m_lines.push_back(t.substr(start));
                }
                break;
            }
            std::string_view line = t.substr(start, nl - start);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            m_lines.push_back(line);
            start = nl + 1;
        }
        // A lone '\r' ends a line too (old Mac files): split such lines further.
        std::vector<std::string_view> out;
        out.reserve(m_lines.size());
        for (auto l : m_lines) {
            std::size_t s = 0;
            for (;;) {
                const auto cr = l.find('\r', s);
                out.push_back(
                    l.substr(s, cr == std::string_view::npos ? std::string_view::npos : cr - s));
                if (cr == std::string_view::npos) {
                    break;
                }
                s = cr + 1;
            }
        }
        m_lines = std::move(out);
    }

    static std::pair<std::size_t, std::size_t> indent_of(std::string_view line) {
        std::size_t cols = 0;
        std::size_t i = 0;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
            cols = line[i] == '\t' ? (cols / 4 + 1) * 4 : cols + 1;
            ++i;
        }
        return {cols, i};
    }

    static std::optional<std::pair<char, std::size_t>> fence_of(std::string_view content) {
        if (content.starts_with("```") || content.starts_with("~~~")) {
            const char c = content.front();
            std::size_t n = 0;
            while (n < content.size() && content[n] == c) {
                ++n;
            }
            return std::make_pair(c, n);
        }
        return std::nullopt;
    }

    static std::optional<std::pair<int, std::string_view>> atx_heading(std::string_view content) {
        std::size_t n = 0;
        while (n < content.size() && content[n] == '#') {
            ++n;
        }
        if (n == 0 || n > 6 || (n < content.size() && content[n] != ' ' && content[n] != '\t')) {
            return std::nullopt;
        }
        std::string_view text = util::trim(content.substr(n));
        while (!text.empty() && text.back() == '#') {
            text.remove_suffix(1);
        }
        return std::make_pair(static_cast<int>(n), util::trim(text));
    }

    static std::optional<std::pair<int, std::string>> html_heading(std::string_view content) {
        if (content.size() < 4 || content[0] != '<' || (content[1] != 'h' && content[1] != 'H') ||
            content[2] < '1' || content[2] > '6' || (content[3] != '>' && content[3] != ' ')) {
            return std::nullopt;
        }
        const int level = content[2] - '0';
        const auto open_end = content.find('>');
        const std::string close = std::string("</") + content[1] + content[2];
        const auto close_at = content.find(close);
        if (open_end == std::string_view::npos || close_at == std::string_view::npos ||
            close_at < open_end) {
            return std::nullopt;
        }
        return std::make_pair(level,
                              std::string(content.substr(open_end + 1, close_at - open_end - 1)));
    }

    /// A list marker at the start of `content`: its length (marker and one space).
    static std::optional<std::size_t> list_marker(std::string_view content) {
        if (content.empty()) {
            return std::nullopt;
        }
        const char c = content.front();
        if (c == '-' || c == '*' || c == '+') {
            if (content.size() == 1) {
                return 1;
            }
            if (content[1] != ' ' && content[1] != '\t') {
                return std::nullopt;
            }
            // "* * *", "- - -": a thematic break.
            std::size_t marks = 0;
            bool other = false;
            for (char x : content) {
                if (x == c) {
                    ++marks;
                } else if (x != ' ' && x != '\t') {
                    other = true;
                }
            }
            if (!other && marks >= 3) {
                return std::nullopt;
            }
            return 2;
        }
        if (content.starts_with("•")) {
            return content.size() > 3 && content[3] == ' ' ? 4 : 3;
        }
        std::size_t d = 0;
        while (d < content.size() && d < 9 && is_digit(content[d])) {
            ++d;
        }
        if (d > 0 && d < content.size() && (content[d] == '.' || content[d] == ')') &&
            (d + 1 == content.size() || content[d + 1] == ' ' || content[d + 1] == '\t')) {
            return d + 2 > content.size() ? content.size() : d + 2;
        }
        return std::nullopt;
    }

    static bool thematic_break(std::string_view content) {
        const std::string_view t = util::trim(content);
        if (t.size() < 3) {
            return false;
        }
        const char c = t.front();
        if (c != '-' && c != '*' && c != '_') {
            return false;
        }
        std::size_t marks = 0;
        for (char x : t) {
            if (x == c) {
                ++marks;
            } else if (x != ' ') {
                return false;
            }
        }
        return marks >= 3;
    }

    static bool bibtex_start(std::string_view content) {
        if (content.size() < 3 || content.front() != '@') {
            return false;
        }
        std::size_t i = 1;
        while (i < content.size() && is_alpha(content[i])) {
            ++i;
        }
        while (i < content.size() && content[i] == ' ') {
            ++i;
        }
        return i > 1 && i < content.size() && content[i] == '{';
    }

    /// Removes HTML comments from `line` (tracking ones that span lines); returns the rest.
    std::string_view strip_comments(std::string_view line, std::uint32_t line_no) {
        if (m_comment_open) {
            const auto end = line.find("-->");
            if (end == std::string_view::npos) {
                return {};
            }
            m_comment_open = false;
            line = line.substr(end + 3);
        }
        if (line.find("<!--") == std::string_view::npos) {
            return line;
        }
        m_line_buffer.clear();
        std::size_t i = 0;
        while (i < line.size()) {
            const auto open = line.find("<!--", i);
            if (open == std::string_view::npos) {
                m_line_buffer.append(line.substr(i));
                break;
            }
            m_line_buffer.append(line.substr(i, open - i));
            const auto close = line.find("-->", open + 4);
            if (close == std::string_view::npos) {
                m_comment_open = true;
                m_comment_line = line_no;
                break;
            }
            i = close + 3;
        }
        return m_line_buffer;
    }

    void count_h1() {
        bool fence = false;
        for (std::size_t k = 0; k < m_lines.size(); ++k) {
            const auto [cols, off] = indent_of(m_lines[k]);
            const std::string_view content = m_lines[k].substr(off);
            if (fence_of(content)) {
                fence = !fence;
                continue;
            }
            if (fence || cols > 3) {
                continue;
            }
            if (const auto h = atx_heading(content); h && h->first == 1) {
                ++m_h1_count;
            } else if (content.starts_with("<h1") || content.starts_with("<H1")) {
                ++m_h1_count;
            }
        }
    }

    void scan() {
        const std::size_t n = m_lines.size();
        bool after_blank = false;
        for (std::size_t k = 0; k < n; ++k) {
            const auto line_no = static_cast<std::uint32_t>(k + 1);
            std::string_view raw = m_lines[k];
            if (m_fence_open) {
                const auto [cols, off] = indent_of(raw);
                const auto f = fence_of(raw.substr(off));
                if (f && f->first == m_fence_char && f->second >= m_fence_len &&
                    util::trim(raw.substr(off + f->second)).empty()) {
                    m_fence_open = false;
                }
                continue;
            }
            if (m_bibtex_depth > 0) {
                track_braces(raw);
                continue;
            }
            const std::string_view line = strip_comments(raw, line_no);
            const auto [cols, off] = indent_of(line);
            const std::string_view content = line.substr(std::min(off, line.size()));
            if (k == 0 && content == "---") {
                // YAML front matter: skip to its end.
                std::size_t e = 1;
                while (e < n && e < 500 && util::trim(m_lines[e]) != "---" &&
                       util::trim(m_lines[e]) != "...") {
                    ++e;
                }
                if (e < n && e < 500) {
                    k = e;
                    continue;
                }
            }
            if (util::trim(content).empty()) {
                if (!m_comment_open || !util::trim(line).empty()) {
                    after_blank = true;
                }
                continue;
            }
            if (const auto f = fence_of(content)) {
                if (!(m_list_open && cols > 0)) {
                    close_list();
                }
                m_fence_open = true;
                m_fence_char = f->first;
                m_fence_len = f->second;
                m_fence_line = line_no;
                after_blank = false;
                continue;
            }
            if (cols <= 3 && bibtex_start(content)) {
                close_list();
                m_bibtex_depth = 0;
                track_braces(content);
                after_blank = false;
                continue;
            }
            if (cols <= 3 && content.size() >= 4 && content[0] == '<' &&
                (content[1] == 'h' || content[1] == 'H') && content[2] >= '1' &&
                content[2] <= '6' && (content[3] == '>' || content[3] == ' ') &&
                !html_heading(content)) {
                // <h1 align="center">\nTitle\n</h1>: a heading over a few lines.
                const std::string close = std::string("</") + content[1] + content[2];
                const auto open_end = content.find('>');
                std::string text(open_end == std::string_view::npos ? std::string_view{}
                                                                    : content.substr(open_end + 1));
                bool closed = false;
                std::size_t m = k + 1;
                for (; m < n && m <= k + 6; ++m) {
                    const auto at = m_lines[m].find(close);
                    text += " " + std::string(m_lines[m].substr(0, at));
                    if (at != std::string_view::npos) {
                        closed = true;
                        break;
                    }
                }
                if (closed && open_end != std::string_view::npos) {
                    close_list();
                    heading(content[2] - '0', text, line_no);
                    k = m;
                    after_blank = false;
                    continue;
                }
            }
            // <details><summary>Nature</summary>: a sub-heading of the current section.
            if (const auto open = content.find("<summary"); open != std::string_view::npos) {
                const auto gt = content.find('>', open);
                const auto close = content.find("</summary>");
                if (gt != std::string_view::npos && close != std::string_view::npos && gt < close) {
                    close_list();
                    heading(std::min(6, m_real_level + 1), content.substr(gt + 1, close - gt - 1),
                            line_no, true);
                    after_blank = false;
                    continue;
                }
            }
            if (cols <= 3) {
                if (const auto h = atx_heading(content)) {
                    close_list();
                    heading(h->first, h->second, line_no);
                    after_blank = false;
                    continue;
                }
                if (const auto h = html_heading(content)) {
                    close_list();
                    heading(h->first, h->second, line_no);
                    after_blank = false;
                    continue;
                }
            }
            if (line.find('|') != std::string_view::npos && k + 1 < n &&
                md::is_delimiter_row(m_lines[k + 1])) {
                close_list();
                k = table(k);
                ++m_blocks_since_heading;
                after_blank = false;
                continue;
            }
            if (const auto marker = list_marker(content)) {
                list_item(line_no, cols, content.substr(std::min(*marker, content.size())),
                          cols + *marker);
                after_blank = false;
                continue;
            }
            if (thematic_break(content)) {
                close_list();
                after_blank = false;
                continue;
            }
            // Setext heading: a paragraph line underlined with === or ---.
            if (!m_list_open && cols <= 3 && k + 1 < n) {
                const std::string_view next = util::trim(m_lines[k + 1]);
                if (!next.empty() &&
                    (next.find_first_not_of('=') == std::string_view::npos ||
                     (next.size() >= 2 && next.find_first_not_of('-') == std::string_view::npos))) {
                    heading(next.front() == '=' ? 1 : 2, util::trim(content), line_no);
                    ++k;
                    after_blank = false;
                    continue;
                }
            }
            paragraph(content, cols, after_blank);
            after_blank = false;
        }
    }

    void track_braces(std::string_view line) {
        for (char c : line) {
            if (c == '{') {
                ++m_bibtex_depth;
            } else if (c == '}' && m_bibtex_depth > 0) {
                --m_bibtex_depth;
            }
        }
    }

    // --- headings and sections ----------------------------------------------------------------

    void heading(int level, std::string_view raw, std::uint32_t line_no, bool summary = false) {
        if (!summary) {
            m_real_level = level;
        }
        std::string title = md::strip_emoji(md::plain_text(raw));
        while (!title.empty() && (title.back() == ':' || title.back() == '#')) {
            title.pop_back();
        }
        title = std::string(util::trim(title));
        // Section numbers: "1. Model", "2.1 垂直领域微调", "III. Methods" stay out of paths.
        {
            std::size_t k = 0;
            while (k < title.size() && (is_digit(title[k]) || title[k] == '.')) {
                ++k;
            }
            if (k > 0 && k < title.size() && title[k] == ' ' && is_digit(title.front())) {
                title = std::string(util::trim(std::string_view(title).substr(k)));
            }
        }
        while (!m_headings.empty() && m_headings.back().first >= level) {
            m_headings.pop_back();
        }
        m_headings.emplace_back(level, title);
        m_last_heading_line = line_no;
        m_blocks_since_heading = 0;
        enter_section(line_no);
    }

    void enter_section(std::uint32_t line_no) {
        Context c;
        bool skipped = false;
        std::string path;
        for (std::size_t k = 0; k < m_headings.size(); ++k) {
            const auto& [level, t] = m_headings[k];
            if (level == 1 && m_h1_count == 1) {
                continue; // the document's title
            }
            if (t.empty()) {
                continue;
            }
            const bool leaf = k + 1 == m_headings.size();
            if (is_navigation_heading(t)) {
                if (!leaf) {
                    continue; // not the parent of what follows it
                }
                skipped = true;
            }
            skipped = skipped || is_skipped_heading(t);
            c.titles.push_back(t);
            path += (path.empty() ? "" : " > ") + t;
        }
        c.section = section_index(path, line_no);
        MarkdownSection& s = m_out.sections[c.section];
        if (skipped) {
            s.read = false;
            s.not_read_reason = "navigation, news and credits are not entries";
        }
        fill_hints(c);
        s.task = c.task;
        m_context = c;
    }

    std::uint32_t section_index(const std::string& path, std::uint32_t line_no) {
        const auto it = m_section_index.find(path);
        if (it != m_section_index.end()) {
            return it->second;
        }
        MarkdownSection s;
        s.path = path;
        s.line = line_no;
        m_out.sections.push_back(std::move(s));
        const auto idx = static_cast<std::uint32_t>(m_out.sections.size() - 1);
        m_section_index.emplace(path, idx);
        return idx;
    }

    // --- lists ----------------------------------------------------------------------------------

    void list_item(std::uint32_t line_no, std::size_t marker_indent, std::string_view text,
                   std::size_t content_indent) {
        if (!m_list_open) {
            m_list_open = true;
            m_items.clear();
            m_stack.clear();
            m_roots.clear();
            m_list_first_line = line_no;
            m_list_follows_heading = m_last_heading_line != 0 && m_blocks_since_heading == 0;
        }
        m_list_last_line = line_no;
        while (!m_stack.empty() && marker_indent <= m_items[m_stack.back()].marker_indent) {
            m_stack.pop_back();
        }
        if (m_stack.size() >= k_max_depth) {
            append_text(m_stack.back(), text, line_no);
            return;
        }
        Item item;
        item.line = line_no;
        item.column = static_cast<std::uint32_t>(marker_indent + 1);
        item.marker_indent = marker_indent;
        item.content_indent = content_indent;
        m_items.push_back(std::move(item));
        const auto idx = static_cast<std::uint32_t>(m_items.size() - 1);
        append_text(idx, text, line_no);
        if (m_stack.empty()) {
            m_roots.push_back(idx);
        } else {
            m_items[m_stack.back()].children.push_back(idx);
        }
        m_stack.push_back(idx);
    }

    void append_text(std::uint32_t idx, std::string_view text, std::uint32_t line_no) {
        Item& item = m_items[idx];
        if (item.truncated) {
            return;
        }
        if (item.text.size() + text.size() + 1 > k_max_entry_bytes) {
            item.truncated = true;
            m_batch.diagnostics.warning(m_batch.at(line_no, 1),
                                        "list entry starting at line " + std::to_string(item.line) +
                                            " is longer than " + std::to_string(k_max_entry_bytes) +
                                            " bytes; the rest of it is ignored");
            const std::size_t room =
                k_max_entry_bytes - std::min(k_max_entry_bytes, item.text.size());
            std::size_t cut = std::min(room, text.size());
            while (cut > 0 && cut < text.size() &&
                   (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
                --cut;
            }
            item.text.append(text.substr(0, cut));
            return;
        }
        if (!item.text.empty()) {
            item.text += '\n';
        }
        item.text.append(text);
    }

    void paragraph(std::string_view content, std::size_t cols, bool after_blank) {
        if (!m_list_open) {
            ++m_blocks_since_heading;
            return;
        }
        if (after_blank) {
            // After a blank line only indented text continues an item.
            std::uint32_t target = std::numeric_limits<std::uint32_t>::max();
            for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
                if (cols >= m_items[*it].content_indent && cols > 0) {
                    target = *it;
                    break;
                }
            }
            if (target == std::numeric_limits<std::uint32_t>::max()) {
                close_list();
                ++m_blocks_since_heading;
                return;
            }
            append_text(target, content, m_list_last_line);
            return;
        }
        append_text(m_stack.back(), content, m_list_last_line);
    }

    void close_list() {
        if (!m_list_open) {
            return;
        }
        m_list_open = false;
        interpret_list();
        m_items.clear();
        m_stack.clear();
        m_roots.clear();
        ++m_blocks_since_heading;
    }

    std::size_t count_items(std::uint32_t idx) const {
        std::size_t n = 0;
        std::vector<std::uint32_t> todo{idx};
        while (!todo.empty()) {
            const auto i = todo.back();
            todo.pop_back();
            ++n;
            for (auto c : m_items[i].children) {
                todo.push_back(c);
            }
        }
        return n;
    }

    void interpret_list() {
        MarkdownSection& sec = m_out.sections[m_context.section];
        if (!sec.read) {
            sec.items_not_read += m_items.size();
            return;
        }
        bool any_entry = false;
        for (const Item& item : m_items) {
            if (entry_like(item.text) && !navigation(item.text)) {
                any_entry = true;
                break;
            }
        }
        if (!any_entry) {
            bool nav = false;
            for (const Item& item : m_items) {
                nav = nav || navigation(item.text);
            }
            sec.items_not_read += m_roots.size();
            if (sec.not_read_reason.empty()) {
                sec.not_read_reason = nav ? "navigation links are not entries"
                                          : "a list without links, emphasis or tags is prose";
            }
            if (!nav) {
                m_batch.diagnostics.add(
                    util::Severity::note, m_batch.at(m_list_first_line, 1),
                    "list at lines " + std::to_string(m_list_first_line) + "-" +
                        std::to_string(m_list_last_line) +
                        " has no links, emphasis or tags; read as prose, not entries");
            }
            return;
        }
        // A heading followed only by `key: value` items describes one thing: the heading.
        if (m_list_follows_heading && m_context.section != 0 &&
            m_section_entries[m_context.section] == 0 && !m_headings.empty()) {
            bool all_attrs = true;
            for (auto r : m_roots) {
                all_attrs = all_attrs && attr_line(m_items[r].text).has_value();
            }
            if (all_attrs) {
                EntrySource e;
                e.line = m_last_heading_line;
                e.column = 1;
                e.head = "**" + m_headings.back().second + "**";
                for (auto r : m_roots) {
                    auto a = attr_line(m_items[r].text);
                    a->value += flatten_children(r);
                    e.attrs.push_back(std::move(*a));
                }
                e.head += " " + std::string(describe_first(e.attrs));
                entry(e, m_context);
                return;
            }
        }
        for (auto r : m_roots) {
            item_entry(r, m_context, 0);
        }
    }

    static std::string_view describe_first(const std::vector<AttrValue>& attrs) {
        for (const auto& a : attrs) {
            if (a.kind == AttrLine::description) {
                return a.value;
            }
        }
        return {};
    }

    std::string flatten_children(std::uint32_t idx) const {
        std::string out;
        std::vector<std::uint32_t> todo(m_items[idx].children.rbegin(),
                                        m_items[idx].children.rend());
        while (!todo.empty() && out.size() < k_max_entry_bytes) {
            const auto i = todo.back();
            todo.pop_back();
            out += "\n" + m_items[i].text;
            for (auto it = m_items[i].children.rbegin(); it != m_items[i].children.rend(); ++it) {
                todo.push_back(*it);
            }
        }
        if (out.size() > k_max_entry_bytes) {
            out.resize(k_max_entry_bytes);
        }
        return out;
    }

    void item_entry(std::uint32_t idx, const Context& ctx, std::size_t depth) {
        const Item& item = m_items[idx];
        if (navigation(item.text)) {
            MarkdownSection& sec = m_out.sections[ctx.section];
            sec.items_not_read += count_items(idx);
            if (sec.not_read_reason.empty()) {
                sec.not_read_reason = "navigation links are not entries";
            }
            return;
        }
        std::vector<AttrValue> attrs;
        std::vector<std::uint32_t> others;
        for (auto c : item.children) {
            if (auto a = attr_line(m_items[c].text)) {
                a->value += flatten_children(c);
                attrs.push_back(std::move(*a));
            } else {
                others.push_back(c);
            }
        }
        // A category bullet: a short label without links over entries.
        const std::string_view first = skip_leading_emoji(util::trim(item.text));
        const bool labelled = !has_real_link(first) && !first.starts_with("[") &&
                              split_words(md::plain_text(first)).size() <= 8;
        bool entries_below = false;
        for (auto o : others) {
            entries_below = entries_below || entry_like(m_items[o].text);
        }
        if (labelled && entries_below && depth < k_max_depth) {
            std::string label = md::strip_emoji(md::plain_text(first));
            label = trim_name(label);
            Context child = ctx;
            if (!label.empty()) {
                child.titles.push_back(label);
                std::string path;
                for (const auto& t : child.titles) {
                    path += (path.empty() ? "" : " > ") + t;
                }
                // section_index may grow m_out.sections: no reference into it is held here.
                const bool read = m_out.sections[ctx.section].read;
                child.section = section_index(path, item.line);
                m_out.sections[child.section].read = read;
                fill_hints(child);
                m_out.sections[child.section].task = child.task;
            }
            for (auto o : others) {
                item_entry(o, child, depth + 1);
            }
            return;
        }
        EntrySource e;
        e.line = item.line;
        e.column = item.column;
        e.head = item.text;
        e.attrs = std::move(attrs);
        for (auto o : others) {
            e.extra += "\n" + m_items[o].text + flatten_children(o);
            if (e.extra.size() > k_max_entry_bytes) {
                e.extra.resize(k_max_entry_bytes);
                break;
            }
        }
        entry(e, ctx);
    }

    // --- facts ----------------------------------------------------------------------------------

    Origin origin(const EntrySource& e, const Context& ctx, std::string evidence, Method method,
                  float confidence) const {
        Origin o;
        o.line = e.line;
        o.column = e.column;
        o.path = m_out.sections[ctx.section].path;
        o.cites = m_batch.source + ":" + std::to_string(e.line);
        o.evidence = clip(evidence, k_max_evidence);
        o.method = method;
        o.confidence = confidence;
        return o;
    }

    std::uint32_t add_node(NodeKind kind, std::string name, Origin o) {
        NodeFact f;
        f.kind = kind;
        f.name = std::move(name);
        f.origin = std::move(o);
        m_batch.nodes.push_back(std::move(f));
        const auto idx = static_cast<std::uint32_t>(m_batch.nodes.size() - 1);
        index_name(m_batch.nodes.back().name, idx);
        return idx;
    }

    void add_alias(std::uint32_t subject, const std::string& alias, const Origin& o) {
        if (alias.empty() || fold(alias).empty() ||
            (fold(alias) == fold(m_batch.nodes[subject].name) &&
             graph::case_key(alias) == graph::case_key(m_batch.nodes[subject].name))) {
            return;
        }
        m_batch.aliases.push_back(AliasFact{subject, alias, o});
        index_name(alias, subject);
    }

    /// Indexes `name` (folded) as naming node fact `idx`. One entry per spelling and kind:
    /// a name listed thousands of times stays one entry, so lookups stay constant-time.
    void index_name(const std::string& name, std::uint32_t idx) {
        auto& list = m_by_fold[fold(name)];
        const NodeKind kind = m_batch.nodes[idx].kind;
        const bool model_like = graph::is_model_like(kind);
        for (auto other : list) {
            const auto& o = m_batch.nodes[other];
            const bool same_kind = o.kind == kind || (model_like && graph::is_model_like(o.kind));
            if (same_kind && graph::case_key(o.name) == graph::case_key(name)) {
                return;
            }
        }
        list.push_back(idx);
    }

    void add_attr(std::uint32_t subject, AttrKey key, std::string value, const Origin& o) {
        value = std::string(util::trim(value));
        if (value.empty()) {
            return;
        }
        for (const auto& a : m_attr_seen[subject]) {
            if (a.first == key && a.second == value) {
                return;
            }
        }
        m_attr_seen[subject].emplace_back(key, value);
        m_batch.attributes.push_back(AttrFact{subject, key, std::move(value), o});
    }

    void add_edge(std::uint32_t subject, EdgeKind kind, std::uint32_t target, const Origin& o) {
        if (subject == target) {
            return;
        }
        EdgeFact e;
        e.subject = subject;
        e.kind = kind;
        e.target = m_batch.nodes[target].name;
        e.target_kind = m_batch.nodes[target].kind;
        e.target_index = target;
        e.origin = o;
        m_batch.edges.push_back(std::move(e));
    }

    /// The node fact of this batch named `name` with a kind compatible with `kind`, if any.
    std::optional<std::uint32_t> find_fact(const std::string& name, NodeKind kind) const {
        const auto it = m_by_fold.find(fold(name));
        if (it == m_by_fold.end()) {
            return std::nullopt;
        }
        for (auto idx : it->second) {
            const NodeKind k = m_batch.nodes[idx].kind;
            if (k == kind || (graph::is_model_like(k) && graph::is_model_like(kind))) {
                return idx;
            }
        }
        return std::nullopt;
    }

    /// A node fact for `name` declared once per batch (datasets, tasks, institutions named in
    /// cells and headings).
    std::uint32_t declare(NodeKind kind, const std::string& name, const Origin& o) {
        if (auto f = find_fact(name, kind)) {
            return *f;
        }
        return add_node(kind, name, o);
    }

    /// The spelling to use for an entry's node: an earlier spelling of this list that differs
    /// only in case, when the entry carries no identity of its own (no Hub id, arXiv id or DOI).
    std::string spelling_for(const std::string& name, NodeKind kind, bool has_keys) const {
        if (has_keys) {
            return name;
        }
        const auto it = m_by_fold.find(fold(name));
        if (it == m_by_fold.end()) {
            return name;
        }
        std::set<std::string> spellings;
        for (auto idx : it->second) {
            const NodeKind k = m_batch.nodes[idx].kind;
            if (k == kind || (graph::is_model_like(k) && graph::is_model_like(kind))) {
                spellings.insert(m_batch.nodes[idx].name);
            }
        }
        if (spellings.count(name) > 0 || spellings.size() != 1) {
            return name;
        }
        return *spellings.begin();
    }

    NodeKind kind_of(const Parsed& p, const std::string& name, const Context& ctx) const {
        // Links that are the thing itself.
        const std::string fname = fold(name);
        for (const auto& l : p.links) {
            if (l.info.kind == md::LinkKind::hf_dataset || l.info.kind == md::LinkKind::hf_model) {
                const auto slash = l.info.hf_id.find('/');
                const std::string repo = fold(l.info.hf_id.substr(slash + 1));
                if (!fname.empty() && (repo.find(fname) != std::string::npos ||
                                       fname.find(repo) != std::string::npos)) {
                    return l.info.kind == md::LinkKind::hf_dataset ? NodeKind::dataset
                                                                   : NodeKind::model;
                }
            }
        }
        if (ctx.kind == SectionKind::data_strong) {
            return NodeKind::dataset;
        }
        if (const auto tf = md::family_of_token(name); tf && tf->plain) {
            return NodeKind::base_model; // the entry is a base model itself
        }
        if (!md::families_in_name(name).empty()) {
            return NodeKind::model;
        }
        static constexpr std::string_view suffixes[] = {
            "qa",         "bench",  "benchmark", "corpus",      "dataset",
            "data",       "db",     "database",  "leaderboard", "instructions",
            "collection", "dialog", "dialogue",  "kg",          "eval"};
        std::string stem = fname;
        while (!stem.empty() && is_digit(stem.back())) {
            stem.pop_back();
        }
        for (auto s : suffixes) {
            if (stem.size() > s.size() && stem.ends_with(s)) {
                return NodeKind::dataset;
            }
        }
        if (auto f = find_fact(name, NodeKind::dataset);
            f && m_batch.nodes[*f].kind == NodeKind::dataset) {
            return NodeKind::dataset;
        }
        if (auto f = find_fact(name, NodeKind::model)) {
            return m_batch.nodes[*f].kind == NodeKind::base_model ? NodeKind::model
                                                                  : m_batch.nodes[*f].kind;
        }
        if (ctx.kind == SectionKind::data_strong) {
            return NodeKind::dataset;
        }
        if (ctx.kind == SectionKind::models) {
            return NodeKind::model;
        }
        const std::string lt = lower(p.title);
        std::size_t data_at = std::string::npos;
        std::size_t model_at = std::string::npos;
        for (auto w : k_data_title_words) {
            for (std::size_t at = lt.find(w); at != std::string::npos; at = lt.find(w, at + 1)) {
                if (contains_word(lt.substr(at, w.size() + 1), w)) {
                    data_at = std::min(data_at, at);
                    break;
                }
            }
        }
        for (auto w : k_model_title_words) {
            for (std::size_t at = lt.find(w); at != std::string::npos; at = lt.find(w, at + 1)) {
                const bool left = at == 0 || !is_alnum(lt[at - 1]);
                const bool right = at + w.size() >= lt.size() || !is_alnum(lt[at + w.size()]);
                if (left && right) {
                    model_at = std::min(model_at, at);
                    break;
                }
            }
        }
        // Chinese titles put the head noun last: "中文医疗场景的LLM评测基准" is a benchmark.
        bool cjk = false;
        for (char c : lt) {
            cjk = cjk || static_cast<unsigned char>(c) >= 0xE3;
        }
        if (cjk) {
            std::size_t data_last = std::string::npos;
            std::size_t model_last = std::string::npos;
            for (auto w : k_data_title_words_cjk) {
                if (const auto at = lt.rfind(w); at != std::string::npos) {
                    data_last = data_last == std::string::npos ? at : std::max(data_last, at);
                }
            }
            for (auto w : k_model_title_words_cjk) {
                if (const auto at = lt.rfind(w); at != std::string::npos) {
                    model_last = model_last == std::string::npos ? at : std::max(model_last, at);
                }
            }
            if (data_last != std::string::npos || model_last != std::string::npos) {
                const bool data = model_last == std::string::npos ||
                                  (data_last != std::string::npos && data_last > model_last);
                if (data) {
                    return NodeKind::dataset;
                }
                if (ctx.kind == SectionKind::data_weak) {
                    return NodeKind::model;
                }
            }
        }
        if (ctx.kind == SectionKind::data_weak) {
            return model_at != std::string::npos && model_at < data_at ? NodeKind::model
                                                                       : NodeKind::dataset;
        }
        if (data_at != std::string::npos && data_at < model_at) {
            return NodeKind::dataset;
        }
        return NodeKind::model;
    }

    static bool publication_venue(std::string_view venue) {
        const std::string v = lower(util::trim(venue));
        return !v.empty() && !in(k_non_venues, v);
    }

    void entry(const EntrySource& e, const Context& ctx) {
        MarkdownEntry rec;
        rec.line = e.line;
        rec.column = e.column;
        rec.section = ctx.section;
        ++m_batch.records_seen;
        ++m_section_entries[ctx.section];
        std::string reason;
        if (!emit(e, ctx, reason)) {
            rec.skipped = true;
            rec.reason = reason;
            ++m_batch.records_skipped;
            m_batch.diagnostics.warning(m_batch.at(e.line, e.column),
                                        "list entry skipped: " + reason);
        }
        m_out.entries.push_back(std::move(rec));
    }

    bool emit(const EntrySource& e, const Context& ctx, std::string& reason) {
        Parsed p = parse_entry(e);
        const std::string evidence = md::strip_emoji(md::plain_text(std::string_view(e.head).substr(
            0, std::min<std::size_t>(e.head.size(), 4 * k_max_evidence))));
        Method name_method = p.name_explicit ? Method::curated : Method::title;
        float name_conf = 1.0F;
        std::string title_rest; // the title without its name prefix
        if (p.name.empty() && !p.title.empty() && ctx.kind != SectionKind::papers) {
            bool paper_link = false;
            for (const auto& l : p.links) {
                paper_link = paper_link || l.info.kind == md::LinkKind::paper;
            }
            if (auto tn = name_from_title(p.title, !paper_link && !publication_venue(p.venue))) {
                p.name = tn->name;
                name_conf = tn->confidence;
                title_rest = tn->rest;
                name_method = Method::title;
            }
        }
        bool has_paper_link = false;
        bool has_keys = false;
        for (const auto& l : p.links) {
            has_paper_link = has_paper_link || l.info.kind == md::LinkKind::paper;
            has_keys = has_keys || !l.info.arxiv.empty() || !l.info.doi.empty() ||
                       (l.info.kind == md::LinkKind::hf_model && repo_names(l.info.hf_id, p.name));
        }
        if (p.name.empty() && p.title.empty()) {
            if (p.links.empty()) {
                reason = "no name, title or link";
                return false;
            }
            // Only links: a paper when one carries an arXiv id or a DOI.
            for (const auto& l : p.links) {
                if (!l.info.arxiv.empty() || !l.info.doi.empty()) {
                    p.title = !l.info.arxiv.empty() ? "arXiv:" + l.info.arxiv : "doi:" + l.info.doi;
                    break;
                }
            }
            if (p.title.empty()) {
                reason = "only links, with no name or title (" + p.links.front().url + ")";
                return false;
            }
        }
        std::string year = p.date ? std::to_string(p.date->year) : p.year;
        std::string date = p.date && p.date->month > 0 ? md::format_date(*p.date) : "";
        if (p.name.empty()) {
            // An unnamed paper entry: a paper when it has something to cite it by.
            if (!has_paper_link && p.links.empty() && !p.tagged && p.authors.empty()) {
                reason = "no name, link, tag or authors: \"" + clip(p.title, 60) +
                         "\" reads as prose, not an entry";
                return false;
            }
            paper(p, ctx, e, evidence, std::nullopt, "", year, date);
            return true;
        }
        auto [name, aliases] = split_aliases(p.name);
        for (auto& a : p.aliases) {
            aliases.push_back(a);
        }
        const NodeKind kind = kind_of(p, name, ctx);
        name = spelling_for(name, kind, has_keys);
        const Origin o = origin(e, ctx, evidence, name_method, name_conf);
        const std::uint32_t node = add_node(kind, name, o);
        for (const auto& a : aliases) {
            add_alias(node, a, o);
        }
        // An attribute's value is its own evidence; the entry's text is on the node already.
        Origin ao = o;
        ao.evidence.clear();
        if (!year.empty()) {
            add_attr(node, AttrKey::year, year, ao);
        }
        if (!date.empty()) {
            add_attr(node, AttrKey::date, date, ao);
        }
        if (!p.authors.empty() && !(has_paper_link || publication_venue(p.venue))) {
            add_attr(node, AttrKey::authors, p.authors, ao);
        }
        // Links that belong to the thing rather than its paper.
        bool hf_set = false;
        for (const auto& l : p.links) {
            const Origin lo = origin(e, ctx, "", Method::url, 1.0F);
            switch (l.info.kind) {
            case md::LinkKind::paper:
                break;
            case md::LinkKind::code:
                add_attr(node, AttrKey::code, l.url, lo);
                break;
            case md::LinkKind::hf_model:
                if (kind == NodeKind::model && !hf_set && repo_names(l.info.hf_id, name)) {
                    add_attr(node, AttrKey::hf_id, l.info.hf_id, lo);
                    hf_set = true;
                }
                add_attr(node, AttrKey::url, l.url, lo);
                break;
            case md::LinkKind::hf_dataset:
                if (kind == NodeKind::model) {
                    dataset_link(node, l, e, ctx);
                } else {
                    add_attr(node, AttrKey::url, l.url, lo);
                }
                break;
            default:
                add_attr(node, AttrKey::url, l.url, lo);
                break;
            }
        }
        for (const auto& a : p.attrs) {
            attr_facts(node, kind, a, e, ctx);
        }
        if (graph::is_model_like(kind)) {
            lineage(node, name, aliases, p, title_rest, e, ctx);
            if (const auto sized = graph::split_size_suffix(name)) {
                add_attr(node, AttrKey::parameters, sized->size,
                         origin(e, ctx, "size " + sized->size + " in the name \"" + name + "\"",
                                Method::name, 0.9F));
            }
            if (ctx.multimodal) {
                add_attr(node, AttrKey::modality, "multimodal",
                         origin(e, ctx, "section \"" + m_out.sections[ctx.section].path + "\"",
                                Method::curated, 0.7F));
            }
        }
        if (!ctx.task.empty() && (kind == NodeKind::model || kind == NodeKind::dataset)) {
            const Origin to =
                origin(e, ctx, "listed under \"" + ctx.task + "\"", Method::curated, 0.8F);
            const auto task = declare(NodeKind::task, ctx.task, to);
            add_edge(node, EdgeKind::addresses, task, to);
        }
        // A title is a paper's when a paper link or a publication venue says so; a repository
        // with authors is not a paper.
        const bool title_is_paper = !p.title.empty() && fold(p.title) != fold(name) &&
                                    (has_paper_link || publication_venue(p.venue));
        if (has_paper_link || title_is_paper) {
            if (p.title.empty()) {
                for (const auto& l : p.links) {
                    if (!l.info.arxiv.empty() || !l.info.doi.empty()) {
                        p.title =
                            !l.info.arxiv.empty() ? "arXiv:" + l.info.arxiv : "doi:" + l.info.doi;
                        break;
                    }
                }
            }
            if (!p.title.empty()) {
                paper(p, ctx, e, evidence, node, name, year, date);
            } else {
                for (const auto& l : p.links) {
                    if (l.info.kind == md::LinkKind::paper) {
                        add_attr(node, AttrKey::url, l.url,
                                 origin(e, ctx, "link " + l.url, Method::url, 1.0F));
                    }
                }
            }
        } else if (!p.venue.empty()) {
            add_attr(node, AttrKey::venue, p.venue, ao);
        }
        return true;
    }

    void paper(const Parsed& p, const Context& ctx, const EntrySource& e,
               const std::string& evidence, std::optional<std::uint32_t> owner,
               const std::string& owner_name, const std::string& year, const std::string& date) {
        std::vector<std::string> aliases;
        std::string title = p.title;
        if (owner && !owner_name.empty()) {
            const std::string ft = fold(title);
            const std::string fn = fold(owner_name);
            if (ft.starts_with(fn)) {
                // "Med-Flamingo: a Multimodal ..." is also known without its name.
                if (auto tn = name_from_title(title); tn && !tn->rest.empty()) {
                    aliases.push_back(tn->rest);
                }
            } else if (m_batch.nodes[*owner].kind == NodeKind::model) {
                aliases.push_back(owner_name + ": " + title);
            }
        }
        bool has_keys = false;
        for (const auto& l : p.links) {
            has_keys = has_keys || !l.info.arxiv.empty() || !l.info.doi.empty();
        }
        title = spelling_for(title, NodeKind::paper, has_keys);
        const Origin o = origin(e, ctx, evidence, Method::curated, 1.0F);
        const auto node = add_node(NodeKind::paper, title, o);
        for (const auto& a : aliases) {
            add_alias(node, a, o);
        }
        Origin ao = o;
        ao.evidence.clear();
        if (!title.starts_with("arXiv:") && !title.starts_with("doi:")) {
            add_attr(node, AttrKey::title, title, ao);
        }
        if (!year.empty()) {
            add_attr(node, AttrKey::year, year, ao);
        }
        if (!date.empty()) {
            add_attr(node, AttrKey::date, date, ao);
        }
        if (!p.venue.empty()) {
            add_attr(node, AttrKey::venue, p.venue, ao);
        }
        if (!p.authors.empty()) {
            add_attr(node, AttrKey::authors, p.authors, ao);
        }
        bool arxiv_set = false;
        bool doi_set = false;
        for (const auto& l : p.links) {
            const Origin lo = origin(e, ctx, "", Method::url, 1.0F);
            if (l.info.kind == md::LinkKind::paper) {
                add_attr(node, AttrKey::url, l.url, lo);
                // One arXiv id and one DOI: a second would make the paper two papers.
                if (!l.info.arxiv.empty() && !arxiv_set) {
                    add_attr(node, AttrKey::arxiv, l.info.arxiv, lo);
                    arxiv_set = true;
                }
                if (!l.info.doi.empty() && !doi_set) {
                    add_attr(node, AttrKey::doi, l.info.doi, lo);
                    doi_set = true;
                }
            } else if (!owner) {
                add_attr(node, l.info.kind == md::LinkKind::code ? AttrKey::code : AttrKey::url,
                         l.url, lo);
            }
        }
        if (owner) {
            add_edge(*owner, EdgeKind::described_in, node, o);
        }
    }

    void dataset_link(std::uint32_t model, const Link& l, const EntrySource& e,
                      const Context& ctx) {
        const auto slash = l.info.hf_id.find('/');
        const std::string name = l.info.hf_id.substr(slash + 1);
        const bool eval = ctx.kind == SectionKind::data_weak;
        const Origin o = origin(e, ctx, "link " + l.url, Method::url, eval ? 0.7F : 0.5F);
        const auto ds = declare(NodeKind::dataset, name, o);
        add_attr(ds, AttrKey::url, l.url, o);
        add_edge(model, eval ? EdgeKind::evaluated_on : EdgeKind::trained_on, ds, o);
    }

    void attr_facts(std::uint32_t node, NodeKind kind, const AttrValue& a, const EntrySource& e,
                    const Context& ctx) {
        const std::string value = md::plain_text(a.value);
        const Origin o = origin(e, ctx, a.key + ": " + value, Method::curated, 0.9F);
        switch (a.kind) {
        case AttrLine::size:
            if (kind == NodeKind::model) {
                for (const auto& s : md::parse_sizes(value, "")) {
                    add_attr(node, AttrKey::parameters, s, o);
                }
            }
            break;
        case AttrLine::institution:
            for (const auto& v : md::split_values(value, false)) {
                const auto inst = declare(NodeKind::institution, v, o);
                add_edge(node, EdgeKind::developed_by, inst, o);
            }
            break;
        case AttrLine::date:
            if (auto d = md::parse_date(value)) {
                add_attr(node, AttrKey::year, std::to_string(d->year), o);
                if (d->month > 0) {
                    add_attr(node, AttrKey::date, md::format_date(*d), o);
                }
            }
            break;
        case AttrLine::license:
            add_attr(node, AttrKey::license, value, o);
            break;
        case AttrLine::language:
            add_attr(node, AttrKey::languages, value, o);
            break;
        case AttrLine::authors:
            add_attr(node, AttrKey::authors, value, o);
            break;
        case AttrLine::data:
            if (kind == NodeKind::model && !has_real_link(a.value)) {
                for (const auto& v : md::split_values(value, false)) {
                    const Origin d = origin(e, ctx, a.key + ": " + value, Method::curated, 0.7F);
                    const auto ds = declare(NodeKind::dataset, v, d);
                    add_edge(node, EdgeKind::trained_on, ds, d);
                }
            }
            break;
        default:
            break;
        }
    }

    md::Relation relation_for(const Cue& c, md::Relation hint) const {
        if (c.relation != md::Relation::unknown) {
            return c.relation;
        }
        if (hint != md::Relation::unknown) {
            return hint;
        }
        if (c.family != nullptr && c.family->usual != md::Relation::unknown) {
            return c.family->usual;
        }
        return md::Relation::fine_tune;
    }

    static EdgeKind edge_of(md::Relation r) {
        switch (r) {
        case md::Relation::pretrain:
            return EdgeKind::pretrained_from;
        case md::Relation::prompt:
            return EdgeKind::prompted_from;
        default:
            return EdgeKind::fine_tuned_from;
        }
    }

    /// Base-model cues of a model entry: its title and description, its name, its own links,
    /// and `base:` lines. One edge per base, from the most confident cue.
    void lineage(std::uint32_t node, const std::string& name,
                 const std::vector<std::string>& aliases, const Parsed& p,
                 const std::string& title_rest, const EntrySource& e, const Context& ctx) {
        std::vector<Cue> cues;
        const std::string text = (title_rest.empty() ? p.title : title_rest) +
                                 (p.description.empty() ? "" : ". " + p.description);
        for (auto& c : md::bases_in_text(text)) {
            cues.push_back(
                Cue{c.target, c.family, c.relation, Method::title, c.confidence, c.evidence});
        }
        std::vector<std::string> names{name};
        names.insert(names.end(), aliases.begin(), aliases.end());
        for (const auto& n : names) {
            for (const auto& nf : md::families_in_name(n)) {
                cues.push_back(Cue{std::string(nf.family->name), nf.family, md::Relation::unknown,
                                   Method::name, nf.confidence, "name \"" + n + "\""});
            }
        }
        for (const auto& l : p.links) {
            std::string repo;
            if (l.info.kind == md::LinkKind::hf_model) {
                repo = l.info.hf_id;
            } else if (l.info.kind == md::LinkKind::code) {
                repo = l.info.repo;
            } else {
                continue;
            }
            const auto slash = repo.find('/');
            const std::string repo_name = repo.substr(slash + 1);
            for (const auto& nf : md::families_in_name(repo_name)) {
                cues.push_back(Cue{std::string(nf.family->name), nf.family, md::Relation::unknown,
                                   Method::url, std::max(0.5F, nf.confidence - 0.1F),
                                   "link " + l.url});
            }
        }
        for (const auto& a : p.attrs) {
            if (a.kind != AttrLine::base) {
                continue;
            }
            for (const auto& v : md::split_values(md::plain_text(a.value), true)) {
                Cue c;
                c.method = Method::table;
                c.confidence = 0.95F;
                c.evidence = a.key + ": " + md::plain_text(a.value);
                if (const auto tf = md::family_of_token(v); tf && tf->plain) {
                    c.family = tf->family;
                    c.target = md::base_target(v, *tf);
                } else {
                    c.target = v;
                }
                cues.push_back(std::move(c));
            }
        }
        add_bases(node, name, aliases, cues, ctx.relation, e, ctx);
    }

    void add_bases(std::uint32_t node, const std::string& name,
                   const std::vector<std::string>& aliases, std::vector<Cue> cues,
                   md::Relation hint, const EntrySource& e, const Context& ctx) {
        std::set<std::string> self{fold(name)};
        for (const auto& a : aliases) {
            self.insert(fold(a));
        }
        // One cue per target: the most confident, then the most direct method.
        std::map<std::string, Cue> best;
        for (auto& c : cues) {
            const std::string key = fold(c.target);
            if (key.empty() || self.count(key) > 0) {
                continue;
            }
            auto it = best.find(key);
            if (it == best.end()) {
                best.emplace(key, std::move(c));
            } else if (c.confidence > it->second.confidence ||
                       (c.confidence == it->second.confidence &&
                        method_rank(c.method) < method_rank(it->second.method))) {
                it->second = std::move(c);
            }
        }
        // A weaker family inside a stronger one's name says less: GLM (from "DoctorGLM") next to
        // ChatGLM (from a table), LLaMA next to Llama 2.
        for (auto it = best.begin(); it != best.end();) {
            bool weaker = false;
            for (const auto& [k2, other] : best) {
                if (&other != &it->second && it->second.family != nullptr &&
                    other.family != nullptr && other.family != it->second.family &&
                    other.family->key.find(it->second.family->key) != std::string_view::npos &&
                    other.confidence > it->second.confidence) {
                    weaker = true;
                }
            }
            it = weaker ? best.erase(it) : std::next(it);
        }
        // A sized base ("LLaMA-7B") makes the bare family redundant.
        std::set<const md::Family*> sized;
        for (const auto& [key, c] : best) {
            if (c.family != nullptr && fold(c.target) != c.family->key) {
                sized.insert(c.family);
            }
        }
        for (auto& [key, c] : best) {
            if (c.family != nullptr && fold(c.target) == c.family->key &&
                sized.count(c.family) > 0) {
                continue;
            }
            PendingBase pb;
            pb.subject = node;
            pb.kind = edge_of(relation_for(c, hint));
            pb.target = c.target;
            pb.family = c.family;
            pb.origin = origin(e, ctx, c.evidence, c.method, c.confidence);
            pb.model = name;
            m_pending.push_back(std::move(pb));
        }
    }

    /// Base-model targets become node facts of this list (a model the list declares, or a
    /// base model named here for the first time) and edges to them.
    void resolve_bases() {
        for (const auto& pb : m_pending) {
            std::uint32_t target = 0;
            if (auto f = find_fact(pb.target, NodeKind::base_model)) {
                target = *f;
            } else {
                Origin o = pb.origin;
                o.evidence =
                    clip("named as the base of \"" + pb.model + "\": " + pb.origin.evidence,
                         k_max_evidence);
                target = add_node(NodeKind::base_model, pb.target, o);
                // "LLaMA-7B" is a size of LLaMA: the builder makes the family its name states.
                m_batch.nodes[target].named_as_base = true;
            }
            if (target == pb.subject) {
                continue;
            }
            add_edge(pb.subject, pb.kind, target, pb.origin);
        }
        m_pending.clear();
    }

    // --- tables ---------------------------------------------------------------------------------

    /// Reads the table whose header is line `k`; returns the index of its last line.
    std::size_t table(std::size_t k) {
        const auto header_line = static_cast<std::uint32_t>(k + 1);
        const std::vector<std::string> header_cells = md::split_row(m_lines[k]);
        std::vector<std::pair<std::uint32_t, std::vector<std::string>>> rows;
        std::size_t last = k + 1;
        for (std::size_t r = k + 2; r < m_lines.size(); ++r) {
            const std::string_view line = m_lines[r];
            if (util::trim(line).empty() || line.find('|') == std::string_view::npos) {
                break;
            }
            rows.emplace_back(static_cast<std::uint32_t>(r + 1), md::split_row(line));
            last = r;
        }
        const md::TableHeader header = md::classify_header(header_cells);
        MarkdownSection& sec = m_out.sections[m_context.section];
        if (!sec.read) {
            sec.items_not_read += rows.size();
            return last;
        }
        if (header.kind == md::TableKind::none) {
            std::string heads;
            for (const auto& h : header_cells) {
                heads += (heads.empty() ? "" : ", ") + md::plain_text(h);
            }
            sec.items_not_read += rows.size();
            if (sec.not_read_reason.empty()) {
                sec.not_read_reason = "a table without a model, dataset or paper column";
            }
            m_batch.diagnostics.add(
                util::Severity::note, m_batch.at(header_line, 1),
                "table has no model, dataset or paper column (headers: " + clip(heads, 120) +
                    "); its " + std::to_string(rows.size()) + " rows are not entries");
            return last;
        }
        // Rows split over lines: two short rows that together fill the header.
        const std::size_t width = header_cells.size();
        std::vector<std::pair<std::uint32_t, std::vector<std::string>>> merged;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            auto row = rows[r];
            if (row.second.size() < width && r + 1 < rows.size() &&
                rows[r + 1].second.size() < width &&
                row.second.size() + rows[r + 1].second.size() - 1 == width) {
                auto& next = rows[r + 1].second;
                row.second.back() += " " + next.front();
                row.second.insert(row.second.end(), next.begin() + 1, next.end());
                ++r;
            }
            row.second.resize(width);
            merged.push_back(std::move(row));
        }
        for (const auto& [line_no, cells] : merged) {
            table_row(header, header_cells, line_no, cells);
        }
        return last;
    }

    void table_row(const md::TableHeader& h, const std::vector<std::string>& header_cells,
                   std::uint32_t line_no, const std::vector<std::string>& cells) {
        EntrySource e;
        e.line = line_no;
        e.column = 1;
        MarkdownEntry rec;
        rec.line = line_no;
        rec.column = 1;
        rec.section = m_context.section;
        ++m_batch.records_seen;
        ++m_section_entries[m_context.section];
        std::string reason;
        if (!row_facts(h, header_cells, e, cells, reason)) {
            rec.skipped = true;
            rec.reason = reason;
            ++m_batch.records_skipped;
            m_batch.diagnostics.warning(m_batch.at(line_no, 1), "table row skipped: " + reason);
        }
        m_out.entries.push_back(std::move(rec));
    }

    static std::string cell_text(std::string_view cell) {
        return md::clean_latex(md::plain_text(cell));
    }

    /// Links in a cell, including bare addresses written with stray spaces or without a scheme.
    static std::vector<Link> cell_links(std::string_view cell_in) {
        std::string cell(util::trim(cell_in));
        std::vector<Link> out;
        const bool one_url = (cell.starts_with("http://") || cell.starts_with("https://")) &&
                             cell.find("http", 4) == std::string::npos;
        if (one_url) {
            cell.erase(std::remove(cell.begin(), cell.end(), ' '), cell.end());
        }
        for (const auto& l : md::find_links(cell)) {
            if (l.image) {
                continue;
            }
            const std::string label = md::plain_text(l.label);
            auto info = md::classify_link(l.url, label);
            if (info.kind != md::LinkKind::anchor) {
                out.push_back(Link{l.url, label, std::move(info)});
            }
        }
        if (out.empty()) {
            // "ai-health.m.u-tokyo.ac.jp/home/...": an address without a scheme.
            const std::string t = md::plain_text(cell);
            const auto slash = t.find('/');
            const auto dot = t.find('.');
            if (t.find(' ') == std::string::npos && dot != std::string::npos && dot > 0 &&
                (slash == std::string::npos || dot < slash) && t.size() > 4) {
                auto info = md::classify_link("https://" + t, "");
                out.push_back(Link{t, "", std::move(info)});
            }
        }
        return out;
    }

    /// Expands "FS-/RAD-/GER-BERT" style names and slash aliases of a name cell.
    bool row_facts(const md::TableHeader& h, const std::vector<std::string>& header_cells,
                   const EntrySource& e_in, const std::vector<std::string>& cells,
                   std::string& reason) {
        EntrySource e = e_in;
        std::string row_text;
        for (const auto& c : cells) {
            row_text += (row_text.empty() ? "" : " | ") + cell_text(c);
        }
        std::optional<std::size_t> name_col;
        for (std::size_t k = 0; k < h.columns.size(); ++k) {
            if (h.columns[k] == md::Column::name) {
                name_col = k;
            }
        }
        if (!name_col || *name_col >= cells.size()) {
            reason = "no name cell";
            return false;
        }
        const std::string& name_cell = cells[*name_col];
        std::string full = trim_name(md::strip_emoji(cell_text(name_cell)));
        if (full.empty() || full == "-" || full == "—") {
            reason = "the name cell is empty";
            return false;
        }
        auto [name, aliases] = split_aliases(full);
        std::vector<Link> links = cell_links(name_cell);
        for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
            if (h.columns[k] == md::Column::link) {
                for (auto& l : cell_links(cells[k])) {
                    links.push_back(std::move(l));
                }
            }
        }
        const NodeKind kind = h.kind == md::TableKind::dataset ? NodeKind::dataset
                              : h.kind == md::TableKind::paper ? NodeKind::paper
                              : h.bases                        ? NodeKind::base_model
                                                               : NodeKind::model;
        bool has_keys = false;
        for (const auto& l : links) {
            has_keys = has_keys ||
                       (l.info.kind == md::LinkKind::hf_model && repo_names(l.info.hf_id, name));
        }
        name = spelling_for(name, kind, has_keys && kind == NodeKind::model);
        Context ctx = m_context;
        const Origin o = origin(e, ctx, row_text, Method::table, 1.0F);
        const auto node = add_node(kind, name, o);
        for (const auto& a : aliases) {
            add_alias(node, a, o);
        }
        const Origin lo = origin(e, ctx, "", Method::table, 1.0F);
        bool hf_set = false;
        bool arxiv_set = false;
        for (const auto& l : links) {
            switch (l.info.kind) {
            case md::LinkKind::code:
                add_attr(node, AttrKey::code, l.url, lo);
                break;
            case md::LinkKind::hf_model:
                if (kind == NodeKind::model && !hf_set && repo_names(l.info.hf_id, name)) {
                    add_attr(node, AttrKey::hf_id, l.info.hf_id, lo);
                    hf_set = true;
                }
                add_attr(node, AttrKey::url, l.url, lo);
                break;
            case md::LinkKind::paper:
                add_attr(node, AttrKey::url, l.url, lo);
                if (!arxiv_set && (!l.info.arxiv.empty() || !l.info.doi.empty())) {
                    if (kind == NodeKind::paper) {
                        add_attr(node, l.info.arxiv.empty() ? AttrKey::doi : AttrKey::arxiv,
                                 l.info.arxiv.empty() ? l.info.doi : l.info.arxiv, lo);
                    } else {
                        const std::string pname =
                            !l.info.arxiv.empty() ? "arXiv:" + l.info.arxiv : "doi:" + l.info.doi;
                        const auto pn = add_node(NodeKind::paper, pname, lo);
                        add_attr(pn, l.info.arxiv.empty() ? AttrKey::doi : AttrKey::arxiv,
                                 l.info.arxiv.empty() ? l.info.doi : l.info.arxiv, lo);
                        add_attr(pn, AttrKey::url, l.url, lo);
                        add_edge(node, EdgeKind::described_in, pn, lo);
                    }
                    arxiv_set = true;
                }
                break;
            default:
                add_attr(node, AttrKey::url, l.url, lo);
                break;
            }
        }
        // The training method and features say how a base was used.
        md::Relation hint = ctx.relation;
        for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
            const std::string l = lower(cell_text(cells[k]));
            if (h.columns[k] == md::Column::features) {
                if (l.find("scratch") != std::string::npos) {
                    hint = md::Relation::pretrain;
                } else if (contains_word(l, "prompting") ||
                           l.find("prompt crafting") != std::string::npos ||
                           l.find("prompt engineering") != std::string::npos ||
                           l.find("in-context") != std::string::npos || contains_word(l, "icl")) {
                    hint = md::Relation::prompt;
                }
            }
        }
        for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
            if (h.columns[k] == md::Column::method) {
                const std::string l = lower(cell_text(cells[k]));
                if (contains_word(l, "pt") || l.find("pre-train") != std::string::npos ||
                    l.find("pretrain") != std::string::npos ||
                    l.find("预训练") != std::string::npos) {
                    hint = md::Relation::pretrain;
                } else if (contains_word(l, "ft") || contains_word(l, "sft") ||
                           l.find("fine-tun") != std::string::npos ||
                           l.find("微调") != std::string::npos) {
                    hint = md::Relation::fine_tune;
                } else if (l.find("prompt") != std::string::npos || contains_word(l, "icl")) {
                    hint = md::Relation::prompt;
                }
            }
        }
        std::vector<Cue> cues;
        for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
            const std::string text = cell_text(cells[k]);
            if (text.empty()) {
                continue;
            }
            const Origin co =
                origin(e, ctx, md::plain_text(header_cells[k]) + ": " + text, Method::table, 0.95F);
            switch (h.columns[k]) {
            case md::Column::base:
                if (!graph::is_model_like(kind)) {
                    break;
                }
                for (const auto& v : md::split_values(text, true)) {
                    if (in(k_architectures, lower(v))) {
                        add_attr(node, AttrKey::note, "architecture: " + v, co);
                        continue;
                    }
                    Cue c;
                    c.method = Method::table;
                    c.confidence = 0.95F;
                    c.evidence = row_text;
                    c.relation = hint; // the row's method and features describe this base
                    if (const auto tf = md::family_of_token(v); tf && tf->plain) {
                        c.family = tf->family;
                        c.target = md::base_target(v, *tf);
                    } else {
                        c.target = trim_name(v);
                    }
                    cues.push_back(std::move(c));
                }
                break;
            case md::Column::size:
                for (const auto& s : md::parse_sizes(text, h.unit)) {
                    add_attr(node, AttrKey::parameters, s, co);
                }
                break;
            case md::Column::date:
                if (auto d = md::parse_date(text)) {
                    add_attr(node, AttrKey::year, std::to_string(d->year), co);
                    if (d->month > 0) {
                        add_attr(node, AttrKey::date, md::format_date(*d), co);
                    }
                }
                break;
            case md::Column::institution:
                for (const auto& v : md::split_values(text, false)) {
                    const auto inst = declare(NodeKind::institution, v, co);
                    add_edge(node, EdgeKind::developed_by, inst, co);
                }
                break;
            case md::Column::training_data:
                if (kind == NodeKind::model) {
                    for (const auto& v : md::split_values(text, false)) {
                        const Origin d = origin(e, ctx, row_text, Method::table, 0.8F);
                        const auto ds = declare(NodeKind::dataset, v, d);
                        add_edge(node, EdgeKind::trained_on, ds, d);
                    }
                }
                break;
            case md::Column::eval:
                if (kind == NodeKind::model) {
                    for (const auto& v : md::split_values(text, false)) {
                        eval_value(node, v, e, ctx, row_text);
                    }
                }
                break;
            case md::Column::features:
                if (kind == NodeKind::model) {
                    for (auto& c : md::bases_in_text(text)) {
                        cues.push_back(Cue{c.target, c.family,
                                           c.relation == md::Relation::unknown ? hint : c.relation,
                                           Method::table, c.confidence * 0.9F, c.evidence});
                    }
                }
                break;
            case md::Column::language:
                add_attr(node, AttrKey::languages, text, co);
                break;
            case md::Column::license:
                add_attr(node, AttrKey::license, text, co);
                break;
            default:
                break;
            }
        }
        if (graph::is_model_like(kind)) {
            for (const auto& n : std::vector<std::string>{name}) {
                for (const auto& nf : md::families_in_name(n)) {
                    cues.push_back(Cue{std::string(nf.family->name), nf.family,
                                       md::Relation::unknown, Method::name, nf.confidence,
                                       "name \"" + n + "\""});
                }
            }
            add_bases(node, name, aliases, std::move(cues), ctx.relation, e, ctx);
            if (const auto sized = graph::split_size_suffix(name)) {
                add_attr(node, AttrKey::parameters, sized->size,
                         origin(e, ctx, "size " + sized->size + " in the name \"" + name + "\"",
                                Method::name, 0.9F));
            }
        }
        return true;
    }

    /// An "Eval task" value: a task ("Biomedical NER", "Disease Prediction") or a benchmark.
    void eval_value(std::uint32_t node, const std::string& v, const EntrySource& e,
                    const Context& ctx, const std::string& row_text) {
        const std::string l = lower(v);
        bool task = false;
        for (const auto& w : split_words(l)) {
            task = task || in(k_task_words, w) || in(k_task_acronyms, w);
        }
        const auto words = split_words(v);
        const bool named =
            std::any_of(words.begin(), words.end(),
                        [](const std::string& w) { return strongly_name_like(w); }) ||
            contains_word(l, "challenge") || contains_word(l, "corpus") ||
            contains_word(l, "benchmark");
        if (task && !(named && !in(k_task_acronyms, l))) {
            const Origin o = origin(e, ctx, row_text, Method::table, 0.8F);
            const auto t = declare(NodeKind::task, v, o);
            add_edge(node, EdgeKind::addresses, t, o);
            return;
        }
        if (!task && !named && words.size() > 1) {
            const Origin o = origin(e, ctx, row_text, Method::table, 0.6F);
            const auto t = declare(NodeKind::task, v, o);
            add_edge(node, EdgeKind::addresses, t, o);
            return;
        }
        const Origin o = origin(e, ctx, row_text, Method::table, 0.8F);
        const auto ds = declare(NodeKind::dataset, v, o);
        add_edge(node, EdgeKind::evaluated_on, ds, o);
    }

    std::string_view m_input;
    MarkdownRead& m_out;
    FactBatch& m_batch;
    std::string m_text;
    std::string m_line_buffer;
    std::vector<std::string_view> m_lines;
    std::size_t m_h1_count = 0;

    bool m_fence_open = false;
    char m_fence_char = '`';
    std::size_t m_fence_len = 3;
    std::uint32_t m_fence_line = 0;
    bool m_comment_open = false;
    std::uint32_t m_comment_line = 0;
    std::size_t m_bibtex_depth = 0;

    std::vector<std::pair<int, std::string>> m_headings;
    std::uint32_t m_last_heading_line = 0;
    std::size_t m_blocks_since_heading = 0;
    int m_real_level = 1; ///< level of the last real heading (a <summary> goes one below it)
    Context m_context;
    std::unordered_map<std::string, std::uint32_t> m_section_index;
    std::unordered_map<std::uint32_t, std::size_t> m_section_entries;

    bool m_list_open = false;
    bool m_list_follows_heading = false;
    std::uint32_t m_list_first_line = 0;
    std::uint32_t m_list_last_line = 0;
    std::vector<Item> m_items;
    std::vector<std::uint32_t> m_stack;
    std::vector<std::uint32_t> m_roots;

    std::unordered_map<std::string, std::vector<std::uint32_t>> m_by_fold;
    std::unordered_map<std::uint32_t, std::vector<std::pair<AttrKey, std::string>>> m_attr_seen;
    std::vector<PendingBase> m_pending;
};

} // namespace

MarkdownRead read_markdown_detailed(std::string_view text, std::string source) {
    MarkdownRead out;
    out.batch.source = std::move(source);
    Reader reader(text, out);
    reader.run();
    return out;
}

FactBatch read_markdown_list(std::string_view text, std::string source) {
    return read_markdown_detailed(text, std::move(source)).batch;
}

bool looks_like_markdown_list(std::string_view text) {
    const std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 64 * 1024));
    const std::string_view t = util::trim(head);
    if (t.empty() || t.front() == '{' || t.front() == '[' || t.starts_with("<?xml") ||
        t.starts_with("<graphml")) {
        return false;
    }
    std::size_t headings = 0;
    std::size_t linked_items = 0;
    std::size_t tables = 0;
    std::size_t start = 0;
    while (start < head.size()) {
        auto nl = head.find('\n', start);
        const std::string_view line = util::trim(
            head.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        start = nl == std::string_view::npos ? head.size() : nl + 1;
        if (line.starts_with("# ") || line.starts_with("## ") || line.starts_with("### ") ||
            line.starts_with("#### ")) {
            ++headings;
        } else if ((line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")) &&
                   (line.find("](") != std::string_view::npos ||
                    line.find("**") != std::string_view::npos ||
                    line.find("http") != std::string_view::npos)) {
            ++linked_items;
        } else if (line.starts_with("|") && md::is_delimiter_row(line)) {
            ++tables;
        }
    }
    return (headings >= 1 && (linked_items >= 2 || tables >= 1)) || linked_items >= 5;
}

} // namespace medkg::ingest
