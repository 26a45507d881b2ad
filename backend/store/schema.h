#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace redit::store {

// PRAGMA application_id of every .redit file ('REDT'), so a foreign SQLite file is recognised.
inline constexpr std::int32_t kApplicationId = 0x52454454;
// PRAGMA user_version written by this build; files with a higher version are refused.
inline constexpr int kSchemaVersion = 2;

// One forward step of the schema: brings a file from toVersion - 1 to toVersion.
struct Migration {
    int toVersion = 0;
    std::string description;
    std::function<void(SQLite::Database&)> apply;
};

// The migrations of this build, in order; the first one creates schema version 1 in an empty file.
const std::vector<Migration>& schemaMigrations();

// Applies every migration above the file's user_version, each in its own IMMEDIATE transaction that also
// sets user_version, so a failure leaves the file at the last completed version.
void migrate(SQLite::Database& db, const std::vector<Migration>& migrations);

// The tables a project of the current schema must contain (checked when a file is opened).
const std::vector<std::string>& requiredTables();

}  // namespace redit::store
