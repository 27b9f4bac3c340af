// Bases stated in Chinese (基于X, 以X为底座, 在X上继续预训练, 对X进行微调, 包括X、Y) and Japanese
// (X ベース, X に対して追加学習) prose. Tokens and Chinese names are cjk_text.cpp's, arrow chains
// chains.cpp's, English cues bases.cpp's.

#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/cjk_text.hpp"
#include "ingest/markdown/cues.hpp"

#include "graph/names.hpp"
#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/text.hpp"

#include <algorithm>
#include <optional>

namespace medkg::ingest::md {

void chinese_cues(std::string_view text, std::vector<BaseCue>& cues) {
    bool has_cjk = false;
    for (std::size_t i = 0; i < text.size() && !has_cjk;) {
        has_cjk = is_cjk(next_code_point(text, i));
    }
    if (!has_cjk) {
        return;
    }
    const CodePoints cp = decode(text);
    const auto& cps = cp.cps;
    static const auto based = utf32("基于");
    static const auto take = utf32("以");
    static const auto towards = utf32("对");
    static const auto in_word = utf32("在");
    static const std::vector<std::vector<std::uint32_t>> model_words{utf32("模型"), utf32("基座"),
                                                                     utf32("底座")};
    static const std::vector<std::vector<std::uint32_t>> trained{utf32("训练"), utf32("调优"),
                                                                 utf32("学习")};
    static const auto by = utf32("由");
    static const std::vector<std::vector<std::uint32_t>> as_base{
        utf32("为底座"),   utf32("为基座"),         utf32("为基础"),       utf32("为主干"),
        utf32("为底层"),   utf32("作为底座"),       utf32("作为基座"),     utf32("作为基础模型"),
        utf32("作为主干"), utf32("作为初始化模型"), utf32("为初始化模型"), utf32("作为初始模型")};
    // "以 ChatGLM 为大模型底座": a base word a few characters after 为.
    static const std::vector<std::vector<std::uint32_t>> base_words{
        utf32("底座"), utf32("基座"), utf32("基础模型"), utf32("主干"), utf32("初始化")};
    static const auto as = utf32("为");
    static const std::vector<std::vector<std::uint32_t>> base_is{
        utf32("底座模型为"), utf32("基座模型为"), utf32("主干模型为"), utf32("底座为"),
        utf32("基座为"),     utf32("主干为"),     utf32("底座是"),     utf32("基座是"),
        utf32("底座："),     utf32("基座："),     utf32("底座:"),      utf32("基座:")};
    static const std::vector<std::vector<std::uint32_t>> tuned{
        utf32("模型微调"), utf32("进行微调"), utf32("上微调"), utf32("微调"),
        utf32("精调"),     utf32("的基础上"), utf32("基础上")};
    static const std::vector<std::vector<std::uint32_t>> after_guards{
        utf32("生成"), utf32("蒸馏"), utf32("润色"), utf32("标注"), utf32("数据"), utf32("语料")};
    static const std::vector<std::vector<std::uint32_t>> before_guards{
        utf32("对比"), utf32("相比"), utf32("比较"), utf32("超越"), utf32("优于"), utf32("媲美")};
    static const std::vector<std::vector<std::uint32_t>> pretrain_words{
        utf32("预训练"), utf32("继续训练"), utf32("增量训练"), utf32("事前学習"),
        utf32("継続学習")};
    // Japanese: "PLaMo 3ベース", "X をベースに", "X に対して追加学習", "X を元に".
    static const std::vector<std::vector<std::uint32_t>> ja_based{
        utf32("をベースに"), utf32("をベースと"), utf32("がベース"), utf32("ベース")};
    static const std::vector<std::vector<std::uint32_t>> ja_structure{
        utf32("のアーキテクチャ"), utf32("アーキテクチャ"), utf32("のエンコーダ"), utf32("の構造"),
        utf32("のモデル構造")};
    static const std::vector<std::vector<std::uint32_t>> ja_on{utf32("に対して"), utf32("を元に"),
                                                               utf32("をもとに"), utf32("から")};
    // "Mixtralの追加学習日本語モデル", "Llama3の日本語継続学習モデル": a model trained further from
    // X.
    static const std::vector<std::vector<std::uint32_t>> ja_of{
        utf32("の追加学習"),     utf32("の継続学習"),       utf32("の追加事前学習"),
        utf32("の継続事前学習"), utf32("の日本語継続学習"), utf32("の日本語追加学習")};
    // "LLM-jp-3 MoE (8x13b) に追加事前学習": training named right after the particle.
    static const std::vector<std::vector<std::uint32_t>> ja_onto{
        utf32("に追加事前学習"), utf32("に継続事前学習"), utf32("に追加学習"),
        utf32("に継続学習"),     utf32("に事前学習"),     utf32("に追加で事前学習")};
    static const std::vector<std::vector<std::uint32_t>> ja_trained{
        utf32("学習"),   utf32("チューニング"), utf32("ファインチューニング"),
        utf32("微調整"), utf32("Tuning"),       utf32("tuning"),
        utf32("SFT"),    utf32("DPO"),          utf32("GRPO"),
        utf32("マージ")};
    static const std::vector<std::vector<std::uint32_t>> stops{utf32("，"), utf32("。"),
                                                               utf32("；"), utf32(","), utf32(";")};

    const auto bytes = [&](std::size_t b, std::size_t e) {
        return text.substr(cp.offsets[b], cp.offsets[e] - cp.offsets[b]);
    };
    const auto sentence_end = [&](std::size_t from) {
        std::size_t e = from;
        while (e < cps.size() && e - from < 80 &&
               !(cps[e] == 0xFF0C || cps[e] == 0x3002 || cps[e] == 0xFF1B || cps[e] == ';')) {
            ++e;
        }
        return e;
    };
    static const std::vector<std::vector<std::uint32_t>> architecture_words{
        utf32("构建"), utf32("架构"), utf32("结构")};
    static const std::vector<std::vector<std::uint32_t>> arrows{utf32("->"), utf32("→"),
                                                                utf32("=>")};
    // A parenthesised size list after a name ("Vicuna(7B,13B)->"): skipped, the name is what
    // a chain or a list of bases goes on from.
    const auto skip_sizes = [&](std::size_t at) {
        std::size_t q = at;
        while (q < cps.size() && cps[q] == ' ') {
            ++q;
        }
        if (q >= cps.size() || (cps[q] != '(' && cps[q] != 0xFF08)) {
            return at;
        }
        for (std::size_t r = q + 1; r < cps.size() && r - q < 24; ++r) {
            if (cps[r] == ')' || cps[r] == 0xFF09) {
                return r + 1;
            }
            const std::uint32_t c = cps[r];
            if (!(c < 0x80 && (is_alnum(static_cast<char>(c)) || c == ',' || c == ' ' || c == '.' ||
                               c == '/')) &&
                c != 0xFF0C && c != 0x3001) {
                return at;
            }
        }
        return at;
    };
    const auto arrow_after = [&](std::size_t te) {
        std::size_t q = skip_sizes(te);
        while (q < cps.size() && cps[q] == ' ') {
            ++q;
        }
        return std::any_of(arrows.begin(), arrows.end(),
                           [&](const auto& a) { return matches_at(cps, q, a); });
    };
    // The subject a sentence names right before its cue ("IvyGPT基于ChatGLM2") or after it
    // ("基于 ChatGLM 的Med-ChatGLM"); only model-like ASCII names count.
    // A linked subject ("[雅意](url)基于 LLaMA-2-7B", "基于 ChatGLM 的[Med-ChatGLM](url)") or a
    // model named after 的 names a model outright: the sentence is about it alone.
    bool subject_is_link = false;
    const auto link_label_after = [&](std::size_t q) -> std::string {
        if (q >= cps.size() || cps[q] != '[') {
            return {};
        }
        std::size_t r = q + 1;
        while (r < cps.size() && r - q < 64 && cps[r] != ']' && cps[r] != '[') {
            ++r;
        }
        if (r + 1 < cps.size() && cps[r] == ']' && cps[r + 1] == '(' && r > q + 1) {
            return std::string(bytes(q + 1, r));
        }
        return {};
    };
    const auto link_label_before = [&](std::size_t at) -> std::string {
        if (at == 0 || cps[at - 1] != ')') {
            return {};
        }
        std::size_t r = at - 1;
        while (r > 0 && at - r < 256 && cps[r] != '(') {
            --r;
        }
        if (r == 0 || cps[r] != '(' || cps[r - 1] != ']') {
            return {};
        }
        const std::size_t close = r - 1;
        std::size_t open = close;
        while (open > 0 && close - open < 64 && cps[open] != '[') {
            --open;
        }
        return cps[open] == '[' && close > open + 1 ? std::string(bytes(open + 1, close))
                                                    : std::string{};
    };
    const auto subject_around = [&](std::size_t cue_begin, std::size_t te) -> std::string {
        subject_is_link = false;
        std::size_t q = te;
        while (q < cps.size() && cps[q] == ' ') {
            ++q;
        }
        if (q < cps.size() && cps[q] == 0x7684) { // 的
            std::size_t r = q + 1;
            while (r < cps.size() && cps[r] == ' ') {
                ++r;
            }
            if (std::string label = link_label_after(r); !label.empty()) {
                subject_is_link = true;
                return label;
            }
        }
        if (std::string label = link_label_before(cue_begin); !label.empty()) {
            subject_is_link = true;
            return label;
        }
        if (q < cps.size() && cps[q] == 0x7684) { // 的
            const auto [sb, se] = token_after(cps, q + 1);
            const std::string s(bytes(sb, se));
            if (se > sb && looks_like_model_name(s)) {
                subject_is_link = true; // "基于 ChatGLM 的Med-ChatGLM" names the model it built
                return s;
            }
        }
        const auto [pb, pe] = token_before(cps, cue_begin);
        if (pe > pb && pe == cue_begin) {
            const std::string s(bytes(pb, pe));
            if (looks_like_model_name(s)) {
                return s;
            }
        }
        return {};
    };
    // One base named by `token`; returns the target it made, empty when none.
    const auto add_token = [&](std::string_view token, std::size_t te, std::size_t eb,
                               std::size_t ee, float strong_conf, bool family_only,
                               const std::string& via, const std::string& subject) {
        BaseCue cue;
        const std::string written = without_remark(token);
        const std::string_view name = last_segment(written);
        if (const auto tf = family_of_token(name); tf && tf->plain) {
            cue.family = tf->family;
            cue.target = base_target(name, *tf);
            cue.confidence = strong_conf;
        } else if (!family_only &&
                   (looks_like_model_name(name) || (arrow_after(te) && chain_word(name)))) {
            cue.target = std::string(name);
            cue.confidence = std::min(strong_conf, 0.7F);
        } else {
            return std::string{};
        }
        const std::size_t s_end = sentence_end(te);
        cue.relation = any_within(cps, eb, s_end, pretrain_words) ? Relation::pretrain
                       : any_within(cps, eb, s_end, tuned)        ? Relation::fine_tune
                                                                  : Relation::unknown;
        cue.evidence = clip(bytes(eb, std::max(ee, te)), 160);
        cue.via = via;
        cue.subject = subject;
        cue.only_for_subject = subject_is_link && !subject.empty();
        std::string target = cue.target;
        keep_best(cues, std::move(cue));
        return target;
    };
    // The bases a token names: "Qwen2/2.5" is Qwen2 and Qwen2.5, "LLaMA/Alpaca" two families,
    // "ClueAI/ChatYuan-large-v2" one Hub id.
    const auto add_bases_of = [&](std::size_t tb, std::size_t te, std::size_t eb, std::size_t ee,
                                  float strong_conf, bool family_only, const std::string& via,
                                  const std::string& subject) {
        const std::string token(bytes(tb, te));
        std::vector<std::string> parts;
        const auto slash = token.find('/');
        if (slash != std::string::npos && token.find('/', slash + 1) == std::string::npos) {
            const std::string left = token.substr(0, slash);
            const std::string right = token.substr(slash + 1);
            const auto lf = family_of_token(left);
            const bool version =
                !right.empty() && std::all_of(right.begin(), right.end(),
                                              [](char c) { return is_digit(c) || c == '.'; });
            if (lf && lf->plain && version) {
                std::size_t stem = left.size();
                while (stem > 0 && (is_digit(left[stem - 1]) || left[stem - 1] == '.')) {
                    --stem;
                }
                parts = {left, left.substr(0, stem) + right};
            } else if (lf && lf->plain && family_of_token(right)) {
                parts = {left, right};
            }
        }
        if (parts.empty()) {
            parts.push_back(token);
        }
        std::string last;
        for (const auto& part : parts) {
            if (auto t = add_token(part, te, eb, ee, strong_conf, family_only, via, subject);
                !t.empty()) {
                last = std::move(t);
            }
        }
        return last;
    };
    static const std::vector<std::vector<std::uint32_t>> joiners{
        utf32("以及"), utf32("和"), utf32("、"), utf32("与"), utf32("及"), utf32("或"), utf32("+")};
    static const auto one_of = utf32("一个");
    static const std::vector<std::vector<std::uint32_t>> size_words{utf32("参数"), utf32("亿")};
    // Reads the bases a cue names from [tb, te); returns where its words end.
    const auto add = [&](std::size_t tb, std::size_t te, std::size_t eb, std::size_t ee,
                         float strong_conf, bool family_only) -> std::size_t {
        if (te <= tb) {
            return te;
        }
        // "基于GPT-3构建": the model's architecture, not a model it was trained from, unless the
        // sentence goes on to tune or train it ("基于ChatGLM-6B架构，…进行微调").
        if (any_within(cps, te, te + 3, architecture_words)) {
            const std::size_t s_end = sentence_end(te);
            std::size_t e2 = s_end;
            while (e2 < cps.size() && e2 - s_end < 60 && cps[e2] != 0x3002) {
                ++e2;
            }
            // Sizes before the name ("基于70亿和130亿参数量的LLaMa构建") are weights too.
            if (!any_within(cps, te, e2, tuned) && !any_within(cps, te, e2, pretrain_words) &&
                !any_within(cps, te, e2, trained) && !any_within(cps, eb, tb, size_words)) {
                return te;
            }
        }
        if (any_within(cps, te, te + 3, after_guards) ||
            any_within(cps, tb >= 4 ? tb - 4 : 0, tb, before_guards)) {
            return te;
        }
        // "一个基于BERT的分类器": a part the model has, not what it was made from ("一个基于
        // ChatGLM-6B的中文问诊大模型" is the model itself).
        if (eb >= 2 && matches_at(cps, eb - 2, one_of)) {
            std::size_t r = te;
            while (r < cps.size() && r - te < 16 && !any_within(cps, r, r + 1, stops)) {
                ++r;
            }
            if (!any_within(cps, te, r, model_words)) {
                return te;
            }
        }
        const std::string subject = subject_around(eb, te);
        std::string prev = add_bases_of(tb, te, eb, ee, strong_conf, family_only, "", subject);
        // More bases joined to the first ("基于A和B", "A、B"), or a chain ("基于A->基于B").
        std::size_t at = te;
        for (int more = 0; more < 8 && !prev.empty(); ++more) {
            std::size_t q = skip_sizes(at);
            while (q < cps.size() && cps[q] == ' ') {
                ++q;
            }
            bool chain = false;
            std::size_t next = q;
            for (const auto& j : joiners) {
                if (matches_at(cps, q, j)) {
                    next = q + j.size();
                }
            }
            for (const auto& a : arrows) {
                if (next == q && matches_at(cps, q, a)) {
                    next = q + a.size();
                    chain = true;
                }
            }
            if (next == q) {
                break;
            }
            while (next < cps.size() && cps[next] == ' ') {
                ++next;
            }
            if (matches_at(cps, next, based)) {
                next += based.size();
            }
            const auto [nb, ne] = token_after(cps, next);
            if (ne <= nb || any_within(cps, ne, ne + 3, after_guards)) {
                break;
            }
            std::string added = add_bases_of(nb, ne, eb, ne, strong_conf, family_only,
                                             chain ? prev : std::string{}, subject);
            if (added.empty()) {
                break;
            }
            prev = std::move(added);
            at = ne;
        }
        return at;
    };

    // Bases named in Chinese ("对天河天元大模型进行微调", "基于华为盘古大语言模型和盘古药物分子
    // 大模型"), joined by 和, 、 or 与; returns where the last one ends, `at` when none was read.
    const auto add_cjk_names = [&](std::size_t at, std::size_t eb, float conf) -> std::size_t {
        std::size_t end = at;
        auto n = cjk_model_name(text, cp, at);
        for (int more = 0; n && more < 8; ++more) {
            if (any_within(cps, n->end, n->end + 3, after_guards)) {
                break;
            }
            const std::size_t s_end = sentence_end(n->end);
            // "基于X大模型构建": what it is built like, unless the sentence trains it.
            if (any_within(cps, n->end, n->end + 3, architecture_words) &&
                !any_within(cps, n->end, s_end, tuned) &&
                !any_within(cps, n->end, s_end, pretrain_words) &&
                !any_within(cps, n->end, s_end, trained)) {
                break;
            }
            BaseCue cue;
            cue.target = n->name;
            cue.confidence = std::min(conf, 0.8F);
            cue.relation = any_within(cps, eb, s_end, pretrain_words) ? Relation::pretrain
                           : any_within(cps, eb, s_end, tuned)        ? Relation::fine_tune
                                                                      : Relation::unknown;
            cue.evidence = clip(bytes(eb, n->end), 160);
            cue.subject = subject_around(eb, n->end);
            cue.only_for_subject = subject_is_link;
            keep_best(cues, std::move(cue));
            end = n->end;
            std::size_t q = n->end;
            while (q < cps.size() && cps[q] == ' ') {
                ++q;
            }
            std::size_t next = q;
            for (const auto& j : joiners) {
                if (matches_at(cps, q, j)) {
                    next = q + j.size();
                }
            }
            if (next == q) {
                break;
            }
            n = cjk_model_name(text, cp, next);
        }
        return end;
    };
    // "基于天医 (Tianyi) 的…框架": a name in Chinese with its Latin spelling in brackets is a
    // model's name, model word or not. Returns where the brackets close, `at` when none.
    const auto add_named_in_two_scripts = [&](std::size_t at, std::size_t eb) -> std::size_t {
        std::size_t q = at;
        while (q < cps.size() && cps[q] == ' ') {
            ++q;
        }
        std::size_t r = q;
        while (r < cps.size() && r - q < 8 && cps[r] >= 0x4E00 && cps[r] <= 0x9FFF) {
            ++r;
        }
        if (r - q < 2) {
            return at;
        }
        std::size_t b = r;
        while (b < cps.size() && cps[b] == ' ') {
            ++b;
        }
        if (b >= cps.size() || (cps[b] != '(' && cps[b] != 0xFF08)) {
            return at;
        }
        const auto [lb, le] = token_after(cps, b + 1);
        if (le <= lb || le >= cps.size() || (cps[le] != ')' && cps[le] != 0xFF09)) {
            return at;
        }
        const std::string latin(bytes(lb, le));
        const std::string name = plain_span(text, cp, q, r);
        if (!cjk_stem_names(name) || latin.size() < 3 || !is_upper(latin.front())) {
            return at;
        }
        // "基于参数高效微调（PEFT）", "基于检索增强生成 (RAG)": a method, not a model.
        static const std::vector<std::vector<std::uint32_t>> method_words{
            utf32("微调"), utf32("训练"), utf32("学习"), utf32("检索"), utf32("增强"),
            utf32("生成"), utf32("蒸馏"), utf32("对齐"), utf32("推理"), utf32("图谱"),
            utf32("框架"), utf32("方法"), utf32("技术"), utf32("算法"), utf32("架构")};
        if (any_within(cps, q, r, method_words)) {
            return at;
        }
        if (any_within(cps, le + 1, le + 4, after_guards) ||
            any_within(cps, le + 1, le + 4, architecture_words)) {
            return at;
        }
        BaseCue cue;
        cue.target = name;
        cue.confidence = 0.8F;
        const std::size_t s_end = sentence_end(le + 1);
        cue.relation = any_within(cps, eb, s_end, pretrain_words) ? Relation::pretrain
                       : any_within(cps, eb, s_end, tuned)        ? Relation::fine_tune
                                                                  : Relation::unknown;
        cue.evidence = clip(bytes(eb, le + 1), 160);
        keep_best(cues, std::move(cue));
        return le + 1;
    };
    // "以数智岐黄+Qwen为底座", "以文心一言为基座": the words between 以 and 为底座 name the bases,
    // with or without a model word; returns where the cue ends, `at` when it names none.
    const auto add_bases_between = [&](std::size_t at, std::size_t eb) -> std::size_t {
        std::size_t q = at;
        std::size_t cue_end = 0;
        for (; q < cps.size() && q - at < 24 && cue_end == 0; ++q) {
            if (any_within(cps, q, q + 1, stops) || cps[q] == 0x3002) {
                return at;
            }
            for (const auto& pat : as_base) {
                if (q > at && matches_at(cps, q, pat)) {
                    cue_end = q + pat.size();
                    break;
                }
            }
        }
        if (cue_end == 0) {
            return at;
        }
        const std::size_t span_end = q - 1;
        std::size_t part = at;
        bool any = false;
        for (std::size_t k = at; k <= span_end; ++k) {
            std::size_t width = 0;
            for (const auto& j : joiners) {
                if (k < span_end && matches_at(cps, k, j)) {
                    width = j.size();
                }
            }
            if (width == 0 && k < span_end) {
                continue;
            }
            std::size_t b = part;
            while (b < k && cps[b] == ' ') {
                ++b;
            }
            if (b < k && is_cjk(cps[b])) {
                const std::string name = without_leading_qualifiers(plain_span(text, cp, b, k));
                if (cjk_stem_names(name)) {
                    BaseCue cue;
                    cue.target = name;
                    cue.confidence = 0.8F;
                    cue.evidence = clip(bytes(eb, cue_end), 160);
                    cue.subject = subject_around(eb, cue_end);
                    cue.only_for_subject = subject_is_link;
                    keep_best(cues, std::move(cue));
                    any = true;
                }
            } else if (b < k) {
                const auto [tb, te] = token_after(cps, b);
                if (te == k && !add_bases_of(tb, te, eb, cue_end, 0.9F, false, "", "").empty()) {
                    any = true;
                }
            }
            if (width == 0) {
                break; // the last part
            }
            part = k + width;
            k = part - 1;
        }
        return any ? cue_end : at;
    };

    // "…经过中文医学指令微调的大语言模型集，包括LLaMA、Alpaca-Chinese、Bloom、活字模型等",
    // "包括ChatGLM2-6B+LoRA和LLaMA2-7B+LoRA等": the models a sentence about tuning includes are
    // the ones tuned. Returns where the list ends, `at` when it names none.
    static const auto include = utf32("包括");
    const auto add_included = [&](std::size_t p) -> std::size_t {
        const std::size_t at = p + include.size();
        std::size_t s_begin = p;
        while (s_begin > 0 && p - s_begin < 80 && cps[s_begin - 1] != 0x3002 &&
               cps[s_begin - 1] != 0xFF1B && cps[s_begin - 1] != '\n') {
            --s_begin;
        }
        while (s_begin < p && (cps[s_begin] == '.' || cps[s_begin] == ' ')) {
            ++s_begin; // ". " joins a title to its description
        }
        static const std::vector<std::vector<std::uint32_t>> data_words{
            utf32("数据"), utf32("语料"), utf32("数据集")};
        const bool tuning_clause =
            (any_within(cps, s_begin, p, tuned) || any_within(cps, s_begin, p, trained)) &&
            any_within(cps, s_begin, p, model_words) &&
            !any_within(cps, p >= 4 ? p - 4 : 0, p, data_words);
        static const std::vector<std::vector<std::uint32_t>> adapters{
            utf32("+LoRA"), utf32("+QLoRA"), utf32("+lora"), utf32("+P-Tuning"), utf32("+ LoRA")};
        std::size_t q = at;
        std::size_t end = at;
        for (int item = 0; item < 12; ++item) {
            while (q < cps.size() && cps[q] == ' ') {
                ++q;
            }
            std::size_t ie = q;
            BaseCue cue;
            bool adapter = false;
            if (const auto [tb, te] = token_after(cps, q); te > tb) {
                ie = te;
                for (const auto& a : adapters) {
                    if (matches_at(cps, te, a)) {
                        adapter = true;
                        ie = te + a.size();
                    }
                }
                const std::string name(bytes(tb, te));
                // "系列模型(包括6B,7B,13B)": sizes of the model itself.
                if (!(tuning_clause || adapter) || parse_size(name) ||
                    !(looks_like_model_name(name) || family_of_token(name))) {
                    break;
                }
                set_target(cue, name);
            } else if (const auto n = cjk_model_name(text, cp, q); n && tuning_clause) {
                cue.target = n->name;
                ie = n->end;
            } else {
                break;
            }
            cue.confidence = 0.8F;
            cue.relation = adapter ? Relation::fine_tune : Relation::unknown;
            cue.evidence = clip(bytes(s_begin, ie), 160);
            keep_best(cues, std::move(cue));
            end = ie;
            q = ie;
            while (q < cps.size() && cps[q] == ' ') {
                ++q;
            }
            std::size_t next = q;
            for (const auto& j : joiners) {
                if (matches_at(cps, q, j)) {
                    next = q + j.size();
                }
            }
            if (next == q && q < cps.size() && (cps[q] == ',' || cps[q] == 0xFF0C)) {
                next = q + 1;
            }
            if (next == q) {
                break;
            }
            q = next;
        }
        return end;
    };

    // The names a Japanese particle at `p` follows: "Swallow 13B に対して", "Youri 7B (base)
    // に対して" (a remark), "LLM-jp-3 (1.8b, 13b) に対して" (one name per size).
    const auto add_names_before = [&](std::size_t p, std::size_t ee, float conf) {
        std::size_t at = p;
        while (at > 0 && cps[at - 1] == ' ') {
            --at;
        }
        std::string inner;
        if (at > 0 && (cps[at - 1] == ')' || cps[at - 1] == 0xFF09)) {
            std::size_t open = at - 1;
            while (open > 0 && at - open < 32 && cps[open] != '(' && cps[open] != 0xFF08) {
                --open;
            }
            if (cps[open] != '(' && cps[open] != 0xFF08) {
                return;
            }
            inner = bytes(open + 1, at - 1);
            at = open;
        }
        const auto [tb, te] = words_before(cps, at);
        if (te <= tb || any_within(cps, tb >= 4 ? tb - 4 : 0, tb, before_guards)) {
            return;
        }
        const std::string name(bytes(tb, te));
        std::vector<std::string> sizes;
        for (auto part : util::split(inner, ',')) {
            part = util::trim(part);
            if (!parse_size(part)) {
                sizes.clear();
                break;
            }
            sizes.emplace_back(part);
        }
        if (sizes.empty()) {
            add_token(name, te, tb, ee, conf, false, "", "");
        }
        for (const auto& size : sizes) {
            add_token(name + " " + size, te, tb, ee, conf, false, "", "");
        }
    };

    for (std::size_t p = 0; p < cps.size(); ++p) {
        if (matches_at(cps, p, based)) {
            auto [tb, te] = token_after(cps, p + based.size());
            // "基于70亿和130亿参数量的LLaMa": sizes first, the model a few characters on.
            if (te > tb && te < cps.size() && (cps[te] == 0x4EBF || cps[te] == 0x4E07) &&
                std::all_of(cps.begin() + static_cast<std::ptrdiff_t>(tb),
                            cps.begin() + static_cast<std::ptrdiff_t>(te),
                            [](std::uint32_t c) { return (c >= '0' && c <= '9') || c == '.'; })) {
                te = tb;
            }
            if (te == tb) {
                // "基于姜子牙-13B": a name in Chinese with a size or version after a hyphen.
                std::size_t q = p + based.size();
                while (q < cps.size() && cps[q] == ' ') {
                    ++q;
                }
                std::size_t r = q;
                while (r < cps.size() && r - q < 6 && cps[r] >= 0x4E00 && cps[r] <= 0x9FFF) {
                    ++r;
                }
                if (r > q && r < cps.size() && dash(cps[r])) {
                    const auto [ab, ae] = token_after(cps, r + 1);
                    if (ab == r + 1 && ae > ab) {
                        tb = q;
                        te = ae;
                    }
                }
            }
            if (te > tb) {
                // Words a chain of bases consumed ("基于A->基于B") are not read again.
                p = std::max(p, add(tb, te, p, te, 0.9F, false) - 1);
            } else if (const std::size_t e2 = add_cjk_names(p + based.size(), p, 0.85F);
                       e2 > p + based.size()) {
                p = std::max(p, e2 - 1);
            } else if (const std::size_t e3 = add_named_in_two_scripts(p + based.size(), p);
                       e3 > p + based.size()) {
                p = std::max(p, e3 - 1);
            } else {
                // "基于中文医学知识的ChatGLM模型微调": a family a few characters on.
                for (std::size_t q = p + based.size(); q < cps.size() && q - p < 18; ++q) {
                    if (any_within(cps, q, q + 1, stops)) {
                        break;
                    }
                    if (ascii_token_char(cps[q]) && cps[q] != '.' && cps[q] != '-') {
                        const auto [ub, ue] = token_after(cps, q);
                        // A size in Chinese numerals ("70亿") is not the model.
                        if (ue < cps.size() && (cps[ue] == 0x4EBF || cps[ue] == 0x4E07)) {
                            q = ue;
                            continue;
                        }
                        add(ub, ue, p, ue, 0.8F, true);
                        break;
                    }
                }
            }
            continue;
        }
        if (matches_at(cps, p, include)) {
            if (const std::size_t e2 = add_included(p); e2 > p + include.size()) {
                p = e2 - 1;
            }
            continue;
        }
        if (matches_at(cps, p, in_word)) {
            // "在百川 2 模型上继续预训练": a model named in Chinese, then 上 and training.
            if (const auto n = cjk_model_name(text, cp, p + in_word.size())) {
                std::size_t q = n->end;
                while (q < cps.size() && cps[q] == ' ') {
                    ++q;
                }
                static const auto base_of = utf32("的基础上");
                if (q < cps.size() && (cps[q] == 0x4E0A || matches_at(cps, q, base_of))) {
                    const std::size_t s_end = sentence_end(q);
                    if (any_within(cps, q, s_end, tuned) ||
                        any_within(cps, q, s_end, pretrain_words) ||
                        any_within(cps, q, s_end, trained)) {
                        add_cjk_names(p + in_word.size(), p, 0.85F);
                        continue;
                    }
                }
            }
            // "在ChatGLM大模型上进行指令微调", "在X基座模型的基础上…训练", "在通用基座模型
            // （如Chinese-LLaMA、ChatGLM等）的基础上…预训练": a model word and 上 around the
            // names, then training in the sentence.
            std::size_t q = p + in_word.size();
            while (q < cps.size() && q - p < 20 &&
                   !(ascii_token_char(cps[q]) && cps[q] != '.' && cps[q] != '-' && cps[q] != '/')) {
                if (any_within(cps, q, q + 1, stops) || cps[q] == 0x3002) {
                    q = cps.size();
                }
                ++q;
            }
            if (q >= cps.size() || q - p >= 20) {
                continue;
            }
            std::size_t m = q;
            while (m < cps.size() && m - q < 48 && cps[m] != 0x4E0A && cps[m] != 0x3002 &&
                   cps[m] != 0xFF0C && cps[m] != 0xFF1B) {
                ++m;
            }
            if (m >= cps.size() || cps[m] != 0x4E0A) { // 上
                continue;
            }
            const auto [tb, te] = token_after(cps, q);
            const auto tf = family_of_token(last_segment(std::string(bytes(tb, te))));
            if (!any_within(cps, p, m, model_words) && !(tf && tf->plain)) {
                continue;
            }
            std::size_t r = m + 1;
            while (r < cps.size() && r - m < 80 && cps[r] != 0x3002) {
                ++r;
            }
            if (!any_within(cps, m, r, tuned) && !any_within(cps, m, r, pretrain_words) &&
                !any_within(cps, m, r, trained)) {
                continue;
            }
            add(tb, te, p, m + 1, 0.85F, false);
            continue;
        }
        if (matches_at(cps, p, as) && (p == 0 || !matches_at(cps, p - 1, take))) {
            // "为 Chinese-LLaMA2-7B 模型配备了新的输出层": the model is changed, so built on.
            static const std::vector<std::vector<std::uint32_t>> equip{
                utf32("配备"), utf32("添加"), utf32("增加"),
                utf32("加入"), utf32("引入"), utf32("接入")};
            const auto [tb, te] = token_after(cps, p + as.size());
            if (te > tb) {
                std::size_t q = te;
                while (q < cps.size() && cps[q] == ' ') {
                    ++q;
                }
                static const auto model_word = utf32("模型");
                if (matches_at(cps, q, model_word)) {
                    q += model_word.size();
                }
                if (any_within(cps, q, q + 2, equip)) {
                    add(tb, te, p, q + 2, 0.8F, false);
                    continue;
                }
            }
        }
        if (matches_at(cps, p, towards) || matches_at(cps, p, by)) {
            // "对LLaMA进行了指令微调": tuning applied to a model named right after 对.
            const auto [tb, te] = token_after(cps, p + towards.size());
            if (te == tb) {
                // "对天河天元大模型进行专业化微调".
                if (const auto n = cjk_model_name(text, cp, p + towards.size())) {
                    for (std::size_t q = n->end; q < cps.size() && q - n->end < 24; ++q) {
                        if (any_within(cps, q, q + 1, stops)) {
                            break;
                        }
                        if (any_within(cps, q, q + 1, tuned) ||
                            any_within(cps, q, q + 1, pretrain_words)) {
                            add_cjk_names(p + towards.size(), p, 0.85F);
                            break;
                        }
                    }
                }
            }
            if (te > tb) {
                for (std::size_t q = te; q < cps.size() && q - te < 24; ++q) {
                    if (any_within(cps, q, q + 1, stops)) {
                        break;
                    }
                    if (any_within(cps, q, q + 1, tuned) ||
                        any_within(cps, q, q + 1, pretrain_words)) {
                        add(tb, te, p, q + 2, 0.85F, false);
                        break;
                    }
                }
            }
            continue;
        }
        if (matches_at(cps, p, take)) {
            const auto [tb, te] = token_after(cps, p + take.size());
            if (te == tb) {
                if (const std::size_t e2 = add_bases_between(p + take.size(), p);
                    e2 > p + take.size()) {
                    p = e2 - 1;
                }
                continue;
            }
            std::size_t q = te;
            while (q < cps.size() && cps[q] == ' ') {
                ++q;
            }
            bool done = false;
            for (const auto& pat : as_base) {
                if (te > tb && matches_at(cps, q, pat)) {
                    add(tb, te, p, q + pat.size(), 0.9F, false);
                    done = true;
                    break;
                }
            }
            if (!done && te > tb && (matches_at(cps, q, as) || matches_at(cps, q, utf32("作为")))) {
                for (std::size_t r = q + 1; r < cps.size() && r - q < 8; ++r) {
                    if (any_within(cps, r, r + 1, stops)) {
                        break;
                    }
                    if (any_within(cps, r, r + 1, base_words)) {
                        add(tb, te, p, r + 2, 0.85F, false);
                        break;
                    }
                }
            }
            continue;
        }
        for (const auto& pat : base_is) {
            if (matches_at(cps, p, pat)) {
                const auto [tb, te] = token_after(cps, p + pat.size());
                add(tb, te, p, te, 0.9F, false);
                break;
            }
        }
        for (const auto& pat : as_base) {
            if (matches_at(cps, p, pat) && (p == 0 || !matches_at(cps, p - 1, take))) {
                const auto [tb, te] = token_before(cps, p);
                add(tb, te, tb, p + pat.size(), 0.9F, false);
                break;
            }
        }
        for (const auto& pat : tuned) {
            if (matches_at(cps, p, pat)) {
                const auto [tb, te] = token_before(cps, p);
                add(tb, te, tb, p + pat.size(), 0.8F, true);
                break;
            }
        }
        for (const auto& pat : ja_based) {
            if (matches_at(cps, p, pat)) {
                // "Llama ベースのアーキテクチャ" names an architecture, not a base.
                const std::size_t after = p + pat.size();
                bool structure = false;
                for (const auto& s : ja_structure) {
                    structure = structure || matches_at(cps, after, s);
                }
                if (!structure) {
                    add_names_before(p, after, 0.85F);
                }
                break;
            }
        }
        for (const auto& pat : ja_of) {
            if (matches_at(cps, p, pat)) {
                add_names_before(p, p + pat.size(), 0.85F);
                break;
            }
        }
        for (const auto& pat : ja_onto) {
            if (matches_at(cps, p, pat)) {
                add_names_before(p, p + pat.size(), 0.85F);
                break;
            }
        }
        for (const auto& pat : ja_on) {
            if (matches_at(cps, p, pat)) {
                // The training may come after the data it used: "X に対して<br>Y のうち翻訳タスクを
                // 除いたデータで LoRAチューニング".
                for (std::size_t q = p + pat.size(); q < cps.size() && q - p < 72; ++q) {
                    if (any_within(cps, q, q + 1, stops)) {
                        break;
                    }
                    if (any_within(cps, q, q + 1, ja_trained) ||
                        any_within(cps, q, q + 1, pretrain_words)) {
                        add_names_before(p, q + 2, 0.85F);
                        break;
                    }
                }
                break;
            }
        }
    }
}

} // namespace medkg::ingest::md
