// The markdown reader: markdown and HTML tables, row by row, into entries.

#include "ingest/markdown/list_reader.hpp"

namespace medkg::ingest::md {

void Reader::markdown_table(const md::Block& t) {
    if (t.children.empty()) {
        return;
    }
    const std::vector<std::string>& header_cells = t.children.front().cells;
    std::vector<Row> rows;
    std::vector<std::size_t> written; // cells each row has in the file (GitHub pads them)
    for (std::size_t r = 1; r < t.children.size(); ++r) {
        const auto& row = t.children[r];
        rows.emplace_back(row.line, row.cells);
        written.push_back(row.line > 0 && row.line <= m_lines.size()
                              ? md::split_row(m_lines[row.line - 1]).size()
                              : row.cells.size());
    }
    // Rows split over lines: two short rows that together fill the header.
    const std::size_t width = header_cells.size();
    std::vector<Row> merged;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        auto row = rows[r];
        if (written[r] < width && r + 1 < rows.size() && written[r + 1] < width &&
            written[r] + written[r + 1] - 1 == width) {
            auto next = rows[r + 1].second;
            next.resize(written[r + 1]);
            row.second.resize(written[r]);
            row.second.back() += " " + next.front();
            row.second.insert(row.second.end(), next.begin() + 1, next.end());
            ++r;
        }
        row.second.resize(width);
        merged.push_back(std::move(row));
    }
    table(t.line, header_cells, merged);
}

void Reader::html_table(const md::HtmlTable& t) {
    if (t.rows.empty()) {
        return;
    }
    const std::size_t header_rows = std::max<std::size_t>(1, t.header_rows);
    std::size_t width = 0;
    for (const auto& r : t.rows) {
        width = std::max(width, r.size());
    }
    std::vector<std::string> header(width);
    for (std::size_t r = 0; r < header_rows && r < t.rows.size(); ++r) {
        for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
            const std::string& cell = t.rows[r][c];
            if (!cell.empty() && header[c] != cell) {
                // A group title over its columns' own names: "Base Model › # Params".
                header[c] += (header[c].empty() ? "" : " \u203A ") + cell;
            }
        }
    }
    std::vector<Row> rows;
    m_cell_lines.clear();
    for (std::size_t r = header_rows; r < t.rows.size(); ++r) {
        auto cells = t.rows[r];
        cells.resize(width);
        rows.emplace_back(t.row_lines[r], std::move(cells));
        m_cell_lines.push_back(r < t.cell_lines.size() ? t.cell_lines[r]
                                                       : std::vector<std::uint32_t>{});
    }
    table(t.line, header, rows);
    m_cell_lines.clear();
}

void Reader::table(std::uint32_t header_line, const std::vector<std::string>& header_cells,
                   const std::vector<Row>& rows) {
    md::TableHeader header = md::classify_header(header_cells);
    if (header.kind == md::TableKind::none) {
        // No header word names the rows: a column of links or names in any language does.
        std::vector<std::vector<std::string>> cells;
        for (const auto& r : rows) {
            cells.push_back(r.second);
        }
        if (const auto k = md::name_column_from_rows(header, cells)) {
            header.columns[*k] = md::Column::name;
            header.kind = m_context.kind == SectionKind::data_strong ||
                                  m_context.kind == SectionKind::data_weak
                              ? md::TableKind::dataset
                          : m_context.kind == SectionKind::papers ? md::TableKind::paper
                                                                  : md::TableKind::model;
        }
    }
    MarkdownSection& sec = m_out.sections[m_context.section];
    if (!sec.read) {
        sec.items_not_read += rows.size();
        return;
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
        return;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& [row_line, cells] = rows[r];
        // An HTML row spans lines: it is where its name is.
        std::uint32_t line_no = row_line;
        if (r < m_cell_lines.size()) {
            for (std::size_t k = 0; k < header.columns.size() && k < m_cell_lines[r].size(); ++k) {
                if (header.columns[k] == md::Column::name && m_cell_lines[r][k] != 0) {
                    line_no = m_cell_lines[r][k];
                }
            }
        }
        table_row(header, header_cells, line_no, cells);
    }
}

