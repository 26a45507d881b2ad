#include "model/tokenizer_unigram.h"

#include <algorithm>
#include <limits>

#include "model/tokenizer_utf8.h"
#include "util/error.h"

namespace redit::tok {
namespace {

// SentencePiece scores an unknown character this far below the least likely piece.
constexpr double kUnkPenalty = 10.0;

struct BestPath {
    int32_t id = -1;
    double score = 0;
    std::ptrdiff_t startsAt = -1;  // -1: no path ends here yet
};

}  // namespace

UnigramModel::UnigramModel(const JsonFields& model, const std::string& file) : file_(file) {
    const nlohmann::json& vocab = model.at("vocab");
    if (!vocab.is_array()) model.fail("vocab", "must be a list of [token, score] pairs");
    std::vector<std::string> tokens;
    tokens.reserve(vocab.size());
    double lowest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < vocab.size(); ++i) {
        const nlohmann::json& entry = vocab[i];
        if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_number())
            model.fail("vocab", "entry " + std::to_string(i) + " must be [token, score] (got " + entry.dump() + ")");
        tokens.push_back(entry[0].get<std::string>());
        scores_.push_back(entry[1].get<double>());
        lowest = std::min(lowest, scores_.back());
        longestPiece_ = std::max(longestPiece_, tokens.back().size());
    }
    if (model.has("unk_id") && !model.at("unk_id").is_null()) {
        const long long unk = model.requiredInt("unk_id");
        if (vocab.empty()) model.fail("unk_id", "is set but the vocabulary is empty");
        if (unk < 0 || unk >= (long long)vocab.size())
            model.fail("unk_id", std::to_string(unk) + " is outside the vocabulary (" + std::to_string(vocab.size()) + " pieces)");
        unkId_ = int32_t(unk);
    }
    byteFallback_ = model.optionalBool("byte_fallback", false);
    unkScore_ = lowest - kUnkPenalty;
    vocab_ = Vocab::fromList(tokens);
}

void UnigramModel::encode(const std::string& piece, std::vector<int32_t>& ids) const {
    const std::size_t size = piece.size();
    std::vector<BestPath> best(size + 1);
    best[0].startsAt = 0;
    for (std::size_t start = 0; start < size;) {
        const std::size_t charLength = std::min(utf8CharLength(static_cast<unsigned char>(piece[start])), size - start);
        const double here = best[start].score;
        bool coversChar = false;
        // Every piece that starts here, shortest first (the order of SentencePiece's trie).
        for (std::size_t length = 1; length <= std::min(longestPiece_, size - start); ++length) {
            const std::optional<int32_t> id = vocab_.id(piece.substr(start, length));
            if (!id) continue;
            BestPath& end = best[start + length];
            const double candidate = here + scores_[std::size_t(*id)];
            if (end.startsAt < 0 || candidate > end.score) end = {*id, candidate, std::ptrdiff_t(start)};
            coversChar = coversChar || length == charLength;
        }
        if (!coversChar) {
            if (!unkId_)
                throw Error(file_ + ": '" + piece.substr(start, charLength) +
                            "' is in no piece of the Unigram vocabulary, which has no unk_id");
            BestPath& end = best[start + charLength];
            const double candidate = here + unkScore_;
            if (end.startsAt < 0 || candidate > end.score) end = {*unkId_, candidate, std::ptrdiff_t(start)};
        }
        start += charLength;
    }
    // Back from the end: the pieces in reverse, consecutive unknowns fused into one piece.
    std::vector<std::string> pieces;
    std::string unknown;
    for (std::size_t end = size; end > 0;) {
        const BestPath& node = best[end];
        const std::size_t start = std::size_t(node.startsAt);
        const std::string text = piece.substr(start, end - start);
        if (unkId_ && node.id == *unkId_) {
            unknown.insert(0, text);
        } else {
            if (!unknown.empty()) pieces.push_back(std::move(unknown));
            unknown.clear();
            pieces.push_back(text);
        }
        end = start;
    }
    if (!unknown.empty()) pieces.push_back(std::move(unknown));
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
        if (const std::optional<int32_t> id = vocab_.id(*it)) {
            ids.push_back(*id);
            continue;
        }
        if (byteFallback_) {  // all of its bytes, or none
            std::vector<int32_t> bytes;
            for (unsigned char b : *it) {
                if (const std::optional<int32_t> id = vocab_.id(byteFallbackToken(b))) bytes.push_back(*id);
                else break;
            }
            if (bytes.size() == it->size()) {
                ids.insert(ids.end(), bytes.begin(), bytes.end());
                continue;
            }
        }
        ids.push_back(*unkId_);  // a fused unknown stretch: unkId_ is set, else encoding stopped above
    }
}

}  // namespace redit::tok
