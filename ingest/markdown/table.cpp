#include "ingest/markdown/table.hpp"

#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/names.hpp"
#include "ingest/markdown/text.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace medkg::ingest::md {

namespace {

/// "microsoft/phi-4" -> "phi-4".
std::string_view last_segment_of(std::string_view id) {
    const auto slash = id.rfind('/');
    return slash == std::string_view::npos ? id : id.substr(slash + 1);
}


constexpr std::string_view k_model_names[] = {
    "model",  "models",   "model name", "model names", "name",    "names",
    "llm",    "llms",     "system",     "systems",     "project", "projects",
    "模型",   "模型名称", "名称",       "项目",        "模型名",  "项目名称",
    "大模型", "モデル",   "モデル名",   "model_name",  "model id", "モデル名称"};
constexpr std::string_view k_method_names[] = {"method", "methods", "approach", "approaches"};
constexpr std::string_view k_data_names[] = {"data",      "dataset",    "datasets",
                                             "dataset name", "dataset names", "数据集名称",
                                             "benchmark name", "name of dataset", "データセット名",
                                             "benchmark", "benchmarks", "数据集",
                                             "数据",      "corpus",     "corpora"};
constexpr std::string_view k_paper_names[] = {"paper", "papers", "title", "论文", "论文标题"};
constexpr std::string_view k_base_names[] = {"base",
                                             "base model",
                                             "base models",
                                             "backbone",
                                             "backbones",
                                             "base llm",
                                             "foundation model",
                                             "foundation",
                                             "底座",
                                             "底座模型",
                                             "基座",
                                             "基座模型",
                                             "基础模型",
                                             "主干",
                                             "主干模型",
                                             "pretrained model",
                                             "pre-trained model",
                                             "initialization",
                                             "init",
                                             "base llms",
                                             "ベースのllm",
                                             "ベースのvlm",
                                             "ベースモデル",
                                             "ベース",
                                             "元モデル",
                                             "基盤モデル",
                                             "pretraining/base",
                                             "pretraining",
                                             "pre-training",
                                             "pretrained",
                                             "base/pretraining",
                                             "base model/pretraining"};
constexpr std::string_view k_merge_names[] = {"マージ元のllm", "マージ元のllm・vlm", "マージ元のvlm",
                                              "merged from", "merge of", "merged models",
                                              "merge base", "合并来源"};
constexpr std::string_view k_architecture_names[] = {"architecture", "arch", "アーキテクチャ",
                                                     "架构", "模型架构", "model architecture",
                                                     "model type", "type of model"};
constexpr std::string_view k_size_names[] = {
    "para",     "params",     "parameters", "#params",     "# params", "param",
    "size",     "model size", "sizes",      "参数",        "参数量",   "规模",
    "模型大小", "#param",     "parameter",  "# of params", "模型规模"};
constexpr std::string_view k_date_names[] = {
    "date",     "time",        "release",   "release date",
    "released", "year",        "published", "publication date",
    "发布时间", "时间",        "日期",      "发布日期",
    "年份",     "release time", "公開年",   "公開日",
    "リリース日", "発表日"};
constexpr std::string_view k_link_names[] = {
    "link",        "links",      "url",      "urls",         "code",     "github",
    "repo",        "repository", "homepage", "project page", "website",  "地址",
    "链接",        "项目地址",   "代码",     "paper link",   "weights",  "checkpoint",
    "huggingface", "resources",  "代码地址", "论文地址",     "模型地址", "source"};
constexpr std::string_view k_institution_names[] = {
    "institution", "institutions", "organization", "organisation",  "org",      "affiliation",
    "team",        "developer",    "developers",   "company",       "机构",     "单位",
    "团队",        "开发者",       "开发机构",     "organizations", "institute",
    "開発元",      "開発者",       "公司",         "企业",          "parent",
    "developed by", "provider",    "vendor"};
constexpr std::string_view k_training_names[] = {
    "training data",     "train data",       "training dataset", "training datasets",
    "pre-training data", "pretraining data", "fine-tuning data", "finetuning data",
    "sft data",          "训练数据",         "训练数据集",       "数据来源",
    "training corpus",   "instruction data",  "学習テキスト",   "学習データ",
    "学習コーパス",      "学習画像/テキスト", "训练语料"};
constexpr std::string_view k_eval_names[] = {"eval task",
                                             "eval tasks",
                                             "evaluation",
                                             "evaluation task",
                                             "evaluation tasks",
                                             "eval",
                                             "evaluated on",
                                             "评测",
                                             "评估",
                                             "评测任务",
                                             "测试集",
                                             "evaluation benchmark",
                                             "evaluation benchmarks",
                                             "eval benchmark",
                                             "downstream tasks",
                                             "tasks",
                                             "task"};
constexpr std::string_view k_feature_names[] = {
    "features", "feature", "description", "notes", "note", "remarks",    "comment", "comments",
    "简介",     "特点",    "介绍",        "描述",  "备注", "highlights", "summary", "details",
    "说明",     "説明",    "概要",        "misc",  "other", "notes/misc"};
constexpr std::string_view k_training_method_names[] = {
    "training method", "training", "type of training", "训练方式", "方法",
    "training type",   "tuning"};
constexpr std::string_view k_language_names[] = {"language", "languages", "lang", "语言"};
constexpr std::string_view k_license_names[] = {"license",   "licence",   "许可", "协议",
                                                "licenses",  "ライセンス", "许可证",
                                                "ライセンス / 利用規約", "license / terms"};

/// A header cell reduced to its words; a unit in parentheses is reported in `unit`.
std::string normalise_header(std::string_view cell, std::string& unit) {
    std::string h = lower(strip_emoji(clean_latex(plain_text(cell))));
    // A remark in full-width parentheses: "マージ元のLLM（太字は日本語LLM）".
    for (auto open = h.find("\uFF08"); open != std::string::npos; open = h.find("\uFF08")) {
        const auto close = h.find("\uFF09", open);
        h.erase(open, close == std::string::npos ? std::string::npos : close + 3 - open);
    }
    std::string out;
    std::size_t i = 0;
    while (i < h.size()) {
        if (h[i] == '(') {
            const auto close = h.find(')', i);
            const std::string inner = std::string(util::trim(
                h.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1)));
            if (inner == "b" || inner == "billion" || inner == "bn") {
                unit = "B";
            } else if (inner == "m" || inner == "million") {
                unit = "M";
            }
            i = close == std::string::npos ? h.size() : close + 1;
            continue;
        }
        out += h[i];
        ++i;
    }
    // Trailing punctuation and white space: "para." -> "para".
    while (!out.empty() &&
           (out.back() == '.' || out.back() == ':' || out.back() == ' ' || out.back() == '*')) {
        out.pop_back();
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

bool is_dash_value(std::string_view v) {
    const std::string l = lower(util::trim(v));
    return l.empty() || l == "-" || l == "--" || l == "—" || l == "–" || l == "n/a" || l == "na" ||
           l == "none" || l == "/" || l == "?" || l == "null" || l == "无" || l == "暂无" ||
           l == "tbd" || l == "unknown";
}

bool all_digits_or_dot(std::string_view v) {
    if (v.empty()) {
        return false;
    }
    return std::all_of(v.begin(), v.end(), [](char c) { return is_digit(c) || c == '.'; });
}

} // namespace

std::vector<std::string> split_row(std::string_view line) {
    std::vector<std::string> cells;
    std::string_view t = util::trim(line);
    const bool leading = !t.empty() && t.front() == '|';
    std::string cur;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
            cur += '|';
            ++i;
            continue;
        }
        if (t[i] == '|') {
            cells.emplace_back(util::trim(cur));
            cur.clear();
            continue;
        }
        cur += t[i];
    }
    const bool trailing =
        !t.empty() && t.back() == '|' && !(t.size() >= 2 && t[t.size() - 2] == '\\');
    if (!trailing) {
        cells.emplace_back(util::trim(cur));
    }
    if (leading && !cells.empty()) {
        cells.erase(cells.begin());
    }
    return cells;
}