std::vector<std::string> Reader::br_parts(std::string_view cell) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '<' && i + 3 < cell.size() && (cell[i + 1] == 'b' || cell[i + 1] == 'B') &&
            (cell[i + 2] == 'r' || cell[i + 2] == 'R')) {
            const auto close = cell.find('>', i);
            if (close != std::string_view::npos && close - i <= 6) {
                out.push_back(std::string(util::trim(cur)));
                cur.clear();
                i = close;
                continue;
            }
        }
        cur += cell[i];
    }
    out.push_back(std::string(util::trim(cur)));
    std::erase_if(out, [](const std::string& p) { return p.empty(); });
    return out;
}

std::vector<std::string> Reader::names_in_cell(std::string_view cell) {
    std::vector<std::string> out;
    for (const auto& part : br_parts(cell)) {
        if (!out.empty() && (part.front() == '(' || part.starts_with("\uFF08"))) {
            continue;
        }
        if (!out.empty() && !has_real_link(part)) {
            continue; // a remark under the name
        }
        for (auto& n : comma_names(part)) {
            for (auto& v : bracket_variants(n)) {
                out.push_back(std::move(v));
            }
        }
    }
    return out;
}

std::vector<std::string> Reader::bracket_variants(const std::string& part) {
    // "[Med_Gemini-[2D,3D,Polygenic]](url)": one entry naming three models, Med_Gemini-2D,
    // Med_Gemini-3D and Med_Gemini-Polygenic, each with the rest of the row.
    const auto open = part.find("-[");
    if (open == std::string::npos || open == 0 || part.front() != '[') {
        return {part};
    }
    const auto close = part.find(']', open + 2);
    if (close == std::string::npos || close + 1 >= part.size() || part[close + 1] != ']') {
        return {part};
    }
    const std::string inner = part.substr(open + 2, close - open - 2);
    if (inner.find(',') == std::string::npos || inner.find('[') != std::string::npos) {
        return {part};
    }
    std::vector<std::string> out;
    for (auto item : util::split(inner, ',')) {
        item = util::trim(item);
        if (item.empty() || item.find(' ') != std::string_view::npos) {
            return {part};
        }
        out.push_back(part.substr(0, open + 1) + std::string(item) + part.substr(close + 1));
    }
    return out;
}

std::vector<std::string> Reader::comma_names(const std::string& part) {
    std::vector<std::string> pieces;
    std::string cur;
    int depth = 0;
    for (std::size_t i = 0; i < part.size(); ++i) {
        const char c = part[i];
        depth += (c == '[' || c == '(') ? 1 : (c == ']' || c == ')') ? -1 : 0;
        const bool ascii_comma = c == ',' && depth == 0;
        const bool wide =
            depth == 0 && (part.compare(i, 3, "，") == 0 || part.compare(i, 3, "、") == 0);
        if (ascii_comma || wide) {
            pieces.push_back(std::string(util::trim(cur)));
            cur.clear();
            i += wide ? 2 : 0;
            continue;
        }
        cur += c;
    }
    pieces.push_back(std::string(util::trim(cur)));
    if (pieces.size() < 2) {
        return {part};
    }
    std::string stem; // "Qwen-" of "Qwen-1.8B"
    {
        const std::string first = cell_text(pieces.front());
        const auto m = graph::parse_model_name(first);
        if (!m.size.empty()) {
            stem = first.substr(0, static_cast<std::size_t>(m.size.data() - m.text.data()));
        }
    }
    std::vector<std::string> out;
    for (auto& p : pieces) {
        std::string text = cell_text(p);
        if (text.empty()) {
            continue;
        }
        if (!stem.empty() && md::parse_size(text)) {
            p = stem + text;
            text = p;
        }
        if (!not_a_name(text).empty() || split_words(text).size() > 4) {
            return {part};
        }
        out.push_back(p);
    }
    return out;
}

