#include "stages/project_paths.h"

#include <filesystem>

#include "store/project_store.h"

namespace redit {

std::string resolveProjectPath(const ProjectStore& store, const std::string& path) {
    std::filesystem::path p(path);
    if (p.is_absolute()) return p.lexically_normal().string();
    std::filesystem::path folder = std::filesystem::absolute(store.path()).parent_path();
    return (folder / p).lexically_normal().string();
}

}  // namespace redit
