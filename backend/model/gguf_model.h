#pragma once
// What a GGUF file says about the model (docs/model.md, "GGUF"): its architecture as a ModelConfig, the
// Hugging Face names of its tensors, and its tokenizer metadata. Torch-free.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/gguf_file.h"
#include "model/gguf_tokenizer.h"
#include "model/model_config.h"

namespace redit::gguf {

// The Hugging Face config.json the metadata implies (general.architecture "llama" or "qwen2";
// <arch>.block_count, .embedding_length, ...). FileError naming the file and the key when one is missing,
// of the wrong type, or describes something we cannot run.
nlohmann::json huggingFaceConfigJson(const File& file);
// The same, parsed and validated as config.json is.
ModelConfig modelConfig(const File& file);

// "model.layers.3.self_attn.q_proj.weight" -> "blk.3.attn_q.weight"; nullopt for a name with no GGUF
// counterpart.
std::optional<std::string> ggufTensorName(const std::string& huggingFaceName);
// The inverse: "blk.3.attn_q.weight" -> "model.layers.3.self_attn.q_proj.weight".
std::optional<std::string> huggingFaceTensorName(const std::string& ggufName);

// The tokenizer.ggml.* keys (and tokenizer.chat_template); FileError when one has the wrong type.
GgufTokenizerMetadata tokenizerMetadata(const File& file);

// For `redit model info`: "Q4_1 x210, F32 x61, Q8_0 x1" (most frequent first), and llama.cpp's name of
// general.file_type ("MOSTLY_Q4_1"), or "" when the key is absent.
std::string tensorTypeSummary(const File& file);
std::string fileTypeName(const File& file);

}  // namespace redit::gguf
