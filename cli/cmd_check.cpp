#include "cli/common.hpp"
#include "queries/checks.hpp"

#include <memory>

namespace medkg::cli {

namespace {
int run_check(const GraphOptions& o, Io& io) {
    const auto loaded = load_graph(o, io);
    const auto report = query::run_checks(loaded.graph);
    query::write_checks(io.out, loaded.graph, report, output_format(o));
    return exit_code(loaded);
}
} // namespace

void setup_check(CLI::App& app, Action& action) {
    auto o = std::make_shared<GraphOptions>();
    auto* cmd = app.add_subcommand(
        "check", "conflicting bases and attributes, derivation cycles, dangling names and "
                 "duplicate candidates, each with its sources");
    add_graph_options(*cmd, *o);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_check(*o, io); }; });
}

} // namespace medkg::cli
