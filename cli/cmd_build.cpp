#include "cli/common.hpp"
#include "util/error.hpp"

#include <chrono>
#include <memory>
#include <ostream>

namespace medkg::cli {

namespace {
struct BuildOptions {
    GraphOptions graph;
    std::string output;
};

int run_build(const BuildOptions& o, Io& io) {
    if (o.graph.sources.empty()) {
        throw Error("medkg build needs at least one --source (or SOURCE argument)");
    }
    const auto start = std::chrono::steady_clock::now();
    const auto loaded = load_sources(o.graph, io);
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
    add_graph_options(*cmd, o->graph, false);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_build(*o, io); }; });
}

} // namespace medkg::cli
