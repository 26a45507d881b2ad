#include "store/artifacts.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/blob_binding.h"
#include "store/project_store.h"
#include "util/error.h"

namespace redit {

std::int64_t saveArtifact(ProjectStore& store, std::int64_t runId, const std::string& name,
                          const std::string& mimeType, const std::vector<unsigned char>& data) {
    SQLite::Statement s(store.db(), "INSERT INTO artifacts(run_id, name, mime_type, data) VALUES (?, ?, ?, ?)");
    s.bind(1, runId);
    s.bind(2, name);
    s.bind(3, mimeType);
    bindBlob(s, 4, data);
    s.exec();
    return store.db().getLastInsertRowid();
}

Artifact loadArtifact(const ProjectStore& store, std::int64_t artifactId) {
    SQLite::Statement s(store.db(), "SELECT id, run_id, name, mime_type, data FROM artifacts WHERE id = ?");
    s.bind(1, artifactId);
    if (!s.executeStep()) throw ConfigError("no artifact with id " + std::to_string(artifactId));
    const auto* bytes = static_cast<const unsigned char*>(s.getColumn(4).getBlob());
    int size = s.getColumn(4).getBytes();
    return {s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getString(),
            s.getColumn(3).getString(), std::vector<unsigned char>(bytes, bytes + size), size};
}

std::vector<Artifact> listArtifacts(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement s(store.db(), "SELECT id, run_id, name, mime_type, length(data) FROM artifacts"
                                    " WHERE run_id = ? ORDER BY id");
    s.bind(1, runId);
    std::vector<Artifact> list;
    while (s.executeStep())
        list.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getString(),
                        s.getColumn(3).getString(), {}, s.getColumn(4).getInt64()});
    return list;
}

std::optional<std::int64_t> findArtifactByName(const ProjectStore& store, const std::string& name) {
    SQLite::Statement s(store.db(), "SELECT max(id) FROM artifacts WHERE name = ?");
    s.bind(1, name);
    if (!s.executeStep() || s.getColumn(0).isNull()) return std::nullopt;
    return s.getColumn(0).getInt64();
}

}  // namespace redit
