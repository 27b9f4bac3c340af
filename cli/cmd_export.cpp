#include "cli/common.hpp"
#include "export/dot.hpp"
#include "export/graphml.hpp"
#include "queries/neighbourhood.hpp"
#include "util/atomic_file.hpp"

#include <chrono>
#include <memory>
#include <ostream>

namespace medkg::cli {

namespace {
struct ExportOptions {
    GraphOptions graph;
    std::string format;
    std::string output;
    std::vector<std::string> around;
    std::size_t depth = 2;
    bool timings = false;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run_export(const ExportOptions& o, Io& io) {
    const auto start = std::chrono::steady_clock::now();
    const auto loaded = load_graph(o.graph, io);
    std::vector<bool> mask;
    if (!o.around.empty()) {
        std::vector<graph::NodeId> seeds;
        for (const auto& name : o.around) {
            const auto node = resolve_or_report(loaded, name, io);
            if (!node) {
                return k_exit_input;
            }
            seeds.push_back(*node);
        }
        mask = query::neighbourhood(loaded.graph, seeds, o.depth);
    }
    const std::vector<bool>* nodes = mask.empty() ? nullptr : &mask;
    if (nodes == nullptr) {
        // The whole graph is read anyway: check the blocks the export reads once, up front.
        loaded.graph.verify_view_sections();
    }
    const double load_seconds = seconds_since(start);
    const auto write_start = std::chrono::steady_clock::now();
    const auto write = [&](std::ostream& out) {
        if (o.format == "graphml") {
            exporter::write_graphml(out, loaded.graph, nodes);
        } else {
            exporter::DotOptions options;
            options.nodes = nodes;
            exporter::write_dot(out, loaded.graph, options);
        }
    };
    if (o.output.empty() || o.output == "-") {
        write(io.out);
    } else {
        util::write_file_atomically(o.output, write);
    }
    if (o.timings) {
        io.err << "medkg: timings: load " << load_seconds << " s, write "
               << seconds_since(write_start) << " s\n";
    }
    return exit_code(loaded);
}
} // namespace

void setup_export(CLI::App& app, Action& action) {
    auto o = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "write the graph as GraphML or Graphviz DOT");
    cmd->add_option("--format", o->format, "graphml or dot")
        ->required()
        ->check(CLI::IsMember({"graphml", "dot"}));
    cmd->add_option("-o,--output", o->output, "output file (written atomically); default stdout");
    cmd->add_option("--around", o->around, "only the neighbourhood of these names (repeatable)")
        ->type_name("NAME");
    cmd->add_option("--depth", o->depth, "hops around --around names")->capture_default_str();
    cmd->add_flag("--timings", o->timings,
                  "print the time to load the graph and the time to write it on stderr");
    add_graph_options(*cmd, o->graph, false);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_export(*o, io); }; });
}

} // namespace medkg::cli
