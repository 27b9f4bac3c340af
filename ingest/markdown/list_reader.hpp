#pragma once

// The markdown reader's state, shared by the files that hold its jobs. Internal to
// ingest/markdown/: the public interface is reader.hpp.

#include "ingest/markdown/reader.hpp"

#include "graph/model_name.hpp"
#include "graph/names.hpp"
#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/document.hpp"
#include "ingest/markdown/entry.hpp"
#include "ingest/markdown/html.hpp"
#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/names.hpp"
#include "ingest/markdown/sections.hpp"
#include "ingest/markdown/table.hpp"
#include "ingest/markdown/text.hpp"
#include "ingest/markdown/vocabulary.hpp"
#include "util/text.hpp"
#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace medkg::ingest::md {

using graph::AttrKey;
using graph::EdgeKind;
using graph::Method;
using graph::NodeKind;

/// The keys a subject named in prose may match a name by: the name folded, and for a name
/// that mixes scripts ("悟道·EMU") each Latin part of three or more characters ("EMU").
[[nodiscard]] std::vector<std::string> name_keys(const std::string& name);

/// A list item as the document gave it, before it is read as an entry.
struct Item {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
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
    std::string via; ///< when set, the edge goes from the base of this name, not from `subject`
};

struct Cue {
    std::string target;
    const md::Family* family = nullptr;
    md::Relation relation = md::Relation::unknown;
    Method method = Method::title;
    float confidence = 0.0F;
    std::string evidence;
    bool merge = false;  ///< one of the models a merge was made of
    std::string via;     ///< md::BaseCue::via: a chain's link, the base of this earlier base
    std::string subject; ///< md::BaseCue::subject: the model the sentence names as built on it
    bool only_for_subject = false; ///< md::BaseCue::only_for_subject

    /// A cue stated in text, read by `method`, its confidence scaled by `scale`; `hint` is the
    /// relation when the words say none.
    static Cue stated(const md::BaseCue& c, Method method, float scale, md::Relation hint) {
        Cue out;
        out.target = c.target;
        out.family = c.family;
        out.relation = c.relation == md::Relation::unknown ? hint : c.relation;
        out.method = method;
        out.confidence = c.confidence * scale;
        out.evidence = c.evidence;
        out.via = c.via;
        out.subject = c.subject;
        out.only_for_subject = c.only_for_subject;
        return out;
    }

    /// A guess: the family a name or a link shows, nothing stated.
    static Cue guessed(const md::Family* family, Method method, float confidence,
                       std::string evidence) {
        Cue out;
        out.target = std::string(family->name);
        out.family = family;
        out.method = method;
        out.confidence = confidence;
        out.evidence = std::move(evidence);
        return out;
    }
};

/// Reads one markdown list. Its jobs live in four files: reader.cpp (the document walk,
/// headings and sections), list_items.cpp (list items into entries), entries.cpp (an entry
/// into facts: names, kinds, attributes, bases) and table_rows.cpp (tables and their rows).
class Reader {
  public:
    Reader(std::string_view text, MarkdownRead& out)
        : m_input(text), m_out(out), m_batch(out.batch) {}

    void run();

  private:
    // --- the document -------------------------------------------------------------------------

    /// The file's lines (for the raw text of tables), split as the parser splits them.
    void split_lines();

    /// YAML front matter is no markdown: its lines are blanked (so line numbers stay).
    void blank_front_matter();

    void count_h1(const md::Block& b);

    void walk(const md::Block& b);

    /// The text of a paragraph without HTML comments.
    static std::string without_comments(std::string_view text);

    static bool bibtex_start(std::string_view content);

    /// `key：value` lines (known keys) only, each becoming an attribute; nullopt otherwise.
    static std::optional<std::vector<AttrValue>> attr_lines(std::string_view text);

    void paragraph(const md::Block& b);

    void code_block(const md::Block& b);

    void html_block(const md::Block& b);

    /// The raw lines of an HTML table that may run over several blocks (GitHub reads markdown
    /// between its tags after a blank line), from `b`'s first line to its `</table>`.
    void html_tables(const md::Block& b);

    bool heading_entry_open() const;

    /// The last heading is one model's name: its section may be that model's entry.
    bool heading_names_model() const;

    /// The entry of a heading whose section is `key：value` paragraphs or code (see paragraph).
    void flush_heading_entry();

    void heading_entry(const std::vector<AttrValue>& attrs);

    // --- headings and sections ----------------------------------------------------------------

    void heading(int level, std::string_view raw, std::uint32_t line_no, bool summary = false);

    void enter_section(std::uint32_t line_no);

    std::uint32_t section_index(const std::string& path, std::uint32_t line_no);

    // --- lists ----------------------------------------------------------------------------------

