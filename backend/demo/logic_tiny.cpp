#include "demo/logic_tiny.h"

#include <filesystem>

#include "model/decoder.h"
#include "model/model_folder.h"
#include "model/tokenizer.h"
#include "model/word_level_builder.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/torch_runtime.h"

namespace redit::demo {

ModelConfig LogicTinyRecipe::modelConfig(int64_t vocabSize) const {
    ModelConfig c;
    c.modelType = "qwen2";
    c.vocabSize = vocabSize;
    c.hiddenSize = hidden;
    c.intermediateSize = intermediate;
    c.numLayers = layers;
    c.numHeads = heads;
    c.numKeyValueHeads = keyValueHeads;
    c.headDim = hidden / heads;
    c.maxPositions = 512;
    c.rmsNormEps = 1e-6;
    c.ropeTheta = 10000.0;
    c.attentionBias = true;
    c.tieWordEmbeddings = true;
    c.bosTokenId = std::nullopt;
    c.eosTokenId = std::nullopt;
    return c;
}

nlohmann::json LogicTinyRecipe::toJson() const {
    return {{"corpus", corpus.toJson()},
            {"layers", layers},
            {"hidden", hidden},
            {"heads", heads},
            {"key_value_heads", keyValueHeads},
            {"intermediate", intermediate},
            {"steps", training.steps},
            {"batch_size", training.batchSize},
            {"learning_rate", training.learningRate},
            {"weight_decay", training.weightDecay},
            {"warmup_fraction", training.warmupFraction},
            {"training_seed", training.seed},
            {"init_seed", initSeed},
            {"init_std", initStd},
            {"threads", threads}};
}

LogicTinyData prepareLogicTinyData(const LogicTinyRecipe& recipe) {
    std::vector<LogicTinyExample> corpus = buildLogicTinyCorpus(recipe.corpus);
    LogicTinyData data;
    data.tokenizerJson = buildWordLevelTokenizer(logicTinyVocabularyTexts(corpus));
    Tokenizer tokenizer = Tokenizer::fromJson(data.tokenizerJson, "logic-tiny tokenizer");
    data.examples.reserve(corpus.size());
    for (const auto& e : corpus) {
        std::vector<int32_t> answer = tokenizer.encode(e.answer);
        if (answer.size() != 1) throw Error("answer '" + e.answer + "' is not one token of the demo vocabulary");
        data.examples.push_back({tokenizer.encode(e.prompt), answer.front()});
    }
    data.training = recipe.training;
    data.training.padId = kWordLevelPadId;
    return data;
}

DecoderModel initialLogicTinyModel(const LogicTinyRecipe& recipe, const LogicTinyData& data) {
    ModelConfig config = recipe.modelConfig(Tokenizer::fromJson(data.tokenizerJson, "logic-tiny tokenizer").vocabSize());
    return DecoderModel(config, randomDecoderWeights(config, recipe.initSeed, recipe.initStd));
}

void writeLogicTinyFolder(const std::string& outputFolder, const DecoderModel& model, const LogicTinyRecipe& recipe,
                          const LogicTinyData& data, const TrainingProgress& last) {
    saveModelFolder(outputFolder, model, data.tokenizerJson);
    nlohmann::json record = recipe.toJson();
    record["corpus_examples"] = data.examples.size();
    record["final_training_loss"] = last.loss;
    record["final_training_accuracy"] = last.accuracy;
    writeJsonFile((std::filesystem::path(outputFolder) / "logic_tiny_recipe.json").string(), record);
}

bool trainLogicTiny(const LogicTinyRecipe& recipe, const std::string& outputFolder, const TrainingCallback& callback) {
    configureThreads(recipe.threads);
    LogicTinyData data = prepareLogicTinyData(recipe);
    DecoderModel model = initialLogicTinyModel(recipe, data);
    bool stopped = false;
    TrainingProgress last = trainOnAnswers(model, data.examples, data.training, [&](const TrainingProgress& p) {
        if (callback && !callback(p)) stopped = true;
        return !stopped;
    });
    if (stopped) return false;
    writeLogicTinyFolder(outputFolder, model, recipe, data, last);
    return true;
}

}  // namespace redit::demo
