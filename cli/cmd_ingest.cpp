#include "cli/common.hpp"
#include "ingest/report.hpp"
#include "util/error.hpp"

#include <memory>
#include <ostream>

namespace medkg::cli {

namespace {
struct IngestOptions {
    GraphOptions graph;
    std::vector<std::string> sources;
    bool report = false;
};

int run_ingest(const IngestOptions& o, Io& io) {
    if (!o.graph.snapshot.empty()) {
        throw Error("medkg ingest reads sources; -g reads a snapshot built from them (give the "
                    "sources instead)");
    }
    GraphOptions options = o.graph;
    options.sources.insert(options.sources.begin(), o.sources.begin(), o.sources.end());
    const auto loaded = load_sources(options, io);
    const auto outlines = ingest::read_outlines(loaded.sources);
    const auto report = ingest::make_ingest_report(loaded, outlines);
    const auto format =
        options.format == "json" ? ingest::ReportFormat::json : ingest::ReportFormat::text;
    ingest::write_ingest_report(io.out, report, format, o.report);
    return loaded.diagnostics.has_errors() || !report.reconciles() ? k_exit_input : k_exit_ok;
}
} // namespace

void setup_ingest(CLI::App& app, Action& action) {
    auto o = std::make_shared<IngestOptions>();
    auto* cmd = app.add_subcommand(
        "ingest", "read sources and show what each contributed: entries read, nodes and edges "
                  "made or merged, entries skipped with line and reason");
    cmd->add_option("SOURCE", o->sources,
                    "sources, as with --source (a markdown list, JSON entries, default, ...)");
    cmd->add_flag("--report", o->report,
                  "per section of each markdown list, with every skipped entry and what is not "
                  "an entry");
    add_graph_options(*cmd, o->graph);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_ingest(*o, io); }; });
}

} // namespace medkg::cli
