#pragma once
// The model folder and dataset a run reads, registered in the project for provenance: the one content hash
// of a model folder (every writer of the models table uses modelContentHash) and of a dataset.
#include <cstdint>
#include <string>
#include <vector>

#include "data/pattern.h"

namespace redit {
class ProjectStore;
}

namespace redit::results {

// FNV-1a (64 bit, hex) of the model's config.json, tokenizer.json and every *.safetensors file, in name order.
std::string modelContentHash(const std::string& folder);
// FNV-1a of the patterns' ids and instance texts.
std::string datasetContentHash(const std::vector<data::Pattern>& patterns);

struct RegisteredInputs {
    int64_t modelId = 0;
    int64_t datasetId = 0;
};

// Adds (or finds, by absolute path and content hash) the model folder in the project.
int64_t registerModel(ProjectStore& store, const std::string& modelFolder);
// Adds (or finds, by spec and content hash) the dataset in the project.
int64_t registerDataset(ProjectStore& store, const std::string& dataSpec, const std::vector<data::Pattern>& patterns);
// Adds (or finds) the model folder and the dataset spec in the project.
RegisteredInputs registerInputs(ProjectStore& store, const std::string& modelFolder, const std::string& dataSpec,
                                const std::vector<data::Pattern>& patterns);

}  // namespace redit::results