    /// Takes the items of `b` as the description of the open heading entry when they are
    /// prose; false (nothing taken) otherwise.
    bool prose_in_heading_entry(const md::Block& b);

    /// A list of the document: its items (nested lists as children) are read as entries.
    void list(const md::Block& b);

    /// The last line of `b` that holds text (a list's end line counts the blank line after it).
    static std::uint32_t last_text_line(const md::Block& b);

    void add_items(const md::Block& list, std::optional<std::uint32_t> parent, std::size_t depth);

    /// The text a block adds to the item it is in: a paragraph's or heading's markdown, an HTML
    /// fragment as written, a table's rows; code is no entry text.
    static std::string block_text(const md::Block& b);

    static std::string flattened(const md::Block& b);

    void append_text(std::uint32_t idx, std::string_view text, std::uint32_t line_no);

    void close_list();

    std::size_t count_items(std::uint32_t idx) const;

    void interpret_list();

    /// A news item's entry head: the model it names in bold or in a quoted paper title first,
    /// then the rest of the item; empty when it names none.
    static std::optional<std::string> news_head(std::string_view text);

    static std::string_view describe_first(const std::vector<AttrValue>& attrs);

    std::string flatten_children(std::uint32_t idx) const;

    void item_entry(std::uint32_t idx, const Context& ctx, std::size_t depth);

    // --- facts ----------------------------------------------------------------------------------

    Origin origin(const EntrySource& e, const Context& ctx, std::string evidence, Method method,
                  float confidence) const;

    std::uint32_t add_node(NodeKind kind, std::string name, Origin o);

    void add_alias(std::uint32_t subject, const std::string& alias, const Origin& o);

    /// Indexes `name` (folded) as naming node fact `idx`. One entry per spelling and kind:
    /// a name listed thousands of times stays one entry, so lookups stay constant-time.
    void index_name(const std::string& name, std::uint32_t idx);

    void add_attr(std::uint32_t subject, AttrKey key, std::string value, const Origin& o);

    void add_edge(std::uint32_t subject, EdgeKind kind, std::uint32_t target, const Origin& o);

    /// The node fact of this batch named `name` with a kind compatible with `kind`, if any.
    std::optional<std::uint32_t> find_fact(const std::string& name, NodeKind kind) const;

    /// A node fact for `name` declared once per batch (datasets, tasks, institutions named in
    /// cells and headings).
    std::uint32_t declare(NodeKind kind, const std::string& name, const Origin& o);

    /// The spelling to use for an entry's node: an earlier spelling of this list that differs
    /// only in case, when the entry carries no identity of its own (no Hub id, arXiv id or DOI).
    std::string spelling_for(const std::string& name, NodeKind kind, bool has_keys) const;

    NodeKind kind_of(const Parsed& p, const std::string& name, const Context& ctx) const;

    static bool publication_venue(std::string_view venue);

    void entry(const EntrySource& e, const Context& ctx);

    bool emit(const EntrySource& e, const Context& ctx, std::string& reason);

    void paper(const Parsed& p, const Context& ctx, const EntrySource& e,
               const std::string& evidence, std::optional<std::uint32_t> owner,
               const std::string& owner_name, const std::string& year, const std::string& date);

    void dataset_link(std::uint32_t model, const Link& l, const EntrySource& e, const Context& ctx);

    void attr_facts(std::uint32_t node, NodeKind kind, const AttrValue& a, const EntrySource& e,
                    const Context& ctx);

    md::Relation relation_for(const Cue& c, md::Relation hint) const;

    static EdgeKind edge_of(md::Relation r);

    /// Base-model cues of a model entry: its title and description, its name, its own links,
    /// and `base:` lines. One edge per base, from the most confident cue.
    void lineage(std::uint32_t node, const std::string& name,
                 const std::vector<std::string>& aliases, const Parsed& p,
                 const std::string& title_rest, const EntrySource& e, const Context& ctx);

    void add_bases(std::uint32_t node, const std::string& name,
                   const std::vector<std::string>& aliases, std::vector<Cue> cues,
                   md::Relation hint, const EntrySource& e, const Context& ctx);

    /// Base-model targets become node facts of this list (a model the list declares, or a
    /// base model named here for the first time) and edges to them.
    void resolve_bases();

    // --- tables ---------------------------------------------------------------------------------

    /// Reads the table whose header is line `k`; returns the index of its last line.
    using Row = std::pair<std::uint32_t, std::vector<std::string>>;
    /// Per row, the line of each cell when cells sit on lines of their own (HTML tables).
    std::vector<std::vector<std::uint32_t>> m_cell_lines;

    /// A GFM table: its header row and body rows, each with its line.
    void markdown_table(const md::Block& t);

