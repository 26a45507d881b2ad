#pragma once
// A model in Hugging Face layout: config.json, model.safetensors (or shards with
// model.safetensors.index.json) and tokenizer.json.
#include <ATen/ATen.h>
#include <memory>
#include <optional>
#include <string>

#include "model/decoder.h"
#include "model/model_config.h"
#include "model/tokenizer.h"

namespace redit {

struct LoadOptions {
    at::ScalarType dtype = at::kFloat;
    at::Device device = at::kCPU;
};

struct LoadedModel {
    std::string folder;
    std::shared_ptr<DecoderModel> model;
    Tokenizer tokenizer;
};

ModelConfig readFolderConfig(const std::string& folder);

// Reads the weights, checking that every tensor the config implies is present with the right shape
// (FileError naming the checkpoint file and the tensor otherwise).
DecoderModel loadDecoder(const std::string& folder, const ModelConfig& config, const LoadOptions& options = {});

// Config, weights and tokenizer.
LoadedModel loadModelFolder(const std::string& folder, const LoadOptions& options = {});

// Writes config.json and model.safetensors (in the model's dtype), plus tokenizer.json when given.
void saveModelFolder(const std::string& folder, const DecoderModel& model,
                     const std::optional<nlohmann::json>& tokenizerJson = std::nullopt);

}  // namespace redit
