// `redit sweep plan|run|run-cell|status|collect`: a run config swept over axes of values, each cell one run in
// its own project file, run by local processes or as a Slurm array job and merged back (docs/cluster.md).
#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "cli/terminal_table.h"
#include "jobs/cancel_token.h"
#include "jobs/stage_registry.h"
#include "store/project_store.h"
#include "sweep/local_executor.h"
#include "sweep/slurm_jobs.h"
#include "sweep/slurm_script.h"
#include "sweep/slurm_site.h"
#include "sweep/sweep_cells.h"
#include "sweep/sweep_collect.h"
#include "sweep/sweep_estimate.h"
#include "sweep/sweep_spec.h"
#include "sweep/sweep_status.h"
#include "util/byte_format.h"
#include "util/error.h"
#include "util/subprocess.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

struct SweepOptions {
    std::string spec, site, project;
    int cell = -1;
    int local = 1;
    bool slurm = false;
    bool resume = false;
    bool noSubmit = false;
    int threads = 0;
};

// Slurm's SIGTERM (scancel, preemption, the time limit) and Ctrl-C stop the cell at its next checkpoint.
CancelToken* cellToken = nullptr;
extern "C" void onStopSignal(int) {
    if (cellToken) cellToken->cancel();
}

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", s);
    return text;
}

std::vector<double> finishedSeconds(const SweepSpec& spec) {
    std::vector<double> out;
    for (int cell = 0; cell < spec.cellCount(); ++cell) {
        const CellState state = readCellState(spec, cell);
        if (state.started && state.status == RunStatus::Finished) out.push_back(state.elapsedSeconds);
    }
    return out;
}

std::string stateText(const CellState& state) {
    return state.started ? toString(state.status) : "not started";
}

void plan(const SweepOptions& o) {
    const SweepSpec spec = readSweepSpec(o.spec, globalStageRegistry());
    const std::vector<double> finished = finishedSeconds(spec);
    printFields(std::cout, {{"sweep", spec.name + " (" + spec.id + ")"},
                            {"stage", spec.run.value("kind", "")},
                            {"cells", std::to_string(spec.cellCount())},
                            {"folder", spec.folder}});
    TerminalTable table({"cell", "values", "memory", "time", "state"});
    std::map<std::string, int> bases;
    for (const SweepCell& cell : sweepCells(spec, globalStageRegistry())) {
        const CellEstimate e = estimateCell(cell, finished);
        ++bases["memory: " + e.memoryBasis];
        ++bases["time: " + e.timeBasis];
        table.addRow({std::to_string(cell.index), cellLabel(cell), e.memoryBytes ? formatBytes(*e.memoryBytes) : "unknown",
                      e.seconds ? seconds(*e.seconds) : "unknown", stateText(readCellState(spec, cell.index))});
    }
    table.print(std::cout);
    for (const auto& [basis, n] : bases) std::cout << basis << " (" << n << " cell" << (n == 1 ? "" : "s") << ")\n";
}

// The cells `sweep run` starts: those not finished. Started-and-stopped cells need --resume.
std::vector<int> cellsToRun(const SweepSpec& spec, bool resume) {
    std::vector<int> cells;
    std::vector<std::string> stopped;
    for (int cell = 0; cell < spec.cellCount(); ++cell) {
        const CellState state = readCellState(spec, cell);
        if (state.started && state.status == RunStatus::Finished) continue;
        if (state.started && state.status != RunStatus::Pending && !resume)
            stopped.push_back(std::to_string(cell) + " (" + toString(state.status) + ")");
        cells.push_back(cell);
    }
    if (!stopped.empty()) {
        std::string list;
        for (const std::string& s : stopped) list += (list.empty() ? "" : ", ") + s;
        throw Error("cells " + list + " were started before; --resume continues them from their checkpoints");
    }
    return cells;
}

