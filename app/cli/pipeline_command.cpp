// `redit pipeline --config pipeline.json --project out.redit [--markdown FILE]`: the editing comparison of
// every level as resumable "compare" runs, then the comparison and ablation tables.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "jobs/cancel_token.h"
#include "jobs/stage_registry.h"
#include "results/comparison_tables.h"
#include "results/edit_records.h"
#include "stages/pipeline_config.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

struct PipelineOptions {
    std::string config, project, markdown;
    int threads = 0;
};

void runPipelineCommand(const PipelineOptions& o) {
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
        stages::runPipeline(store, globalStageRegistry(), config, token, [&](int64_t runId, const Progress& p) {
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
    p->add_option("--threads", options->threads, "CPU threads (0 = all cores)");
    p->callback([options] { runPipelineCommand(*options); });
}

}  // namespace redit::cli
