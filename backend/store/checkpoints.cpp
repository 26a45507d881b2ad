#include "store/checkpoints.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/blob_binding.h"
#include "store/project_store.h"

namespace redit {

void saveCheckpoint(ProjectStore& store, std::int64_t runId, const std::string& name,
                    const std::vector<unsigned char>& data) {
    SQLite::Statement s(store.db(), "INSERT OR REPLACE INTO checkpoints(run_id, name, data) VALUES (?, ?, ?)");
    s.bind(1, runId);
    s.bind(2, name);
    bindBlob(s, 3, data);
    s.exec();
}

std::optional<std::vector<unsigned char>> loadCheckpoint(const ProjectStore& store, std::int64_t runId,
                                                         const std::string& name) {
    SQLite::Statement s(store.db(), "SELECT data FROM checkpoints WHERE run_id = ? AND name = ?");
    s.bind(1, runId);
    s.bind(2, name);
    if (!s.executeStep()) return std::nullopt;
    const auto* bytes = static_cast<const unsigned char*>(s.getColumn(0).getBlob());
    return std::vector<unsigned char>(bytes, bytes + s.getColumn(0).getBytes());
}

}  // namespace redit