void runSlurm(const SweepOptions& o, const SweepSpec& spec, const std::vector<int>& cellIndices) {
    const SlurmSite site = readSlurmSite(o.site, spec.slurm, spec.file);
    const std::vector<double> finished = finishedSeconds(spec);
    std::vector<SweepCell> cells;
    std::vector<CellEstimate> estimates;
    for (int index : cellIndices) {
        cells.push_back(sweepCell(spec, index, globalStageRegistry()));
        estimates.push_back(estimateCell(cells.back(), finished));
    }
    const std::string redit = site.redit.empty() ? currentExecutable() : site.redit;
    const std::string script = writeSlurmScript(spec, sbatchScript(spec, cells, estimates, site, redit));
    std::cout << "wrote " << script << '\n';
    if (o.noSubmit) return;
    const SlurmSubmission submission = submitSlurmScript(spec, script, cellIndices);
    std::cout << "submitted array job " << submission.jobId << " (" << cells.size() << (cells.size() == 1 ? " cell: " : " cells: ") << arrayList(cellIndices)
              << "); `redit sweep status " << o.spec << "` follows it\n";
}

void run(const SweepOptions& o) {
    const SweepSpec spec = readSweepSpec(o.spec, globalStageRegistry());
    const std::vector<int> cells = cellsToRun(spec, o.resume);
    if (cells.empty()) {
        std::cout << "every cell of " << spec.name << " is finished; `redit sweep collect` merges them\n";
        return;
    }
    if (o.slurm) return runSlurm(o, spec, cells);
    const int processes = std::max(1, o.local);
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const int threads = o.threads > 0 ? o.threads : std::max(1, cores / processes);
    const auto began = std::chrono::steady_clock::now();
    const std::vector<LocalCellOutcome> outcomes = runCellsLocally(
        spec, cells, processes, threads, o.resume, currentExecutable(), [](const std::string& line) { std::cout << line << std::endl; });
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    int failed = 0;
    for (const LocalCellOutcome& outcome : outcomes) failed += outcome.exitCode != 0;
    std::cout << outcomes.size() << " cells in " << seconds(wall) << " with " << processes << " process(es) of "
              << threads << " thread(s)\n";
    if (failed > 0)
        throw Error(std::to_string(failed) + " cell(s) did not finish (their logs are in " + spec.folder +
                    "/local; `redit sweep run --resume` continues them)");
}

void runCell(const SweepOptions& o) {
    configureThreads(o.threads);
    const SweepSpec spec = readSweepSpec(o.spec, globalStageRegistry());
    const SweepCell cell = sweepCell(spec, o.cell, globalStageRegistry());
    CancelToken token;
    cellToken = &token;
    auto previousTerm = std::signal(SIGTERM, onStopSignal);
    auto previousInt = std::signal(SIGINT, onStopSignal);
    ProgressBar bar("cell " + std::to_string(cell.index) + " " + spec.run.value("kind", ""));
    RunStatus outcome;
    try {
        outcome = runSweepCell(spec, cell, globalStageRegistry(), o.resume, token,
                               [&](std::int64_t, const Progress& p) { bar.update(p.fraction, p.message); });
    } catch (...) {
        std::signal(SIGTERM, previousTerm);
        std::signal(SIGINT, previousInt);
        cellToken = nullptr;
        throw;
    }
    std::signal(SIGTERM, previousTerm);
    std::signal(SIGINT, previousInt);
    cellToken = nullptr;
    bar.finish();
    std::cout << "cell " << cell.index << " (" << cellLabel(cell) << "): " << toString(outcome) << " in "
              << cellProjectPath(spec, cell.index) << '\n';
    if (outcome != RunStatus::Finished) {
        const CellState state = readCellState(spec, cell.index);
        throw Error("cell " + std::to_string(cell.index) + " is " + toString(outcome) +
                    (state.error.empty() ? "" : ": " + state.error) + " (`--resume` continues it)");
    }
}