bool is_delimiter_row(std::string_view line) {
    const std::string_view t = util::trim(line);
    if (t.find('-') == std::string_view::npos || t.find('|') == std::string_view::npos) {
        // A one-column delimiter without pipes is a thematic break, not a table.
        return false;
    }
    const auto cells = split_row(t);
    if (cells.empty()) {
        return false;
    }
    for (const auto& c : cells) {
        std::string_view v = util::trim(c);
        if (v.empty()) {
            return false;
        }
        if (v.front() == ':') {
            v.remove_prefix(1);
        }
        if (!v.empty() && v.back() == ':') {
            v.remove_suffix(1);
        }
        if (v.empty() || v.find_first_not_of('-') != std::string_view::npos) {
            return false;
        }
    }
    return true;
}

TableHeader classify_header(const std::vector<std::string>& cells) {
    TableHeader h;
    std::vector<std::string> norm(cells.size());
    std::string size_unit;
    for (std::size_t k = 0; k < cells.size(); ++k) {
        std::string unit;
        norm[k] = normalise_header(cells[k], unit);
        if (!unit.empty() && in(k_size_names, norm[k])) {
            size_unit = unit;
        }
    }
    // Headers that are not one of the words above say what they hold by a word inside them:
    // "模型参数大小", "底座名称", "Release Date", "是否可商用".
    const auto contains = [](const std::string& n, std::initializer_list<std::string_view> words) {
        for (auto w : words) {
            if (n.find(w) != std::string::npos) {
                return true;
            }
        }
        return false;
    };
    // A grouped header ("base model › model name", "base model › # params"): the column is what
    // its own name says, and a name under a base-model group names bases.
    for (auto& n : norm) {
        const auto mark = n.find("\u203A");
        if (mark == std::string::npos) {
            continue;
        }
        const std::string group(util::trim(std::string_view(n).substr(0, mark)));
        const std::string sub(util::trim(std::string_view(n).substr(mark + 3)));
        const bool base_group = in(k_base_names, group) || group.find("base") != std::string::npos ||
                                group.find("底座") != std::string::npos;
        if (base_group) {
            n = in(k_model_names, sub) || sub.empty() ? "base" : "base " + sub;
        } else {
            n = sub.empty() ? group : sub;
        }
    }
    for (auto& n : norm) {
        const bool known =
            in(k_model_names, n) || in(k_method_names, n) || in(k_data_names, n) ||
            in(k_paper_names, n) || in(k_base_names, n) || in(k_size_names, n) ||
            in(k_date_names, n) || in(k_link_names, n) || in(k_institution_names, n) ||
            in(k_training_names, n) || in(k_eval_names, n) || in(k_feature_names, n) ||
            in(k_training_method_names, n) || in(k_language_names, n) || in(k_license_names, n) ||
            in(k_merge_names, n) || in(k_architecture_names, n);
        if (known || n.empty()) {
            continue;
        }
        if (contains(n, {"paper", "title", "论文", "标题"}) &&
            !contains(n, {"link", "url", "地址", "链接"})) {
            n = "title"; // "Paper name", "Paper title", "论文名称"
        } else if (n.ends_with("name") || n.ends_with("名称") || n.ends_with("名字")) {
            if (contains(n, {"base", "foundation", "底座", "基座"})) {
                h.bases = true;
            }
            n = contains(n, {"dataset", "benchmark", "数据", "corpus"}) ? "dataset" : "name";
        } else if (contains(n, {"マージ元", "merged from"})) {
            n = "merged from";
        } else if (contains(n, {"底座", "基座", "backbone", "base model", "基础模型", "ベースの"})) {
            n = "base";
        } else if (contains(n, {"アーキテクチャ", "architecture", "架构"})) {
            n = "architecture";
        } else if (contains(n, {"参数", "param"})) {
            n = "params";
        } else if (contains(n, {"date", "时间", "日期", "year"})) {
            n = "date";
        } else if (contains(n, {"训练数据", "训练语料", "training data", "pretraining data"})) {
            n = "training data";
        } else if (contains(n, {"评测", "eval", "benchmark"})) {
            n = "evaluation";
        } else if (contains(n, {"机构", "单位", "institution", "organi"})) {
            n = "institution";
        } else if (contains(n, {"商用", "license", "licence", "许可", "ライセンス"})) {
            n = "license";
        } else if (contains(n, {"地址", "链接", "link", "url", "github"})) {
            n = "link";
        }
    }
    h.columns.assign(cells.size(), Column::other);
    // The name column: a model column first, then a method column, then data, then papers.
    std::optional<std::size_t> name;
    const auto first_of = [&](const auto& list) -> std::optional<std::size_t> {
        for (std::size_t k = 0; k < norm.size(); ++k) {
            if (in(list, norm[k])) {
                return k;
            }
        }
        return std::nullopt;
    };
    // "Project", "System", "LLM" name a table's rows less surely than "Dataset Name" does.
    static constexpr std::string_view k_weak_model_names[] = {
        "llm", "llms", "system", "systems", "project", "projects", "项目", "项目名称"};
    static constexpr std::string_view k_strong_data_names[] = {
        "dataset name", "dataset names", "数据集名称", "benchmark name", "name of dataset",
        "データセット名", "dataset", "datasets", "数据集"};
    const auto strong_model = [&]() -> std::optional<std::size_t> {
        for (std::size_t k = 0; k < norm.size(); ++k) {
            if (in(k_model_names, norm[k]) && !in(k_weak_model_names, norm[k])) {
                return k;
            }
        }
        return std::nullopt;
    };
    if (auto k = strong_model()) {
        name = k;
        h.kind = TableKind::model;
    } else if (auto sd = first_of(k_strong_data_names)) {
        name = sd;
        h.kind = TableKind::dataset;
    } else if (auto w = first_of(k_model_names)) {
        name = w;
        h.kind = TableKind::model;
    } else if (auto m = first_of(k_method_names)) {
        name = m;
        h.kind = TableKind::model;
    } else if (auto d = first_of(k_data_names)) {
        name = d;
        h.kind = TableKind::dataset;
    } else if (auto p = first_of(k_paper_names)) {
        name = p;
        h.kind = TableKind::paper;
    }
    if (name) {
        h.columns[*name] = Column::name;
    }
    for (std::size_t k = 0; k < norm.size(); ++k) {
        if (name && k == *name) {
            continue;
        }
        const std::string& n = norm[k];
        Column c = Column::other;
        if (in(k_base_names, n)) {
            c = Column::base;
        } else if (in(k_merge_names, n)) {
            c = Column::merge_base;
        } else if (in(k_architecture_names, n)) {
            c = Column::architecture;
        } else if (in(k_size_names, n)) {
            c = h.kind == TableKind::model ? Column::size : Column::other;
        } else if (in(k_date_names, n)) {
            c = Column::date;
        } else if (in(k_institution_names, n)) {
            c = Column::institution;
        } else if (in(k_training_names, n)) {
            c = Column::training_data;
        } else if (in(k_eval_names, n)) {
            c = Column::eval;
        } else if (in(k_feature_names, n)) {
            c = Column::features;
        } else if (in(k_language_names, n)) {
            c = Column::language;
        } else if (in(k_license_names, n)) {
            c = Column::license;
        } else if (in(k_method_names, n) || in(k_training_method_names, n)) {
            c = Column::method;
        } else if (in(k_data_names, n)) {
            c = (n == "benchmark" || n == "benchmarks") ? Column::eval : Column::training_data;
        } else if (in(k_paper_names, n)) {
            c = name ? Column::title : Column::link;
        } else if (in(k_link_names, n)) {
            c = Column::link;
        } else if (in(k_model_names, n)) {
            c = Column::other;
        }
        h.columns[k] = c;
    }
    h.unit = size_unit;
    return h;
}

