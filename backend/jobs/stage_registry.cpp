#include "jobs/stage_registry.h"

#include <algorithm>

#include "util/error.h"

namespace redit {

void StageRegistry::add(StageInfo stage) {
    if (stage.kind.empty()) throw ConfigError("a stage needs a kind");
    if (!stage.create) throw ConfigError("stage '" + stage.kind + "' has no factory");
    std::string kind = stage.kind;
    stages_.insert_or_assign(kind, std::move(stage));
}

bool StageRegistry::has(const std::string& kind) const { return stages_.count(kind) != 0; }

const StageInfo& StageRegistry::get(const std::string& kind) const {
    auto it = stages_.find(kind);
    if (it != stages_.end()) return it->second;
    const auto& planned = plannedStageKinds();
    if (std::find(planned.begin(), planned.end(), kind) != planned.end())
        throw ConfigError("stage kind '" + kind + "' has no implementation in this build yet");
    std::string known;
    for (const auto& k : planned) known += (known.empty() ? "" : ", ") + k;
    for (const auto& [k, stage] : stages_)
        if (std::find(planned.begin(), planned.end(), k) == planned.end()) known += ", " + k;
    throw ConfigError("unknown stage kind '" + kind + "' (known kinds: " + known + ")");
}

std::vector<std::string> StageRegistry::kinds() const {
    std::vector<std::string> list;
    for (const auto& [kind, stage] : stages_) list.push_back(kind);
    return list;
}

void StageRegistry::addLibraryVersion(const std::string& library, const std::string& version) {
    libraryVersions_[library] = version;
}

StageRegistry& globalStageRegistry() {
    static StageRegistry registry;
    return registry;
}

}  // namespace redit
