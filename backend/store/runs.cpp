#include "store/runs.h"
#include "store/run_owner.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <cerrno>
#include <csignal>
#include <unistd.h>

#include "redit/build_info.h"
#include "store/project_store.h"
#include "store/store_error.h"
#include "store/transaction.h"
#include "util/blas_info.h"
#include "util/error.h"

namespace redit {

namespace {

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
constexpr const char* kRunColumns =
    "id, kind, name, config, status, seed, device, model_id, dataset_id, code_version, library_versions,"
    " created_at, ifnull(started_at, ''), ifnull(finished_at, ''), elapsed_s, progress, progress_message, error,"
    " cancel_requested FROM runs";

std::string hostName() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
    return buf;
}

bool processAlive(std::int64_t pid) { return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM); }

std::optional<std::int64_t> optionalId(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

void bindOptional(SQLite::Statement& s, int index, const std::optional<std::int64_t>& v) {
    if (v)
        s.bind(index, *v);
    else
        s.bind(index);
}

RunRecord readRun(SQLite::Statement& s) {
    RunRecord r;
    r.id = s.getColumn(0).getInt64();
    r.kind = s.getColumn(1).getString();
    r.name = s.getColumn(2).getString();
    r.config = nlohmann::json::parse(s.getColumn(3).getString(), nullptr, false);
    r.status = parseRunStatus(s.getColumn(4).getString());
    r.seed = s.getColumn(5).getInt64();
    r.device = s.getColumn(6).getString();
    r.modelId = optionalId(s.getColumn(7));
    r.datasetId = optionalId(s.getColumn(8));
    r.codeVersion = s.getColumn(9).getString();
    r.libraryVersions = nlohmann::json::parse(s.getColumn(10).getString(), nullptr, false);
    r.createdAt = s.getColumn(11).getString();
    r.startedAt = s.getColumn(12).getString();
    r.finishedAt = s.getColumn(13).getString();
    r.elapsedSeconds = s.getColumn(14).getDouble();
    r.progress = s.getColumn(15).getDouble();
    r.progressMessage = s.getColumn(16).getString();
    r.error = s.getColumn(17).getString();
    r.cancelRequested = s.getColumn(18).getInt() != 0;
    return r;
}

// SQLite finds a damaged page only when it reads it, which opening the file does not do for every table:
// its error while reading runs becomes a FileError naming the project (found by fuzzing).
template <typename Read>
auto readRuns(const ProjectStore& store, Read read) {
    try {
        return read();
    } catch (const SQLite::Exception& e) {
        throw projectFileError(store.path(), "cannot be read", e);
    }
}

void execOnRun(ProjectStore& store, const std::string& sql, std::int64_t runId) {
    SQLite::Statement s(store.db(), sql);
    s.bind(1, runId);
    if (s.exec() == 0) throw ConfigError("no run with id " + std::to_string(runId));
}

}  // namespace

std::int64_t createRun(ProjectStore& store, const NewRun& run) {
    nlohmann::json libraries = run.libraryVersions;
    libraries["sqlite"] = sqlite3_libversion();
    // The BLAS and the kernels it chose for this CPU decide the last bits of every result (util/runtime_env.h).
    if (!libraries.contains("blas")) libraries["blas"] = loadedBlas().name;
    SQLite::Statement s(store.db(),
                        "INSERT INTO runs(kind, name, config, status, seed, device, model_id, dataset_id,"
                        " code_version, library_versions) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)");
    s.bind(1, run.kind);
    s.bind(2, run.name);
    s.bind(3, run.config.dump());
    s.bind(4, run.seed);
    s.bind(5, run.device);
    bindOptional(s, 6, run.modelId);
    bindOptional(s, 7, run.datasetId);
    s.bind(8, std::string(build_info::kVersion) + " (" + build_info::kGitDescribe + ")");
    s.bind(9, libraries.dump());
    s.exec();
    return store.db().getLastInsertRowid();
}

RunRecord loadRun(const ProjectStore& store, std::int64_t runId) {
    return readRuns(store, [&] {
        SQLite::Statement s(store.db(), std::string("SELECT ") + kRunColumns + " WHERE id = ?");
        s.bind(1, runId);
        if (!s.executeStep()) throw ConfigError("no run with id " + std::to_string(runId));
        return readRun(s);
    });
}

std::vector<RunRecord> listRuns(const ProjectStore& store) {
    return readRuns(store, [&] {
        SQLite::Statement s(store.db(), std::string("SELECT ") + kRunColumns + " ORDER BY id");
        std::vector<RunRecord> runs;
        while (s.executeStep()) runs.push_back(readRun(s));
        return runs;
    });
}

