#pragma once
// `logic-tiny`: the built-in Qwen2-architecture demo model, trained from scratch on CPU.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "demo/logic_tiny_corpus.h"
#include "model/answer_training.h"
#include "model/decoder.h"
#include "model/model_config.h"

namespace redit::demo {

struct LogicTinyRecipe {
    LogicTinyCorpusOptions corpus;
    int64_t layers = 4;
    int64_t hidden = 128;
    int64_t heads = 4;
    int64_t keyValueHeads = 2;
    int64_t intermediate = 384;
    AnswerTrainingConfig training{800, 32, 3e-3, 0.01, 0.05, 0, 1, {}};
    uint64_t initSeed = 1;
    double initStd = 0.05;
    int threads = 2;  // part of the recipe: the result is bit-for-bit reproducible for a thread count

    ModelConfig modelConfig(int64_t vocabSize) const;
    nlohmann::json toJson() const;
};

// What a recipe trains on: the tokenizer, the tokenized corpus and the training settings (pad id filled).
struct LogicTinyData {
    nlohmann::json tokenizerJson;
    std::vector<AnswerExample> examples;
    AnswerTrainingConfig training;
};

// Builds the corpus and tokenizer (deterministic for the recipe).
LogicTinyData prepareLogicTinyData(const LogicTinyRecipe& recipe);
// The untrained model of the recipe.
DecoderModel initialLogicTinyModel(const LogicTinyRecipe& recipe, const LogicTinyData& data);
// Writes the model folder plus `logic_tiny_recipe.json` with the recipe and the final training figures.
void writeLogicTinyFolder(const std::string& outputFolder, const DecoderModel& model, const LogicTinyRecipe& recipe,
                          const LogicTinyData& data, const TrainingProgress& last);

// Builds the corpus and tokenizer, trains, and writes a Hugging Face-layout folder (config.json,
// model.safetensors, tokenizer.json) plus `logic_tiny_recipe.json` with the recipe and the final training
// figures. The callback sees every step and can stop training (the folder is then not written).
// Returns false when stopped.
bool trainLogicTiny(const LogicTinyRecipe& recipe, const std::string& outputFolder,
                    const TrainingCallback& callback = {});

}  // namespace redit::demo
