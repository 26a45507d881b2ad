#pragma once
#include <optional>
#include <vector>

#include "model/tokenizer_model.h"
#include "util/json_file.h"

namespace redit::tok {

// Unigram (SentencePiece's unigram language model; T5, ALBERT, XLNet, mT5): the segmentation of a pre-token
// into vocabulary pieces with the highest total log-probability (Viterbi over the pieces that start at each
// character), docs/model.md "Tokenizer". A character no piece covers is the unk piece, scored 10 below the
// lowest score; consecutive unknowns are fused into one; with byte_fallback an unknown stretch is written as
// its <0xAB> byte tokens when the vocabulary has them all.
class UnigramModel : public TokenModel {
public:
    UnigramModel(const JsonFields& model, const std::string& file);
    void encode(const std::string& piece, std::vector<int32_t>& ids) const override;
    const Vocab& vocab() const override { return vocab_; }
    std::string kind() const override { return "Unigram"; }

private:
    std::string file_;
    Vocab vocab_;
    std::vector<double> scores_;  // by id
    std::optional<int32_t> unkId_;
    bool byteFallback_ = false;
    double unkScore_ = 0;
    std::size_t longestPiece_ = 0;  // in bytes
};

}  // namespace redit::tok
