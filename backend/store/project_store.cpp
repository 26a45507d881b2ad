#include "store/project_store.h"

#include "store/open_project_files.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <filesystem>

#include "redit/build_info.h"
#include "store/project_probe.h"
#include "store/runs.h"
#include "store/schema.h"
#include "store/store_error.h"
#include "util/error.h"

namespace redit {

namespace {

constexpr int kBusyTimeoutMs = 10000;

// Settings of every read-write connection. synchronous=NORMAL in WAL mode never loses a committed
// transaction when the process dies (only, possibly, the last ones on power loss) and never corrupts.
void configureWriter(SQLite::Database& db) {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

ProjectStore::ProjectStore(std::string path, Mode mode, std::unique_ptr<SQLite::Database> db)
    : path_(std::move(path)), mode_(mode), openFile_(store::registerOpenProjectFile(path_)), db_(std::move(db)) {}
ProjectStore::ProjectStore(ProjectStore&&) noexcept = default;
ProjectStore& ProjectStore::operator=(ProjectStore&&) noexcept = default;
ProjectStore::~ProjectStore() = default;

ProjectStore ProjectStore::create(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) throw FileError(path, "already exists; open it instead of creating it");
    try {
        auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                                     kBusyTimeoutMs);
        db->exec("PRAGMA application_id = " + std::to_string(store::kApplicationId));
        configureWriter(*db);
        store::migrate(*db, store::schemaMigrations());
        SQLite::Statement info(*db, "INSERT INTO project_info(key, value) VALUES"
                                    " ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ','now')), ('created_with', ?)");
        info.bind(1, std::string("REdit ") + build_info::kVersion + " (" + build_info::kGitDescribe + ")");
        info.exec();
        return ProjectStore(path, Mode::ReadWrite, std::move(db));
    } catch (const SQLite::Exception& e) {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
        throw FileError(path, std::string("cannot be created: ") + e.what());
    }
}

ProjectStore ProjectStore::open(const std::string& path, Mode mode) {
    ProjectFileInfo info = probeProjectFile(path);
    try {
        if (mode == Mode::ReadOnly) {
            if (info.schemaVersion < store::kSchemaVersion)
                throw FileError(path, "has schema version " + std::to_string(info.schemaVersion) +
                                          " and must be opened for writing once to be upgraded");
            auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
            return ProjectStore(path, mode, std::move(db));
        }
        auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
        // SQLite quietly opens a file it may not write read-only; say so now rather than at the first write.
        if (sqlite3_db_readonly(db->getHandle(), "main") == 1)
            throw ReadOnlyProjectError(path, "cannot be opened for writing: the file or its folder is read-only "
                                  "(it can still be opened read-only)");
        configureWriter(*db);
        store::migrate(*db, store::schemaMigrations());
        ProjectStore store(path, mode, std::move(db));
        markInterruptedRuns(store);
        return store;
    } catch (const SQLite::Exception& e) {
        throw projectFileError(path, mode == Mode::ReadOnly ? "cannot be opened" : "cannot be opened for writing", e);
    }
}

int ProjectStore::schemaVersion() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

std::vector<std::string> ProjectStore::integrityProblems() const {
    std::vector<std::string> problems;
    try {
        SQLite::Statement check(*db_, "PRAGMA integrity_check");
        while (check.executeStep()) {
            std::string line = check.getColumn(0).getString();
            if (line != "ok") problems.push_back(line);
        }
        SQLite::Statement keys(*db_, "PRAGMA foreign_key_check");
        while (keys.executeStep())
            problems.push_back("row " + keys.getColumn(1).getString() + " of table '" + keys.getColumn(0).getString() +
                               "' references a missing row of '" + keys.getColumn(2).getString() + "'");
    } catch (const SQLite::Exception& e) {
        problems.push_back(e.what());
    }
    return problems;
}

}  // namespace redit
