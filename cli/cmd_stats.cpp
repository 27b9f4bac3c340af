#include "cli/common.hpp"
#include "queries/stats.hpp"

#include <memory>

namespace medkg::cli {

namespace {
int run_stats(const GraphOptions& o, Io& io) {
    const auto loaded = load_graph(o, io);
    query::write_stats(io.out, loaded.graph, query::compute_stats(loaded.graph), output_format(o));
    return exit_code(loaded);
}
} // namespace

void setup_stats(CLI::App& app, Action& action) {
    auto o = std::make_shared<GraphOptions>();
    auto* cmd = app.add_subcommand("stats", "counts by node and edge kind, conflicts, roots");
    add_graph_options(*cmd, *o);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_stats(*o, io); }; });
}

} // namespace medkg::cli
