#pragma once
#include <optional>
#include <string>

namespace redit {

class ProjectStore;

// The project_info table: facts about the project file itself (created_at, created_with, project_id, and
// for a sweep cell's project the cell it holds; docs/store.md).
std::optional<std::string> projectInfo(const ProjectStore& store, const std::string& key);
void setProjectInfo(ProjectStore& store, const std::string& key, const std::string& value);

// The random id every project gets when it is created (or upgraded to schema version 2).
std::string projectId(const ProjectStore& store);

}  // namespace redit
