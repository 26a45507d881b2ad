#pragma once
// A GGUF file's tokenizer metadata as JSON, keyed by the GGUF names ("tokenizer.ggml.tokens", ...), as
// scripts/reference/tokenizer_parity.py writes it. Until the backend reads GGUF files itself, this is how the
// real model's metadata reaches the C++ side.
#include <string>

#include <nlohmann/json.hpp>

#include "model/gguf_tokenizer.h"
#include "util/error.h"

namespace redit::testing {

inline GgufTokenizerMetadata ggufMetadataFromDump(const nlohmann::json& dump, const std::string& path) {
    auto field = [&](const char* key) -> const nlohmann::json* {
        auto it = dump.find(std::string("tokenizer.ggml.") + key);
        return it != dump.end() && !it->is_null() ? &*it : nullptr;
    };
    GgufTokenizerMetadata m;
    try {
        if (auto* v = field("model")) m.model = v->get<std::string>();
        if (auto* v = field("pre")) m.pre = v->get<std::string>();
        if (auto* v = field("tokens")) m.tokens = v->get<std::vector<std::string>>();
        if (auto* v = field("token_type")) m.tokenTypes = v->get<std::vector<int32_t>>();
        if (auto* v = field("merges")) m.merges = v->get<std::vector<std::string>>();
        if (auto* v = field("scores")) m.scores = v->get<std::vector<float>>();
        if (auto* v = field("bos_token_id")) m.bosId = v->get<int64_t>();
        if (auto* v = field("eos_token_id")) m.eosId = v->get<int64_t>();
        if (auto* v = field("unknown_token_id")) m.unknownId = v->get<int64_t>();
        if (auto* v = field("padding_token_id")) m.paddingId = v->get<int64_t>();
        if (auto* v = field("add_bos_token")) m.addBos = v->get<bool>();
        if (auto* v = field("add_eos_token")) m.addEos = v->get<bool>();
        if (auto* v = field("add_space_prefix")) m.addSpacePrefix = v->get<bool>();
        auto it = dump.find("tokenizer.chat_template");
        if (it != dump.end() && it->is_string()) m.chatTemplate = it->get<std::string>();
    } catch (const nlohmann::json::exception& e) {
        throw FileError(path, std::string("a tokenizer.ggml.* field has the wrong type: ") + e.what());
    }
    return m;
}

}  // namespace redit::testing
