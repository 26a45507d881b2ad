#include "stages/project_paths.h"

#include <filesystem>

#include "store/project_store.h"
#include "util/error.h"

namespace redit {

std::string resolveProjectPath(const ProjectStore& store, const std::string& path) {
    std::filesystem::path p(path);
    if (p.is_absolute()) return p.lexically_normal().string();
    std::filesystem::path folder = std::filesystem::absolute(store.path()).parent_path();
    return (folder / p).lexically_normal().string();
}

std::string resolveProjectOutput(const ProjectStore& store, const std::string& path, const std::string& field) {
    const std::filesystem::path relative = std::filesystem::path(path).lexically_normal();
    if (!relative.is_absolute() && (relative.empty() || relative == "." || *relative.begin() == ".."))
        throw ConfigError("field '" + field + "' ('" + path + "') must name a folder inside the project's folder " +
                          "or be an absolute path");
    return resolveProjectPath(store, path);
}

}  // namespace redit
