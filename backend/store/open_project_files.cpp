#include "store/open_project_files.h"

#include <sys/stat.h>

#include <map>
#include <mutex>
#include <utility>

namespace redit::store {
namespace {

using FileId = std::pair<dev_t, ino_t>;

std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}

std::map<FileId, int>& openCounts() {
    static std::map<FileId, int> counts;
    return counts;
}

bool fileId(const std::string& path, FileId& id) {
    struct stat s {};
    if (::stat(path.c_str(), &s) != 0) return false;
    id = {s.st_dev, s.st_ino};
    return true;
}

}  // namespace

std::shared_ptr<void> registerOpenProjectFile(const std::string& path) {
    FileId id;
    if (!fileId(path, id)) return nullptr;
    {
        std::lock_guard<std::mutex> lock(registryMutex());
        ++openCounts()[id];
    }
    return std::shared_ptr<void>(nullptr, [id](void*) {
        std::lock_guard<std::mutex> lock(registryMutex());
        auto it = openCounts().find(id);
        if (it != openCounts().end() && --it->second == 0) openCounts().erase(it);
    });
}

bool isProjectFileOpenHere(const std::string& path) {
    FileId id;
    if (!fileId(path, id)) return false;
    std::lock_guard<std::mutex> lock(registryMutex());
    return openCounts().count(id) != 0;
}

}  // namespace redit::store
