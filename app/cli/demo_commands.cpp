// `redit train-tiny` (the built-in demo model), `redit finetune-smol` (the logic-smol recipe) and `redit eval`
// (per-pattern accuracy of any model).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "cli/terminal_table.h"
#include "data/dataset_spec.h"
#include "demo/logic_smol.h"
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

struct FinetuneSmolOptions {
    std::string base = demo::LogicSmolRecipe().base;
    std::string out = "build/models/logic-smol";
    int64_t steps = 0, batch = 0, layers = 0;
    int64_t level1PerPattern = -1, level2PerPattern = -1;  // -1: the recipe's
    double learningRate = 0;
    uint64_t seed = 1;
};

std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted = true; }

void finetuneSmol(const FinetuneSmolOptions& o) {
    demo::LogicSmolRecipe recipe;
    recipe.base = o.base;
    if (o.steps > 0) recipe.training.steps = o.steps;
    if (o.batch > 0) recipe.training.batchSize = o.batch;
    if (o.layers > 0) recipe.trainableLayers = o.layers;
    if (o.learningRate > 0) recipe.training.learningRate = o.learningRate;
    if (o.level1PerPattern >= 0) recipe.corpus.level1PerPattern = o.level1PerPattern;
    if (o.level2PerPattern >= 0) recipe.corpus.level2PerPattern = o.level2PerPattern;
    recipe.training.seed = o.seed;
    recipe.corpus.seed = o.seed;
    // Ctrl-C stops training after the current step; nothing is written then (and a folder being written is
    // finished first, then renamed into place).
    interrupted = false;
    auto previous = std::signal(SIGINT, onInterrupt);
    ProgressBar bar("finetune-smol");
    char detail[128] = "loading";
    const auto start = std::chrono::steady_clock::now();
    demo::LogicSmolResult result;
    try {
        result = demo::finetuneLogicSmol(recipe, o.out, [&](const TrainingProgress& p) {
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::snprintf(detail, sizeof detail, "step %lld/%lld  loss %.4f  acc %.3f  %.1fs", static_cast<long long>(p.step),
                          static_cast<long long>(p.steps), p.loss, p.accuracy, seconds);
            bar.update(double(p.step) / double(p.steps), detail);
            return !interrupted.load();
        });
    } catch (...) {
        std::signal(SIGINT, previous);
        throw;
    }
    std::signal(SIGINT, previous);
    bar.finish(detail);
    if (!result.finished) {
        std::cout << "interrupted: nothing written\n";
        return;
    }
    std::printf("%zu examples, %lld steps in %.1f s (%.2f s/step), final loss %.4f acc %.3f\nwrote %s\n", result.examples,
                static_cast<long long>(result.last.step), result.seconds, result.seconds / double(std::max<int64_t>(1, result.last.step)),
                result.last.loss, result.last.accuracy, o.out.c_str());
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

    auto smol = std::make_shared<FinetuneSmolOptions>();
    CLI::App* smolCmd = app.add_subcommand(
        "finetune-smol", "Fine-tune SmolLM2-135M into logic-smol (last layers, CPU; docs/logic-smol.md)");
    smolCmd->add_option("--base", smol->base, "Base model (.gguf file or folder)")->capture_default_str();
    smolCmd->add_option("--out", smol->out, "Output model folder")->capture_default_str();
    smolCmd->add_option("--steps", smol->steps, "Training steps (default: the recipe's)");
    smolCmd->add_option("--batch", smol->batch, "Batch size (default: the recipe's)");
    smolCmd->add_option("--layers", smol->layers, "Train the last N layers (default: the recipe's)");
    smolCmd->add_option("--lr", smol->learningRate, "Peak learning rate (default: the recipe's)");
    smolCmd->add_option("--level1-per-pattern", smol->level1PerPattern,
                        "Training problems per level-1 pattern (default: the recipe's; 0 leaves level 1 out)");
    smolCmd->add_option("--level2-per-pattern", smol->level2PerPattern,
                        "Training problems per level-2 pattern (default: the recipe's; 0 leaves level 2 out)");
    smolCmd->add_option("--seed", smol->seed, "Seed of data and training")->capture_default_str();
    smolCmd->callback([smol] { finetuneSmol(*smol); });

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
