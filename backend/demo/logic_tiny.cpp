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

bool trainLogicTiny(const LogicTinyRecipe& recipe, const std::string& outputFolder, const TrainingCallback& callback) {
    configureThreads(recipe.threads);
    std::vector<LogicTinyExample> corpus = buildLogicTinyCorpus(recipe.corpus);
    nlohmann::json tokenizerJson = buildWordLevelTokenizer(logicTinyVocabularyTexts(corpus));
    Tokenizer tokenizer = Tokenizer::fromJson(tokenizerJson, "logic-tiny tokenizer");

    std::vector<AnswerExample> examples;
    examples.reserve(corpus.size());
    for (const auto& e : corpus) {
        std::vector<int32_t> answer = tokenizer.encode(e.answer);
        if (answer.size() != 1) throw Error("answer '" + e.answer + "' is not one token of the demo vocabulary");
        examples.push_back({tokenizer.encode(e.prompt), answer.front()});
    }

    ModelConfig config = recipe.modelConfig(tokenizer.vocabSize());
    DecoderModel model(config, randomDecoderWeights(config, recipe.initSeed, recipe.initStd));
    AnswerTrainingConfig training = recipe.training;
    training.padId = kWordLevelPadId;
    bool stopped = false;
    TrainingProgress last = trainOnAnswers(model, examples, training, [&](const TrainingProgress& p) {
        if (callback && !callback(p)) stopped = true;
        return !stopped;
    });
    if (stopped) return false;

    saveModelFolder(outputFolder, model, tokenizerJson);
    nlohmann::json record = recipe.toJson();
    record["corpus_examples"] = corpus.size();
    record["final_training_loss"] = last.loss;
    record["final_training_accuracy"] = last.accuracy;
    writeJsonFile((std::filesystem::path(outputFolder) / "logic_tiny_recipe.json").string(), record);
    return true;
}

}  // namespace redit::demo
