#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace redit::tok {

// What a GGUF tokenizer.ggml.pre value means for a byte-level BPE tokenizer, following llama.cpp's table of
// pre-tokenizer types, expressed as tokenizer.json components (docs/model.md, "Tokenizer from GGUF metadata").
struct GgufPreTokenizer {
    nlohmann::json preTokenizer;  // the tokenizer.json "pre_tokenizer", always ending in ByteLevel
    bool ignoreMerges = false;    // a pre-token that is a vocabulary entry stays whole (Llama 3)
    bool addBosByDefault = false; // when tokenizer.ggml.add_bos_token is absent
};

// nullopt for a value llama.cpp does not know or this mapping does not cover. "" is llama.cpp's "default".
std::optional<GgufPreTokenizer> ggufPreTokenizer(const std::string& pre);

// The supported values, comma-separated, for error messages.
std::string supportedGgufPreTokenizers();

}  // namespace redit::tok
