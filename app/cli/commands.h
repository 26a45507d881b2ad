#pragma once
// Each command group of the `redit` CLI registers its subcommands here.
namespace CLI {
class App;
}

namespace redit::cli {

void addModelCommands(CLI::App& app);  // model info, model generate, tokenize
void addModelLogitsCommand(CLI::App& app);  // model logits (after addModelCommands)
void addProjectCommands(CLI::App& app);  // project init|info|check|merge, runs list|show|cancel|resume, export, run
void addDataCommands(CLI::App& app);   // data list, data show, data export
void addDemoCommands(CLI::App& app);    // train-tiny, eval
void addLawCommands(CLI::App& app);     // circuits, distances, interference, law, circuit export
void addPipelineCommand(CLI::App& app);  // pipeline (the editing comparison)
void addReshapeCommands(CLI::App& app); // reshape
void addSweepCommands(CLI::App& app);   // sweep plan|run|run-cell|status|collect

}  // namespace redit::cli
