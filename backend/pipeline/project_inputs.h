#pragma once
// The model folder and dataset a pipeline run reads, registered in the project for provenance.
#include <cstdint>
#include <string>
#include <vector>

#include "data/pattern.h"

namespace redit {
class ProjectStore;
}

namespace redit::pipeline {

// FNV-1a (64 bit, hex) of the model's config.json, tokenizer.json and every *.safetensors file, in name order.
std::string modelContentHash(const std::string& folder);
// FNV-1a of the patterns' ids and instance texts.
std::string datasetContentHash(const std::vector<data::Pattern>& patterns);

struct RegisteredInputs {
    int64_t modelId = 0;
    int64_t datasetId = 0;
};

// Adds (or finds) the model folder and the dataset spec in the project.
RegisteredInputs registerInputs(ProjectStore& store, const std::string& modelFolder, const std::string& dataSpec,
                                const std::vector<data::Pattern>& patterns);

}  // namespace redit::pipeline
