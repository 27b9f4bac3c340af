#include "ingest/markdown/sections.hpp"

#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/text.hpp"
#include "ingest/markdown/vocabulary.hpp"

#include <cctype>

namespace medkg::ingest::md {

// ---------------------------------------------------------------------------------------------
// Sections

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

bool is_news_heading(std::string_view title) {
    const std::string key = heading_key(title);
    if (key.empty() || split_words(key).size() > 6) {
        return false;
    }
    for (auto p : {"news", "latest news", "update", "updates", "what s new", "whats new", "新闻",
                   "动态", "最新动态", "更新", "更新日志", "ニュース", "お知らせ"}) {
        if (key == p || (key.starts_with(p) && key.size() > std::string_view(p).size() &&
                         key[std::string_view(p).size()] == ' ')) {
            return true;
        }
    }
    return key.size() > 5 && key.ends_with(" news");
}

bool is_contents_heading(std::string_view title) {
    const std::string key = heading_key(title);
    for (auto p : {"table of contents", "table of content", "contents", "content", "toc", "目录"}) {
        if (key == p) {
            return true;
        }
    }
    return false;
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
    c.scratch = false;
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
            if (l.find("継続事前学習") != std::string::npos ||
                l.find("フルスクラッチ") != std::string::npos) {
                c.relation = md::Relation::pretrain;
                relation_set = true;
            } else if (l.find("事後学習") != std::string::npos ||
                       l.find("ファインチューニング") != std::string::npos ||
                       l.find("指示チューニング") != std::string::npos) {
                c.relation = md::Relation::fine_tune;
                relation_set = true;
            } else if (l.find("prompt") != std::string::npos ||
                       l.find("提示") != std::string::npos) {
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
        if (l.find("スクラッチ") != std::string::npos || l.find("from scratch") != std::string::npos ||
            l.find("从头") != std::string::npos || l.find("从零") != std::string::npos) {
            c.scratch = true;
        }
    }
    c.task = task_of(c.titles);
}

} // namespace medkg::ingest::md
