// `redit train-tiny` (the built-in demo model) and `redit eval` (per-pattern accuracy of any model).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "cli/terminal_table.h"
#include "data/dataset_spec.h"
#include "demo/logic_tiny.h"
#include "edit/pattern_accuracy.h"
#include "model/model_folder.h"
#include "util/error.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

struct TrainTinyOptions {
    std::string out = "logic-tiny";
    int64_t steps = 0;
    uint64_t seed = 1;
};

void trainTiny(const TrainTinyOptions& o) {
    demo::LogicTinyRecipe recipe;
    if (o.steps > 0) recipe.training.steps = o.steps;
    recipe.training.seed = o.seed;
    recipe.corpus.seed = o.seed;
    recipe.initSeed = o.seed;
    ProgressBar bar("train-tiny");
    char detail[96];
    bool finished = demo::trainLogicTiny(recipe, o.out, [&](const TrainingProgress& p) {
        std::snprintf(detail, sizeof detail, "step %lld/%lld  loss %.4f  acc %.3f", static_cast<long long>(p.step),
                      static_cast<long long>(p.steps), p.loss, p.accuracy);
        bar.update(double(p.step) / double(p.steps), detail);
        return true;
    });
    bar.finish(detail);
    if (finished) std::cout << "wrote " << o.out << '\n';
}

struct EvalOptions {
    std::string model;
    std::string data;
    std::string part = "all";
    std::string csv, json;
    int64_t batch = 64;
    int threads = 0;
    uint64_t splitSeed = 0;
};

void evaluate(const EvalOptions& o) {
    configureThreads(o.threads);
    LoadedModel loaded = loadModel(o.model);
    std::vector<data::Pattern> patterns = data::loadDataset(o.data);
    redit::EvalOptions options;
    options.part = parseEvalPart(o.part);
    options.split.seed = o.splitSeed;
    options.batchSize = o.batch;
    ProgressBar bar("eval");
    options.progress = [&](double f) { bar.update(f); };
    AccuracyReport report = evaluatePatterns(*loaded.model, loaded.tokenizer, patterns, options);
    bar.finish();

    TerminalTable table({"pattern", "level", "label", "correct", "total", "accuracy"});
    char pct[16];
    for (const auto& p : report.patterns) {
        std::snprintf(pct, sizeof pct, "%.1f%%", 100 * p.accuracy());
        table.addRow({p.patternId, std::to_string(p.level), p.label, std::to_string(p.correct), std::to_string(p.total), pct});
    }
    std::snprintf(pct, sizeof pct, "%.1f%%", 100 * report.accuracy());
    table.addRow({"overall", "", "", std::to_string(report.correct), std::to_string(report.total), pct});
    std::cout << "model " << o.model << ", data " << o.data << ", instances: " << evalPartName(options.part) << "\n\n";
    table.print(std::cout);
    if (!o.csv.empty()) std::ofstream(o.csv) << report.toCsv();
    if (!o.json.empty()) std::ofstream(o.json) << report.toJson().dump(2) << '\n';
}

}  // namespace

void addDemoCommands(CLI::App& app) {
    auto train = std::make_shared<TrainTinyOptions>();
    CLI::App* trainCmd = app.add_subcommand("train-tiny", "Train the built-in demo model logic-tiny from scratch (CPU)");
    trainCmd->add_option("--out", train->out, "Output model folder")->capture_default_str();
    trainCmd->add_option("--steps", train->steps, "Training steps (default: the recipe's)");
    trainCmd->add_option("--seed", train->seed, "Seed of data, initialisation and training")->capture_default_str();
    trainCmd->callback([train] { trainTiny(*train); });

    auto eval = std::make_shared<EvalOptions>();
    CLI::App* evalCmd = app.add_subcommand("eval", "Per-pattern answer accuracy of a model on a dataset");
    evalCmd->add_option("model", eval->model, "Model folder or .gguf file")->required();
    evalCmd->add_option("--data", eval->data, "Dataset spec (synthetic:deductive:level1, contexthub:DIR, ...)")->required();
    evalCmd->add_option("--instances", eval->part, "all (contextual), test (test split), probe (abstract)")->capture_default_str();
    evalCmd->add_option("--split-seed", eval->splitSeed, "Seed of the domain split (with --instances test)");
    evalCmd->add_option("--batch", eval->batch)->capture_default_str();
    evalCmd->add_option("--threads", eval->threads, "CPU threads (0 = all cores)");
    evalCmd->add_option("--csv", eval->csv, "Also write the table as CSV");
    evalCmd->add_option("--json", eval->json, "Also write the table as JSON");
    evalCmd->callback([eval] { evaluate(*eval); });
}

}  // namespace redit::cli