void status(const SweepOptions& o) {
    const SweepSpec spec = readSweepSpec(o.spec, globalStageRegistry());
    const SweepStatus status = sweepStatus(spec);
    TerminalTable table({"cell", "values", "state", "progress", "slurm task", "slurm state", "node"});
    std::map<std::string, int> counts;
    for (const CellStatus& c : status.cells) {
        ++counts[c.summary];
        char progress[16];
        std::snprintf(progress, sizeof progress, "%d%%", int(c.cell.progress * 100));
        const std::string node = c.slurm.node.empty() ? c.cell.origin.value("node", c.cell.origin.value("host", "")) : c.slurm.node;
        table.addRow({std::to_string(c.cell.index), cellLabel(sweepCell(spec, c.cell.index, globalStageRegistry())),
                      stateText(c.cell), progress, c.slurm.jobId.empty() ? "-" : c.slurm.jobId,
                      c.slurm.state.empty() ? "-" : c.slurm.state, node.empty() ? "-" : node});
    }
    table.print(std::cout);
    std::string line;
    for (const char* s : {"done", "running", "pending", "failed"})
        line += (line.empty() ? "" : ", ") + std::to_string(counts[s]) + " " + s;
    std::cout << spec.cellCount() << " cells: " << line << '\n';
    for (const std::string& note : status.notes) std::cout << "note: " << note << '\n';
}

void collect(const SweepOptions& o) {
    const SweepSpec spec = readSweepSpec(o.spec, globalStageRegistry());
    ProjectStore store = std::filesystem::exists(o.project) ? ProjectStore::open(o.project) : ProjectStore::create(o.project);
    const MergeReport report = collectSweep(spec, store);
    int added = 0, again = 0;
    for (const MergedRun& run : report.runs) (run.alreadyMerged ? again : added)++;
    std::cout << "merged " << added << " run(s) of " << spec.name << " into " << o.project;
    if (again > 0) std::cout << " (" << again << " merged before, skipped)";
    std::cout << '\n';
    for (const std::string& line : report.notMerged) std::cout << "not merged: " << line << '\n';
}

}  // namespace

void addSweepCommands(CLI::App& app) {
    auto o = std::make_shared<SweepOptions>();
    CLI::App* sweep = app.add_subcommand("sweep", "Run a config over axes of values: one project per cell, locally or on Slurm");
    sweep->require_subcommand(1);

    CLI::App* planCommand = sweep->add_subcommand("plan", "Print the cells of a sweep with their memory and time estimates");
    planCommand->callback([o] { plan(*o); });

    CLI::App* runCommand = sweep->add_subcommand("run", "Run the unfinished cells: --local N processes (default) or --slurm");
    runCommand->add_option("--local", o->local, "Processes running cells at once on this machine (1)");
    runCommand->add_flag("--slurm", o->slurm, "Write an sbatch array script and submit it");
    runCommand->add_option("--site", o->site, "Site config for --slurm (JSON: partition, account, qos, preamble, ...)");
    runCommand->add_flag("--no-submit", o->noSubmit, "With --slurm: write the script only");
    runCommand->add_option("--threads", o->threads, "CPU threads per local cell (0: the cores shared by the processes)");
    runCommand->callback([o] { run(*o); });

    CLI::App* cellCommand = sweep->add_subcommand("run-cell", "Run one cell into its own project (what each Slurm task runs)");
    cellCommand->add_option("--cell", o->cell, "Cell index (0 .. cells - 1)")->required();
    cellCommand->add_option("--threads", o->threads, "CPU threads (0 = all cores)");
    cellCommand->callback([o] { runCell(*o); });

    for (CLI::App* sub : {runCommand, cellCommand})
        sub->add_flag("--resume", o->resume, "Continue cells that stopped from their checkpoints");

    sweep->add_subcommand("status", "Cells pending, running, failed and done, from the cell projects and squeue/sacct")
        ->callback([o] { status(*o); });

    CLI::App* collectCommand = sweep->add_subcommand("collect", "Merge the finished cells into a project (idempotent)");
    collectCommand->add_option("--project", o->project, "Project file (created when missing)")->required();
    collectCommand->callback([o] { collect(*o); });

    for (CLI::App* sub : sweep->get_subcommands([](CLI::App*) { return true; }))
        sub->add_option("spec", o->spec, "Sweep spec (JSON: name, run, axes, folder, slurm)")->required();
}

}  // namespace redit::cli
