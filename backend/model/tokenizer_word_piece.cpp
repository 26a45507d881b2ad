#include "model/tokenizer_word_piece.h"

#include "model/tokenizer_utf8.h"
#include "util/error.h"

namespace redit::tok {

namespace {

std::size_t characterCount(const std::string& text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); i += utf8CharLength(static_cast<unsigned char>(text[i]))) ++n;
    return n;
}

// Byte length of the UTF-8 character that ends at `end` (exclusive).
std::size_t lastCharLength(const std::string& text, std::size_t end) {
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    return end - start;
}

}  // namespace

WordPieceModel::WordPieceModel(const JsonFields& model, const std::string& file)
    : file_(file),
      vocab_(Vocab::parse(model.at("vocab"), file, "model.vocab")),
      unkToken_(model.optionalString("unk_token", "[UNK]")),
      prefix_(model.optionalString("continuing_subword_prefix", "##")),
      maxChars_(std::size_t(model.has("max_input_chars_per_word") ? model.requiredInt("max_input_chars_per_word") : 100)) {
    if (model.has("max_input_chars_per_word") && model.requiredInt("max_input_chars_per_word") < 0)
        model.fail("max_input_chars_per_word", "must not be negative");
}

int32_t WordPieceModel::unkId() const {
    if (auto id = vocab_.id(unkToken_)) return *id;
    throw Error(file_ + ": a word cannot be split into WordPiece tokens, and the unk_token '" + unkToken_ +
                "' is not in the vocabulary");
}

void WordPieceModel::encode(const std::string& piece, std::vector<int32_t>& ids) const {
    if (characterCount(piece) > maxChars_) {
        ids.push_back(unkId());
        return;
    }
    std::vector<int32_t> pieces;
    for (std::size_t start = 0; start < piece.size();) {
        std::optional<int32_t> match;
        std::size_t end = piece.size();
        for (; end > start; end -= lastCharLength(piece, end)) {
            const std::string candidate = (start > 0 ? prefix_ : std::string()) + piece.substr(start, end - start);
            if ((match = vocab_.id(candidate))) break;
        }
        if (!match) {  // some part matches nothing: the whole word is unknown
            ids.push_back(unkId());
            return;
        }
        pieces.push_back(*match);
        start = end;
    }
    ids.insert(ids.end(), pieces.begin(), pieces.end());
}

}  // namespace redit::tok
