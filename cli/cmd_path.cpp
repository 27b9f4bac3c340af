#include "cli/common.hpp"
#include "queries/path.hpp"
#include "util/text.hpp"

#include <memory>

namespace medkg::cli {

namespace {
struct PathOptions {
    GraphOptions graph;
    std::string from;
    std::string to;
    std::vector<std::string> via;
    bool all = false;
    std::size_t max_length = 6;
};

int run_path(const PathOptions& o, Io& io) {
    query::PathOptions options;
    if (!o.via.empty()) {
        options.kinds.reset();
        for (const auto& item : o.via) {
            for (auto part : util::split(item, ',')) {
                const auto kind = graph::parse_edge_kind(util::trim(part));
                if (!kind) {
                    io.err << "medkg: error: unknown relation \"" << util::trim(part)
                           << "\" in --via (expected one of: " << graph::allowed_edge_kinds()
                           << ")\n";
                    return k_exit_usage;
                }
                options.kinds.set(static_cast<std::size_t>(*kind));
            }
        }
    }
    options.all = o.all;
    options.max_length = o.max_length;
    const auto loaded = load_graph(o.graph, io);
    const auto from = resolve_or_report(loaded, o.from, io);
    const auto to = resolve_or_report(loaded, o.to, io);
    if (!from || !to) {
        return k_exit_input;
    }
    if (*from == *to) {
        io.err << "medkg: error: \"" << o.from << "\" and \"" << o.to
               << "\" are the same node\n";
        return k_exit_input;
    }
    const auto result = query::find_paths(loaded.graph, *from, *to, options);
    if (result.paths.empty()) {
        io.err << "medkg: error: no connection between \"" << loaded.graph.label(*from)
               << "\" and \"" << loaded.graph.label(*to) << "\""
               << (o.via.empty() ? "" : " over the relations given with --via")
               << (o.all ? " within --max-length " + std::to_string(o.max_length) : "") << '\n';
        return k_exit_input;
    }
    query::write_paths(io.out, loaded.graph, *from, *to, result, output_format(o.graph));
    return exit_code(loaded);
}
} // namespace

void setup_path(CLI::App& app, Action& action) {
    auto o = std::make_shared<PathOptions>();
    auto* cmd = app.add_subcommand(
        "path", "how FROM and TO are connected: a shortest path, directed when one exists");
    cmd->add_option("FROM", o->from, "a name, alias, strong key or KIND:NAME")->required();
    cmd->add_option("TO", o->to, "a name, alias, strong key or KIND:NAME")->required();
    cmd->add_option("--via", o->via, "only these relations, comma separated (e.g. "
                                     "fine_tuned_from,variant_of)")
        ->type_name("KIND,...");
    cmd->add_flag("--all", o->all, "every simple path up to --max-length, shortest first");
    cmd->add_option("--max-length", o->max_length, "longest path listed with --all")
        ->check(CLI::Range(1, 32))
        ->capture_default_str();
    add_graph_options(*cmd, o->graph);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_path(*o, io); }; });
}

} // namespace medkg::cli
