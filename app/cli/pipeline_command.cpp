// `redit pipeline --config pipeline.json --project out.redit [--markdown FILE] [--processes N]`: the editing
// comparison of every level as resumable "compare" runs, then the comparison and ablation tables; and
// `redit compare-chunk`, the child process that runs one chunk side by side with others.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "jobs/cancel_token.h"
#include "jobs/stage_registry.h"
#include "results/comparison_tables.h"
#include "results/edit_records.h"
#include "stages/compare_chunk_processes.h"
#include "stages/pipeline_config.h"
#include "stages/pipeline_stages.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/subprocess.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

struct PipelineOptions {
    std::string config, project, markdown;
    int threads = 0;
    int processes = 1;
};

struct ChunkOptions {
    std::string project, chunk;
    int64_t run = 0;
    int threads = 1;
    int parent = 0;
};

// The stages the pipeline runs: the global ones, with the compare stage's chunks handed to child processes
// when there are several.
StageRegistry pipelineRegistry(const PipelineOptions& o) {
    StageRegistry registry = globalStageRegistry();
    if (o.processes <= 1) return registry;
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    stages::ChunkProcessOptions farm;
    farm.program = currentExecutable();
    farm.processes = o.processes;
    farm.threadsPerProcess = o.threads > 0 ? o.threads : std::max(1, cores / o.processes);
    stages::registerPipelineStages(registry, stages::CompareExecution{stages::chunkProcesses(farm), {}, {}});
    return registry;
}

void runChunkCommand(const ChunkOptions& o) {
    endWithParent(o.parent);
    configureThreads(o.threads);
    ProjectStore store = ProjectStore::open(o.project);
    CancelToken token;
    stages::runCompareChunk(store, o.run, o.chunk, token);
}

void runPipelineCommand(const PipelineOptions& o) {
    if (o.processes < 1) throw ConfigError("--processes must be at least 1");
    // With several processes the parent mostly waits, but first it computes the key matrices that ROME and
    // AlphaEdit chunks share (minutes on a real model): with the same threads as a run of one process.
    configureThreads(o.threads);
    nlohmann::json config = readJsonFile(o.config);
    // The config names the model relative to the working directory; stage params are relative to the project.
    if (config.contains("model") && config.at("model").is_string())
        config["model"] = std::filesystem::absolute(config.at("model").get<std::string>()).lexically_normal().string();
    ProjectStore store = std::filesystem::exists(o.project) ? ProjectStore::open(o.project) : ProjectStore::create(o.project);
    CancelToken token;  // `redit runs cancel` from another shell stops the current run through the project
    std::unique_ptr<ProgressBar> bar;
    int64_t barRun = 0;
    const auto began = std::chrono::steady_clock::now();
    const std::vector<stages::PipelineRun> runs =
        stages::runPipeline(store, pipelineRegistry(o), config, token, [&](int64_t runId, const Progress& p) {
            if (runId != barRun) {
                if (bar) bar->finish();
                bar = std::make_unique<ProgressBar>("run " + std::to_string(runId) + " compare");
                barRun = runId;
            }
            bar->update(p.fraction, p.message);
        });
    if (bar) bar->finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

    std::vector<nlohmann::json> summary;
    bool complete = true;
    for (const stages::PipelineRun& run : runs) {
        const RunRecord record = loadRun(store, run.runId);
        std::cout << "run " << run.runId << " (" << record.name << "): "
                  << (run.alreadyFinished ? "already finished, skipped" : run.resumed ? "resumed, " : "")
                  << (run.alreadyFinished ? "" : toString(record.status)) << '\n';
        complete = complete && record.status == RunStatus::Finished;
        for (const ResultRow& row : resultRows(store, run.runId, results::kEditSummaryTable)) summary.push_back(row.data);
    }
    char wall[64];
    std::snprintf(wall, sizeof wall, "%.1f", seconds);
    std::cout << "pipeline wall time " << wall << " s\n";
    if (!complete) throw Error("the pipeline stopped before every level finished; run it again to resume");

    const std::string markdown = results::comparisonMarkdown(summary);
    std::cout << '\n' << markdown;
    if (!o.markdown.empty()) {
        std::ofstream out(o.markdown);
        out << markdown;
        if (!out) throw FileError(o.markdown, "cannot be written");
        std::cout << "wrote " << o.markdown << '\n';
    }
}

}  // namespace

void addPipelineCommand(CLI::App& app) {
    auto options = std::make_shared<PipelineOptions>();
    CLI::App* p = app.add_subcommand("pipeline", "Editing comparison (Raw, LoRA, ROME, AlphaEdit, REdit, ablations) "
                                                 "on every level of a config, resumable; prints the tables");
    p->add_option("--config", options->config, "Pipeline config (JSON, see docs/examples/pipeline-logic-tiny.json)")->required();
    p->add_option("--project", options->project, "Project file (created when missing; a second run resumes)")->required();
    p->add_option("--markdown", options->markdown, "Also write the tables as Markdown to this file");
    p->add_option("--threads", options->threads, "CPU threads per process (0 = the cores shared by the processes)");
    p->add_option("--processes", options->processes,
                  "Chunks (seed x method) run side by side in this many processes (1: one after the other here)");
    p->callback([options] { runPipelineCommand(*options); });

    auto chunk = std::make_shared<ChunkOptions>();
    CLI::App* c = app.add_subcommand("compare-chunk", "One chunk of a compare run (started by `redit pipeline --processes`)");
    c->add_option("--project", chunk->project, "Project file")->required();
    c->add_option("--run", chunk->run, "Compare run id")->required();
    c->add_option("--chunk", chunk->chunk, "Chunk name, e.g. \"level 1 seed 0 LoRA\"")->required();
    c->add_option("--threads", chunk->threads, "CPU threads");
    c->add_option("--parent", chunk->parent, "Process id of the pipeline that started it (the chunk stops when it ends)")->required();
    c->callback([chunk] { runChunkCommand(*chunk); });
}

}  // namespace redit::cli
