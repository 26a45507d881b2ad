#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit::tok {

// The name of a byte-fallback token, "<0xAB>" (SentencePiece's and the `tokenizers` library's spelling).
std::string byteFallbackToken(unsigned char byte);

// A model vocabulary (`model.vocab` in tokenizer.json): token string <-> id. Move-only: the id index points
// into the map's keys.
class Vocab {
public:
    // Throws FileError for anything but an object of non-negative integer ids, or a repeated id.
    static Vocab parse(const nlohmann::json& vocab, const std::string& file, const std::string& where);
    // A vocabulary given as a list (Unigram): token i has id i; a token listed twice is found by its last id.
    static Vocab fromList(const std::vector<std::string>& tokens);

    Vocab() = default;
    Vocab(Vocab&&) = default;
    Vocab& operator=(Vocab&&) = default;
    Vocab(const Vocab&) = delete;
    Vocab& operator=(const Vocab&) = delete;

    std::optional<int32_t> id(const std::string& token) const {
        auto it = ids_.find(token);
        return it == ids_.end() ? std::nullopt : std::optional<int32_t>(it->second);
    }
    const std::string* token(int32_t id) const {  // nullptr when no token has this id
        return id >= 0 && std::size_t(id) < tokens_.size() ? tokens_[std::size_t(id)] : nullptr;
    }
    int32_t idLimit() const { return int32_t(tokens_.size()); }  // largest id + 1
    std::size_t size() const { return ids_.size(); }

private:
    std::unordered_map<std::string, int32_t> ids_;
    std::vector<const std::string*> tokens_;
};

}  // namespace redit::tok
