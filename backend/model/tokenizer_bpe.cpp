#include "model/tokenizer_bpe.h"

#include <mutex>
#include <queue>

#include "model/tokenizer_utf8.h"
#include "util/error.h"

namespace redit::tok {

namespace {

constexpr std::size_t kCacheCapacity = 1 << 16;  // pre-tokens; once full, new ones are not cached

// Splits one entry of `merges`: "left right" or ["left", "right"].
std::pair<std::string, std::string> mergePair(const nlohmann::json& entry, const std::string& file,
                                              const std::string& where) {
    if (entry.is_string()) {
        const std::string text = entry.get<std::string>();
        const std::size_t space = text.find(' ');
        if (space != std::string::npos && text.find(' ', space + 1) == std::string::npos) {
            return {text.substr(0, space), text.substr(space + 1)};
        }
    } else if (entry.is_array() && entry.size() == 2 && entry[0].is_string() && entry[1].is_string()) {
        return {entry[0].get<std::string>(), entry[1].get<std::string>()};
    }
    throw FileError(file, where + " must be \"left right\" or [\"left\", \"right\"] (got " + entry.dump() + ")");
}

}  // namespace

BpeModel::BpeModel(const JsonFields& model, const std::string& file)
    : file_(file), vocab_(Vocab::parse(model.at("vocab"), file, "model.vocab")) {
    auto optionalText = [&](const char* key) {  // null or a string
        return model.has(key) && !model.at(key).is_null() ? model.requiredString(key) : std::string();
    };
    prefix_ = optionalText("continuing_subword_prefix");
    suffix_ = optionalText("end_of_word_suffix");
    if (model.has("dropout") && !model.at("dropout").is_null() && model.requiredNumber("dropout") != 0.0) {
        model.fail("dropout", "is not supported (only null or 0)");
    }
    ignoreMerges_ = model.optionalBool("ignore_merges", false);
    byteFallback_ = model.optionalBool("byte_fallback", false);
    fuseUnk_ = model.optionalBool("fuse_unk", false);
    if (model.has("unk_token") && !model.at("unk_token").is_null()) {
        unkToken_ = model.requiredString("unk_token");
        unkId_ = vocab_.id(*unkToken_);  // Hugging Face fails only when an unknown character needs it
    }
    parseMerges(model);
}

void BpeModel::parseMerges(const JsonFields& model) {
    const auto& list = model.at("merges");
    if (!list.is_array()) model.fail("merges", "must be a list");
    merges_.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "model.merges[" + std::to_string(i) + "]";
        const auto pair = mergePair(list[i], file_, where);  // not bound as [left, right]: the lambda captures them
        const std::string& left = pair.first;
        const std::string& right = pair.second;
        auto idOf = [&](const std::string& token) {
            auto id = vocab_.id(token);
            if (!id) throw FileError(file_, where + " ('" + left + " " + right + "'): token '" + token +
                                                "' is not in the vocabulary");
            return *id;
        };
        const int32_t leftId = idOf(left), rightId = idOf(right);
        // The merged token drops the right side's first prefix-length bytes (its continuing_subword_prefix).
        if (right.size() < prefix_.size()) {
            throw FileError(file_, where + " ('" + left + " " + right + "'): '" + right +
                                       "' is shorter than the continuing_subword_prefix");
        }
        const int32_t mergedId = idOf(left + right.substr(prefix_.size()));
        // A repeated pair keeps its first (lowest) rank.
        merges_.emplace(pairKey(leftId, rightId), Merge{int32_t(i), mergedId});
    }
    mergeCount_ = list.size();
}

std::string BpeModel::kind() const {
    return "BPE (" + std::to_string(mergeCount_) + (mergeCount_ == 1 ? " merge)" : " merges)");
}

