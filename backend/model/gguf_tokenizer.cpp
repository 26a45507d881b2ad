#include "model/gguf_tokenizer.h"

#include <unordered_map>
#include <utility>

#include "model/gguf_pre_tokenizer.h"
#include "model/tokenizer_utf8.h"
#include "util/error.h"

namespace redit {

namespace {

using nlohmann::json;

// llama.cpp's token types (tokenizer.ggml.token_type).
enum TokenType : int32_t { Undefined = 0, Normal, Unknown, Control, UserDefined, Unused, Byte };

class Converter {
public:
    Converter(const GgufTokenizerMetadata& metadata, const std::string& path) : m_(metadata), path_(path) {}

    json convert() {
        if (m_.model != "gpt2") {
            fail("tokenizer.ggml.model '" + m_.model +
                 "' is not supported (supported: gpt2, byte-level BPE; SentencePiece models such as 'llama' are not "
                 "yet)");
        }
        auto pre = tok::ggufPreTokenizer(m_.pre);
        if (!pre) {
            fail("tokenizer.ggml.pre '" + m_.pre + "' is not a supported pre-tokenizer type (supported: " +
                 tok::supportedGgufPreTokenizers() + ")");
        }
        checkLengths();
        json vocab = vocabulary();
        json merges = mergePairs();
        const bool addBos = m_.addBos.value_or(pre->addBosByDefault);
        const bool addEos = m_.addEos.value_or(false);
        return {{"version", "1.0"},
                {"truncation", nullptr},
                {"padding", nullptr},
                {"added_tokens", addedTokens()},
                {"normalizer", nullptr},
                {"pre_tokenizer", pre->preTokenizer},
                {"post_processor", postProcessor(addBos, addEos)},
                {"decoder", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true},
                             {"use_regex", true}}},
                {"model", {{"type", "BPE"},
                           {"dropout", nullptr},
                           {"unk_token", nullptr},
                           {"continuing_subword_prefix", nullptr},
                           {"end_of_word_suffix", nullptr},
                           {"fuse_unk", false},
                           {"byte_fallback", false},
                           {"ignore_merges", pre->ignoreMerges},
                           {"vocab", std::move(vocab)},
                           {"merges", std::move(merges)}}}};
    }

private:
    [[noreturn]] void fail(const std::string& problem) const { throw FileError(path_, problem); }

    void checkLengths() const {
        if (m_.tokens.empty()) fail("tokenizer.ggml.tokens is empty");
        const std::size_t n = m_.tokens.size();
        if (!m_.tokenTypes.empty() && m_.tokenTypes.size() != n) {
            fail("tokenizer.ggml.token_type has " + std::to_string(m_.tokenTypes.size()) + " entries for " +
                 std::to_string(n) + " tokens");
        }
        if (!m_.scores.empty() && m_.scores.size() != n) {
            fail("tokenizer.ggml.scores has " + std::to_string(m_.scores.size()) + " entries for " +
                 std::to_string(n) + " tokens");
        }
        const std::pair<const char*, const std::optional<int64_t>*> ids[] = {
            {"bos_token_id", &m_.bosId}, {"eos_token_id", &m_.eosId},
            {"unknown_token_id", &m_.unknownId}, {"padding_token_id", &m_.paddingId}};
        for (const auto& [key, id] : ids) {
            if (*id && (**id < 0 || std::size_t(**id) >= n)) {
                fail(std::string("tokenizer.ggml.") + key + " " + std::to_string(**id) + " is out of range (" +
                     std::to_string(n) + " tokens)");
            }
        }
    }

    std::string tokenWhere(std::size_t id) const { return "tokenizer.ggml.tokens[" + std::to_string(id) + "]"; }

    json vocabulary() {
        json vocab = json::object();
        for (std::size_t id = 0; id < m_.tokens.size(); ++id) {
            const std::string& token = m_.tokens[id];
            if (token.empty()) fail(tokenWhere(id) + " is empty");
            if (tok::firstInvalidUtf8(token)) fail(tokenWhere(id) + " is not valid UTF-8");
            auto [it, fresh] = idOf_.emplace(token, int32_t(id));
            // tokenizer.json maps text to id, so a repeated token could only keep one id.
            if (!fresh) fail(tokenWhere(id) + " '" + token + "' repeats token " + std::to_string(it->second));
            vocab[token] = id;
        }
        return vocab;
    }

