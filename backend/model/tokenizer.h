#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

// A Hugging Face tokenizer.json tokenizer: byte-level BPE (Qwen2/Qwen2.5, Llama 3, GPT-2) or WordLevel.
// Encoding runs added-token splitting, normalizer, pre-tokenizer, model and (on request) post-processor,
// as the Hugging Face `tokenizers` library does. Copies share one immutable tokenizer; const methods are
// thread-safe.
class Tokenizer {
public:
    // Throws FileError naming the file and the problem for anything malformed or unsupported.
    static Tokenizer fromFile(const std::string& tokenizerJsonPath);
    static Tokenizer fromJson(const nlohmann::json& json, const std::string& sourceName);

    // text must be valid UTF-8 (otherwise redit::Error). addSpecialTokens applies the post-processor
    // (e.g. Llama 3 prepends <|begin_of_text|>).
    std::vector<int32_t> encode(const std::string& text, bool addSpecialTokens = false) const;
    // Ids outside the vocabulary are skipped; the result is always valid UTF-8 (U+FFFD for partial characters).
    std::string decode(const std::vector<int32_t>& ids, bool skipSpecialTokens = false) const;

    std::optional<int32_t> tokenToId(const std::string& token) const;
    std::string idToToken(int32_t id) const;  // "" when out of range
    int32_t vocabSize() const;                // model vocab + added tokens (max id + 1)
    std::string kind() const;                 // e.g. "byte-level BPE (151387 merges)", "WordLevel"
    bool isSpecial(int32_t id) const;         // an added token marked special

private:
    struct Impl;
    explicit Tokenizer(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> impl_;
};

}  // namespace redit
