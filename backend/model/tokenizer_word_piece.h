#pragma once
#include "model/tokenizer_model.h"
#include "util/json_file.h"

namespace redit::tok {

// WordPiece (BERT): greedy longest-match-first from the start of the pre-token, pieces after the first carry
// `continuing_subword_prefix`; a pre-token with a part no piece matches, or longer than
// `max_input_chars_per_word` characters, becomes the unk_token as a whole (tokenizers' models/wordpiece).
class WordPieceModel : public TokenModel {
public:
    WordPieceModel(const JsonFields& model, const std::string& file);
    void encode(const std::string& piece, std::vector<int32_t>& ids) const override;
    const Vocab& vocab() const override { return vocab_; }
    std::string kind() const override { return "WordPiece"; }

private:
    int32_t unkId() const;  // Error when the unk_token is not in the vocabulary

    std::string file_;
    Vocab vocab_;
    std::string unkToken_;
    std::string prefix_;
    std::size_t maxChars_;
};

}  // namespace redit::tok