void Reader::table_row(const md::TableHeader& h, const std::vector<std::string>& header_cells,
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
    // A name cell may name several models, each with the rest of the row.
    std::vector<std::vector<std::string>> rows{cells};
    for (std::size_t k = 0; k < h.columns.size() && k < cells.size(); ++k) {
        if (h.columns[k] == md::Column::name) {
            const auto names = names_in_cell(cells[k]);
            if (!names.empty()) {
                rows.clear();
                for (const auto& n : names) {
                    rows.push_back(cells);
                    rows.back()[k] = n;
                }
            }
        }
    }
    m_row_names.clear();
    for (std::size_t k = 0; k < h.columns.size() && k < cells.size(); ++k) {
        if (h.columns[k] == md::Column::name) {
            for (const auto& n : names_in_cell(cells[k])) {
                for (auto& key : name_keys(cell_text(n))) {
                    m_row_names.insert(std::move(key));
                }
            }
        }
    }
    bool any = false;
    for (const auto& row : rows) {
        std::string why;
        if (row_facts(h, header_cells, e, row, why)) {
            any = true;
        } else if (reason.empty()) {
            reason = why;
        }
    }
    m_row_names.clear();
    if (!any) {
        rec.skipped = true;
        rec.reason = reason;
        ++m_batch.records_skipped;
        m_batch.diagnostics.warning(m_batch.at(line_no, 1), "table row skipped: " + reason);
    }
    m_out.entries.push_back(std::move(rec));
}

std::string Reader::cell_text(std::string_view cell) {
    return md::clean_latex(md::plain_text(cell));
}

