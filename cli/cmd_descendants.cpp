#include "cli/common.hpp"
#include "queries/tree.hpp"

#include <memory>

namespace medkg::cli {

namespace {
struct DescendantsOptions {
    GraphOptions graph;
    std::string name;
    std::size_t depth = 0;
    std::size_t limit = 500;
    bool count = false;
};

int run_descendants(const DescendantsOptions& o, Io& io) {
    const auto loaded = load_graph(o.graph, io);
    const auto node = resolve_or_report(loaded, o.name, io);
    if (!node) {
        return k_exit_input;
    }
    const auto format = output_format(o.graph);
    const auto counts = query::descendant_counts(loaded.graph, *node, o.depth);
    std::size_t total = 0;
    for (auto c : counts) {
        total += c;
    }
    // A huge family is summarised unless the user asked for a bigger listing.
    if (o.count || total > o.limit) {
        query::write_descendant_summary(io.out, loaded.graph, *node, counts, format);
        if (!o.count) {
            io.err << "medkg: " << total << " descendants exceed --limit " << o.limit
                   << "; showing counts per depth (raise --limit to list them)\n";
        }
        return exit_code(loaded);
    }
    const auto tree = query::descendants_tree(loaded.graph, *node, {o.depth, 0});
    query::write_tree(io.out, loaded.graph, tree, query::TreeDirection::descendants, format);
    return exit_code(loaded);
}
} // namespace

void setup_descendants(CLI::App& app, Action& action) {
    auto o = std::make_shared<DescendantsOptions>();
    auto* cmd = app.add_subcommand("descendants",
                                   "everything derived from NAME, as a tree of derivations");
    cmd->add_option("NAME", o->name, "a model name, alias or strong key (hf:org/name)")->required();
    cmd->add_option("--depth", o->depth, "at most this many derivation steps (0 = all)")
        ->capture_default_str();
    cmd->add_option("--limit", o->limit,
                    "list at most this many descendants; more are summarised by depth")
        ->capture_default_str();
    cmd->add_flag("--count", o->count, "print only the counts per depth");
    add_graph_options(*cmd, o->graph);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_descendants(*o, io); }; });
}

} // namespace medkg::cli
