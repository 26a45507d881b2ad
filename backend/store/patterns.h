#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

class ProjectStore;

// Reasoning patterns of a dataset, their instances, and named train/validation/test splits of instances.
struct InstanceRecord {
    std::int64_t id = 0;
    std::string key;       // stable identifier inside the pattern (e.g. the source record id)
    nlohmann::json data;   // prompt, answer, ...
};

struct PatternRecord {
    std::int64_t id = 0;
    std::int64_t datasetId = 0;
    std::string name;
    std::string description;
};

enum class SplitPart { Train, Validation, Test };

std::int64_t addPattern(ProjectStore& store, std::int64_t datasetId, const std::string& name,
                        const std::string& description = {});
std::vector<PatternRecord> listPatterns(const ProjectStore& store);  // every dataset's, by dataset and name

// Adds the instances in one transaction and returns their ids in order.
std::vector<std::int64_t> addInstances(ProjectStore& store, std::int64_t patternId,
                                       const std::vector<InstanceRecord>& instances);
std::vector<InstanceRecord> listInstances(const ProjectStore& store, std::int64_t patternId);

// Assigns instances to the parts of a named split, in one transaction (reassigning replaces).
void assignSplit(ProjectStore& store, const std::string& splitName,
                 const std::vector<std::pair<std::int64_t, SplitPart>>& assignment);
std::vector<std::int64_t> splitInstances(const ProjectStore& store, const std::string& splitName, SplitPart part);

}  // namespace redit
