#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/run_status.h"

namespace redit {

class ProjectStore;

// What a new run is: its provenance is complete from the start (model, dataset, config, seed, device,
// code and library versions).
struct NewRun {
    std::string kind;
    std::string name;
    nlohmann::json config = nlohmann::json::object();
    std::int64_t seed = 0;
    std::string device = "cpu";
    std::optional<std::int64_t> modelId;
    std::optional<std::int64_t> datasetId;
    nlohmann::json libraryVersions = nlohmann::json::object();  // e.g. {"torch": "2.3.0"}; sqlite and the BLAS are added
};

struct RunRecord {
    std::int64_t id = 0;
    std::string kind;
    std::string name;
    nlohmann::json config;
    RunStatus status = RunStatus::Pending;
    std::int64_t seed = 0;
    std::string device;
    std::optional<std::int64_t> modelId;
    std::optional<std::int64_t> datasetId;
    std::string codeVersion;
    nlohmann::json libraryVersions;
    std::string createdAt, startedAt, finishedAt;
    double elapsedSeconds = 0;  // summed over every attempt (a resumed run has several)
    double progress = 0;
    std::string progressMessage;
    std::string error;
    bool cancelRequested = false;
};

struct LogLine {
    std::string at;
    std::string level;
    std::string message;
};

// Creates a pending run recording this build's code version (redit/build_info.h) and SQLite's version.
std::int64_t createRun(ProjectStore& store, const NewRun& run);

RunRecord loadRun(const ProjectStore& store, std::int64_t runId);  // ConfigError for an unknown id
std::vector<RunRecord> listRuns(const ProjectStore& store);

// Running records this process as the owner; finished/failed/cancelled stamp finished_at. `error` is kept
// for failed runs.
void setRunStatus(ProjectStore& store, std::int64_t runId, RunStatus status, const std::string& error = {});

// Replaces the configuration; a finished run's configuration is frozen (ConfigError).
void updateRunConfig(ProjectStore& store, std::int64_t runId, const nlohmann::json& config);

void setRunProgress(ProjectStore& store, std::int64_t runId, double fraction, const std::string& message);
void addRunTime(ProjectStore& store, std::int64_t runId, double seconds);

// A pending or interrupted run is cancelled at once; a running one is flagged and its job stops at its
// next cancellation check (in whichever process runs it). ConfigError for a run that has ended.
void requestCancel(ProjectStore& store, std::int64_t runId);
bool cancelRequested(const ProjectStore& store, std::int64_t runId);

void appendLog(ProjectStore& store, std::int64_t runId, const std::string& level, const std::string& message);
std::vector<LogLine> runLog(const ProjectStore& store, std::int64_t runId);

// Marks as interrupted every running run whose owning process (on this host) no longer exists. Called by
// ProjectStore::open for writing; returns how many runs it marked.
int markInterruptedRuns(ProjectStore& store);

}  // namespace redit
