// `redit`: the headless command-line interface over the same backend as the workbench.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/version_text.h"
#include "jobs/stage_registry.h"
#include "stages/builtin_stages.h"
#include "util/error.h"
#include "util/exit_status.h"
#include "util/runtime_env.h"

int main(int argc, char** argv) {
    redit::ensureRuntimeEnvironment(argv);
    redit::registerBuiltinStages(redit::globalStageRegistry());
    CLI::App app{"REdit Workbench command line: find reasoning circuits, measure interference, edit patterns."};
    app.set_version_flag("--version", redit::cli::versionText, "Print the version, the commit, LibTorch and BLAS, then exit");
    app.require_subcommand(1);
    redit::cli::addModelCommands(app);
    redit::cli::addModelLogitsCommand(app);
    redit::cli::addProjectCommands(app);
    redit::cli::addDataCommands(app);
    redit::cli::addDemoCommands(app);
    redit::cli::addLawCommands(app);
    redit::cli::addPipelineCommand(app);
    redit::cli::addReshapeCommands(app);
    redit::cli::addSweepCommands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const redit::Error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return redit::kExitInputError;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << '\n';
        return redit::kExitInternalError;
    }
    return 0;
}
