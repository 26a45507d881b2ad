#include "model/model_config.h"

#include "util/json_file.h"

namespace redit {

namespace {

// Bounds on the sizes a config.json may declare: far above any published model, low enough that every size
// computed from them (parameter counts, tensor shapes, memory estimates) fits in 64 bits.
constexpr long long kMaxVocab = 1 << 24;
constexpr long long kMaxHidden = 1 << 17;
constexpr long long kMaxIntermediate = 1 << 20;
constexpr long long kMaxLayers = 1 << 10;
constexpr long long kMaxHeads = 1 << 10;
constexpr long long kMaxHeadDim = 1 << 12;
constexpr long long kMaxPositions = 1 << 27;

[[noreturn]] void failTooLarge(const JsonFields& f, const std::string& key, long long value, long long max) {
    f.fail(key, "(" + std::to_string(value) + ") is larger than " + std::to_string(max) + ", the most this reader accepts");
}

long long boundedPositiveInt(const JsonFields& f, const std::string& key, long long max) {
    const long long v = f.requiredPositiveInt(key);
    if (v > max) failTooLarge(f, key, v, max);
    return v;
}

RopeScaling parseRopeScaling(const nlohmann::json& json, const std::string& path) {
    RopeScaling scaling;
    if (!json.contains("rope_scaling") || json["rope_scaling"].is_null()) return scaling;
    JsonFields f(json["rope_scaling"], path, "rope_scaling");
    std::string type = f.has("rope_type") ? f.requiredString("rope_type") : f.optionalString("type", "default");
    if (type == "default") return scaling;
    scaling.factor = f.requiredNumber("factor");
    if (scaling.factor <= 0) f.fail("factor", "must be positive");
    if (type == "linear") {
        scaling.kind = RopeScaling::Kind::Linear;
    } else if (type == "llama3") {
        scaling.kind = RopeScaling::Kind::Llama3;
        scaling.lowFreqFactor = f.requiredNumber("low_freq_factor");
        scaling.highFreqFactor = f.requiredNumber("high_freq_factor");
        scaling.originalMaxPositions = boundedPositiveInt(f, "original_max_position_embeddings", kMaxPositions);
        if (scaling.highFreqFactor <= scaling.lowFreqFactor)
            f.fail("high_freq_factor", "must be larger than low_freq_factor");
    } else {
        f.fail("rope_type", "'" + type + "' is not supported (supported: default, linear, llama3)");
    }
    return scaling;
}

}  // namespace

// Fields transformers' strict config classes refuse as null (others, like head_dim or num_key_value_heads,
// read null as "not set").
void refuseNulls(const nlohmann::json& json, const JsonFields& f) {
    for (const char* key : {"max_position_embeddings", "rms_norm_eps", "rope_theta", "hidden_act", "tie_word_embeddings"})
        if (json.contains(key) && json[key].is_null()) f.fail(key, "is null");
}

ModelConfig parseModelConfig(const nlohmann::json& json, const std::string& path) {
    JsonFields f(json, path);
    refuseNulls(json, f);
    ModelConfig c;
    c.modelType = f.requiredString("model_type");
    if (c.modelType != "qwen2" && c.modelType != "llama")
        f.fail("model_type", "'" + c.modelType + "' is not supported (supported: qwen2, llama)");

    c.vocabSize = boundedPositiveInt(f, "vocab_size", kMaxVocab);
    c.hiddenSize = boundedPositiveInt(f, "hidden_size", kMaxHidden);
    c.intermediateSize = boundedPositiveInt(f, "intermediate_size", kMaxIntermediate);
    c.numLayers = boundedPositiveInt(f, "num_hidden_layers", kMaxLayers);
    c.numHeads = boundedPositiveInt(f, "num_attention_heads", kMaxHeads);
    // As the config classes: Qwen2Config defaults a missing num_key_value_heads to 32, null means "as many as
    // the attention heads" for both.
    const bool kvMissing = !json.contains("num_key_value_heads");
    c.numKeyValueHeads = f.optionalPositiveInt("num_key_value_heads", kvMissing && c.modelType == "qwen2" ? 32 : c.numHeads);
    if (c.numKeyValueHeads > kMaxHeads) failTooLarge(f, "num_key_value_heads", c.numKeyValueHeads, kMaxHeads);
    if (c.numHeads % c.numKeyValueHeads != 0)
        f.fail("num_key_value_heads", "(" + std::to_string(c.numKeyValueHeads) +
                                          ") must divide num_attention_heads (" + std::to_string(c.numHeads) + ")");
    if (f.has("head_dim")) {
        c.headDim = boundedPositiveInt(f, "head_dim", kMaxHeadDim);
    } else {
        // LlamaConfig requires the heads to divide hidden_size; Qwen2 models use hidden_size // heads regardless.
        if (c.modelType == "llama" && c.hiddenSize % c.numHeads != 0)
            f.fail("num_attention_heads", "(" + std::to_string(c.numHeads) + ") must divide hidden_size (" +
                                              std::to_string(c.hiddenSize) + ")");
        c.headDim = c.hiddenSize / c.numHeads;
    }
    if (c.headDim % 2 != 0) f.fail("head_dim", "must be even for rotary embeddings");
    c.maxPositions = f.optionalPositiveInt("max_position_embeddings", c.modelType == "qwen2" ? 32768 : 2048);
    if (c.maxPositions > kMaxPositions) failTooLarge(f, "max_position_embeddings", c.maxPositions, kMaxPositions);
    if (f.has("rms_norm_eps") && !json["rms_norm_eps"].is_number_float())
        f.fail("rms_norm_eps", "must be a floating-point number (transformers refuses an integer here)");
    c.rmsNormEps = f.optionalNumber("rms_norm_eps", 1e-6);
    if (c.rmsNormEps <= 0) f.fail("rms_norm_eps", "must be positive");
    c.ropeTheta = f.optionalNumber("rope_theta", 10000.0);
    if (c.ropeTheta <= 0) f.fail("rope_theta", "must be positive");
    c.ropeScaling = parseRopeScaling(json, path);

    const std::string act = f.optionalString("hidden_act", "silu");
    if (act != "silu") f.fail("hidden_act", "'" + act + "' is not supported (only silu)");

    // Qwen2 always has q/k/v biases; Llama has them only when attention_bias is set.
    c.attentionBias = c.modelType == "qwen2" ? true : f.optionalBool("attention_bias", false);
    c.mlpBias = f.optionalBool("mlp_bias", false);
    c.tieWordEmbeddings = f.optionalBool("tie_word_embeddings", false);  // Qwen2Config and LlamaConfig default
    c.torchDtype = f.optionalString("torch_dtype", "float32");
    if (c.torchDtype != "float32" && c.torchDtype != "float16" && c.torchDtype != "bfloat16")
        f.fail("torch_dtype", "'" + c.torchDtype + "' is not supported (float32, float16, bfloat16)");
    if (f.has("bos_token_id") && json["bos_token_id"].is_number_integer()) c.bosTokenId = f.requiredInt("bos_token_id");
    if (f.has("eos_token_id") && json["eos_token_id"].is_number_integer()) c.eosTokenId = f.requiredInt("eos_token_id");
    if (f.has("eos_token_id") && json["eos_token_id"].is_array() && !json["eos_token_id"].empty() &&
        json["eos_token_id"][0].is_number_integer())
        c.eosTokenId = json["eos_token_id"][0].get<int64_t>();
    return c;
}

ModelConfig loadModelConfig(const std::string& path) { return parseModelConfig(readJsonFile(path), path); }

int64_t ModelConfig::parameterCount() const {
    const int64_t d = hiddenSize, hd = headDim;
    const int64_t q = numHeads * hd, kv = numKeyValueHeads * hd;
    int64_t attn = d * q + 2 * d * kv + q * d + (attentionBias ? q + 2 * kv : 0);
    int64_t mlp = 3 * d * intermediateSize + (mlpBias ? 2 * intermediateSize + d : 0);
    int64_t perLayer = attn + mlp + 2 * d;  // two RMSNorm weights
    int64_t total = vocabSize * d + numLayers * perLayer + d;
    if (!tieWordEmbeddings) total += vocabSize * d;
    return total;
}

nlohmann::json ModelConfig::toJson() const {
    nlohmann::json j;
    j["architectures"] = {modelType == "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"};
    j["model_type"] = modelType;
    j["vocab_size"] = vocabSize;
    j["hidden_size"] = hiddenSize;
    j["intermediate_size"] = intermediateSize;
    j["num_hidden_layers"] = numLayers;
    j["num_attention_heads"] = numHeads;
    j["num_key_value_heads"] = numKeyValueHeads;
    if (headDim != hiddenSize / numHeads) j["head_dim"] = headDim;
    j["max_position_embeddings"] = maxPositions;
    j["rms_norm_eps"] = rmsNormEps;
    j["rope_theta"] = ropeTheta;
    j["hidden_act"] = "silu";
    if (modelType == "llama") j["attention_bias"] = attentionBias;
    j["mlp_bias"] = mlpBias;
    j["tie_word_embeddings"] = tieWordEmbeddings;
    j["torch_dtype"] = torchDtype;
    if (bosTokenId) j["bos_token_id"] = *bosTokenId;
    if (eosTokenId) j["eos_token_id"] = *eosTokenId;
    switch (ropeScaling.kind) {
        case RopeScaling::Kind::None: j["rope_scaling"] = nullptr; break;
        case RopeScaling::Kind::Linear: j["rope_scaling"] = {{"rope_type", "linear"}, {"factor", ropeScaling.factor}}; break;
        case RopeScaling::Kind::Llama3:
            j["rope_scaling"] = {{"rope_type", "llama3"},
                                 {"factor", ropeScaling.factor},
                                 {"low_freq_factor", ropeScaling.lowFreqFactor},
                                 {"high_freq_factor", ropeScaling.highFreqFactor},
                                 {"original_max_position_embeddings", ropeScaling.originalMaxPositions}};
            break;
    }
    return j;
}

}  // namespace redit