    json mergePairs() const {
        json merges = json::array();
        for (std::size_t i = 0; i < m_.merges.size(); ++i) {
            const std::string& merge = m_.merges[i];
            const std::string where = "tokenizer.ggml.merges[" + std::to_string(i) + "] '" + merge + "'";
            // Byte-level tokens hold no U+0020 (a space is 'Ġ'), so the one space separates the pair.
            const std::size_t space = merge.find(' ');
            if (space == std::string::npos || space == 0 || space + 1 == merge.size() ||
                merge.find(' ', space + 1) != std::string::npos) {
                fail(where + " is not two tokens separated by one space");
            }
            const std::string left = merge.substr(0, space), right = merge.substr(space + 1);
            for (const std::string& token : {left, right, left + right}) {
                if (!idOf_.count(token)) fail(where + ": token '" + token + "' is not in tokenizer.ggml.tokens");
            }
            merges.push_back({left, right});
        }
        return merges;
    }

    // Control (and unknown) tokens are special: llama.cpp matches them in the text only on request, Hugging
    // Face always, so texts should not contain them unless meant. User-defined tokens are matched always,
    // in both. Both are matched in the raw text, as llama.cpp does.
    json addedTokens() const {
        json added = json::array();
        for (std::size_t id = 0; id < m_.tokenTypes.size(); ++id) {
            const int32_t type = m_.tokenTypes[id];
            if (type < Undefined || type > Byte) {
                fail("tokenizer.ggml.token_type[" + std::to_string(id) + "] " + std::to_string(type) +
                     " is not a token type (0 to 6)");
            }
            if (type != Control && type != Unknown && type != UserDefined) continue;
            added.push_back({{"id", id},
                             {"content", m_.tokens[id]},
                             {"single_word", false},
                             {"lstrip", false},
                             {"rstrip", false},
                             {"normalized", false},
                             {"special", type != UserDefined}});
        }
        return added;
    }

    json specialToken(const std::optional<int64_t>& id, const char* key) const {
        if (!id) fail(std::string("tokenizer.ggml.") + key + " is missing, but the tokenizer is to add it");
        const std::string& token = m_.tokens[std::size_t(*id)];
        return {{"id", token}, {"ids", {*id}}, {"tokens", {token}}};
    }

    // bos A eos (each when asked for); pairs repeat the frame around B, as Llama 3's tokenizer.json does.
    json postProcessor(bool addBos, bool addEos) const {
        if (!addBos && !addEos) return nullptr;
        json special = json::object();
        json single = json::array(), pair = json::array();
        auto piece = [](const std::string& key, const char* kind, int typeId) {
            return json{{kind, {{"id", key}, {"type_id", typeId}}}};
        };
        std::string bos, eos;
        if (addBos) {
            json token = specialToken(m_.bosId, "bos_token_id");
            bos = token["id"].get<std::string>();
            special[bos] = token;
        }
        if (addEos) {
            json token = specialToken(m_.eosId, "eos_token_id");
            eos = token["id"].get<std::string>();
            special[eos] = token;
        }
        auto frame = [&](json& target, const char* sequence, int typeId) {
            if (addBos) target.push_back(piece(bos, "SpecialToken", typeId));
            target.push_back(piece(sequence, "Sequence", typeId));
            if (addEos) target.push_back(piece(eos, "SpecialToken", typeId));
        };
        frame(single, "A", 0);
        frame(pair, "A", 0);
        frame(pair, "B", 1);
        return {{"type", "TemplateProcessing"}, {"single", single}, {"pair", pair}, {"special_tokens", special}};
    }

    const GgufTokenizerMetadata& m_;
    const std::string& path_;
    std::unordered_map<std::string, int32_t> idOf_;
};

}  // namespace

nlohmann::json tokenizerJsonFromGguf(const GgufTokenizerMetadata& metadata, const std::string& sourcePath) {
    return Converter(metadata, sourcePath).convert();
}

}  // namespace redit
