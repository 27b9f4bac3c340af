#pragma once

#include "ingest/source.hpp"
#include "queries/format.hpp"
#include "queries/resolve.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace medkg::cli {

/// Streams a command writes to: data on `out`, diagnostics on `err`.
struct Io {
    std::ostream& out;
    std::ostream& err;
};

/// Exit codes: 0 ok, 1 bad input or no answer, 2 usage.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_input = 1;
inline constexpr int k_exit_usage = 2;

/// The command a parse selected; set by the subcommand's callback.
using Action = std::function<int(Io&)>;

/// Options every graph-reading command has.
struct GraphOptions {
    std::vector<std::string> sources;
    std::string snapshot; ///< -g FILE, or $MEDKG_GRAPH when no source is given
    std::string format = "text";
    ingest::SourceOptions source_options;
    double timeout_s = 120.0;
    std::size_t max_diagnostics = 20; ///< per source and severity; 0 = all
};

/// Prints `diagnostics` to `io.err`, at most `options.max_diagnostics` of each severity per
/// source, with a note on how to see the rest.
void print_diagnostics(const util::Diagnostics& diagnostics, const GraphOptions& options, Io& io);

/// Adds --source and (when `with_format`) --format text|json to `command`.
void add_graph_options(CLI::App& command, GraphOptions& options, bool with_format = true);

/// The graph a query reads: a snapshot mapped with -g, or the sources built and frozen.
struct QueryGraph {
    graph::FrozenGraph graph;
    bool input_errors = false; ///< a source reported errors (the answer is given; exit 1)
};

/// Opens the snapshot or builds the graph from the options' sources, printing every
/// diagnostic to `io.err`. Throws medkg::Error when a source or snapshot cannot be read.
[[nodiscard]] QueryGraph load_graph(const GraphOptions& options, Io& io);

/// Builds (without freezing) from the options' sources; for `medkg build` and `ingest`.
[[nodiscard]] ingest::Loaded load_sources(const GraphOptions& options, Io& io);

/// The exit code after answering: 1 when loading reported errors, else 0.
[[nodiscard]] int exit_code(const QueryGraph& loaded);

/// Resolves `name`, printing the error (with suggestions) to `io.err` when it fails.
[[nodiscard]] std::optional<graph::NodeId> resolve_or_report(const QueryGraph& loaded,
                                                             const std::string& name, Io& io);

[[nodiscard]] query::OutputFormat output_format(const GraphOptions& options);

// One function per subcommand (cli/cmd_<name>.cpp).
void setup_lineage(CLI::App& app, Action& action);
void setup_descendants(CLI::App& app, Action& action);
void setup_path(CLI::App& app, Action& action);
void setup_show(CLI::App& app, Action& action);
void setup_stats(CLI::App& app, Action& action);
void setup_check(CLI::App& app, Action& action);
void setup_export(CLI::App& app, Action& action);
void setup_render(CLI::App& app, Action& action);
void setup_build(CLI::App& app, Action& action);
void setup_ingest(CLI::App& app, Action& action);

} // namespace medkg::cli