// Follows Hugging Face's BPE::merge_word: each character (with the continuing_subword_prefix after the
// first, the end_of_word_suffix on the last) is a symbol, else its <0xAB> byte tokens (byte_fallback), else
// unk (fused with a preceding unk under fuse_unk; a pending unk is written at the next known character, so
// it follows byte tokens in between), else nothing.
std::vector<int32_t> BpeModel::characterSymbols(const std::string& piece) const {
    std::vector<int32_t> symbols;
    symbols.reserve(piece.size());
    bool pendingUnk = false;
    for (std::size_t at = 0; at < piece.size();) {
        const std::size_t length = std::min(utf8CharLength(static_cast<unsigned char>(piece[at])), piece.size() - at);
        std::string character = piece.substr(at, length);
        if (at > 0) character = prefix_ + character;
        at += length;
        if (at >= piece.size()) character += suffix_;
        if (auto id = vocab_.id(character)) {
            if (pendingUnk) symbols.push_back(*unkId_);
            pendingUnk = false;
            symbols.push_back(*id);
            continue;
        }
        if (byteFallback_) {
            std::vector<int32_t> bytes;
            for (unsigned char b : character) {
                if (auto id = vocab_.id(byteFallbackToken(b))) bytes.push_back(*id);
            }
            if (bytes.size() == character.size()) {
                symbols.insert(symbols.end(), bytes.begin(), bytes.end());
                continue;
            }
        }
        if (!unkToken_) continue;  // Hugging Face drops the character
        if (!unkId_) {
            throw Error(file_ + ": the unk_token '" + *unkToken_ + "' is not in the vocabulary (needed for '" +
                        character + "')");
        }
        if (pendingUnk && !fuseUnk_) symbols.push_back(*unkId_);
        pendingUnk = true;
    }
    if (pendingUnk) symbols.push_back(*unkId_);
    return symbols;
}

void BpeModel::mergeAll(std::vector<int32_t>& ids) const {
    struct Symbol {
        int32_t id;
        int32_t previous;
        int32_t next;  // -1 at the ends
        bool alive;
    };
    struct Candidate {  // the pair starting at symbol `at`, when it was queued
        int32_t rank;
        int32_t at;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : at > o.at; }
    };
    const auto n = static_cast<int32_t>(ids.size());
    std::vector<Symbol> symbols(ids.size());
    for (int32_t i = 0; i < n; ++i) symbols[std::size_t(i)] = {ids[std::size_t(i)], i - 1, i + 1 < n ? i + 1 : -1, true};

    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    auto consider = [&](int32_t at) {
        if (at < 0) return;
        const Symbol& s = symbols[std::size_t(at)];
        if (s.next < 0) return;
        auto it = merges_.find(pairKey(s.id, symbols[std::size_t(s.next)].id));
        if (it != merges_.end()) queue.push({it->second.rank, at});
    };
    for (int32_t i = 0; i + 1 < n; ++i) consider(i);

    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& left = symbols[std::size_t(c.at)];
        if (!left.alive || left.next < 0) continue;
        Symbol& right = symbols[std::size_t(left.next)];
        auto it = merges_.find(pairKey(left.id, right.id));
        if (it == merges_.end() || it->second.rank != c.rank) continue;  // the pair changed since it was queued
        left.id = it->second.merged;
        right.alive = false;
        left.next = right.next;
        if (left.next >= 0) symbols[std::size_t(left.next)].previous = c.at;
        consider(left.previous);
        consider(c.at);
    }
    ids.clear();
    for (int32_t i = n > 0 ? 0 : -1; i >= 0; i = symbols[std::size_t(i)].next) ids.push_back(symbols[std::size_t(i)].id);
}

void BpeModel::encode(const std::string& piece, std::vector<int32_t>& ids) const {
    {
        std::shared_lock lock(cacheMutex_);
        auto it = cache_.find(piece);
        if (it != cache_.end()) {
            ids.insert(ids.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    std::vector<int32_t> result;
    if (auto whole = ignoreMerges_ ? vocab_.id(piece) : std::nullopt) {
        result.push_back(*whole);
    } else {
        result = characterSymbols(piece);
        mergeAll(result);
    }
    ids.insert(ids.end(), result.begin(), result.end());
    std::unique_lock lock(cacheMutex_);
    if (cache_.size() < kCacheCapacity) cache_.emplace(piece, std::move(result));
}

}  // namespace redit::tok
