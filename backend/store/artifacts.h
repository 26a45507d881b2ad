#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace redit {

class ProjectStore;

// Figures and reports produced by a run, stored as BLOBs with their MIME type.
struct Artifact {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::string name;
    std::string mimeType;
    std::vector<unsigned char> data;  // empty in listArtifacts
    std::int64_t sizeBytes = 0;
};

std::int64_t saveArtifact(ProjectStore& store, std::int64_t runId, const std::string& name,
                          const std::string& mimeType, const std::vector<unsigned char>& data);
Artifact loadArtifact(const ProjectStore& store, std::int64_t artifactId);  // ConfigError for an unknown id
std::vector<Artifact> listArtifacts(const ProjectStore& store, std::int64_t runId);
// The newest artifact of any run with this exact name (for values cached across runs), if there is one.
std::optional<std::int64_t> findArtifactByName(const ProjectStore& store, const std::string& name);

}  // namespace redit
