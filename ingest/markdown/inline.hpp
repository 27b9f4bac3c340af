#pragma once

// Inline markdown for the list reader: links (with the traps real lists contain), plain text,
// emoji, LaTeX leftovers, and what a link points at. Every function is linear in its input and
// never throws on bad input.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest::md {

/// A link found in inline markdown: `[label](url)`, `<url>`, `<a href="url">label</a>` or a bare
/// URL. `begin`/`end` are byte offsets of the whole link in the scanned text.
struct InlineLink {
    std::string label; ///< the label as written (may hold markup); empty for bare URLs
    std::string url;   ///< trimmed, unescaped, one layer of stray parentheses removed
    std::size_t begin = 0;
    std::size_t end = 0;
    bool image = false; ///< `![alt](url)`: a picture (badges, figures), not a reference
    bool bare = false;  ///< a URL written without markup
};

/// Every link in `text`, in order. Handles URLs with balanced parentheses
/// (`.../PIIS2589-7500(23)00048-1/fulltext`), doubled parentheses (`[paper]((url))`), spaces
/// inside the parentheses (`[[paper]]( url)`), a label without a URL followed by a stray
/// `(url)` after spaces, nested labels (`[[paper](url)]`, `[![badge](img)](url)`), markdown
/// escapes in URLs (`BLUE\_Benchmark`) and bare URLs (trailing punctuation is not part of one).
/// Linear time: brackets are matched once with a stack.
[[nodiscard]] std::vector<InlineLink> find_links(std::string_view text);

/// `text` without markup: links become their labels, images disappear, emphasis markers,
/// inline-code ticks, HTML tags and comments are removed, entities (`&amp;`) and backslash
/// escapes are decoded, white space is collapsed and trimmed. Emoji are kept (see strip_emoji).
[[nodiscard]] std::string plain_text(std::string_view text);

/// `text` without emoji and their modifiers (variation selectors such as U+FE0F, zero-width
/// joiners, keycaps, pictographic symbols and dingbats); white space collapsed and trimmed.
[[nodiscard]] std::string strip_emoji(std::string_view text);

/// LaTeX leftovers of tables converted from papers, made plain: `$\hat{~}$` -> `^`,
/// `\textgreater` -> `>`, `\_` -> `_`, `~` -> space, `$` dropped; white space collapsed.
[[nodiscard]] std::string clean_latex(std::string_view text);

/// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD and NUL bytes dropped.
/// `first_bad`, when given, receives the offset of the first bad byte (nullopt when none).
[[nodiscard]] std::string sanitize_utf8(std::string_view text,
                                        std::optional<std::size_t>* first_bad = nullptr);

/// What a link points at.
enum class LinkKind : std::uint8_t {
    paper,      ///< arXiv, a DOI, a publisher or a paper index (PubMed, ACL Anthology, ...)
    code,       ///< a GitHub / GitLab / Gitee repository
    hf_model,   ///< huggingface.co/ORG/NAME
    hf_dataset, ///< huggingface.co/datasets/ORG/NAME
    hf_space,   ///< huggingface.co/spaces/ORG/NAME (a demo)
    hf_org,     ///< huggingface.co/ORG or a collection
    blog,       ///< a blog post or project page (*.github.io, /blog/)
    demo,       ///< a demo
    data,       ///< a database or data download
    anchor,     ///< an in-page link (`#section`) or a relative path
    other,      ///< a web site
};

/// The link classified, with the identifiers it carries.
struct LinkInfo {
    LinkKind kind = LinkKind::other;
    std::string arxiv; ///< `2303.14070` (no version), when the link names an arXiv paper
    std::string doi;   ///< `10.1038/s41591-024-03185-2`, lower-case, when the link names one
    std::string repo;  ///< `owner/name` of a code repository
    std::string hf_id; ///< `org/name` of a Hugging Face model, dataset or space
};

/// Classifies `url` by its host and path, using `label` (`paper`, `code`, `demo`, `论文`, ...)
/// only when the address itself says nothing. Never fails: unknown addresses are `other`.
[[nodiscard]] LinkInfo classify_link(std::string_view url, std::string_view label);

/// The `link kind` name used in diagnostics and docs.
[[nodiscard]] std::string_view to_string(LinkKind kind);

/// Decodes the UTF-8 code point at `i` (advancing `i`); ill-formed bytes decode to U+FFFD, one
/// byte at a time. `i` must be < text.size().
[[nodiscard]] std::uint32_t next_code_point(std::string_view text, std::size_t& i);

/// True for CJK ideographs and CJK / full-width punctuation (used to find Chinese prose).
[[nodiscard]] bool is_cjk(std::uint32_t cp);

} // namespace medkg::ingest::md
