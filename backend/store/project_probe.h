#pragma once
#include <cstdint>
#include <string>

namespace redit {

// What a read-only look at a project file found.
struct ProjectFileInfo {
    int schemaVersion = 0;
    std::int64_t sizeBytes = 0;
};

// Checks, without writing anything (no journal, no -wal or -shm file when none exists), that `path` is a
// REdit project this build can open: a SQLite file with the REdit application_id, a schema version not
// newer than this build's, a size matching its header, and a readable schema with every table. Throws a
// FileError naming the file and the problem otherwise.
ProjectFileInfo probeProjectFile(const std::string& path);

}  // namespace redit
