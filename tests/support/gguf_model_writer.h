#pragma once
// Writes a DecoderModel as a llama.cpp-style GGUF file for tests (docs/model.md, "GGUF"): llama.cpp's tensor
// names, dims innermost first, q/k rows permuted as convert_hf_to_gguf.py does for llama, and the metadata
// keys its converter writes. Matrices in F32 or F16 (1-D tensors always F32, as llama.cpp stores them).
#include <ATen/ATen.h>
#include <string>

#include "gguf_writer.h"
#include "model/decoder.h"
#include "model/gguf_model.h"

namespace redit::testing {

// llama.cpp's permute(weights, n_head, n_head_kv) for the q (heads) and k (kv heads) projections.
inline at::Tensor llamaCppPermute(const at::Tensor& w, int64_t heads) {
    const int64_t rows = w.size(0), cols = w.dim() == 2 ? w.size(1) : 1;
    return w.reshape({heads, 2, rows / heads / 2, cols}).transpose(1, 2).reshape(w.sizes()).contiguous();
}

inline std::string tensorBytes(const at::Tensor& t) {
    const at::Tensor c = t.contiguous();
    return std::string(static_cast<const char*>(c.data_ptr()), std::size_t(c.numel()) * c.element_size());
}

inline void addTinyTokenizer(GgufBuilder& b, int64_t vocab) {
    std::vector<std::string> tokens;
    for (int64_t i = 0; i + 1 < vocab; ++i) tokens.push_back(i < 26 ? std::string(1, char('a' + i)) : "t" + std::to_string(i));
    tokens.push_back("ab");  // the one merge's result
    b.addString("tokenizer.ggml.model", "gpt2");
    b.addString("tokenizer.ggml.pre", "gpt-2");
    b.addStringArray("tokenizer.ggml.tokens", tokens);
    b.addI32Array("tokenizer.ggml.token_type", std::vector<int32_t>(std::size_t(vocab), 1));
    b.addStringArray("tokenizer.ggml.merges", {"a b"});
    b.addU32("tokenizer.ggml.bos_token_id", 0);
    b.addU32("tokenizer.ggml.eos_token_id", 1);
}

inline GgufBuilder ggufBuilderFor(const DecoderModel& model, bool f16Matrices, bool permuteLlama = true) {
    const ModelConfig& c = model.config();
    const std::string a = c.modelType + ".";
    GgufBuilder b;
    b.addString("general.architecture", c.modelType);
    b.addU32(a + "block_count", uint32_t(c.numLayers));
    b.addU32(a + "context_length", uint32_t(c.maxPositions));
    b.addU32(a + "embedding_length", uint32_t(c.hiddenSize));
    b.addU32(a + "feed_forward_length", uint32_t(c.intermediateSize));
    b.addU32(a + "attention.head_count", uint32_t(c.numHeads));
    b.addU32(a + "attention.head_count_kv", uint32_t(c.numKeyValueHeads));
    b.addF32(a + "rope.freq_base", float(c.ropeTheta));
    b.addF32(a + "attention.layer_norm_rms_epsilon", float(c.rmsNormEps));
    b.addU32("general.file_type", f16Matrices ? 1 : 0);
    addTinyTokenizer(b, c.vocabSize);
    for (const auto& [name, tensor] : model.weights().named(c.tieWordEmbeddings)) {
        at::Tensor t = tensor.detach().to(at::kFloat).contiguous();
        if (permuteLlama && c.modelType == "llama") {
            if (name.find("self_attn.q_proj") != std::string::npos) t = llamaCppPermute(t, c.numHeads);
            if (name.find("self_attn.k_proj") != std::string::npos) t = llamaCppPermute(t, c.numKeyValueHeads);
        }
        std::vector<uint64_t> dims(t.sizes().rbegin(), t.sizes().rend());
        const bool half = f16Matrices && t.dim() == 2;
        b.addTensor(*gguf::ggufTensorName(name), half ? kGgmlF16 : kGgmlF32, dims,
                    tensorBytes(half ? t.to(at::kHalf) : t));
    }
    return b;
}

}  // namespace redit::testing