    /// An HTML table: its header rows (several make one header: a group title over its
    /// columns' names), else its first row, and the rows below.
    void html_table(const md::HtmlTable& t);

    void table(std::uint32_t header_line, const std::vector<std::string>& header_cells,
               const std::vector<Row>& rows);

    /// The parts of a cell split at its line breaks (`<br>`, `<br/>`, `<br />`).
    static std::vector<std::string> br_parts(std::string_view cell);

    /// The models a name cell names: its first line, and later lines that are names or links of
    /// their own; a parenthesised line of links lists the variants of the one before
    /// (`[Swallow 70B](url)<br>([70B-v0.4](url), ...)`), not other entries.
    static std::vector<std::string> names_in_cell(std::string_view cell);

    /// A cell naming several models apart by commas ("[XrayGLM](u),[IvyGPT](v)", "华佗，凤凰",
    /// "Qwen-1.8B,7B,14B"): each, a bare size taking the first one's family. The cell itself
    /// when a part is no name.
    static std::vector<std::string> comma_names(const std::string& part);

    /// A name cell naming models by a bracketed list after a shared stem ("X-[2D,3D]").
    static std::vector<std::string> bracket_variants(const std::string& part);

    void table_row(const md::TableHeader& h, const std::vector<std::string>& header_cells,
                   std::uint32_t line_no, const std::vector<std::string>& cells);

    static std::string cell_text(std::string_view cell);

    /// Links in a cell, including bare addresses written with stray spaces or without a scheme.
    static std::vector<Link> cell_links(std::string_view cell_in);

    /// Expands "FS-/RAD-/GER-BERT" style names and slash aliases of a name cell.
    bool row_facts(const md::TableHeader& h, const std::vector<std::string>& header_cells,
                   const EntrySource& e_in, const std::vector<std::string>& cells,
                   std::string& reason);

    /// The base models of a base cell: its lines (a parenthesised line of variant links left
    /// out), each split into values, without citation marks (`LLaMA [48]`, `Llama[^1]`) or
    /// token counts (`2T tokens` in a `pretraining/base` column).
    static std::vector<std::string> base_values(std::string_view cell);

    /// Whether a base cell value is a model's name, not a remark: short, no sentence, no
    /// parenthesised prose.
    static bool base_shaped(std::string_view v);

    /// A base as the graph names it: footnotes and remarks in parentheses dropped, a size in
    /// parentheses written after the name (`Llama 3.1 (70b)` -> `Llama 3.1 70b`,
    /// `Swallow 8B (Instruct)` -> `Swallow 8B`).
    static std::string base_spelling(std::string_view v);

    /// `LLaMA [48]` -> `LLaMA`; `Llama[^1]` -> `Llama`.
    static std::string strip_citation(std::string v);

    /// `2T tokens`, `1.5T`, `300B tokens`: a corpus size, not a model.
    static bool token_count(std::string_view v);

    /// An "Eval task" value: a task ("Biomedical NER", "Disease Prediction") or a benchmark.
    void eval_value(std::uint32_t node, const std::string& v, const EntrySource& e,
                    const Context& ctx, const std::string& row_text);

    std::string_view m_input;
    MarkdownRead& m_out;
    FactBatch& m_batch;
    std::string m_text;
    std::vector<std::string_view> m_lines;
    std::size_t m_h1_count = 0;
    std::uint32_t m_skip_through = 0; ///< blocks up to this line were read (an HTML table's)
    bool m_heading_entry_possible = false;
    std::vector<AttrValue> m_heading_attrs; ///< `key：value` paragraphs under the last heading

    std::vector<std::pair<int, std::string>> m_headings;
    std::uint32_t m_last_heading_line = 0;
    std::size_t m_blocks_since_heading = 0;
    int m_real_level = 1; ///< level of the last real heading (a <summary> goes one below it)
    /// A bold paragraph that names news ("**NEWS**"): what follows, up to the next real heading,
    /// is news.
    bool m_news_paragraph = false;
    Context m_context;
    std::unordered_map<std::string, std::uint32_t> m_section_index;
    std::unordered_map<std::uint32_t, std::size_t> m_section_entries;

    bool m_list_open = false;
    bool m_list_follows_heading = false;
    std::uint32_t m_list_first_line = 0;
    std::uint32_t m_list_last_line = 0;
    std::vector<Item> m_items;
    std::vector<std::uint32_t> m_roots;

    std::unordered_map<std::string, std::vector<std::uint32_t>> m_by_fold;
    std::unordered_map<std::uint32_t, std::vector<std::pair<AttrKey, std::string>>> m_attr_seen;
    std::vector<PendingBase> m_pending;
    std::set<std::string> m_row_names; ///< folded names of the models a table row names
};

} // namespace medkg::ingest::md
