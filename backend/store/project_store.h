#pragma once
#include <memory>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace redit {

// One open connection to a .redit project file (a SQLite database in WAL mode with foreign keys on and a
// busy timeout). A ProjectStore is used by one thread at a time; other threads and processes open their
// own. The typed API for each table group lives in its own header (models.h, runs.h, circuits.h, ...).
class ProjectStore {
public:
    enum class Mode { ReadWrite, ReadOnly };

    // Creates a new, empty project; FileError if the file already exists.
    static ProjectStore create(const std::string& path);

    // Opens an existing project. The file is first inspected read-only (see project_probe.h): anything that
    // is not a REdit project of a version this build reads is refused with a FileError and left untouched.
    // ReadWrite then migrates an older schema forward and marks runs whose process died as interrupted.
    static ProjectStore open(const std::string& path, Mode mode = Mode::ReadWrite);

    ProjectStore(ProjectStore&&) noexcept;
    ProjectStore& operator=(ProjectStore&&) noexcept;
    ~ProjectStore();

    const std::string& path() const { return path_; }
    bool readOnly() const { return mode_ == Mode::ReadOnly; }
    int schemaVersion() const;

    // Full integrity check of every page and index (slow on large files); empty when the file is sound.
    std::vector<std::string> integrityProblems() const;

    // The connection, for the table APIs of this library.
    SQLite::Database& db() const { return *db_; }

    // Nesting depth of WriteTransaction on this connection (see transaction.h).
    int& transactionDepth() { return transactionDepth_; }

private:
    ProjectStore(std::string path, Mode mode, std::unique_ptr<SQLite::Database> db);

    std::string path_;
    Mode mode_;
    std::shared_ptr<void> openFile_;  // registered while db_ is open (store/open_project_files.h); outlives it
    std::unique_ptr<SQLite::Database> db_;
    int transactionDepth_ = 0;
};

}  // namespace redit
