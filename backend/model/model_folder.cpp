#include "model/model_folder.h"

#include <filesystem>

#include "model/tensor_io.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit {

namespace fs = std::filesystem;

ModelConfig readFolderConfig(const std::string& folder) {
    if (!fs::is_directory(folder)) throw FileError(folder, "not a model folder (no such directory)");
    return loadModelConfig((fs::path(folder) / "config.json").string());
}

namespace {

class WeightReader {
public:
    WeightReader(const std::string& folder, const LoadOptions& options)
        : archive_(safetensors::Archive::openDirectory(folder)), options_(options) {}

    at::Tensor read(const std::string& name, std::vector<int64_t> shape) const {
        safetensors::TensorView view = archive_.get(name);
        if (view.info->shape != shape) {
            std::string expected, found;
            for (auto d : shape) expected += (expected.empty() ? "" : ", ") + std::to_string(d);
            for (auto d : view.info->shape) found += (found.empty() ? "" : ", ") + std::to_string(d);
            throw FileError(view.file->path(), "tensor '" + name + "' has shape [" + found +
                                                   "] but the config implies [" + expected + "]");
        }
        return loadTensor(view, options_.dtype).to(options_.device);
    }
    bool contains(const std::string& name) const { return archive_.contains(name); }

private:
    safetensors::Archive archive_;
    LoadOptions options_;
};

Linear readLinear(const WeightReader& r, const std::string& name, int64_t out, int64_t in, bool bias) {
    Linear l;
    l.weight = r.read(name + ".weight", {out, in});
    if (bias) l.bias = r.read(name + ".bias", {out});
    return l;
}

}  // namespace

DecoderModel loadDecoder(const std::string& folder, const ModelConfig& c, const LoadOptions& options) {
    WeightReader r(folder, options);
    const int64_t d = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKeyValueHeads * c.headDim;
    DecoderWeights w;
    w.embedding = r.read("model.embed_tokens.weight", {c.vocabSize, d});
    for (int64_t i = 0; i < c.numLayers; ++i) {
        const std::string p = "model.layers." + std::to_string(i) + ".";
        DecoderLayerWeights L;
        L.inputNorm = r.read(p + "input_layernorm.weight", {d});
        L.q = readLinear(r, p + "self_attn.q_proj", q, d, c.attentionBias);
        L.k = readLinear(r, p + "self_attn.k_proj", kv, d, c.attentionBias);
        L.v = readLinear(r, p + "self_attn.v_proj", kv, d, c.attentionBias);
        // Llama's attention_bias also puts a bias on o_proj; Qwen2 never has one.
        L.o = readLinear(r, p + "self_attn.o_proj", d, q, c.modelType == "llama" && c.attentionBias);
        L.postAttentionNorm = r.read(p + "post_attention_layernorm.weight", {d});
        L.gate = readLinear(r, p + "mlp.gate_proj", c.intermediateSize, d, c.mlpBias);
        L.up = readLinear(r, p + "mlp.up_proj", c.intermediateSize, d, c.mlpBias);
        L.down = readLinear(r, p + "mlp.down_proj", d, c.intermediateSize, c.mlpBias);
        w.layers.push_back(std::move(L));
    }
    w.finalNorm = r.read("model.norm.weight", {d});
    // Some tied checkpoints still store lm_head.weight; the tie wins, as in transformers.
    w.lmHead = c.tieWordEmbeddings ? w.embedding : r.read("lm_head.weight", {c.vocabSize, d});
    return DecoderModel(c, std::move(w));
}

LoadedModel loadModelFolder(const std::string& folder, const LoadOptions& options) {
    ModelConfig config = readFolderConfig(folder);
    Tokenizer tokenizer = Tokenizer::fromFile((fs::path(folder) / "tokenizer.json").string());
    auto model = std::make_shared<DecoderModel>(loadDecoder(folder, config, options));
    return {folder, std::move(model), std::move(tokenizer)};
}

void saveModelFolder(const std::string& folder, const DecoderModel& model,
                     const std::optional<nlohmann::json>& tokenizerJson) {
    fs::create_directories(folder);
    ModelConfig config = model.config();
    config.torchDtype = model.dtype() == at::kBFloat16 ? "bfloat16" : model.dtype() == at::kHalf ? "float16" : "float32";
    writeJsonFile((fs::path(folder) / "config.json").string(), config.toJson());
    saveTensors((fs::path(folder) / "model.safetensors").string(), model.weights().named(config.tieWordEmbeddings),
                {{"format", "pt"}});
    if (tokenizerJson) writeJsonFile((fs::path(folder) / "tokenizer.json").string(), *tokenizerJson);
}

}  // namespace redit
