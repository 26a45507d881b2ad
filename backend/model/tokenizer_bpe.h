#pragma once
#include <shared_mutex>
#include <unordered_map>

#include "model/tokenizer_model.h"
#include "util/json_file.h"

namespace redit::tok {

// BPE: a pre-token starts as one symbol per character; the adjacent pair with the lowest merge rank is
// merged (leftmost first on ties) until no pair has a merge. Results are cached per pre-token.
class BpeModel : public TokenModel {
public:
    BpeModel(const JsonFields& model, const std::string& file);
    void encode(const std::string& piece, std::vector<int32_t>& ids) const override;
    const Vocab& vocab() const override { return vocab_; }
    std::string kind() const override;

private:
    struct Merge {
        int32_t rank;
        int32_t merged;
    };
    static uint64_t pairKey(int32_t left, int32_t right) { return uint64_t(uint32_t(left)) << 32 | uint32_t(right); }

    void parseMerges(const JsonFields& model);
    std::vector<int32_t> characterSymbols(const std::string& piece) const;
    void mergeAll(std::vector<int32_t>& symbols) const;

    std::string file_;
    Vocab vocab_;
    std::unordered_map<uint64_t, Merge> merges_;
    std::size_t mergeCount_ = 0;
    bool ignoreMerges_ = false;  // a pre-token that is itself in the vocabulary stays whole (Llama 3)
    bool byteFallback_ = false;  // unknown characters become <0xAB> byte tokens
    bool fuseUnk_ = false;       // consecutive unknown characters become one unk
    std::string prefix_;  // continuing_subword_prefix, e.g. "##"
    std::string suffix_;  // end_of_word_suffix, e.g. "</w>"
    std::optional<std::string> unkToken_;
    std::optional<int32_t> unkId_;

    mutable std::shared_mutex cacheMutex_;
    mutable std::unordered_map<std::string, std::vector<int32_t>> cache_;
};

}  // namespace redit::tok
