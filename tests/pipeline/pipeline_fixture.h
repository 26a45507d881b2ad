#pragma once
// A tiny synthetic dataset and a tiny random model whose word-level vocabulary covers it, for the
// pipeline tests.
#include <memory>
#include <string>
#include <vector>

#include "data/dataset_spec.h"
#include "data/prompt_style.h"
#include "model/tokenizer.h"
#include "model/word_level_builder.h"
#include "tiny_models.h"

namespace redit::testing {

// Four patterns; the first (sd1-00) has no clean/corrupted pair, so three have circuits.
inline const char kTinyDataSpec[] = "synthetic:deductive:level1:n=4:per_domain=1";

struct TinyPipelineModel {
    std::vector<data::Pattern> patterns;
    nlohmann::json tokenizerJson;
    Tokenizer tokenizer;
    std::shared_ptr<DecoderModel> model;
};

inline TinyPipelineModel tinyPipelineModel(uint64_t seed = 7) {
    std::vector<data::Pattern> patterns = data::loadDataset(kTinyDataSpec);
    const data::PromptStyle style = data::demoPromptStyle();
    std::vector<std::string> texts = {style.suffix, style.answerTrue, style.answerFalse, style.answerUnknown,
                                      "true false True False"};  // the corrupted prompts' flipped words
    for (const data::Pattern& p : patterns)
        for (const data::Instance& instance : p.instances) texts.push_back(instance.text);
    nlohmann::json json = buildWordLevelTokenizer(texts);
    Tokenizer tokenizer = Tokenizer::fromJson(json, "tiny tokenizer");
    ModelConfig config = tinyConfig();
    config.vocabSize = tokenizer.vocabSize();
    config.maxPositions = 512;
    auto model = std::make_shared<DecoderModel>(tinyModel(config, seed));
    return {std::move(patterns), std::move(json), std::move(tokenizer), std::move(model)};
}

}  // namespace redit::testing