std::optional<std::size_t> name_column_from_rows(const TableHeader& header,
                                                 const std::vector<std::vector<std::string>>& rows) {
    const std::size_t width = header.columns.size();
    for (std::size_t k = 0; k < width; ++k) {
        if (header.columns[k] != Column::other) {
            continue;
        }
        std::size_t filled = 0;
        std::size_t named = 0;
        std::size_t linked = 0;
        for (const auto& row : rows) {
            if (k >= row.size()) {
                continue;
            }
            const std::string text(util::trim(clean_latex(plain_text(row[k]))));
            if (text.empty() || is_dash_value(text)) {
                continue;
            }
            ++filled;
            bool link = false;
            for (const auto& l : find_links(row[k])) {
                link = link || (!l.image && !plain_text(l.label).empty());
            }
            linked += link ? 1 : 0;
            // A short name: letters, a few words, not a number or a date.
            const std::string first_line = text.substr(0, text.find('\n'));
            std::size_t words = 1;
            for (char c : first_line) {
                words += c == ' ' ? 1 : 0;
            }
            const bool number = all_digits_or_dot(first_line) || parse_date(first_line).has_value();
            bool letters = false;
            for (const char c : first_line) {
                letters = letters || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          static_cast<unsigned char>(c) >= 0x80;
            }
            if ((link || (words <= 6 && first_line.size() <= 60)) && letters && !number) {
                ++named;
            }
        }
        if (filled >= 1 && named * 10 >= filled * 7 && linked * 3 >= filled) {
            return k;
        }
    }
    return std::nullopt;
}

