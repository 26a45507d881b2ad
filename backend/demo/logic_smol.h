#pragma once
// `logic-smol`: SmolLM2-135M-Instruct fine-tuned on CPU (its last layers only) on our synthetic deductive
// problems in the pretrained prompt style, with the logic-tiny deficits: a "competent on some patterns"
// variant of a real pretrained model (docs/logic-smol.md). The base model alone answers " True" to everything.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "demo/logic_tiny_corpus.h"
#include "model/answer_training.h"
#include "model/decoder.h"
#include "model/tokenizer.h"

namespace redit::demo {

struct LogicSmolRecipe {
    std::string base = "build/models/smollm2-135m-instruct.Q4_1.gguf";  // .gguf file or model folder
    // Level 1 (and a little level 2) with the logic-tiny deficits: or:FF, and:TT, not:T under-sampled, so
    // sd1-05, sd1-06 and sd1-00 stay deficient at level 1 and the other seven level-1 patterns are learnt.
    LogicTinyCorpusOptions corpus{1, 300, 2, {"or:FF", "and:TT", "not:T"}, 0.01};
    int64_t trainableLayers = 6;  // the last N decoder layers (attention, MLP, norms) are trained
    AnswerTrainingConfig training{100, 16, 1e-3, 0.01, 0.1, 0, 1, {}};
    int threads = 2;  // part of the recipe: the result is bit-for-bit reproducible for a thread count

    nlohmann::json toJson() const;
    static LogicSmolRecipe fromJson(const nlohmann::json& json, const std::string& source);
};

struct LogicSmolData {
    nlohmann::json tokenizerJson;  // the base model's tokenizer
    std::vector<AnswerExample> examples;
    AnswerTrainingConfig training;  // pad id and trainable names filled
};

// The base model's tokenizer as tokenizer.json (from GGUF metadata or the folder's tokenizer.json).
nlohmann::json baseTokenizerJson(const std::string& base);
// The corpus in the pretrained prompt style, tokenised with the base tokenizer (each answer one token).
LogicSmolData prepareLogicSmolData(const LogicSmolRecipe& recipe, const Tokenizer& tokenizer,
                                   nlohmann::json tokenizerJson, int64_t numLayers);

struct LogicSmolResult {
    bool finished = false;   // false: stopped by the callback, nothing written
    TrainingProgress last;
    double seconds = 0;      // training time
    size_t examples = 0;
};

// Loads the base (FileError naming it when it is not a model), trains and writes `outputFolder`
// (config.json, model.safetensors in fp32, tokenizer.json, logic_smol_recipe.json) through a temporary
// sibling folder renamed at the end, so an interrupted run leaves no half-written model. An existing
// `outputFolder` is replaced only once the new one is complete.
LogicSmolResult finetuneLogicSmol(const LogicSmolRecipe& recipe, const std::string& outputFolder,
                                  const TrainingCallback& callback = {});

}  // namespace redit::demo