std::vector<Link> Reader::cell_links(std::string_view cell_in) {
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

bool Reader::row_facts(const md::TableHeader& h, const std::vector<std::string>& header_cells,
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
    std::string full = trim_name(strip_citation(md::strip_emoji(cell_text(name_cell))));
    if (full.empty() || full == "-" || full == "—") {
        reason = "the name cell is empty";
        return false;
    }
    // A title cell that starts with a name ("[MedGemma](url): Google's most capable ..."):
    // the row is that model, described in the titled paper.
    std::string paper_title;
    std::string title_rest;
    bool title_named = false;
    if (h.kind == md::TableKind::paper) {
        if (const auto tn = name_from_title(full); tn && !tn->rest.empty()) {
            paper_title = full;
            title_rest = tn->rest;
            full = tn->name;
            title_named = true;
        } else if (full.size() > 0) {
            paper_title = full; // a paper without a model name: the paper is the entry
        }
    }
    if (const std::string why = not_a_name(full); !why.empty() && paper_title.empty()) {
        reason = "the name cell \"" + clip(full, 60) + "\" names nothing: " + why;
        return false;
    }
    std::vector<Link> links = cell_links(name_cell);
    // A name that is the Hub id its link points to is one name (`cyberagent/Llama-3.1-70B`),
    // not a name and its alias (`BenTsao/Huatuo`).
    const bool hub_named = std::any_of(links.begin(), links.end(), [&](const Link& l) {
        return l.info.kind == md::LinkKind::hf_model && lower(l.info.hf_id) == lower(full);
    });
    std::string in_parens;
    if (!hub_named) {
        if (auto dev = split_developer(full)) {
            full = dev->first;
            in_parens = dev->second;
        }
    }
    auto [name, aliases] =
        hub_named ? std::make_pair(full, std::vector<std::string>{}) : split_aliases(full);
    for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
        if (h.columns[k] == md::Column::link || h.columns[k] == md::Column::title) {
            for (auto& l : cell_links(cells[k])) {
                links.push_back(std::move(l));
            }
        }
    }
    const NodeKind kind = h.kind == md::TableKind::dataset                 ? NodeKind::dataset
                          : h.kind == md::TableKind::paper && !title_named ? NodeKind::paper
                          : h.bases                                        ? NodeKind::base_model
                                                                           : NodeKind::model;
    bool has_keys = false;
    for (const auto& l : links) {
        has_keys =
            has_keys || (l.info.kind == md::LinkKind::hf_model && repo_names(l.info.hf_id, name));
    }
    name = spelling_for(name, kind, has_keys && kind == NodeKind::model);
    Context ctx = m_context;
    const Origin o = origin(e, ctx, row_text, Method::table, 1.0F);
    const auto node = add_node(kind, name, o);
    for (const auto& a : aliases) {
        add_alias(node, a, o);
    }
    const Origin lo = origin(e, ctx, "", Method::table, 1.0F);
    if (!in_parens.empty()) {
        add_attr(node, AttrKey::note, "named with \"(" + in_parens + ")\"", lo);
    }
    std::optional<std::uint32_t> paper;
    if (title_named) {
        // The paper by its title; its arXiv id or DOI joins it to other sources.
        paper = add_node(NodeKind::paper, paper_title, o);
        add_attr(*paper, AttrKey::title, paper_title, o);
        add_edge(node, EdgeKind::described_in, *paper, o);
    }
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
            add_attr(paper.value_or(node), AttrKey::url, l.url, lo);
            if (!arxiv_set && (!l.info.arxiv.empty() || !l.info.doi.empty())) {
                if (kind == NodeKind::paper || paper) {
                    const auto p = paper.value_or(node);
                    add_attr(p, l.info.arxiv.empty() ? AttrKey::doi : AttrKey::arxiv,
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
                l.find("pretrain") != std::string::npos || l.find("预训练") != std::string::npos) {
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
    // "MedGemma: ... built on Gemma 3": the title states the base.
    for (const auto& c : md::bases_in_text(title_rest)) {
        cues.push_back(Cue::stated(c, Method::title, 1.0F, hint));
    }
    for (std::size_t k = 0; k < cells.size() && k < h.columns.size(); ++k) {
        const std::string text = cell_text(cells[k]);
        if (text.empty()) {
            continue;
        }
        const Origin co =
            origin(e, ctx, md::plain_text(header_cells[k]) + ": " + text, Method::table, 0.95F);
        switch (h.columns[k]) {
        case md::Column::base:
        case md::Column::merge_base:
            if (!graph::is_model_like(kind)) {
                break;
            }
            for (const auto& raw : base_values(cells[k])) {
                if (in(k_architectures, lower(raw))) {
                    add_attr(node, AttrKey::note, "architecture: " + raw, co);
                    continue;
                }
                if (!base_shaped(raw)) {
                    // A remark in the base cell ("Instruct のないモデルのみ X がベース",
                    // "(X に対して追加学習)"): the bases its words state, if any.
                    // Words say how the base was used, so a merge column's remark is no
                    // merge ("X に対して追加学習").
                    for (const auto& c : md::bases_in_text(raw)) {
                        cues.push_back(Cue::stated(c, Method::table, 0.95F, hint));
                    }
                    add_attr(node, AttrKey::note, "base: " + raw, co);
                    continue;
                }
                const std::string v = base_spelling(raw);
                Cue c;
                c.method = Method::table;
                c.confidence = 0.95F;
                c.evidence = row_text;
                c.relation = hint; // the row's method and features describe this base
                c.merge = h.columns[k] == md::Column::merge_base;
                if (const auto tf = md::family_of_token(v); tf && tf->plain) {
                    c.family = tf->family;
                    c.target = md::base_target(v, *tf);
                } else {
                    c.target = trim_name(v);
                }
                cues.push_back(std::move(c));
            }
            break;
        case md::Column::architecture:
            for (const auto& part : br_parts(cells[k])) {
                const std::string v = cell_text(part);
                if (!v.empty() && v.front() != '(') {
                    add_attr(node, AttrKey::note, "architecture: " + v, co);
                    break;
                }
            }
            if (!graph::is_model_like(kind)) {
                break;
            }
            // What it is built like, unless the cell says what it is built on: "PLaMo 3ベース",
            // "Vision-Language (Qwen2.5-VL-32B ベース)" (in a section of models trained from
            // scratch, "Llama ベース" names their architecture: there only a release with a
            // version or a size is a base), or the language model among a vision-language
            // model's parts.
            for (const auto& part : br_parts(cells[k])) {
                const std::string v = cell_text(part);
                for (const auto& c : md::bases_in_text(v)) {
                    const bool release = std::any_of(c.target.begin(), c.target.end(), is_digit);
                    if ((!ctx.scratch || release) && !in(k_architectures, lower(c.target))) {
                        cues.push_back(Cue::stated(c, Method::table, 0.95F, hint));
                    }
                }
                if (const std::string lm = language_model_of_parts(v); !lm.empty()) {
                    Cue c;
                    c.method = Method::table;
                    c.confidence = 0.9F;
                    c.evidence = md::plain_text(header_cells[k]) + ": " + v;
                    c.relation = hint;
                    if (const auto tf = md::family_of_token(lm); tf && tf->plain) {
                        c.family = tf->family;
                        c.target = md::base_target(lm, *tf);
                    } else {
                        c.target = lm;
                    }
                    cues.push_back(std::move(c));
                }
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
                // "Swallow 13B に対して LEIA で追加学習": what the model was trained from. Such a
                // cell is a sentence: only the data it links are datasets.
                const auto stated = md::bases_in_text(text);
                for (const auto& c : stated) {
                    cues.push_back(Cue::stated(c, Method::table, 0.9F, hint));
                }
                std::vector<std::string> values;
                if (stated.empty()) {
                    // Lines of the cell, each maybe labelled: "SFT: X<br>RL: Y".
                    for (const auto& line : br_parts(cells[k])) {
                        std::string lt = cell_text(line);
                        if (const auto colon = lt.find(": ");
                            colon != std::string::npos &&
                            split_words(lt.substr(0, colon)).size() <= 3) {
                            lt = lt.substr(colon + 2);
                        }
                        for (auto& v : md::split_values(lt, false)) {
                            values.push_back(std::move(v));
                        }
                    }
                } else {
                    for (const auto& l : cell_links(cells[k])) {
                        if (!l.label.empty()) {
                            values.push_back(md::plain_text(l.label));
                        }
                    }
                }
                // "日本語 Wikipedia + Japanese CC-100": two datasets.
                std::vector<std::string> parts;
                for (const auto& raw_value : values) {
                    std::string_view rest = raw_value;
                    for (auto plus = rest.find(" + "); plus != std::string_view::npos;
                         plus = rest.find(" + ")) {
                        parts.emplace_back(rest.substr(0, plus));
                        rest.remove_prefix(plus + 3);
                    }
                    parts.emplace_back(rest);
                }
                for (const auto& part : parts) {
                    const std::string v = dataset_in_cell_value(part);
                    if (v.empty()) {
                        continue;
                    }
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
        case md::Column::title:
            // "GenePT | … embedding model for single-cell biology built from ChatGPT".
            if (graph::is_model_like(kind)) {
                for (const auto& c : md::bases_in_text(text)) {
                    cues.push_back(Cue::stated(c, Method::title, 0.95F, hint));
                }
            }
            break;
        case md::Column::features:
            if (kind == NodeKind::model) {
                for (const auto& c : md::bases_in_text(text)) {
                    cues.push_back(Cue::stated(c, Method::table, 0.9F, hint));
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
        // A family the row names as the model's architecture is no guess of its base.
        const auto architectures = md::architectures_in_text(row_text);
        for (const auto& n : std::vector<std::string>{name}) {
            for (const auto& nf : md::guessable_families(n)) {
                if (std::find(architectures.begin(), architectures.end(), nf.family) ==
                    architectures.end()) {
                    cues.push_back(
                        Cue::guessed(nf.family, Method::name, nf.confidence, "name \"" + n + "\""));
                }
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

std::vector<std::string> Reader::base_values(std::string_view cell) {
    std::vector<std::string> out;
    for (const auto& part : br_parts(cell)) {
        if (part.front() == '(' || part.starts_with("\uFF08")) {
            continue;
        }
        for (auto v : md::split_values(cell_text(part), true)) {
            v = strip_citation(v);
            // "- (remark)": a dash for "none", then a remark.
            while (!v.empty() && (v.front() == '-' || v.front() == ' ')) {
                v.erase(v.begin());
            }
            if (v.empty() || token_count(v)) {
                continue;
            }
            out.push_back(std::move(v));
        }
    }
    return out;
}

bool Reader::base_shaped(std::string_view v) {
    const std::string_view t = util::trim(v);
    if (t.empty() || t.front() == '(' || t.starts_with("\uFF08")) {
        return false;
    }
    const auto words = split_words(std::string(t));
    if (words.size() > 6 || t.size() > 60) {
        return false;
    }
    // Japanese or Chinese prose: kana or CJK beside Latin words with a particle.
    for (const char* particle : {"に対して", "ベース", "のみ", "から", "基于", "以", "を"}) {
        if (t.find(particle) != std::string_view::npos) {
            return false;
        }
    }
    // Words of a remark, not of a name: "based on PaLM 2", "Wikipedia etc.", "252K
    // instruction data".
    for (const auto& w : words) {
        const std::string l = lower(w);
        if (l == "based" || l == "on" || l == "from" || l == "etc" || l == "etc." || l == "data" ||
            l == "dataset" || l == "corpus" || l == "tokens" || l == "instructions" ||
            l == "using" || l == "with") {
            return false;
        }
    }
    // A model's name has a capital, a digit or a CJK character somewhere, or is a known
    // family: "mixed multimodal training" is a remark.
    if (md::family_of_token(t)) {
        return true;
    }
    for (const auto& w : words) {
        if (md::looks_like_model_name(w) || (!w.empty() && is_upper(w.front())) ||
            static_cast<unsigned char>(w.front()) >= 0x80) {
            return true;
        }
    }
    return false;
}

std::string Reader::base_spelling(std::string_view v) {
    std::string_view t = graph::strip_name_noise(v);
    if (t.ends_with(")")) {
        if (const auto open = t.rfind('('); open != std::string_view::npos && open > 0) {
            std::string out(util::trim(t.substr(0, open)));
            // "Mixtral-8x7B-Instruct-v0.1 (46.7b)": a name with a size of its own gives the
            // total in parentheses, which is no part of the name.
            if (!graph::parse_model_name(out).size.empty()) {
                return out;
            }
            return out + " " + std::string(util::trim(t.substr(open + 1, t.size() - open - 2)));
        }
    }
    return std::string(t);
}

std::string Reader::strip_citation(std::string v) {
    for (;;) {
        std::string_view t = util::trim(v);
        if (t.empty() || t.back() != ']') {
            return std::string(t);
        }
        const auto open = t.rfind('[');
        if (open == std::string_view::npos) {
            return std::string(t);
        }
        const std::string_view inner = t.substr(open + 1, t.size() - open - 2);
        const bool cite = !inner.empty() && std::all_of(inner.begin(), inner.end(), [](char c) {
            return is_digit(c) || c == ',' || c == ' ' || c == '^' || c == '-';
        });
        if (!cite) {
            return std::string(t);
        }
        v = std::string(t.substr(0, open));
    }
}

bool Reader::token_count(std::string_view v) {
    const std::string l = lower(v);
    if (l.find("token") != std::string::npos || l.find("トークン") != std::string::npos) {
        return true;
    }
    const std::string_view t = util::trim(l);
    return t.size() >= 2 && t.back() == 't' &&
           std::all_of(t.begin(), t.end() - 1, [](char c) { return is_digit(c) || c == '.'; });
}

void Reader::eval_value(std::uint32_t node, const std::string& v, const EntrySource& e,
                        const Context& ctx, const std::string& row_text) {
    const std::string l = lower(v);
    bool task = false;
    for (const auto& w : split_words(l)) {
        task = task || in(k_task_words, w) || in(k_task_acronyms, w);
    }
    const auto words = split_words(v);
    const bool named = std::any_of(words.begin(), words.end(),
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

} // namespace medkg::ingest::md
