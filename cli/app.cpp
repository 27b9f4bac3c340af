#include "cli/app.hpp"

#include "cli/common.hpp"
#include "util/error.hpp"

#include <ostream>

namespace medkg::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"medkg: a knowledge graph of medical large language models.\n"
                 "Builds a typed graph of models, base models, papers, institutions, tasks and "
                 "datasets from curated sources and answers lineage questions.",
                 "medkg"};
    app.set_version_flag("--version", std::string("medkg ") + MEDKG_VERSION);
    app.require_subcommand(1);
    app.footer("Sources: with no --source, the built-in dataset (\"default\") is used.\n"
               "Exit status: 0 ok, 1 bad input or no answer, 2 usage error.");
    Action action;
    setup_lineage(app, action);
    setup_descendants(app, action);
    setup_path(app, action);
    setup_show(app, action);
    setup_stats(app, action);
    setup_check(app, action);
    setup_export(app, action);
    setup_render(app, action);
    setup_build(app, action);
    setup_ingest(app, action);

    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, out, err);
    } catch (const CLI::ParseError& e) {
        err << "medkg: error: " << e.what() << '\n';
        err << "run \"medkg --help\" for usage\n";
        return k_exit_usage;
    } catch (const Error& e) {
        err << "medkg: error: " << e.what() << '\n';
        return k_exit_input;
    }
    if (!action) {
        err << "medkg: error: no command given\n";
        return k_exit_usage;
    }
    Io io{out, err};
    try {
        return action(io);
    } catch (const Error& e) {
        out.flush();
        err << "medkg: error: " << e.what() << '\n';
        return k_exit_input;
    } catch (const std::bad_alloc&) {
        err << "medkg: error: out of memory\n";
        return k_exit_input;
    }
}

} // namespace medkg::cli
