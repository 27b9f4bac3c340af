#include "cli/common.hpp"
#include "queries/tree.hpp"

#include <memory>

namespace medkg::cli {

namespace {
struct LineageOptions {
    GraphOptions graph;
    std::string name;
};

int run_lineage(const LineageOptions& o, Io& io) {
    const auto loaded = load_graph(o.graph, io);
    const auto node = resolve_or_report(loaded, o.name, io);
    if (!node) {
        return k_exit_input;
    }
    const auto tree = query::lineage_tree(loaded.graph, *node);
    query::write_tree(io.out, loaded.graph, tree, query::TreeDirection::ancestors,
                      output_format(o.graph), query::lineage_roots(loaded.graph, *node));
    return exit_code(loaded);
}
} // namespace

void setup_lineage(CLI::App& app, Action& action) {
    auto o = std::make_shared<LineageOptions>();
    auto* cmd = app.add_subcommand(
        "lineage", "what NAME is built on: every ancestor chain up to the roots, each step with "
                   "its relation and source");
    cmd->add_option("NAME", o->name, "a model name, alias or strong key (hf:org/name)")
        ->required();
    add_graph_options(*cmd, o->graph);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_lineage(*o, io); }; });
}

} // namespace medkg::cli
