// The markdown reader: one entry into facts (nodes, names, kinds, attributes, links, bases).

#include "ingest/markdown/list_reader.hpp"

namespace medkg::ingest::md {

namespace {

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

std::vector<std::string> names_and(const std::string& name,
                                   const std::vector<std::string>& aliases) {
    std::vector<std::string> out{name};
    out.insert(out.end(), aliases.begin(), aliases.end());
    return out;
}

} // namespace

std::vector<std::string> name_keys(const std::string& name) {
    std::vector<std::string> out{fold(name)};
    if (util::is_ascii(name)) {
        return out;
    }
    std::string run;
    const auto flush = [&] {
        if (run.size() >= 3) {
            out.push_back(fold(run));
        }
        run.clear();
    };
    for (char c : name) {
        if (static_cast<unsigned char>(c) < 0x80 && (is_alnum(c) || c == '-' || c == '.')) {
            run += c;
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::uint32_t Reader::add_node(NodeKind kind, std::string name, Origin o) {
    NodeFact f;
    f.kind = kind;
    f.name = std::move(name);
    f.origin = std::move(o);
    m_batch.nodes.push_back(std::move(f));
    const auto idx = static_cast<std::uint32_t>(m_batch.nodes.size() - 1);
    index_name(m_batch.nodes.back().name, idx);
    return idx;
}

void Reader::add_alias(std::uint32_t subject, const std::string& alias, const Origin& o) {
    if (alias.empty() || fold(alias).empty() ||
        (fold(alias) == fold(m_batch.nodes[subject].name) &&
         graph::case_key(alias) == graph::case_key(m_batch.nodes[subject].name))) {
        return;
    }
    m_batch.aliases.push_back(AliasFact{subject, alias, o});
    index_name(alias, subject);
}

void Reader::index_name(const std::string& name, std::uint32_t idx) {
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

void Reader::add_attr(std::uint32_t subject, AttrKey key, std::string value, const Origin& o) {
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

void Reader::add_edge(std::uint32_t subject, EdgeKind kind, std::uint32_t target, const Origin& o) {
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

std::optional<std::uint32_t> Reader::find_fact(const std::string& name, NodeKind kind) const {
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

std::uint32_t Reader::declare(NodeKind kind, const std::string& name, const Origin& o) {
    if (auto f = find_fact(name, kind)) {
        return *f;
    }
    return add_node(kind, name, o);
}

std::string Reader::spelling_for(const std::string& name, NodeKind kind, bool has_keys) const {
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

NodeKind Reader::kind_of(const Parsed& p, const std::string& name, const Context& ctx) const {
    // Links that are the thing itself.
    const std::string fname = fold(name);
    for (const auto& l : p.links) {
        if (l.info.kind == md::LinkKind::hf_dataset || l.info.kind == md::LinkKind::hf_model) {
            const auto slash = l.info.hf_id.find('/');
            const std::string repo = fold(l.info.hf_id.substr(slash + 1));
            if (!fname.empty() &&
                (repo.find(fname) != std::string::npos || fname.find(repo) != std::string::npos)) {
                return l.info.kind == md::LinkKind::hf_dataset ? NodeKind::dataset
                                                               : NodeKind::model;
            }
        }
    }
    if (ctx.kind == SectionKind::data_strong) {
        return NodeKind::dataset;
    }
    // A last word that says data ("LLaVA-Med Dataset", "MedAlpaca-Data"), whatever family the
    // name shows.
    {
        static constexpr std::string_view data_words[] = {
            "dataset", "datasets", "data",        "corpus",      "benchmark",
            "bench",   "database", "leaderboard", "instructions"};
        const auto words = split_words(lower(name));
        if (words.size() >= 2 && in(data_words, words.back())) {
            return NodeKind::dataset;
        }
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
        // The head noun of the first clause: a description goes on to what the model was
        // trained with ("…中医领域大模型，结合…私有数据微调").
        std::string_view clause = lt;
        for (const std::string_view stop : {"，", "。", "；", "！"}) {
            clause = clause.substr(0, std::min(clause.size(), clause.find(stop)));
        }
        std::size_t data_last = std::string::npos;
        std::size_t model_last = std::string::npos;
        for (auto w : k_data_title_words_cjk) {
            // "在…数据集上进行了预训练": data the model was trained on, not what the entry is.
            for (auto at = clause.rfind(w); at != std::string::npos;
                 at = at == 0 ? std::string::npos : clause.rfind(w, at - 1)) {
                std::string_view after = clause.substr(at + w.size());
                if (after.starts_with("集")) {
                    after.remove_prefix(std::string_view("集").size());
                }
                if (after.starts_with("上")) {
                    continue;
                }
                data_last = data_last == std::string::npos ? at : std::max(data_last, at);
                break;
            }
        }
        for (auto w : k_model_title_words_cjk) {
            if (const auto at = clause.rfind(w); at != std::string::npos) {
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

bool Reader::publication_venue(std::string_view venue) {
    const std::string v = lower(util::trim(venue));
    return !v.empty() && !in(k_non_venues, v);
}

void Reader::entry(const EntrySource& e, const Context& ctx) {
    MarkdownEntry rec;
    rec.line = e.line;
    rec.column = e.column;
    rec.section = ctx.section;
    ++m_batch.records_seen;
    ++m_section_entries[ctx.section];
    std::string reason;
    // One link naming several things ("[ToyMix, LargeMix, UltraLarge](url)", "[UniRef100, 90,
    // 50](url)"): one entry, a node for each name.
    bool emitted = false;
    if (const Parsed p = parse_entry(e); p.name.find(',') != std::string::npos) {
        const auto parts = md::split_values(p.name, false);
        const bool names = parts.size() >= 2 && parts.size() <= 8 &&
                           std::all_of(parts.begin(), parts.end(), [](const std::string& n) {
                               return not_a_name(n).empty() && md::looks_like_model_name(n) &&
                                      n.find(' ') == std::string::npos;
                           });
        if (names) {
            bool all = true;
            const std::string label = "[" + p.name + "]";
            const auto at = e.head.find(label);
            for (const auto& n : parts) {
                EntrySource one = e;
                // The entry as if its link named this one: "[ToyMix](url), `2023.10` Towards…".
                one.head = at != std::string::npos ? e.head.substr(0, at) + "[" + n + "]" +
                                                         e.head.substr(at + label.size())
                                                   : "**" + n + "** " + e.head;
                all = emit(one, ctx, reason) && all;
            }
            emitted = true;
            if (all) {
                reason.clear();
            }
        }
    }
    if (emitted ? !reason.empty() : !emit(e, ctx, reason)) {
        rec.skipped = true;
        rec.reason = reason;
        ++m_batch.records_skipped;
        m_batch.diagnostics.warning(m_batch.at(e.line, e.column), "list entry skipped: " + reason);
    }
    m_out.entries.push_back(std::move(rec));
}

bool Reader::emit(const EntrySource& e, const Context& ctx, std::string& reason) {
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
    std::string in_parens;
    // "**仲景（CMtMedQA 线，Yang et al.）**": a name, then a remark in brackets.
    if (!p.name.empty() && !not_a_name(p.name).empty()) {
        for (const auto& [open, close] :
             {std::pair<std::string_view, std::string_view>{"(", ")"}, {"（", "）"}}) {
            const auto at = p.name.rfind(open);
            if (p.name.ends_with(close) && at != std::string::npos && at > 0) {
                const std::string before(util::trim(std::string_view(p.name).substr(0, at)));
                const std::string inner(util::trim(std::string_view(p.name).substr(
                    at + open.size(), p.name.size() - close.size() - at - open.size())));
                if (!before.empty() && not_a_name(before).empty() && !inner.empty()) {
                    p.name = before;
                    in_parens = inner;
                    break;
                }
            }
        }
    }
    // A bold label that says what a paper did ("GPT-4 中医研究生考试评估", "中医领域知识图谱补全")
    // names a piece of work, not a model; in a section of data it may name the exam or set.
    if (!p.name.empty() && ctx.kind != SectionKind::data_strong &&
        ctx.kind != SectionKind::data_weak) {
        static constexpr std::string_view k_work_nouns[] = {
            "评估", "研究", "综述", "方法", "构建", "补全",   "识别", "抽取", "检测",
            "预测", "分类", "分析", "对比", "探索", "综述）", "评测", "框架"};
        bool cjk = false;
        for (std::size_t i = 0; i < p.name.size() && !cjk;) {
            cjk = md::is_cjk(next_code_point(p.name, i));
        }
        bool work = false;
        for (const auto w : k_work_nouns) {
            work = work || (cjk && p.name.ends_with(w));
        }
        // "Syndrome Differentiation in Intelligent TCM Diagnosis System": five words or more
        // joined by a preposition make a title.
        static constexpr std::string_view k_joining[] = {"in",   "of",   "for",  "on",  "with",
                                                         "into", "from", "the",  "and", "based",
                                                         "to",   "via",  "using"};
        const auto words = split_words(p.name);
        if (words.size() >= 5 && std::any_of(words.begin(), words.end(), [](const std::string& w) {
                return in(k_joining, std::string_view(w));
            })) {
            work = true;
        }
        if (work) {
            p.title = p.title.empty() ? p.name : p.name + ": " + p.title;
            p.name.clear();
            p.aliases.clear();
        }
    }
    // "**Yao et al. 2026: LLM 与循证中医整合**" is a paper's title in bold, not a model's name.
    if (!p.name.empty() && !not_a_name(p.name).empty()) {
        p.title = p.title.empty() ? p.name : p.name + ": " + p.title;
        p.name.clear();
        p.aliases.clear();
    }
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
    if (auto dev = split_developer(p.name)) {
        p.name = dev->first;
        in_parens = dev->second;
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
    if (!in_parens.empty()) {
        add_attr(node, AttrKey::note, "named with \"(" + in_parens + ")\"", ao);
    }
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
                    p.title = !l.info.arxiv.empty() ? "arXiv:" + l.info.arxiv : "doi:" + l.info.doi;
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

void Reader::paper(const Parsed& p, const Context& ctx, const EntrySource& e,
                   const std::string& evidence, std::optional<std::uint32_t> owner,
                   const std::string& owner_name, const std::string& year,
                   const std::string& date) {
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
            add_attr(node, l.info.kind == md::LinkKind::code ? AttrKey::code : AttrKey::url, l.url,
                     lo);
        }
    }
    if (owner) {
        add_edge(*owner, EdgeKind::described_in, node, o);
    }
}

void Reader::dataset_link(std::uint32_t model, const Link& l, const EntrySource& e,
                          const Context& ctx) {
    const auto slash = l.info.hf_id.find('/');
    const std::string name = l.info.hf_id.substr(slash + 1);
    const bool eval = ctx.kind == SectionKind::data_weak;
    const Origin o = origin(e, ctx, "link " + l.url, Method::url, eval ? 0.7F : 0.5F);
    const auto ds = declare(NodeKind::dataset, name, o);
    add_attr(ds, AttrKey::url, l.url, o);
    add_edge(model, eval ? EdgeKind::evaluated_on : EdgeKind::trained_on, ds, o);
}

void Reader::attr_facts(std::uint32_t node, NodeKind kind, const AttrValue& a, const EntrySource& e,
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

md::Relation Reader::relation_for(const Cue& c, md::Relation hint) const {
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

EdgeKind Reader::edge_of(md::Relation r) {
    switch (r) {
    case md::Relation::pretrain:
        return EdgeKind::pretrained_from;
    case md::Relation::prompt:
        return EdgeKind::prompted_from;
    default:
        return EdgeKind::fine_tuned_from;
    }
}

void Reader::lineage(std::uint32_t node, const std::string& name,
                     const std::vector<std::string>& aliases, const Parsed& p,
                     const std::string& title_rest, const EntrySource& e, const Context& ctx) {
    std::vector<Cue> cues;
    const std::string text = (title_rest.empty() ? p.title : title_rest) +
                             (p.description.empty() ? "" : ". " + p.description);
    for (const auto& c : md::bases_in_text(text)) {
        cues.push_back(Cue::stated(c, Method::title, 1.0F, md::Relation::unknown));
    }
    // "基于 LLaVA 架构的…": what the model is built like is no guess of what it came from.
    const auto architectures = md::architectures_in_text(text);
    std::vector<std::string> names{name};
    names.insert(names.end(), aliases.begin(), aliases.end());
    const auto built_like = [&](const md::Family* f) {
        return std::find(architectures.begin(), architectures.end(), f) != architectures.end();
    };
    for (const auto& n : names) {
        for (const auto& nf : md::guessable_families(n)) {
            if (!built_like(nf.family)) {
                cues.push_back(
                    Cue::guessed(nf.family, Method::name, nf.confidence, "name \"" + n + "\""));
            }
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
        for (const auto& nf : md::guessable_families(repo_name)) {
            if (built_like(nf.family)) {
                continue;
            }
            cues.push_back(Cue::guessed(nf.family, Method::url,
                                        std::max(0.5F, nf.confidence - 0.1F), "link " + l.url));
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

void Reader::add_bases(std::uint32_t node, const std::string& name,
                       const std::vector<std::string>& aliases, std::vector<Cue> cues,
                       md::Relation hint, const EntrySource& e, const Context& ctx) {
    std::set<std::string> self{fold(name)};
    for (const auto& a : aliases) {
        self.insert(fold(a));
    }
    std::set<std::string> self_keys;
    for (const auto& n : names_and(name, aliases)) {
        for (auto& k : name_keys(n)) {
            self_keys.insert(std::move(k));
        }
    }
    // A base the source states makes guesses from the name or a link needless: a guess is
    // what medkg infers when nothing is stated.
    const bool stated = std::any_of(cues.begin(), cues.end(), [](const Cue& c) {
        return c.method != Method::name && c.method != Method::url;
    });
    if (stated) {
        std::erase_if(
            cues, [](const Cue& c) { return c.method == Method::name || c.method == Method::url; });
    }
    // A sentence about another model ("XrayGLM基于VisualGLM-6B" in IvyGPT's row) is not about
    // this one.
    std::erase_if(cues, [&](const Cue& c) {
        // A size of this model ("ChatLaw-13B" in ChatLaw's entry) is this model.
        const std::string subject = fold(c.subject);
        if (c.subject.empty() || self_keys.count(subject) > 0 ||
            std::any_of(self.begin(), self.end(), [&](const std::string& s) {
                return !s.empty() && subject.starts_with(s) &&
                       graph::split_size_suffix(c.subject).has_value();
            })) {
            return false;
        }
        return c.only_for_subject || m_row_names.count(fold(c.subject)) > 0;
    });
    // The links of a chain ("基于Guanaco->LLaMA"): the later base is the earlier one's.
    for (auto it = cues.begin(); it != cues.end();) {
        if (it->via.empty()) {
            ++it;
            continue;
        }
        if (fold(it->via) != fold(it->target) && self.count(fold(it->target)) == 0) {
            PendingBase pb;
            pb.subject = node;
            pb.via = it->via;
            pb.kind = edge_of(relation_for(*it, hint));
            pb.target = it->target;
            pb.family = it->family;
            pb.origin = origin(e, ctx, it->evidence, it->method, it->confidence);
            pb.model = it->via;
            m_pending.push_back(std::move(pb));
        }
        it = cues.erase(it);
    }
    // One cue per target: the most confident, then the most direct method.
    std::map<std::string, Cue> best;
    for (auto& c : cues) {
        const std::string key = fold(c.target);
        if (key.empty() || self.count(key) > 0) {
            continue;
        }
        // A size of this very model ("包括MedGPT-7B、MedGPT-13B" in MedGPT's entry) is no base.
        if (std::any_of(self.begin(), self.end(), [&](const std::string& s) {
                return !s.empty() && key.starts_with(s) &&
                       graph::split_size_suffix(c.target).has_value() &&
                       fold(graph::split_size_suffix(c.target)->family) == s;
            })) {
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
    // ChatGLM, LLaMA next to Llama 2, when the weaker one is only guessed; two stated bases
    // ("OpenFlamingo" in a column, "based on Flamingo" in the text) both stand.
    for (auto it = best.begin(); it != best.end();) {
        bool weaker = false;
        const bool guess = it->second.method == Method::name || it->second.method == Method::url;
        for (const auto& [k2, other] : best) {
            if (guess && &other != &it->second && it->second.family != nullptr &&
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
        if (c.family != nullptr && fold(c.target) == c.family->key && sized.count(c.family) > 0) {
            continue;
        }
        PendingBase pb;
        pb.subject = node;
        pb.kind = c.merge ? EdgeKind::merged_from : edge_of(relation_for(c, hint));
        pb.target = c.target;
        pb.family = c.family;
        pb.origin = origin(e, ctx, c.evidence, c.method, c.confidence);
        pb.model = name;
        m_pending.push_back(std::move(pb));
    }
}

void Reader::resolve_bases() {
    const auto base_node = [&](const std::string& name, const PendingBase& pb) {
        if (auto f = find_fact(name, NodeKind::base_model)) {
            return *f;
        }
        Origin o = pb.origin;
        o.evidence = clip("named as the base of \"" + pb.model + "\": " + pb.origin.evidence,
                          k_max_evidence);
        const auto idx = add_node(NodeKind::base_model, name, o);
        // "LLaMA-7B" is a size of LLaMA: the builder makes the family its name states.
        m_batch.nodes[idx].named_as_base = true;
        return idx;
    };
    for (const auto& pb : m_pending) {
        const std::uint32_t subject = pb.via.empty() ? pb.subject : base_node(pb.via, pb);
        const std::uint32_t target = base_node(pb.target, pb);
        if (target == subject) {
            continue;
        }
        add_edge(subject, pb.kind, target, pb.origin);
    }
    m_pending.clear();
}

} // namespace medkg::ingest::md
