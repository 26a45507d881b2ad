#include "model/word_level_builder.h"

#include <algorithm>
#include <map>

#include "model/tokenizer_pre_tokenizer.h"

namespace redit {

nlohmann::json buildWordLevelTokenizer(const std::vector<std::string>& texts) {
    const nlohmann::json preTokenizer = {{"type", "Whitespace"}};
    tok::PreTokenizer split = tok::PreTokenizer::parse(preTokenizer, "<generated tokenizer>", "pre_tokenizer");
    std::map<std::string, long long> counts;
    for (const auto& text : texts)
        for (auto& piece : split.split(text)) ++counts[piece];

    std::vector<std::pair<std::string, long long>> words(counts.begin(), counts.end());
    std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    nlohmann::json vocab = nlohmann::json::object();
    vocab["[PAD]"] = kWordLevelPadId;
    vocab["[UNK]"] = kWordLevelUnkId;
    int next = 2;
    for (const auto& [word, count] : words)
        if (!vocab.contains(word)) vocab[word] = next++;

    auto special = [](const std::string& content, int id) {
        return nlohmann::json{{"id", id},         {"content", content}, {"single_word", false}, {"lstrip", false},
                              {"rstrip", false},  {"normalized", false}, {"special", true}};
    };
    return {{"version", "1.0"},
            {"truncation", nullptr},
            {"padding", nullptr},
            {"added_tokens", {special("[PAD]", kWordLevelPadId), special("[UNK]", kWordLevelUnkId)}},
            {"normalizer", nullptr},
            {"pre_tokenizer", preTokenizer},
            {"post_processor", nullptr},
            {"decoder", nullptr},
            {"model", {{"type", "WordLevel"}, {"vocab", vocab}, {"unk_token", "[UNK]"}}}};
}

}  // namespace redit
