#pragma once
#include <string>

namespace redit {

class ProjectStore;

// Stage params name files relative to the project file's folder (the same for the CLI and the GUI, whatever
// their working directory); absolute paths are kept.
std::string resolveProjectPath(const ProjectStore& store, const std::string& path);

}  // namespace redit
