#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/tokenizer_vocab.h"

namespace redit::tok {

// The `model` of tokenizer.json: turns one pre-token into ids. Implementations are thread-safe.
class TokenModel {
public:
    virtual ~TokenModel() = default;
    // Appends the ids of one non-empty pre-token. Throws redit::Error for a character the model cannot
    // encode (not in the vocabulary, and no unk_token or byte fallback).
    virtual void encode(const std::string& piece, std::vector<int32_t>& ids) const = 0;
    virtual const Vocab& vocab() const = 0;
    virtual std::string kind() const = 0;  // e.g. "BPE (151387 merges)", "WordLevel"
};

// Reads `model` (type BPE, WordLevel, WordPiece or Unigram). Throws FileError naming the file, the field and the problem.
std::unique_ptr<TokenModel> parseTokenModel(const nlohmann::json& model, const std::string& file);

}  // namespace redit::tok
