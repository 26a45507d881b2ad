#include "store/project_info.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/project_store.h"
#include "util/error.h"

namespace redit {

std::optional<std::string> projectInfo(const ProjectStore& store, const std::string& key) {
    SQLite::Statement query(store.db(), "SELECT value FROM project_info WHERE key = ?");
    query.bind(1, key);
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getString();
}

void setProjectInfo(ProjectStore& store, const std::string& key, const std::string& value) {
    SQLite::Statement upsert(store.db(), "INSERT INTO project_info(key, value) VALUES (?, ?)"
                                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, key);
    upsert.bind(2, value);
    upsert.exec();
}

std::string projectId(const ProjectStore& store) {
    std::optional<std::string> id = projectInfo(store, "project_id");
    if (!id) throw FileError(store.path(), "has no project_id in project_info");
    return *id;
}

}  // namespace redit
