#pragma once
// Loading models: a folder in Hugging Face layout (config.json, model.safetensors or shards with
// model.safetensors.index.json, tokenizer.json) or a single llama.cpp .gguf file (docs/model.md, "GGUF").
#include <ATen/ATen.h>
#include <memory>
#include <optional>
#include <string>

#include "model/decoder.h"
#include "model/model_config.h"
#include "model/tokenizer.h"
#include "model/weight_source.h"

namespace redit {

struct LoadOptions {
    at::ScalarType dtype = at::kFloat;
    at::Device device = at::kCPU;
};

struct LoadedModel {
    std::string folder;  // the model folder or .gguf file it was loaded from
    std::shared_ptr<DecoderModel> model;
    Tokenizer tokenizer;
};

ModelConfig readFolderConfig(const std::string& folder);

// Reads the weights, checking that every tensor the config implies is present with the right shape
// (FileError naming the checkpoint file and the tensor otherwise).
DecoderModel loadDecoder(const std::string& folder, const ModelConfig& config, const LoadOptions& options = {});
DecoderModel loadDecoder(const WeightSource& weights, const ModelConfig& config, const LoadOptions& options = {});

// Config, weights and tokenizer.
LoadedModel loadModelFolder(const std::string& folder, const LoadOptions& options = {});

// The one entry point: a model folder or a .gguf file (weights dequantised to options.dtype, tokenizer
// built from the GGUF metadata). FileError naming the path when it is neither.
LoadedModel loadModel(const std::string& path, const LoadOptions& options = {});
bool isGgufPath(const std::string& path);  // a regular file ending in .gguf
// Config and tokenizer of either kind of model, without reading the weights.
ModelConfig readModelConfig(const std::string& path);
Tokenizer loadModelTokenizer(const std::string& path);
// The tokenizer.json of either kind of model (built from the metadata of a .gguf file), to save a derived
// model (a reshaped one) as a folder that loads on its own.
nlohmann::json modelTokenizerJson(const std::string& path);

// Writes config.json and model.safetensors (in the model's dtype), plus tokenizer.json when given.
void saveModelFolder(const std::string& folder, const DecoderModel& model,
                     const std::optional<nlohmann::json>& tokenizerJson = std::nullopt);

// Writes a .gguf model as a Hugging Face folder (config.json, model.safetensors in `dtype`, tokenizer.json)
// that loadModelFolder reads back.
void convertGgufToFolder(const std::string& ggufPath, const std::string& folder, at::ScalarType dtype = at::kFloat);

}  // namespace redit
