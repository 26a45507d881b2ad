#pragma once
#include "model/tokenizer_model.h"
#include "util/json_file.h"

namespace redit::tok {

// WordLevel: each pre-token is one vocabulary entry, or unk_token.
class WordLevelModel : public TokenModel {
public:
    WordLevelModel(const JsonFields& model, const std::string& file);
    void encode(const std::string& piece, std::vector<int32_t>& ids) const override;
    const Vocab& vocab() const override { return vocab_; }
    std::string kind() const override { return "WordLevel"; }

private:
    std::string file_;
    Vocab vocab_;
    std::string unkToken_;
    std::optional<int32_t> unkId_;
};

}  // namespace redit::tok
