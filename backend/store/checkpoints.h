#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace redit {

class ProjectStore;

// A checkpoint is a named BLOB of a run, replaced on every save. To be consistent with the results it
// covers, save it inside the same WriteTransaction as those results (JobContext::commitStep does this).
void saveCheckpoint(ProjectStore& store, std::int64_t runId, const std::string& name,
                    const std::vector<unsigned char>& data);
std::optional<std::vector<unsigned char>> loadCheckpoint(const ProjectStore& store, std::int64_t runId,
                                                         const std::string& name);

}  // namespace redit
