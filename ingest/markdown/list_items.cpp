// The markdown reader: list items, nested items and labels, into entries.

#include "ingest/markdown/list_reader.hpp"

namespace medkg::ingest::md {

bool Reader::prose_in_heading_entry(const md::Block& b) {
    // Bullets of prose inside a model's heading entry ("ShenNong-TCM模型也是以LlaMA为底座，…")
    // describe that model; a bullet that starts with a link or a bold name is an entry.
    if (!heading_entry_open() || !heading_names_model() || m_heading_attrs.empty() ||
        !std::all_of(b.children.begin(), b.children.end(), [](const md::Block& item) {
            const std::string t(util::trim(block_text(item)));
            return !t.empty() && t.front() != '[' && !t.starts_with("**") && !t.starts_with("<");
        })) {
        return false;
    }
    for (const auto& item : b.children) {
        m_heading_attrs.push_back(
            AttrValue{AttrLine::description, "", std::string(util::trim(block_text(item)))});
    }
    return true;
}

void Reader::list(const md::Block& b) {
    m_list_open = true;
    m_items.clear();
    m_roots.clear();
    m_list_first_line = b.line;
    m_list_last_line = last_text_line(b);
    m_list_follows_heading = m_last_heading_line != 0 && m_blocks_since_heading == 0;
    add_items(b, std::nullopt, 0);
    close_list();
}

std::uint32_t Reader::last_text_line(const md::Block& b) {
    if (b.children.empty()) {
        return b.end_line;
    }
    std::uint32_t last = b.line;
    for (const auto& c : b.children) {
        last = std::max(last, last_text_line(c));
    }
    return last;
}

void Reader::add_items(const md::Block& list, std::optional<std::uint32_t> parent,
                       std::size_t depth) {
    for (const auto& it : list.children) {
        if (it.type != md::Block::Type::item) {
            continue;
        }
        Item item;
        item.line = it.line;
        item.column = it.column;
        m_items.push_back(std::move(item));
        const auto idx = static_cast<std::uint32_t>(m_items.size() - 1);
        if (parent) {
            m_items[*parent].children.push_back(idx);
        } else {
            m_roots.push_back(idx);
        }
        for (const auto& c : it.children) {
            if (c.type == md::Block::Type::list) {
                if (depth + 1 >= k_max_depth) {
                    append_text(idx, flattened(c), c.line);
                } else {
                    add_items(c, idx, depth + 1);
                }
            } else {
                append_text(idx, block_text(c), c.line);
            }
        }
    }
}

std::string Reader::block_text(const md::Block& b) {
    switch (b.type) {
    case md::Block::Type::paragraph:
    case md::Block::Type::heading:
        return without_comments(b.text);
    case md::Block::Type::html:
        return without_comments(b.text);
    case md::Block::Type::table: {
        std::string out;
        for (const auto& r : b.children) {
            std::string row;
            for (const auto& c : r.cells) {
                row += (row.empty() ? "" : " | ") + c;
            }
            out += (out.empty() ? "" : "\n") + row;
        }
        return out;
    }
    case md::Block::Type::quote:
    case md::Block::Type::item:
    case md::Block::Type::list: {
        std::string out;
        for (const auto& c : b.children) {
            const std::string t = block_text(c);
            if (!t.empty()) {
                out += (out.empty() ? "" : "\n") + t;
            }
        }
        return out;
    }
    default:
        return {};
    }
}

std::string Reader::flattened(const md::Block& b) { return block_text(b); }

void Reader::append_text(std::uint32_t idx, std::string_view text, std::uint32_t line_no) {
    if (util::trim(text).empty()) {
        return;
    }
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
        const std::size_t room = k_max_entry_bytes - std::min(k_max_entry_bytes, item.text.size());
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

void Reader::close_list() {
    if (!m_list_open) {
        return;
    }
    m_list_open = false;
    interpret_list();
    m_items.clear();
    m_roots.clear();
    ++m_blocks_since_heading;
}

std::size_t Reader::count_items(std::uint32_t idx) const {
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

void Reader::interpret_list() {
    MarkdownSection& sec = m_out.sections[m_context.section];
    if (!sec.read) {
        if (!sec.news) {
            sec.items_not_read += m_items.size();
            return;
        }
        // News: an item that names a model is its entry; the rest report changes to the list.
        const std::uint32_t section = m_context.section;
        for (auto r : m_roots) {
            std::size_t not_read = count_items(r);
            if (auto head = news_head(m_items[r].text)) {
                EntrySource e;
                e.line = m_items[r].line;
                e.column = m_items[r].column;
                e.head = std::move(*head);
                entry(e, m_context);
                --not_read;
            }
            m_out.sections[section].items_not_read += not_read;
        }
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
            std::vector<AttrValue> attrs;
            for (auto r : m_roots) {
                auto a = attr_line(m_items[r].text);
                a->value += flatten_children(r);
                attrs.push_back(std::move(*a));
            }
            heading_entry(attrs);
            return;
        }
    }
    for (auto r : m_roots) {
        item_entry(r, m_context, 0);
    }
}

std::optional<std::string> Reader::news_head(std::string_view text) {
    const auto name_shaped = [](std::string_view raw) {
        std::string n = trim_name(md::strip_emoji(md::plain_text(raw)));
        if (n.size() > 2 && n.front() == '[' && n.back() == ']') {
            n = trim_name(n.substr(1, n.size() - 2)); // "**[01 Dec, 2024]**"
        }
        // News speaks in sentences: a name in it is short ("**华族本草**", not "**后续将重点维护
        // Medical VLM 方向相关资源汇总**").
        std::size_t cjk = 0;
        for (std::size_t i = 0; i < n.size();) {
            cjk += md::is_cjk(next_code_point(n, i)) ? 1U : 0U;
        }
        if (cjk > 10) {
            return false;
        }
        return !n.empty() && n.size() <= 64 && split_words(n).size() <= 5 && not_a_name(n).empty();
    };
    // The first bold span: "[2026.07] … **X**，以…为底座", "Our work **[X](url)** has been …".
    for (const std::string_view mark : {"**", "__"}) {
        // A date or a label in bold may come first: "**[01 Dec, 2024]** … **X**".
        std::size_t from = 0;
        for (int span = 0; span < 3; ++span) {
            const auto open = text.find(mark, from);
            if (open == std::string_view::npos) {
                break;
            }
            const auto close = text.find(mark, open + mark.size());
            if (close == std::string_view::npos) {
                break;
            }
            from = close + mark.size();
            const std::string_view inner =
                text.substr(open + mark.size(), close - open - mark.size());
            if (name_shaped(inner)) {
                return "**" + std::string(inner) + "** " + std::string(text.substr(0, open)) +
                       std::string(text.substr(close + mark.size()));
            }
        }
    }
    // A quoted paper title: `update: new paper "Polaris: A Safety-focused LLM …"`.
    for (const auto& [q_open, q_close] :
         {std::pair<std::string_view, std::string_view>{"\"", "\""}, {"“", "”"}}) {
        const auto open = text.find(q_open);
        if (open == std::string_view::npos) {
            continue;
        }
        const auto close = text.find(q_close, open + q_open.size());
        if (close == std::string_view::npos) {
            continue;
        }
        const std::string_view title =
            text.substr(open + q_open.size(), close - open - q_open.size());
        const auto colon = title.find(':');
        if (colon != std::string_view::npos && name_shaped(title.substr(0, colon))) {
            return std::string(title);
        }
    }
    // A link whose text is a model's name: "[Qwen2.5-Max](https://…)がリリースされました",
    // "東工大からMixtralの追加学習日本語モデル[Swallow-MX](https://…)" (not "[arXiv](…)",
    // "[链接](…)", "[13Bモデル](…)").
    std::vector<std::string> labels;
    for (const auto& l : md::find_links(text)) {
        if (!l.image) {
            labels.push_back(l.label);
        }
    }
    for (const auto& raw_label : labels) {
        const std::string label = trim_name(md::plain_text(raw_label));
        const std::string key = lower(label);
        static constexpr std::string_view k_not_names[] = {"arxiv",  "paper",       "code", "link",
                                                           "github", "huggingface", "demo", "blog",
                                                           "here",   "website",     "pdf"};
        if (!name_shaped(label) || !md::looks_like_model_name(label) || in(k_not_names, key) ||
            key.ends_with("モデル") || key.ends_with("模型") || key.ends_with(" model")) {
            continue;
        }
        return "**" + label + "** " + std::string(text);
    }
    return std::nullopt;
}

std::string_view Reader::describe_first(const std::vector<AttrValue>& attrs) {
    for (const auto& a : attrs) {
        if (a.kind == AttrLine::description) {
            return a.value;
        }
    }
    return {};
}

std::string Reader::flatten_children(std::uint32_t idx) const {
    std::string out;
    std::vector<std::uint32_t> todo(m_items[idx].children.rbegin(), m_items[idx].children.rend());
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

void Reader::item_entry(std::uint32_t idx, const Context& ctx, std::size_t depth) {
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

Origin Reader::origin(const EntrySource& e, const Context& ctx, std::string evidence, Method method,
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

} // namespace medkg::ingest::md
