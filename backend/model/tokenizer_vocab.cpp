#include "model/tokenizer_vocab.h"

#include <cstdio>

#include "util/error.h"

namespace redit::tok {

std::string byteFallbackToken(unsigned char byte) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", byte);
    return name;
}

namespace {
// Real vocabularies have a few hundred thousand tokens; the cap keeps a corrupt id from allocating gigabytes.
constexpr long long kMaxId = (1 << 24) - 1;
}  // namespace

Vocab Vocab::parse(const nlohmann::json& vocab, const std::string& file, const std::string& where) {
    if (!vocab.is_object()) throw FileError(file, where + " must be an object (token -> id)");
    Vocab v;
    v.ids_.reserve(vocab.size());
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        const auto& value = it.value();
        if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > kMaxId) {
            throw FileError(file, where + ": id of token '" + it.key() + "' must be an integer from 0 to " +
                                      std::to_string(kMaxId) + " (got " + value.dump() + ")");
        }
        v.ids_.emplace(it.key(), value.get<int32_t>());
    }
    int32_t limit = 0;
    for (const auto& [token, id] : v.ids_) limit = std::max(limit, id + 1);
    v.tokens_.assign(std::size_t(limit), nullptr);
    for (const auto& [token, id] : v.ids_) {
        const std::string*& slot = v.tokens_[std::size_t(id)];
        if (slot) {
            throw FileError(file, where + ": tokens '" + *slot + "' and '" + token + "' have the same id " +
                                      std::to_string(id));
        }
        slot = &token;
    }
    return v;
}

Vocab Vocab::fromList(const std::vector<std::string>& tokens) {
    Vocab v;
    v.ids_.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) v.ids_[tokens[i]] = int32_t(i);
    v.tokens_.reserve(tokens.size());
    for (const std::string& token : tokens) v.tokens_.push_back(&v.ids_.find(token)->first);
    return v;
}

}  // namespace redit::tok
