#include "model/tokenizer.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "model/tokenizer_added_tokens.h"
#include "model/tokenizer_decoder.h"
#include "model/tokenizer_model.h"
#include "model/tokenizer_normalizer.h"
#include "model/tokenizer_post_processor.h"
#include "model/tokenizer_pre_tokenizer.h"
#include "model/tokenizer_utf8.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit {

namespace {

// A top-level section of tokenizer.json; null when absent.
const nlohmann::json& section(const nlohmann::json& json, const char* key) {
    static const nlohmann::json null;
    auto it = json.find(key);
    return it != json.end() ? *it : null;
}

}  // namespace

struct Tokenizer::Impl {
    Impl(const nlohmann::json& json, const std::string& file)
        : model(tok::parseTokenModel(JsonFields(json, file).at("model"), file)),
          addedTokens(tok::parseAddedTokens(section(json, "added_tokens"), file)),
          normalizer(tok::Normalizer::parse(section(json, "normalizer"), file, "normalizer")),
          rawMatcher(addedTokens, false),
          normalizedMatcher(normalizedContents(addedTokens, normalizer), true),
          preTokenizer(tok::PreTokenizer::parse(section(json, "pre_tokenizer"), file, "pre_tokenizer")),
          postProcessor(tok::PostProcessor::parse(section(json, "post_processor"), file, "post_processor")),
          decoder(tok::Decoder::parse(section(json, "decoder"), file, "decoder")) {
        vocabSize = model->vocab().idLimit();
        for (const tok::AddedToken& t : addedTokens) {
            // As Hugging Face (0.23), a normalized added token decodes (and shows) as its normalized content.
            addedById[t.id] = t.normalized ? normalizer.apply(t.content) : t.content;
            addedByContent[t.content] = t.id;
            if (t.special) specialIds.insert(t.id);
            vocabSize = std::max(vocabSize, t.id + 1);
        }
    }

    const std::string* token(int32_t id) const {
        auto it = addedById.find(id);
        return it != addedById.end() ? &it->second : model->vocab().token(id);
    }

    // atStart: text begins the input (not after an added token).
    void encodePlain(std::string_view text, bool atStart, std::vector<int32_t>& ids) const {
        bool startMoved = false;
        const std::string normalized = normalizer.apply(text, &startMoved);
        atStart = atStart && !startMoved;
        for (const auto& segment : normalizedMatcher.split(normalized)) {
            if (segment.token) {
                ids.push_back(*segment.token);
                continue;
            }
            const bool first = atStart && segment.text.data() == normalized.data();
            for (const std::string& piece : preTokenizer.split(segment.text, first)) model->encode(piece, ids);
        }
    }

    // Hugging Face matches a `normalized` added token by its normalized content (e.g. "▁world" for "world"
    // under Prepend("▁")) in the normalized text.
    static std::vector<tok::AddedToken> normalizedContents(std::vector<tok::AddedToken> tokens,
                                                           const tok::Normalizer& normalizer) {
        for (tok::AddedToken& t : tokens) {
            if (t.normalized) t.content = normalizer.apply(t.content);
        }
        tokens.erase(std::remove_if(tokens.begin(), tokens.end(),
                                    [](const tok::AddedToken& t) { return t.normalized && t.content.empty(); }),
                     tokens.end());
        return tokens;
    }

    std::unique_ptr<tok::TokenModel> model;
    std::vector<tok::AddedToken> addedTokens;
    tok::Normalizer normalizer;
    tok::AddedTokenMatcher rawMatcher;         // added tokens matched in the raw text
    tok::AddedTokenMatcher normalizedMatcher;  // ... and in normalized text
    tok::PreTokenizer preTokenizer;
    tok::PostProcessor postProcessor;
    tok::Decoder decoder;
    std::unordered_map<int32_t, std::string> addedById;
    std::unordered_map<std::string, int32_t> addedByContent;
    std::unordered_set<int32_t> specialIds;
    int32_t vocabSize = 0;
};

Tokenizer::Tokenizer(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Tokenizer Tokenizer::fromFile(const std::string& tokenizerJsonPath) {
    return fromJson(readJsonFile(tokenizerJsonPath), tokenizerJsonPath);
}

Tokenizer Tokenizer::fromJson(const nlohmann::json& json, const std::string& sourceName) {
    return Tokenizer(std::make_shared<const Impl>(json, sourceName));
}

std::vector<int32_t> Tokenizer::encode(const std::string& text, bool addSpecialTokens) const {
    if (auto bad = tok::firstInvalidUtf8(text)) {
        throw Error("cannot tokenize: the text is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    }
    std::vector<int32_t> ids;
    for (const auto& segment : impl_->rawMatcher.split(text)) {
        if (segment.token) {
            ids.push_back(*segment.token);
        } else {
            impl_->encodePlain(segment.text, segment.text.data() == text.data(), ids);
        }
    }
    return addSpecialTokens ? impl_->postProcessor.apply(std::move(ids)) : ids;
}

std::string Tokenizer::decode(const std::vector<int32_t>& ids, bool skipSpecialTokens) const {
    std::vector<const std::string*> tokens;
    tokens.reserve(ids.size());
    for (int32_t id : ids) {
        if (skipSpecialTokens && isSpecial(id)) continue;
        if (const std::string* token = impl_->token(id)) tokens.push_back(token);
    }
    return impl_->decoder.decode(tokens);
}

std::optional<int32_t> Tokenizer::tokenToId(const std::string& token) const {
    auto it = impl_->addedByContent.find(token);
    return it != impl_->addedByContent.end() ? std::optional<int32_t>(it->second) : impl_->model->vocab().id(token);
}

std::string Tokenizer::idToToken(int32_t id) const {
    const std::string* token = impl_->token(id);
    return token ? *token : std::string();
}

int32_t Tokenizer::vocabSize() const { return impl_->vocabSize; }

std::string Tokenizer::kind() const {
    return (impl_->preTokenizer.byteLevel() ? "byte-level " : "") + impl_->model->kind();
}

bool Tokenizer::isSpecial(int32_t id) const { return impl_->specialIds.count(id) > 0; }

}  // namespace redit
