#include "cli/common.hpp"

#include <ostream>

namespace medkg::cli {

void add_graph_options(CLI::App& command, GraphOptions& options, bool with_format) {
    command
        .add_option("-s,--source", options.sources,
                    "where facts come from (repeatable): \"default\" (the built-in dataset, "
                    "used when none is given), a JSON entries file, or medkg GraphML")
        ->type_name("SOURCE");
    if (with_format) {
        command.add_option("--format", options.format, "output format")
            ->check(CLI::IsMember({"text", "json"}))
            ->capture_default_str();
    }
}

ingest::Loaded load_graph(const GraphOptions& options, Io& io) {
    ingest::Loaded loaded = ingest::load_sources(options.sources);
    loaded.diagnostics.print(io.err);
    return loaded;
}

int exit_code(const ingest::Loaded& loaded) {
    return loaded.diagnostics.has_errors() ? k_exit_input : k_exit_ok;
}

std::optional<graph::NodeId> resolve_or_report(const ingest::Loaded& loaded,
                                               const std::string& name, Io& io) {
    auto r = query::resolve_name(loaded.graph, name);
    if (!r.node) {
        io.err << "medkg: error: " << r.error << '\n';
    }
    return r.node;
}

query::OutputFormat output_format(const GraphOptions& options) {
    return options.format == "json" ? query::OutputFormat::json : query::OutputFormat::text;
}

} // namespace medkg::cli
