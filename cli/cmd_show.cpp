#include "cli/common.hpp"

#include <memory>

namespace medkg::cli {

namespace {
struct ShowOptions {
    GraphOptions graph;
    std::string name;
};

int run_show(const ShowOptions& o, Io& io) {
    const auto loaded = load_graph(o.graph, io);
    const auto node = resolve_or_report(loaded, o.name, io);
    if (!node) {
        return k_exit_input;
    }
    query::write_show(io.out, loaded.graph, *node, output_format(o.graph));
    return exit_code(loaded);
}
} // namespace

void setup_show(CLI::App& app, Action& action) {
    auto o = std::make_shared<ShowOptions>();
    auto* cmd = app.add_subcommand("show", "a node with every attribute and edge, each with "
                                           "its provenance");
    cmd->add_option("NAME", o->name,
                    "a name, alias, strong key (hf:org/name) or KIND:NAME (dataset:org/name)")
        ->required();
    add_graph_options(*cmd, o->graph);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_show(*o, io); }; });
}

} // namespace medkg::cli
