// `redit project init|info|check|merge`, `redit runs list|show|cancel|resume`, `redit export` and `redit run`.
#include <CLI/CLI.hpp>
#include <iostream>
#include <filesystem>
#include <map>

#include "cli/commands.h"
#include "cli/run_to_end.h"
#include "cli/terminal_table.h"
#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "store/project_export.h"
#include "store/project_merge.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "util/json_file.h"

namespace redit::cli {

namespace {

RunStatus runToEnd(ProjectStore& store, std::int64_t runId) {
    const RunStatus outcome = cli::runToEnd(store, runId, "run " + std::to_string(runId) + " " + loadRun(store, runId).kind);
    std::cout << "run " << runId << " " << toString(outcome) << '\n';
    return outcome;
}

void projectInfo(const std::string& file) {
    ProjectStore store = ProjectStore::open(file, ProjectStore::Mode::ReadOnly);
    std::map<std::string, int> byStatus;
    auto runs = listRuns(store);
    for (const RunRecord& r : runs) ++byStatus[toString(r.status)];
    std::string statuses;
    for (const auto& [status, n] : byStatus) statuses += (statuses.empty() ? "" : ", ") + std::to_string(n) + " " + status;
    printFields(std::cout, {{"project", file},
                            {"schema version", std::to_string(store.schemaVersion())},
                            {"runs", std::to_string(runs.size()) + (statuses.empty() ? "" : " (" + statuses + ")")}});
}

void projectCheck(const std::string& file) {
    ProjectStore store = ProjectStore::open(file, ProjectStore::Mode::ReadOnly);
    auto problems = store.integrityProblems();
    for (const auto& p : problems) std::cout << file << ": " << p << '\n';
    if (!problems.empty()) throw FileError(file, std::to_string(problems.size()) + " integrity problem(s)");
    std::cout << file << ": ok\n";
}

void listAll(const std::string& file) {
    ProjectStore store = ProjectStore::open(file, ProjectStore::Mode::ReadOnly);
    TerminalTable table({"id", "kind", "name", "status", "progress", "created", "elapsed s"});
    for (const RunRecord& r : listRuns(store))
        table.addRow({std::to_string(r.id), r.kind, r.name, toString(r.status),
                      std::to_string(int(r.progress * 100)) + "%", r.createdAt, std::to_string(int(r.elapsedSeconds))});
    table.print(std::cout);
}

void show(const std::string& file, std::int64_t id) {
    ProjectStore store = ProjectStore::open(file, ProjectStore::Mode::ReadOnly);
    RunRecord r = loadRun(store, id);
    printFields(std::cout, {{"id", std::to_string(r.id)},       {"kind", r.kind},
                            {"name", r.name},                   {"status", toString(r.status)},
                            {"seed", std::to_string(r.seed)},   {"device", r.device},
                            {"model", r.modelId ? std::to_string(*r.modelId) : "-"},
                            {"dataset", r.datasetId ? std::to_string(*r.datasetId) : "-"},
                            {"code version", r.codeVersion},    {"libraries", r.libraryVersions.dump()},
                            {"created", r.createdAt},           {"started", r.startedAt},
                            {"finished", r.finishedAt},         {"elapsed s", std::to_string(r.elapsedSeconds)},
                            {"progress", r.progressMessage},    {"error", r.error}});
    const nlohmann::json origin = runOrigin(store, id);
    if (!origin.is_null()) printFields(std::cout, {{"merged from", origin.dump()}});
    std::cout << "config:\n" << r.config.dump(2) << "\nlog:\n";
    for (const LogLine& l : runLog(store, id)) std::cout << "  " << l.at << " " << l.level << " " << l.message << '\n';
}

void merge(const std::string& target, const std::vector<std::string>& sources) {
    ProjectStore store = std::filesystem::exists(target) ? ProjectStore::open(target) : ProjectStore::create(target);
    std::vector<MergeSource> from;
    for (const std::string& source : sources) from.push_back({source});
    const MergeReport report = mergeProjects(store, from);
    TerminalTable table({"source", "source run", "run", "merged"});
    for (const MergedRun& run : report.runs)
        table.addRow({run.source, std::to_string(run.sourceRunId), std::to_string(run.targetRunId),
                      run.alreadyMerged ? "before (skipped)" : "now"});
    table.print(std::cout);
    for (const std::string& line : report.notMerged) std::cout << "not merged: " << line << '\n';
}

}  // namespace

void addProjectCommands(CLI::App& app) {
    auto file = std::make_shared<std::string>();
    auto id = std::make_shared<std::int64_t>(0);

    CLI::App* project = app.add_subcommand("project", "Create and inspect .redit project files");
    project->require_subcommand(1);
    project->add_subcommand("init", "Create an empty project")->callback([file] {
        ProjectStore::create(*file);
        std::cout << "created " << *file << '\n';
    });
    project->add_subcommand("info", "Schema version and runs of a project")->callback([file] { projectInfo(*file); });
    project->add_subcommand("check", "Full integrity check of a project")->callback([file] { projectCheck(*file); });
    for (CLI::App* sub : project->get_subcommands([](CLI::App*) { return true; }))
        sub->add_option("file", *file, "Project file (.redit)")->required();
    auto sources = std::make_shared<std::vector<std::string>>();
    CLI::App* mergeCommand = project->add_subcommand("merge", "Copy the finished runs of other projects into a project (idempotent)");
    mergeCommand->add_option("target", *file, "Project file receiving the runs (created when missing)")->required();
    mergeCommand->add_option("sources", *sources, "Project files whose finished runs are copied")->required();
    mergeCommand->callback([file, sources] { merge(*file, *sources); });

    CLI::App* runs = app.add_subcommand("runs", "List, inspect, cancel and resume runs");
    runs->require_subcommand(1);
    runs->add_subcommand("list", "All runs with their status")->callback([file] { listAll(*file); });
    runs->add_subcommand("show", "Provenance, config and log of a run")->callback([file, id] { show(*file, *id); });
    runs->add_subcommand("cancel", "Cancel a pending run or stop a running one")->callback([file, id] {
        ProjectStore store = ProjectStore::open(*file);
        requestCancel(store, *id);
        std::cout << "run " << *id << ": cancellation requested\n";
    });
    runs->add_subcommand("resume", "Continue an interrupted, failed or cancelled run from its checkpoint")
        ->callback([file, id] {
            ProjectStore store = ProjectStore::open(*file);
            runToEnd(store, *id);
        });
    for (CLI::App* sub : runs->get_subcommands([](CLI::App*) { return true; })) {
        sub->add_option("--project", *file, "Project file (.redit)")->required();
        if (sub->get_name() != "list") sub->add_option("id", *id, "Run id")->required();
    }

    auto what = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("csv");
    CLI::App* exporter = app.add_subcommand("export", "Write runs, metrics or results as CSV or JSON to stdout");
    exporter->add_option("--project", *file, "Project file (.redit)")->required();
    exporter->add_option("--what", *what, "runs | metrics | results")->required();
    exporter->add_option("--format", *format, "csv | json");
    exporter->callback([file, what, format] {
        ProjectStore store = ProjectStore::open(*file, ProjectStore::Mode::ReadOnly);
        exportProject(store, parseExportWhat(*what), parseExportFormat(*format), std::cout);
    });

    auto config = std::make_shared<std::string>();
    CLI::App* run = app.add_subcommand("run", "Create a run from a config file and run it to its end");
    run->add_option("config", *config, "Run config (JSON: kind, name, seed, device, model_id, dataset_id, params)")
        ->required();
    run->add_option("--project", *file, "Project file (.redit)")->required();
    run->callback([file, config] {
        nlohmann::json request = readJsonFile(*config);
        ProjectStore store = ProjectStore::open(*file);
        runToEnd(store, submitRun(store, globalStageRegistry(), request));
    });
}

}  // namespace redit::cli
