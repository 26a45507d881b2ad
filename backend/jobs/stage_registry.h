#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "jobs/config_schema.h"
#include "jobs/job.h"

namespace redit {

// The stage kinds of the REdit pipeline. Each gets an implementation by one StageRegistry::add call.
inline const std::vector<std::string>& plannedStageKinds() {
    static const std::vector<std::string> kinds = {"train-tiny", "eval",    "circuits", "distances",
                                                   "interference", "reshape", "edit",     "evaluate"};
    return kinds;
}

struct StageInfo {
    std::string kind;
    std::string description;
    ConfigSchema schema;                          // the run config's "params", with their defaults
    std::function<std::unique_ptr<Job>()> create;
};

// Stage kind -> factory, config schema and defaults.
class StageRegistry {
public:
    // Registers (or replaces) the implementation of a kind.
    void add(StageInfo stage);

    bool has(const std::string& kind) const;
    // The stage of `kind`; ConfigError that says whether the kind is planned but not implemented yet or
    // unknown (listing the known kinds).
    const StageInfo& get(const std::string& kind) const;
    std::vector<std::string> kinds() const;

    // Libraries the registered stages compute with (e.g. "torch" -> "2.3.0"), recorded in every run this
    // registry submits, so a result names what produced it. The job layer itself links none of them.
    void addLibraryVersion(const std::string& library, const std::string& version);
    const nlohmann::json& libraryVersions() const { return libraryVersions_; }

private:
    std::map<std::string, StageInfo> stages_;
    nlohmann::json libraryVersions_ = nlohmann::json::object();
};

// The registry the CLI and the GUI use; stages register into it at start-up.
StageRegistry& globalStageRegistry();

}  // namespace redit
