#include "sweep/sweep_cells.h"

#include <cstdlib>
#include <filesystem>

#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "store/project_info.h"
#include "store/project_store.h"
#include "store/run_owner.h"
#include "store/runs.h"
#include "store/transaction.h"
#include "sweep/sweep_spec.h"
#include "util/error.h"

namespace redit {

namespace {

constexpr const char* kCellInfoKey = "sweep_cell";

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

std::string cellFolder(const SweepSpec& spec, int cell) {
    return (std::filesystem::path(spec.folder) / "cells" / std::to_string(cell)).string();
}

std::string cellProjectPath(const SweepSpec& spec, int cell) {
    return (std::filesystem::path(cellFolder(spec, cell)) / "cell.redit").string();
}

CellState readCellState(const SweepSpec& spec, int cell) {
    CellState state;
    state.index = cell;
    const std::string path = cellProjectPath(spec, cell);
    if (!std::filesystem::exists(path)) return state;
    ProjectStore store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
    if (std::optional<std::string> info = projectInfo(store, kCellInfoKey)) state.origin = nlohmann::json::parse(*info);
    std::vector<RunRecord> runs = listRuns(store);
    if (runs.empty()) return state;
    state.started = true;
    state.status = runs.front().status;
    state.progress = runs.front().progress;
    state.elapsedSeconds = runs.front().elapsedSeconds;
    state.error = runs.front().error;
    return state;
}

nlohmann::json cellEnvironment() {
    nlohmann::json env = {{"host", localHostName()}};
    // An array task's own job id is SLURM_JOB_ID; the array's is SLURM_ARRAY_JOB_ID.
    for (const auto& [key, variable] : std::vector<std::pair<std::string, const char*>>{
             {"slurm_job_id", "SLURM_JOB_ID"}, {"slurm_array_job_id", "SLURM_ARRAY_JOB_ID"},
             {"slurm_array_task_id", "SLURM_ARRAY_TASK_ID"}, {"node", "SLURMD_NODENAME"}, {"cluster", "SLURM_CLUSTER_NAME"}}) {
        const std::string value = environment(variable);
        if (!value.empty()) env[key] = value;
    }
    return env;
}

RunStatus runSweepCell(const SweepSpec& spec, const SweepCell& cell, const StageRegistry& registry, bool resume,
                       const CancelToken& token, const ProgressSink& sink) {
    const std::string path = cellProjectPath(spec, cell.index);
    std::filesystem::create_directories(cellFolder(spec, cell.index));
    ProjectStore store = std::filesystem::exists(path) ? ProjectStore::open(path) : ProjectStore::create(path);

    nlohmann::json origin = {{"sweep_id", spec.id}, {"sweep", spec.name}, {"spec", std::filesystem::absolute(spec.file).string()},
                             {"cell", cell.index}, {"values", cell.values}};
    if (std::optional<std::string> info = projectInfo(store, kCellInfoKey)) {
        const nlohmann::json before = nlohmann::json::parse(*info);
        if (before.value("sweep_id", "") != spec.id)
            throw FileError(path, "belongs to sweep " + before.value("sweep_id", std::string("?")) + ", not to " +
                                      spec.file + "'s sweep " + spec.id +
                                      " (the spec's run or axes changed: give the sweep another folder)");
    }
    origin.update(cellEnvironment());

    std::vector<RunRecord> runs = listRuns(store);
    std::int64_t runId = 0;
    {
        WriteTransaction tx(store);
        setProjectInfo(store, kCellInfoKey, origin.dump());
        if (runs.empty()) runId = submitRun(store, registry, cell.request);
        tx.commit();
    }
    if (!runs.empty()) {
        const RunRecord& run = runs.front();
        runId = run.id;
        if (run.status == RunStatus::Finished) return RunStatus::Finished;
        if (run.status != RunStatus::Pending && !resume)
            throw Error("cell " + std::to_string(cell.index) + " (" + path + ") was started before and is " +
                        toString(run.status) + "; --resume continues it from its checkpoint");
        if (run.status == RunStatus::Running) {
            const std::string owner = runOwnerHost(store, runId);
            if (owner == localHostName())
                throw Error("cell " + std::to_string(cell.index) + " (" + path + ") is being run by another process on this host");
            takeOverRun(store, runId, "resumed on " + localHostName() + " while " + owner +
                                          " had it running: that task has ended (one writer per cell)");
        }
    }
    return executeRun(store, registry, runId, token, sink);
}

}  // namespace redit
