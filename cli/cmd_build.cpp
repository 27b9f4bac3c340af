#include "cli/common.hpp"
#include "ingest/hub_stream.hpp"
#include "ingest/snapshot_source.hpp"
#include "ingest/source.hpp"
#include "util/error.hpp"

#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <optional>
#include <ostream>

namespace medkg::cli {

namespace {
struct BuildOptions {
    GraphOptions graph;
    std::string output;
    std::string dangling = "placeholder";
    unsigned threads = 0;
    bool progress = true;
    bool timings = false;
};

// One local Hub dump: stream it straight into a snapshot, without the general builder.
int build_hub_dump(const BuildOptions& o, Io& io, ingest::LocalInput input) {
    const auto start = std::chrono::steady_clock::now();
    ingest::HubStreamOptions options;
    options.dangling = o.dangling == "report" ? ingest::DanglingPolicy::report
                                              : ingest::DanglingPolicy::placeholder;
    options.threads = o.threads;
    if (o.progress && &io.err == &std::cerr && ::isatty(STDERR_FILENO) != 0) {
        options.progress = &io.err;
    }
    options.index = false; // indexed while the rest of the snapshot is written
    auto result = ingest::build_from_hub_dump(std::move(input), options);
    print_diagnostics(result.diagnostics, o.graph, io);
    const auto write_start = std::chrono::steady_clock::now();
    const auto written = graph::finish_and_write_snapshot(std::move(result.arrays), o.output);
    const auto end = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(end - start).count();
    if (o.timings) {
        io.err << "medkg: timings: stream " << result.stream_seconds << " s, layout "
               << result.index_seconds << " s, index and write "
               << std::chrono::duration<double>(end - write_start).count() << " s\n";
    }
    io.err << "medkg: wrote " << o.output << ": " << written.nodes << " nodes, " << written.edges
           << " edges from " << result.lines << " lines (" << result.models
           << " models, " << result.skipped << " malformed, " << result.dangling
           << " dangling references" << (o.dangling == "report" ? " left out" : " kept as placeholders")
           << ", " << result.duplicates << " repeated ids merged) in " << seconds << " s\n";
    return result.skipped > 0 ? k_exit_input : k_exit_ok;
}

// The one source of a build, opened when it is a local file or pipe that may be a Hub dump;
// nothing for the built-in dataset, remote sources, snapshots, and paths the general reader
// reports on (missing, a directory).
std::optional<ingest::LocalInput> open_local(const std::string& spec) {
    struct stat st {};
    if (!ingest::names_a_file(spec) || ::stat(spec.c_str(), &st) != 0 || S_ISDIR(st.st_mode) ||
        (S_ISREG(st.st_mode) && ingest::is_snapshot_file(spec))) {
        return std::nullopt;
    }
    return ingest::LocalInput(spec);
}

int run_build(const BuildOptions& o, Io& io) {
    if (o.graph.sources.empty()) {
        throw Error("medkg build needs at least one --source (or SOURCE argument)");
    }
    // One Hub dump is streamed, whatever its name: `zcat dump.jsonl.gz | medkg build /dev/stdin`
    // holds neither the file nor its graph twice. Anything else goes to the general builder,
    // which takes a pipe's text from here, as it has been read.
    GraphOptions graph = o.graph;
    if (o.graph.sources.size() == 1) {
        if (auto input = open_local(o.graph.sources.front())) {
            if (input->is_hub_dump()) {
                return build_hub_dump(o, io, std::move(*input));
            }
            if (!input->regular()) {
                graph.source_options.read_ahead[input->path()] =
                    std::make_shared<const std::string>(input->read_all());
            }
        }
    }
    const auto start = std::chrono::steady_clock::now();
    const auto loaded = load_sources(graph, io);
    const auto frozen = graph::freeze(loaded.graph);
    frozen.write_snapshot(o.output);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    io.err << "medkg: wrote " << o.output << ": " << frozen.node_count() << " nodes, "
           << frozen.edge_count() << " edges in " << seconds << " s\n";
    return loaded.diagnostics.has_errors() ? k_exit_input : k_exit_ok;
}
} // namespace

void setup_build(CLI::App& app, Action& action) {
    auto o = std::make_shared<BuildOptions>();
    auto* cmd = app.add_subcommand(
        "build", "build the graph from sources once and write it as a snapshot that every query "
                 "and export reads with -g, without parsing anything again");
    cmd->add_option("SOURCE", o->graph.sources, "sources, as with --source");
    cmd->add_option("-o,--output", o->output, "the snapshot file (written atomically)")
        ->required();
    cmd->add_option("--dangling", o->dangling,
                    "base models a Hub dump names but does not contain: keep as placeholder "
                    "nodes, or report each and leave the edge out")
        ->check(CLI::IsMember({"placeholder", "report"}))
        ->capture_default_str();
    cmd->add_option("--threads", o->threads, "parsing threads for Hub dumps (0 = one per core)")
        ->capture_default_str();
    cmd->add_flag("!--no-progress", o->progress, "no progress bar on a terminal");
    cmd->add_flag("--timings", o->timings,
                  "print the time of each phase of a Hub dump build (stream; layout; index and write)");
    add_graph_options(*cmd, o->graph, false);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_build(*o, io); }; });
}

} // namespace medkg::cli
