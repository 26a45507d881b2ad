#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

class ProjectStore;

// The inputs of runs: model checkpoints and datasets, identified by their content hash.
struct ModelRecord {
    std::int64_t id = 0;
    std::string name;
    std::string path;
    nlohmann::json config;      // the model's config.json
    std::string contentHash;    // hash of the weight files, computed by the caller
};

struct DatasetRecord {
    std::int64_t id = 0;
    std::string name;
    nlohmann::json spec;        // how the dataset was built (source files, filters, seed)
    std::string contentHash;
};

// Adding the same path (spec) with the same hash again returns the existing id.
std::int64_t addModel(ProjectStore& store, const ModelRecord& model);
std::vector<ModelRecord> listModels(const ProjectStore& store);

std::int64_t addDataset(ProjectStore& store, const DatasetRecord& dataset);
std::vector<DatasetRecord> listDatasets(const ProjectStore& store);

}  // namespace redit
