#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

// The tokenizer.ggml.* metadata of a GGUF file (and tokenizer.chat_template), as read from the file.
// Optional fields are absent from the file when unset.
struct GgufTokenizerMetadata {
    std::string model, pre;               // tokenizer.ggml.model ("gpt2", "llama", ...) and .pre ("smollm", ...)
    std::vector<std::string> tokens;      // id -> token text (byte-level form for "gpt2")
    std::vector<int32_t> tokenTypes;      // per token: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte
    std::vector<std::string> merges;      // "left right", by rank
    std::vector<float> scores;            // SentencePiece scores (unused by "gpt2")
    std::optional<int64_t> bosId, eosId, unknownId, paddingId;
    std::optional<bool> addBos, addEos, addSpacePrefix;
    std::string chatTemplate;
};

// A Hugging Face tokenizer.json that encodes as llama.cpp does with this metadata (docs/model.md, "Tokenizer
// from GGUF metadata"). Only "gpt2" (byte-level BPE) is supported; other models, unknown pre-tokenizer types
// and inconsistent metadata (merges naming unknown tokens, ids out of range, a token_type list of the wrong
// length, ...) throw FileError naming sourcePath and the problem. The chat template has no place in
// tokenizer.json and is left out.
nlohmann::json tokenizerJsonFromGguf(const GgufTokenizerMetadata& metadata, const std::string& sourcePath);

}  // namespace redit
