#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace redit {

// Rotary position embedding scaling, as Hugging Face configs describe it in `rope_scaling`.
struct RopeScaling {
    enum class Kind { None, Linear, Llama3 };
    Kind kind = Kind::None;
    double factor = 1.0;
    double lowFreqFactor = 1.0;       // llama3 only
    double highFreqFactor = 4.0;      // llama3 only
    int64_t originalMaxPositions = 8192;  // llama3 only
};

// The architecture of a decoder-only model (Qwen2 or Llama family), read from a Hugging Face config.json.
struct ModelConfig {
    std::string modelType;   // "qwen2" or "llama"
    int64_t vocabSize = 0;
    int64_t hiddenSize = 0;
    int64_t intermediateSize = 0;
    int64_t numLayers = 0;
    int64_t numHeads = 0;
    int64_t numKeyValueHeads = 0;
    int64_t headDim = 0;
    int64_t maxPositions = 0;
    double rmsNormEps = 1e-6;
    double ropeTheta = 10000.0;
    RopeScaling ropeScaling;
    bool attentionBias = false;   // bias on q/k/v projections (Qwen2: true)
    bool mlpBias = false;
    bool tieWordEmbeddings = false;
    std::string torchDtype = "float32";  // dtype the checkpoint was saved in
    std::optional<int64_t> bosTokenId;
    std::optional<int64_t> eosTokenId;

    int64_t groupSize() const { return numHeads / numKeyValueHeads; }
    int64_t parameterCount() const;  // including the LM head when it is not tied

    nlohmann::json toJson() const;  // Hugging Face layout
};

// Parses config.json. Throws FileError naming the file and the field for anything missing, malformed,
// inconsistent (e.g. heads not dividing the hidden size) or unsupported (model_type other than qwen2/llama).
ModelConfig parseModelConfig(const nlohmann::json& json, const std::string& sourcePath);
ModelConfig loadModelConfig(const std::string& configJsonPath);

}  // namespace redit
