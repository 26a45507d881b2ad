#pragma once
#include <string>

namespace redit {

class ProjectStore;

// Stage params name files relative to the project file's folder (the same for the CLI and the GUI, whatever
// their working directory); absolute paths are kept.
std::string resolveProjectPath(const ProjectStore& store, const std::string& path);

// A folder a run writes (its param `field`): as resolveProjectPath, but a relative path must stay inside the
// project's folder, so that a run config stored in a project someone shares cannot write beside it
// ("../x"); ConfigError otherwise. An absolute path is the user's explicit choice and is kept.
std::string resolveProjectOutput(const ProjectStore& store, const std::string& path, const std::string& field);

}  // namespace redit
