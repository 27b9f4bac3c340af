#include "cli/common.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>

namespace medkg::cli {

void add_graph_options(CLI::App& command, GraphOptions& options, bool with_format) {
    command
        .add_option("-s,--source", options.sources,
                    "where facts come from (repeatable, one per flag): \"default\" (the "
                    "built-in dataset, used when none is given), a file (markdown list, JSON "
                    "entries, Hub JSON Lines dump, model card, GraphML, snapshot), an http(s) URL "
                    "of one, or hf:ORG/NAME (a Hugging Face model)")
        ->type_name("SOURCE")
        // One value per -s: "descendants -s FILE NAME" must leave NAME to the command.
        ->allow_extra_args(false);
    command
        .add_option("-g,--graph", options.snapshot,
                    "a snapshot written by \"medkg build\" (default $MEDKG_GRAPH when no --source "
                    "is given)")
        ->type_name("FILE");
    auto& so = options.source_options;
    command.add_flag("--stated-only", so.stated_only,
                     "only what sources state: leave out bases guessed from a name or a link "
                     "alone (otherwise shown marked \"guessed\"; \"medkg check\" lists them)");
    auto* remote = &command;
    remote->add_option("--cache-dir", so.fetch.cache_dir,
                       "cache for remote sources (default $XDG_CACHE_HOME/medkg)")
        ->group("Remote sources");
    remote->add_flag("--offline", so.fetch.offline, "use only the cache; a miss is an error")
        ->group("Remote sources");
    remote->add_option("--timeout", options.timeout_s, "seconds a request may take")
        ->check(CLI::Range(0.1, 3600.0))
        ->capture_default_str()
        ->group("Remote sources");
    remote->add_option("--retries", so.fetch.max_retries, "retries on 429, 5xx and network faults")
        ->check(CLI::Range(0, 10))
        ->capture_default_str()
        ->group("Remote sources");
    remote->add_option("--hf-endpoint", so.hub.endpoint,
                       "Hugging Face Hub API host (default $HF_ENDPOINT, else huggingface.co)")
        ->group("Remote sources");
    remote->add_flag("--hf-ancestors", so.hub.ancestors,
                     "with hf: sources, follow base models up to the roots")
        ->group("Remote sources");
    remote->add_flag("--hf-descendants", so.hub.descendants,
                     "with hf: sources, list fine-tunes, adapters, quantizations and merges "
                     "built on it, recursively")
        ->group("Remote sources");
    remote->add_option("--hf-limit", so.hub.limit, "at most this many Hub models per source")
        ->capture_default_str()
        ->group("Remote sources");
    command
        .add_option("--max-diagnostics", options.max_diagnostics,
                    "show at most this many errors and this many warnings per source (0: all)")
        ->capture_default_str()
        ->type_name("N");
    if (with_format) {
        command.add_option("--format", options.format, "output format")
            ->check(CLI::IsMember({"text", "json"}))
            ->capture_default_str();
    }
}

ingest::Loaded load_sources(const GraphOptions& options, Io& io) {
    ingest::SourceOptions so = options.source_options;
    // The environment gives defaults; options given on the command line win.
    ingest::SourceOptions env;
    ingest::apply_hub_environment(env);
    if (so.hub.endpoint == ingest::HubOptions{}.endpoint) {
        so.hub.endpoint = env.hub.endpoint;
    }
    so.fetch.bearer_token = env.fetch.bearer_token;
    so.fetch.timeout_ms = static_cast<long>(options.timeout_s * 1000.0);
    so.fetch.connect_timeout_ms = std::min(so.fetch.connect_timeout_ms, so.fetch.timeout_ms);
    so.fetch.log = [&io](const std::string& line) { io.err << "medkg: " << line << '\n'; };
    ingest::Loaded loaded = ingest::load_sources(options.sources, so);
    print_diagnostics(loaded.diagnostics, options, io);
    return loaded;
}

void print_diagnostics(const util::Diagnostics& diagnostics, const GraphOptions& options, Io& io) {
    const std::size_t limit =
        options.max_diagnostics == 0 ? static_cast<std::size_t>(-1) : options.max_diagnostics;
    diagnostics.print(io.err, limit, "--max-diagnostics 0 shows them all");
}

QueryGraph load_graph(const GraphOptions& options, Io& io) {
    std::string snapshot = options.snapshot;
    if (snapshot.empty() && options.sources.empty()) {
        if (const char* env = std::getenv("MEDKG_GRAPH"); env != nullptr && *env != '\0') {
            snapshot = env;
        }
    }
    if (!snapshot.empty()) {
        if (!options.sources.empty()) {
            throw Error("give either -g SNAPSHOT or --source, not both (a snapshot may also be "
                        "given as a --source to combine it with others)");
        }
        if (options.source_options.stated_only) {
            throw Error("--stated-only applies while sources are read; a snapshot keeps what it "
                        "was built with (build one with \"medkg build --stated-only\", or give "
                        "the snapshot as --source)");
        }
        return QueryGraph{graph::FrozenGraph::open(snapshot), false};
    }
    const auto loaded = load_sources(options, io);
    return QueryGraph{graph::freeze(loaded.graph), loaded.diagnostics.has_errors()};
}

int exit_code(const QueryGraph& loaded) { return loaded.input_errors ? k_exit_input : k_exit_ok; }

std::optional<graph::NodeId> resolve_or_report(const QueryGraph& loaded, const std::string& name,
                                               Io& io) {
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
