#include "cli/common.hpp"
#include "export/dot.hpp"
#include "export/render.hpp"
#include "queries/neighbourhood.hpp"

#include <memory>
#include <sstream>

namespace medkg::cli {

namespace {
struct RenderOptions {
    GraphOptions graph;
    std::vector<std::string> names;
    std::size_t depth = 1;
    std::string output;
};

int run_render(const RenderOptions& o, Io& io) {
    if (exporter::render_format_for(o.output).empty()) {
        io.err << "medkg: error: cannot render to \"" << o.output
               << "\": unsupported extension (expected .svg, .png or .pdf)\n";
        return k_exit_usage;
    }
    const auto loaded = load_graph(o.graph, io);
    std::vector<bool> mask;
    exporter::DotOptions options;
    options.lineage_only = true;
    if (!o.names.empty()) {
        std::vector<graph::NodeId> seeds;
        for (const auto& name : o.names) {
            const auto node = resolve_or_report(loaded, name, io);
            if (!node) {
                return k_exit_input;
            }
            seeds.push_back(*node);
        }
        mask = query::lineage_view(loaded.graph, seeds, o.depth);
        options.nodes = &mask;
        std::string title = "Lineage of ";
        for (std::size_t i = 0; i < seeds.size(); ++i) {
            title += (i > 0 ? ", " : "") + std::string(loaded.graph.label(seeds[i]));
        }
        options.title = title;
    } else {
        options.title = "Medical large language models: lineage";
    }
    std::ostringstream dot;
    exporter::write_dot(dot, loaded.graph, options);
    exporter::render_dot(dot.str(), o.output);
    io.err << "medkg: wrote " << o.output << '\n';
    return exit_code(loaded);
}
} // namespace

void setup_render(CLI::App& app, Action& action) {
    auto o = std::make_shared<RenderOptions>();
    auto* cmd = app.add_subcommand(
        "render", "draw the lineage (of NAMEs, or of everything) with Graphviz dot");
    cmd->add_option("NAME", o->names, "models to draw: their full lineage and descendants up "
                                      "to --depth");
    cmd->add_option("--depth", o->depth, "descendant steps drawn below each NAME")
        ->capture_default_str();
    cmd->add_option("-o,--output", o->output, "FILE.svg, FILE.png or FILE.pdf")->required();
    add_graph_options(*cmd, o->graph, false);
    cmd->callback([o, &action] { action = [o](Io& io) { return run_render(*o, io); }; });
}

} // namespace medkg::cli
