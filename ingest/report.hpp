#pragma once

#include "ingest/markdown/reader.hpp"
#include "ingest/source.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace medkg::ingest {

/// What one section of a source (or a whole source without sections) contributed.
struct SectionCounts {
    std::string section;            ///< the section path; "" for text before the first heading
    std::size_t entries = 0;        ///< list entries and table rows read
    std::size_t skipped = 0;        ///< entries that became only a diagnostic
    std::size_t node_facts = 0;     ///< things the entries named (models, papers, bases, tasks...)
    std::size_t nodes_created = 0;  ///< node facts that made a new node
    std::size_t nodes_merged = 0;   ///< node facts that joined an existing node
    std::size_t placeholders = 0;   ///< nodes made for relation targets nothing declared
    std::size_t variants = 0;       ///< size-variant nodes made from names (`LLaMA-7B`)
    std::size_t edge_facts = 0;     ///< relations the entries stated
    std::size_t edges_added = 0;    ///< relations that made a new edge
    std::size_t edges_merged = 0;   ///< relations that gave an existing edge one more source
    std::size_t facts_rejected = 0; ///< relations refused (ambiguous target, self-loop)
    std::size_t guesses_left_out = 0; ///< relations only guessed, left out by --stated-only
    std::size_t not_entries = 0;    ///< list items and rows that are not entries (navigation ...)
    std::string not_entries_reason;

    /// Entries that became graph content.
    [[nodiscard]] std::size_t content() const { return entries - skipped; }

    /// Adds every count of `other` (not the names).
    SectionCounts& operator+=(const SectionCounts& other);
};

/// An entry that became only a diagnostic.
struct SkippedEntry {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string section;
    std::string reason;
};

/// What one source contributed, per section when it has sections (markdown lists).
struct SourceReport {
    std::string source;
    std::string format;                  ///< "markdown list", or "facts" for other sources
    std::vector<SectionCounts> sections; ///< in file order; empty when the source has none
    SectionCounts total;
    std::vector<SkippedEntry> skipped;
    std::vector<std::string> mismatches; ///< totals that do not reconcile (empty when all do)
};

/// What an ingest did, per source and in total.
struct IngestReport {
    std::vector<SourceReport> sources;
    SectionCounts total;
    std::size_t nodes = 0;    ///< nodes in the graph
    std::size_t edges = 0;    ///< edges in the graph
    std::size_t errors = 0;   ///< error diagnostics
    std::size_t warnings = 0; ///< warning diagnostics

    /// True when, for every source, entries = content + skipped, the sections add up to the
    /// source's totals, and those equal what the graph builder counted.
    [[nodiscard]] bool reconciles() const;
};

/// A markdown source read again for its outline (sections and entries), by the name it was
/// loaded under.
struct SourceOutline {
    std::string source;
    MarkdownRead read;
};

/// The outlines of the local markdown files among `specs` (others have none). Throws
/// medkg::Error when a file cannot be read.
[[nodiscard]] std::vector<SourceOutline> read_outlines(const std::vector<std::string>& specs);

/// The report of `loaded`: per source, and for sources with an outline per section. Section
/// numbers come from the outline and from the provenance of the graph's nodes and edges (which
/// record the source and section of the fact that made them), so that they add up exactly to the
/// builder's counts; where they do not, `SourceReport::mismatches` says which.
[[nodiscard]] IngestReport make_ingest_report(const Loaded& loaded,
                                              const std::vector<SourceOutline>& outlines);

/// How to print a report.
enum class ReportFormat : std::uint8_t { text, json };

/// Writes the report. Text: a table per source (one row per section when `per_section`), the
/// entries skipped with `file:line:col` and reason, totals and whether they reconcile. JSON: the
/// same, always per section.
void write_ingest_report(std::ostream& out, const IngestReport& report, ReportFormat format,
                         bool per_section);

} // namespace medkg::ingest