std::vector<std::string> split_values(std::string_view cell_in, bool split_slash) {
    std::string cell = clean_latex(plain_text(cell_in));
    std::vector<std::string> raw;
    // An `org/name` Hub id is one value; other slashes separate values when asked.
    const auto is_hub_id = [](std::string_view v) {
        const auto slash = v.find('/');
        return slash != std::string_view::npos && slash > 0 && slash + 1 < v.size() &&
               v.find('/', slash + 1) == std::string_view::npos &&
               v.find(' ') == std::string_view::npos &&
               family_by_key(fold_with_offsets(v.substr(0, slash)).text) == nullptr &&
               [&] { // "Qwen2.5/Llama3.2": two bases; "deepseek-ai/X": a Hub id
                   const auto tf = family_of_token(v.substr(0, slash));
                   return !(tf && tf->plain);
               }();
    };
    std::string cur;
    const auto flush = [&] {
        const std::string v(util::trim(cur));
        cur.clear();
        if (!split_slash || v.find('/') == std::string::npos || is_hub_id(v)) {
            raw.push_back(v);
            return;
        }
        for (const auto part : util::split(v, '/')) {
            raw.emplace_back(util::trim(part));
        }
    };
    std::size_t i = 0;
    int depth = 0; // brackets hold one value's remark: "llm-jp-corpus (Wikipedia, Stack)"
    while (i < cell.size()) {
        const char c = cell[i];
        if (c == '(' || c == '[' || cell.compare(i, 3, "（") == 0) {
            ++depth;
        } else if ((c == ')' || c == ']' || cell.compare(i, 3, "）") == 0) && depth > 0) {
            --depth;
        }
        // "約2,700万文": a thousands separator, not a list.
        const bool thousands = c == ',' && i > 0 && i + 1 < cell.size() &&
                               is_digit(cell[i - 1]) && is_digit(cell[i + 1]);
        if (depth > 0 || thousands) {
            cur += c;
            ++i;
            continue;
        }
        if (c == ',' || c == ';') {
            flush();
            ++i;
            continue;
        }
        if (cell.compare(i, 3, "、") == 0 || cell.compare(i, 3, "，") == 0 ||
            cell.compare(i, 3, "；") == 0) {
            flush();
            i += 3;
            continue;
        }
        if (cell.compare(i, 5, " and ") == 0 || cell.compare(i, 3, " & ") == 0) {
            flush();
            i += cell.compare(i, 5, " and ") == 0 ? std::size_t{5} : std::size_t{3};
            continue;
        }
        cur += c;
        ++i;
    }
    flush();
    std::vector<std::string> out;
    for (auto& v : raw) {
        if (is_dash_value(v)) {
            continue;
        }
        // "i2b2 2010, 2012": a bare number continues the previous value's stem.
        if (all_digits_or_dot(v) && !out.empty()) {
            const std::string& prev = out.back();
            std::size_t e = prev.size();
            while (e > 0 && (is_digit(prev[e - 1]) || prev[e - 1] == '.')) {
                --e;
            }
            if (e < prev.size() && e > 0 && prev[e - 1] == ' ') {
                out.push_back(prev.substr(0, e) + v);
                continue;
            }
            // "UniRef100, 90, 50": a number glued to a name's letters.
            if (e < prev.size() && e > 0 && is_alpha(prev[e - 1]) && v.find('.') == std::string::npos) {
                out.push_back(prev.substr(0, e) + v);
                continue;
            }
        }
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<std::string> parse_sizes(std::string_view cell, std::string_view unit) {
    std::vector<std::string> out;
    for (std::string v : split_values(cell, true)) {
        // "~7", "≈ 13": approximations keep their number.
        std::string t;
        for (char c : v) {
            if (c != ' ' && c != '~') {
                t += c;
            }
        }
        if (t.starts_with("≈")) {
            t = t.substr(3);
        }
        if (auto size = parse_size(t)) {
            out.push_back(*size);
            continue;
        }
        bool number = !t.empty() && is_digit(t.front());
        bool sep = false;
        for (char c : t) {
            if (is_digit(c)) {
                continue;
            }
            if ((c == '.' || c == 'x' || c == 'X') && !sep) {
                sep = true;
                continue;
            }
            number = false;
        }
        if (number && is_digit(t.back())) {
            if (auto size = parse_size(t + (unit.empty() ? std::string("B") : std::string(unit)))) {
                out.push_back(*size);
            }
        }
    }
    return out;
}

std::optional<Date> parse_date(std::string_view text) {
    static constexpr std::array<std::string_view, 12> months{
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    const std::size_t n = text.size();
    for (std::size_t i = 0; i + 4 <= n; ++i) {
        if (!is_digit(text[i]) || (i > 0 && is_digit(text[i - 1]))) {
            continue;
        }
        std::size_t e = i;
        while (e < n && is_digit(text[e])) {
            ++e;
        }
        const std::string_view digits = text.substr(i, e - i);
        if (digits.size() == 4 && (digits.starts_with("19") || digits.starts_with("20"))) {
            Date d;
            d.year = std::stoi(std::string(digits));
            // YYYY[./-]M(M)
            if (e + 1 < n && (text[e] == '.' || text[e] == '/' || text[e] == '-')) {
                std::size_t m = e + 1;
                while (m < n && is_digit(text[m])) {
                    ++m;
                }
                if (m - e - 1 >= 1 && m - e - 1 <= 2) {
                    const int month = std::stoi(std::string(text.substr(e + 1, m - e - 1)));
                    if (month >= 1 && month <= 12) {
                        d.month = month;
                    }
                }
            } else if (text.compare(e, 3, "年") == 0) {
                std::size_t m = e + 3;
                while (m < n && is_digit(text[m])) {
                    ++m;
                }
                if (m - e - 3 >= 1 && m - e - 3 <= 2) {
                    const int month = std::stoi(std::string(text.substr(e + 3, m - e - 3)));
                    if (month >= 1 && month <= 12) {
                        d.month = month;
                    }
                }
            }
            // M(M)/YYYY
            if (d.month == 0 && i >= 2 &&
                (text[i - 1] == '/' || text[i - 1] == '-' || text[i - 1] == '.')) {
                std::size_t b = i - 1;
                while (b > 0 && is_digit(text[b - 1])) {
                    --b;
                }
                if (i - 1 - b >= 1 && i - 1 - b <= 2 && (b == 0 || !is_digit(text[b - 1]))) {
                    const int month = std::stoi(std::string(text.substr(b, i - 1 - b)));
                    if (month >= 1 && month <= 12) {
                        d.month = month;
                    }
                }
            }
            // Month YYYY
            if (d.month == 0 && i >= 4) {
                const std::string before =
                    lower(text.substr(i >= 12 ? i - 12 : 0, i - (i >= 12 ? i - 12 : 0)));
                std::size_t best = std::string::npos;
                int month = 0;
                for (std::size_t k = 0; k < months.size(); ++k) {
                    const auto at = before.rfind(months[k]);
                    if (at != std::string::npos && (best == std::string::npos || at > best)) {
                        best = at;
                        month = static_cast<int>(k) + 1;
                    }
                }
                if (best != std::string::npos &&
                    (best == 0 || !std::isalpha(static_cast<unsigned char>(before[best - 1])))) {
                    // Only when nothing but the month word's letters, dots, commas and spaces
                    // stand between it and the year.
                    bool clean = true;
                    for (std::size_t k = best; k < before.size(); ++k) {
                        const char c = before[k];
                        if (!(std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '.' ||
                              c == ',' || c == ' ')) {
                            clean = false;
                        }
                    }
                    if (clean) {
                        d.month = month;
                    }
                }
            }
            return d;
        }
        i = e - 1;
    }
    return std::nullopt;
}

std::string format_date(const Date& d) {
    std::string out = std::to_string(d.year);
    if (d.month > 0) {
        out += d.month < 10 ? "-0" : "-";
        out += std::to_string(d.month);
    }
    return out;
}

/// The dataset a value of a training-data cell names, without its statistics: "日本語 Wikipedia
/// (0.88B トークン)" -> "日本語 Wikipedia", "+ Japanese CC-100" -> "Japanese CC-100",
/// "SFT: Dolly Dataset" -> "Dolly Dataset". Empty for what names none: statistics ("(計 2.1T
/// トークン)", "700万文 (3.2GB)"), training steps ("事前学習 + SFT"), prose
/// ("オープンソースの日本語コーパス", "Web コーパスで継続事前学習") and fragments.
std::string dataset_in_cell_value(std::string_view value) {
    std::string v(util::trim(value));
    // Footnote marks: "様々な合成データ [^19]".
    for (auto at = v.find("[^"); at != std::string::npos; at = v.find("[^")) {
        const auto close = v.find(']', at);
        v.erase(at, close == std::string::npos ? std::string::npos : close - at + 1);
    }
    v = std::string(util::trim(v));
    if (const auto colon = v.rfind(": "); colon != std::string::npos) {
        v = std::string(util::trim(std::string_view(v).substr(colon + 2)));
    }
    while (!v.empty() && (v.front() == '+' || v.front() == ' ')) {
        v.erase(0, 1);
    }
    if (v.starts_with("＋")) {
        v.erase(0, std::string_view("＋").size());
    }
    // Trailing remarks in brackets, nested or not: sizes, counts, subsets.
    for (bool again = true; again && !v.empty();) {
        again = false;
        const bool ascii = v.back() == ')';
        if (!ascii && !v.ends_with("）")) {
            break;
        }
        int d = 0;
        for (std::size_t k = v.size(); k-- > 0;) {
            if (v[k] == ')' || v.compare(k, 3, "）") == 0) {
                ++d;
            } else if (v[k] == '(' || v.compare(k, 3, "（") == 0) {
                if (--d == 0) {
                    if (k > 0) {
                        v = std::string(util::trim(std::string_view(v).substr(0, k)));
                        again = true;
                    }
                    break;
                }
            }
        }
    }
    int depth = 0;
    bool unbalanced = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '(' || v.compare(i, 3, "（") == 0) {
            ++depth;
        } else if (v[i] == ')' || v.compare(i, 3, "）") == 0) {
            unbalanced = unbalanced || depth == 0;
            depth = std::max(0, depth - 1);
        }
    }
    static constexpr std::string_view k_not_data[] = {"計",           "約",
                                                      "トークン",     "万文",
                                                      "億文",         "記事",
                                                      "事前学習",     "学習",
                                                      "チューニング", "ファインチューニング",
                                                      "マージ",       "蒸留",
                                                      "による",       "から",
                                                      "の",           "的",
                                                      "tuning",       "fine-tuning",
                                                      "pre-training", "pretraining",
                                                      "など",         "に対して",
                                                      "を使用",       "や",
                                                      "不明",         "ウォームアップ",
                                                      "アライメント", "optimization"};
    const std::string l = lower(v);
    bool prose = false;
    for (const auto w : k_not_data) {
        prose = prose || l.find(w) != std::string::npos;
    }
    const bool statistic = !v.empty() && is_digit(v.front());
    if (v.empty() || unbalanced || depth != 0 || prose || statistic || v.ends_with(":") ||
        v.ends_with("：") || count_letters(v) == 0 || !not_a_name(v).empty()) {
        return {};
    }
    // Training steps rather than data ("SFT", "SFT + DPO"), and words that stand for data
    // without naming it ("日本語", "独自", "base").
    static constexpr std::string_view k_steps[] = {"sft",  "dpo", "rlhf", "ppo", "grpo",
                                                   "lora", "pt",  "cpt",  "rl"};
    static constexpr std::string_view k_placeholders[] = {
        "英語", "日本語",  "中文",   "英文",       "コード", "多言語",  "独自",     "独自データ",
        "base", "unknown", "非公開", "合成データ", "code",   "english", "japanese", "chinese"};
    for (const auto part : util::split(l, '+')) {
        if (in(k_steps, util::trim(part))) {
            return {};
        }
    }
    if (in(k_placeholders, l) || v.front() == '(' || v.front() == '[' || v.starts_with("（")) {
        return {};
    }
    return v;
}

/// The language model of a vision-language model's parts: "Sarashina2 + Qwen2-VL + 2-layer MLP",
/// "LLaVA (llm-jp-4-8b-instruct + siglip2-so400m + 2層MLP)", "microsoft/phi-4 + siglip-…" -> the
/// first part that is neither an encoder nor a projector, when some other part is one. Empty
/// when the cell is not such a list.
std::string language_model_of_parts(std::string_view text) {
    std::string_view t = util::trim(text);
    if (const auto open = t.find('('); open != std::string_view::npos && t.ends_with(")") &&
                                       t.find('+', open) != std::string_view::npos) {
        t = t.substr(open + 1, t.size() - open - 2); // "LLaVA (A + B)": the parts in brackets
    }
    if (t.find('+') == std::string_view::npos) {
        return {};
    }
    static constexpr std::string_view components[] = {
        "siglip",   "clip",    "vit",       "mlp", "projector", "encoder", "エンコーダ",
        "q-former", "qformer", "resampler", "eva", "whisper",   "dinov2",  "adapter"};
    const auto component = [](std::string_view part) {
        const std::string l = lower(part);
        for (const auto c : components) {
            if (l.find(c) != std::string::npos) {
                return true;
            }
        }
        const auto words = split_words(l);
        return std::find(words.begin(), words.end(), "vl") != words.end();
    };
    std::vector<std::string_view> parts;
    for (const auto p : util::split(t, '+')) {
        parts.push_back(util::trim(p));
    }
    if (parts.size() < 2 || std::none_of(parts.begin(), parts.end(), component)) {
        return {};
    }
    for (const auto p : parts) {
        if (!component(p) && !p.empty() && p.find(' ') == std::string_view::npos &&
            (md::looks_like_model_name(last_segment_of(p)) ||
             md::family_of_token(last_segment_of(p)))) {
            return std::string(p);
        }
        if (!component(p)) {
            return {}; // the first part that is no component is not a model's name
        }
    }
    return {};
}

} // namespace medkg::ingest::md
