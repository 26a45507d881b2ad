#include "model/tokenizer_word_level.h"

#include "util/error.h"

namespace redit::tok {

WordLevelModel::WordLevelModel(const JsonFields& model, const std::string& file)
    : file_(file),
      vocab_(Vocab::parse(model.at("vocab"), file, "model.vocab")),
      unkToken_(model.optionalString("unk_token", "<unk>")),
      unkId_(vocab_.id(unkToken_)) {}

void WordLevelModel::encode(const std::string& piece, std::vector<int32_t>& ids) const {
    if (auto id = vocab_.id(piece)) {
        ids.push_back(*id);
    } else if (unkId_) {
        ids.push_back(*unkId_);
    } else {
        throw Error(file_ + ": the word '" + piece + "' is not in the vocabulary, and neither is the unk_token '" +
                    unkToken_ + "'");
    }
}

}  // namespace redit::tok