void setRunStatus(ProjectStore& store, std::int64_t runId, RunStatus status, const std::string& error) {
    std::string sql;
    switch (status) {
        case RunStatus::Running:
            sql = std::string("UPDATE runs SET status = 'running', started_at = ifnull(started_at, ") + kNow +
                  "), finished_at = NULL, error = '', cancel_requested = 0, owner_pid = ?2, owner_host = ?3"
                  " WHERE id = ?1";
            break;
        case RunStatus::Finished:
        case RunStatus::Failed:
        case RunStatus::Cancelled:
            sql = std::string("UPDATE runs SET status = ?2, finished_at = ") + kNow +
                  ", error = ?3, owner_pid = NULL, owner_host = NULL WHERE id = ?1";
            break;
        case RunStatus::Pending:
        case RunStatus::Interrupted:
            sql = "UPDATE runs SET status = ?2, owner_pid = NULL, owner_host = NULL WHERE id = ?1";
            break;
    }
    SQLite::Statement s(store.db(), sql);
    s.bind(1, runId);
    if (status == RunStatus::Running) {
        s.bind(2, std::int64_t(getpid()));
        s.bind(3, hostName());
    } else {
        s.bind(2, toString(status));
        if (status != RunStatus::Pending && status != RunStatus::Interrupted) s.bind(3, error);
    }
    if (s.exec() == 0) throw ConfigError("no run with id " + std::to_string(runId));
}

void updateRunConfig(ProjectStore& store, std::int64_t runId, const nlohmann::json& config) {
    if (loadRun(store, runId).status == RunStatus::Finished)
        throw ConfigError("run " + std::to_string(runId) + " has finished: its configuration is frozen");
    SQLite::Statement s(store.db(), "UPDATE runs SET config = ? WHERE id = ?");
    s.bind(1, config.dump());
    s.bind(2, runId);
    s.exec();
}

void setRunProgress(ProjectStore& store, std::int64_t runId, double fraction, const std::string& message) {
    SQLite::Statement s(store.db(), "UPDATE runs SET progress = ?, progress_message = ? WHERE id = ?");
    s.bind(1, fraction);
    s.bind(2, message);
    s.bind(3, runId);
    s.exec();
}

void addRunTime(ProjectStore& store, std::int64_t runId, double seconds) {
    SQLite::Statement s(store.db(), "UPDATE runs SET elapsed_s = elapsed_s + ? WHERE id = ?");
    s.bind(1, seconds);
    s.bind(2, runId);
    s.exec();
}

void requestCancel(ProjectStore& store, std::int64_t runId) {
    WriteTransaction tx(store);
    RunStatus status = loadRun(store, runId).status;
    if (status == RunStatus::Running)
        execOnRun(store, "UPDATE runs SET cancel_requested = 1 WHERE id = ?", runId);
    else if (status == RunStatus::Pending || status == RunStatus::Interrupted)
        setRunStatus(store, runId, RunStatus::Cancelled);
    else
        throw ConfigError("run " + std::to_string(runId) + " is " + toString(status) + " and cannot be cancelled");
    tx.commit();
}

bool cancelRequested(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement s(store.db(), "SELECT cancel_requested FROM runs WHERE id = ?");
    s.bind(1, runId);
    return s.executeStep() && s.getColumn(0).getInt() != 0;
}

void appendLog(ProjectStore& store, std::int64_t runId, const std::string& level, const std::string& message) {
    SQLite::Statement s(store.db(), "INSERT INTO run_log(run_id, level, message) VALUES (?, ?, ?)");
    s.bind(1, runId);
    s.bind(2, level);
    s.bind(3, message);
    s.exec();
}

std::vector<LogLine> runLog(const ProjectStore& store, std::int64_t runId) {
    return readRuns(store, [&] {
        SQLite::Statement s(store.db(), "SELECT at, level, message FROM run_log WHERE run_id = ? ORDER BY id");
        s.bind(1, runId);
        std::vector<LogLine> lines;
        while (s.executeStep())
            lines.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString()});
        return lines;
    });
}

int markInterruptedRuns(ProjectStore& store) {
    WriteTransaction tx(store);
    SQLite::Statement running(store.db(), "SELECT id, ifnull(owner_pid, 0), ifnull(owner_host, '') FROM runs"
                                          " WHERE status = 'running'");
    std::vector<std::int64_t> dead;
    const std::string host = hostName();
    while (running.executeStep()) {
        // A run owned by another host is left alone: its process cannot be checked from here.
        std::string owner = running.getColumn(2).getString();
        if (owner.empty() || (owner == host && !processAlive(running.getColumn(1).getInt64())))
            dead.push_back(running.getColumn(0).getInt64());
    }
    for (std::int64_t id : dead) {
        setRunStatus(store, id, RunStatus::Interrupted);
        appendLog(store, id, "warning", "the process running this run stopped; marked as interrupted");
    }
    tx.commit();
    return int(dead.size());
}

std::string runOwnerHost(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement s(store.db(), "SELECT ifnull(owner_host, '') FROM runs WHERE id = ? AND status = 'running'");
    s.bind(1, runId);
    return s.executeStep() ? s.getColumn(0).getString() : std::string();
}

std::string localHostName() { return hostName(); }

void takeOverRun(ProjectStore& store, std::int64_t runId, const std::string& reason) {
    WriteTransaction tx(store);
    setRunStatus(store, runId, RunStatus::Interrupted);
    appendLog(store, runId, "warning", reason + "; marked as interrupted");
    tx.commit();
}

}  // namespace redit
