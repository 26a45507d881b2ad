#include "model/gguf_model.h"

#include <algorithm>
#include <map>
#include <regex>
#include <utility>
#include <vector>

#include "util/error.h"

namespace redit::gguf {

namespace {

// Per-layer tensors: GGUF suffix after "blk.N." and the Hugging Face one after "model.layers.N." (the names
// llama.cpp's convert_hf_to_gguf.py maps, gguf-py tensor_mapping.py).
const std::vector<std::pair<std::string, std::string>> kLayerNames = {
    {"attn_q", "self_attn.q_proj"},   {"attn_k", "self_attn.k_proj"},   {"attn_v", "self_attn.v_proj"},
    {"attn_output", "self_attn.o_proj"}, {"ffn_gate", "mlp.gate_proj"}, {"ffn_up", "mlp.up_proj"},
    {"ffn_down", "mlp.down_proj"},    {"attn_norm", "input_layernorm"}, {"ffn_norm", "post_attention_layernorm"},
};
const std::vector<std::pair<std::string, std::string>> kGlobalNames = {
    {"token_embd", "model.embed_tokens"}, {"output_norm", "model.norm"}, {"output", "lm_head"}};

// "weight" or "bias" suffix split off a name.
std::optional<std::pair<std::string, std::string>> splitParameter(const std::string& name) {
    for (const char* suffix : {".weight", ".bias"}) {
        const std::string s = suffix;
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0)
            return std::make_pair(name.substr(0, name.size() - s.size()), s);
    }
    return std::nullopt;
}

std::optional<std::string> mapName(const std::string& name, bool toGguf) {
    const auto split = splitParameter(name);
    if (!split) return std::nullopt;
    const auto& [module, suffix] = *split;
    for (const auto& [g, h] : kGlobalNames)
        if (module == (toGguf ? h : g)) return (toGguf ? g : h) + suffix;
    static const std::regex hfLayer(R"(model\.layers\.(\d+)\.(.+))"), ggufLayer(R"(blk\.(\d+)\.(.+))");
    std::smatch m;
    if (!std::regex_match(module, m, toGguf ? hfLayer : ggufLayer)) return std::nullopt;
    for (const auto& [g, h] : kLayerNames)
        if (m[2] == (toGguf ? h : g))
            return (toGguf ? "blk." + m[1].str() + "." + g : "model.layers." + m[1].str() + "." + h) + suffix;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> ggufTensorName(const std::string& name) { return mapName(name, true); }
std::optional<std::string> huggingFaceTensorName(const std::string& name) { return mapName(name, false); }

nlohmann::json huggingFaceConfigJson(const File& f) {
    const std::string arch = f.getString("general.architecture");
    if (arch != "llama" && arch != "qwen2")
        throw FileError(f.path(), "general.architecture '" + arch + "' is not supported (supported: llama, qwen2)");
    const std::string p = arch + ".";
    nlohmann::json j;
    j["model_type"] = arch;
    j["num_hidden_layers"] = f.getInt(p + "block_count");
    j["hidden_size"] = f.getInt(p + "embedding_length");
    j["intermediate_size"] = f.getInt(p + "feed_forward_length");
    const int64_t heads = f.getInt(p + "attention.head_count");
    j["num_attention_heads"] = heads;
    j["num_key_value_heads"] = f.optionalInt(p + "attention.head_count_kv").value_or(heads);
    if (auto keyLength = f.optionalInt(p + "attention.key_length")) j["head_dim"] = *keyLength;
    if (auto context = f.optionalInt(p + "context_length")) j["max_position_embeddings"] = *context;
    j["rms_norm_eps"] = f.getNumber(p + "attention.layer_norm_rms_epsilon");
    j["rope_theta"] = f.optionalNumber(p + "rope.freq_base").value_or(10000.0);

    // Vocabulary: the explicit key, else the token list, else the embedding's rows.
    if (auto vocab = f.optionalInt(p + "vocab_size")) j["vocab_size"] = *vocab;
    else if (f.has("tokenizer.ggml.tokens")) j["vocab_size"] = f.getArray("tokenizer.ggml.tokens").size();
    else {
        const TensorInfo& embedding = f.tensor("token_embd.weight");
        if (embedding.dims.size() != 2)
            throw FileError(f.path(), "tensor 'token_embd.weight' is " + std::to_string(embedding.dims.size()) +
                                          "-dimensional, expected 2 dimensions (hidden size, vocabulary size)");
        j["vocab_size"] = embedding.dims[1];
    }

    // llama.cpp writes linear scaling as rope.scaling.type/factor; llama3-style scaling is baked into a
    // rope_freqs tensor, which our decoder does not take.
    const std::string scaling = f.optionalString(p + "rope.scaling.type").value_or("none");
    if (scaling == "linear") {
        j["rope_scaling"] = {{"rope_type", "linear"}, {"factor", f.getNumber(p + "rope.scaling.factor")}};
    } else if (scaling != "none") {
        throw FileError(f.path(), "metadata '" + p + "rope.scaling.type' is '" + scaling +
                                      "', which is not supported (supported: none, linear)");
    }
    if (f.findTensor("rope_freqs.weight"))
        throw FileError(f.path(), "tensor 'rope_freqs.weight' (llama3 rope scaling) is not supported");

    j["tie_word_embeddings"] = f.findTensor("output.weight") == nullptr;
    if (arch == "llama") j["attention_bias"] = f.findTensor("blk.0.attn_q.bias") != nullptr;
    j["mlp_bias"] = f.findTensor("blk.0.ffn_up.bias") != nullptr;
    if (auto bos = f.optionalInt("tokenizer.ggml.bos_token_id")) j["bos_token_id"] = *bos;
    if (auto eos = f.optionalInt("tokenizer.ggml.eos_token_id")) j["eos_token_id"] = *eos;
    j["torch_dtype"] = "float32";
    return j;
}

ModelConfig modelConfig(const File& file) { return parseModelConfig(huggingFaceConfigJson(file), file.path()); }

GgufTokenizerMetadata tokenizerMetadata(const File& f) {
    const std::string p = "tokenizer.ggml.";
    GgufTokenizerMetadata m;
    m.model = f.optionalString(p + "model").value_or("");
    m.pre = f.optionalString(p + "pre").value_or("");
    if (f.has(p + "tokens")) m.tokens = f.getStringArray(p + "tokens");
    if (f.has(p + "token_type"))
        for (int64_t t : f.getIntArray(p + "token_type")) m.tokenTypes.push_back(static_cast<int32_t>(t));
    if (f.has(p + "merges")) m.merges = f.getStringArray(p + "merges");
    if (f.has(p + "scores")) m.scores = f.getF32Array(p + "scores");
    m.bosId = f.optionalInt(p + "bos_token_id");
    m.eosId = f.optionalInt(p + "eos_token_id");
    m.unknownId = f.optionalInt(p + "unknown_token_id");
    m.paddingId = f.optionalInt(p + "padding_token_id");
    m.addBos = f.optionalBool(p + "add_bos_token");
    m.addEos = f.optionalBool(p + "add_eos_token");
    m.addSpacePrefix = f.optionalBool(p + "add_space_prefix");
    m.chatTemplate = f.optionalString("tokenizer.chat_template").value_or("");
    return m;
}

std::string tensorTypeSummary(const File& file) {
    std::map<std::string, int> counts;
    for (const auto& t : file.tensors()) ++counts[tensorTypeName(t.type)];
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string s;
    for (const auto& [name, n] : sorted) s += (s.empty() ? "" : ", ") + name + " x" + std::to_string(n);
    return s;
}

std::string fileTypeName(const File& file) {
    const auto type = file.optionalInt("general.file_type");
    if (!type) return "";
    // llama.cpp's enum llama_ftype (gguf-py LlamaFileType).
    static const std::map<int64_t, std::string> names = {
        {0, "ALL_F32"},      {1, "MOSTLY_F16"},    {2, "MOSTLY_Q4_0"},   {3, "MOSTLY_Q4_1"},   {7, "MOSTLY_Q8_0"},
        {8, "MOSTLY_Q5_0"},  {9, "MOSTLY_Q5_1"},   {10, "MOSTLY_Q2_K"},  {11, "MOSTLY_Q3_K_S"}, {12, "MOSTLY_Q3_K_M"},
        {13, "MOSTLY_Q3_K_L"}, {14, "MOSTLY_Q4_K_S"}, {15, "MOSTLY_Q4_K_M"}, {16, "MOSTLY_Q5_K_S"},
        {17, "MOSTLY_Q5_K_M"}, {18, "MOSTLY_Q6_K"}, {32, "MOSTLY_BF16"}};
    auto it = names.find(*type);
    return it != names.end() ? it->second : "file type " + std::to_string(*type);
}

}  // namespace redit::gguf
