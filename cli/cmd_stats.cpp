#include "cli/common.hpp"
#include "queries/stats.hpp"

#include <memory>

namespace medkg::cli {

namespace {
struct StatsOptions {
    GraphOptions graph;
    std::size_t roots = 50;
};

int run_stats(const StatsOptions& o, Io& io) {
    const auto loaded = load_graph(o.graph, io);
    query::write_stats(io.out, loaded.graph, query::compute_stats(loaded.graph),
                       output_format(o.graph), o.roots);
    return exit_code(loaded);
}
} // namespace

void setup_stats(CLI::App& app, Action& action) {
    auto o = std::make_shared<StatsOptions>();
    auto* cmd = app.add_subcommand("stats", "counts by node and edge kind, conflicts, roots");
    cmd->add_option("--roots", o->roots,
                    "list at most this many roots, most descendants first (0 = all); the count is always given")
        ->capture_default_str();
    add_graph_options(*cmd, o->graph);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_stats(*o, io); }; });
}

} // namespace medkg::cli
