#include "model/tokenizer_model.h"

#include "model/tokenizer_bpe.h"
#include "model/tokenizer_unigram.h"
#include "model/tokenizer_word_level.h"
#include "model/tokenizer_word_piece.h"
#include "util/error.h"

namespace redit::tok {

std::unique_ptr<TokenModel> parseTokenModel(const nlohmann::json& model, const std::string& file) {
    JsonFields fields(model, file, "model");
    // Older files leave out the type of a BPE model.
    const std::string type = fields.has("type") ? fields.requiredString("type") : fields.has("merges") ? "BPE" : "";
    if (type == "BPE") return std::make_unique<BpeModel>(fields, file);
    if (type == "WordLevel") return std::make_unique<WordLevelModel>(fields, file);
    if (type == "WordPiece") return std::make_unique<WordPieceModel>(fields, file);
    if (type == "Unigram") return std::make_unique<UnigramModel>(fields, file);
    if (type.empty()) fields.fail("type", "is missing");
    throw FileError(file, "model type '" + type + "' is not supported (supported: BPE, WordLevel, WordPiece, Unigram)");
}

}  // namespace redit::tok
