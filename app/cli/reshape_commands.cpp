// `redit reshape`: REdit circuit reshaping of a model on a dataset's patterns, run as a "reshape" job in a
// project (resumable with `redit runs resume`), writing the reshaped model folder beside the project.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/run_to_end.h"
#include "data/dataset_spec.h"
#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "reshape/circuit_reshaper.h"
#include "stages/builtin_stages.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

struct ReshapeCommandOptions {
    std::string project, model, data, output, granularity = "node", preserveSupport = "candidates";
    uint64_t seed = 0, splitSeed = 0;
    int threads = 0;
    ReshapeOptions reshape;
    bool noMetaLearning = false, noProtection = false, noPreservation = false;
};

void reshape(const ReshapeCommandOptions& o) {
    configureThreads(o.threads);
    ProjectStore store = std::filesystem::exists(o.project) ? ProjectStore::open(o.project) : ProjectStore::create(o.project);
    // The model path is relative to the working directory here, and to the project in the run's params.
    const std::string model = std::filesystem::absolute(o.model).lexically_normal().string();
    const ReshapeOptions& r = o.reshape;
    const nlohmann::json params = {{"model", model},
                                   {"data", o.data},
                                   {"split_seed", o.splitSeed},
                                   {"output", o.output},
                                   {"granularity", o.granularity},
                                   {"temperature", r.temperature},
                                   {"meta_iterations", r.metaIterations},
                                   {"tasks_per_iteration", r.tasksPerIteration},
                                   {"anchors_per_task", r.anchorsPerTask},
                                   {"negatives_per_anchor", r.negativesPerAnchor},
                                   {"inner_steps", r.innerSteps},
                                   {"inner_lr", r.innerLearningRate},
                                   {"outer_lr", r.outerLearningRate},
                                   {"meta_learning", !o.noMetaLearning},
                                   {"null_space_protection", !o.noProtection},
                                   {"rho", r.rho},
                                   {"prediction_preservation", !o.noPreservation},
                                   {"kl_weight", r.klWeight},
                                   {"preserve_support", o.preserveSupport},
                                   {"preserve_batch", r.preserveBatchSize},
                                   {"attribution_chunk", r.attributionChunk},
                                   {"trainable", r.trainable}};
    const std::int64_t runId = submitRun(store, globalStageRegistry(),
                                         {{"kind", "reshape"},
                                          {"name", "reshape " + o.data},
                                          {"seed", o.seed},
                                          {"params", params}});
    const RunStatus outcome = runToEnd(store, runId, "reshape");
    std::cout << "reshape run " << runId << " " << toString(outcome);
    if (outcome == RunStatus::Finished)
        std::cout << ": wrote " << resultRows(store, runId, "model").at(0).data.at("path").get<std::string>();
    std::cout << '\n';
}

}  // namespace

void addReshapeCommands(CLI::App& app) {
    auto o = std::make_shared<ReshapeCommandOptions>();
    ReshapeOptions& r = o->reshape;
    CLI::App* c = app.add_subcommand("reshape", "REdit circuit reshaping of a model on a dataset's patterns (a project run)");
    c->add_option("--project", o->project, "Project file (created when missing)")->required();
    c->add_option("--model", o->model, "Model folder")->required();
    c->add_option("--data", o->data, "Dataset spec, e.g. synthetic:deductive:level1")->required();
    c->add_option("--output", o->output, "Model folder to write (default: reshaped/run-<id> beside the project)");
    c->add_option("--granularity", o->granularity, "Attribution vectors per edge or node")
        ->check(CLI::IsMember({"edge", "node"}))->capture_default_str();
    c->add_option("--iterations", r.metaIterations, "Meta-iterations")->capture_default_str();
    c->add_option("--tasks", r.tasksPerIteration, "Tasks per meta-iteration")->capture_default_str();
    c->add_option("--anchors", r.anchorsPerTask, "Anchors per task")->capture_default_str();
    c->add_option("--negatives", r.negativesPerAnchor, "Negatives per anchor")->capture_default_str();
    c->add_option("--inner-steps", r.innerSteps, "Inner SGD steps per task")->capture_default_str();
    c->add_option("--inner-lr", r.innerLearningRate, "Inner learning rate alpha")->capture_default_str();
    c->add_option("--outer-lr", r.outerLearningRate, "Reptile outer learning rate eta")->capture_default_str();
    c->add_option("--temperature", r.temperature, "InfoNCE temperature")->capture_default_str();
    c->add_option("--rho", r.rho, "Projection strength")->capture_default_str();
    c->add_option("--kl-weight", r.klWeight, "Weight lambda of the prediction-preservation KL")->capture_default_str();
    c->add_option("--preserve-support", o->preserveSupport,
                  "The KL's distribution: the candidate answers, or the whole next-token vocabulary")
        ->check(CLI::IsMember({"candidates", "vocabulary"}))->capture_default_str();
    c->add_option("--preserve-batch", r.preserveBatchSize, "Preserve prompts per inner step")->capture_default_str();
    c->add_option("--attribution-chunk", r.attributionChunk,
                  "Prompt pairs differentiated at once (0: the whole task; fewer: less memory, same gradient)")
        ->capture_default_str();
    c->add_option("--trainable", r.trainable, "Trained parameters: substrings of their names (default: all)");
    c->add_flag("--no-meta-learning", o->noMetaLearning, "Ablation: plain contrastive steps, no Reptile");
    c->add_flag("--no-protection", o->noProtection, "Ablation: no null-space projection");
    c->add_flag("--no-preservation", o->noPreservation, "Ablation: no prediction-preservation KL");
    c->add_option("--seed", o->seed, "Seed of pairs and tasks")->capture_default_str();
    c->add_option("--split-seed", o->splitSeed, "Seed of the domain split")->capture_default_str();
    c->add_option("--threads", o->threads, "CPU threads (0 = all cores)");
    c->callback([o] { reshape(*o); });
}

}  // namespace redit::cli
