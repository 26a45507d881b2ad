#include "demo/logic_smol.h"

#include <chrono>
#include <filesystem>
#include <unistd.h>

#include "data/prompt_style.h"
#include "model/gguf_file.h"
#include "model/gguf_model.h"
#include "model/model_folder.h"
#include "model/trainable_parameters.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/torch_runtime.h"

namespace redit::demo {

namespace fs = std::filesystem;

nlohmann::json LogicSmolRecipe::toJson() const {
    return {{"base", base},
            {"corpus", corpus.toJson()},
            {"prompt_style", data::pretrainedPromptStyle().name},
            {"trainable_layers", trainableLayers},
            {"steps", training.steps},
            {"batch_size", training.batchSize},
            {"learning_rate", training.learningRate},
            {"weight_decay", training.weightDecay},
            {"warmup_fraction", training.warmupFraction},
            {"training_seed", training.seed},
            {"threads", threads}};
}

LogicSmolRecipe LogicSmolRecipe::fromJson(const nlohmann::json& json, const std::string& source) {
    LogicSmolRecipe r;
    JsonFields f(json, source);
    r.base = f.requiredString("base");
    JsonFields c(f.at("corpus"), source, "corpus");
    r.corpus.seed = std::uint64_t(c.requiredInt("seed"));
    r.corpus.level1PerPattern = c.requiredInt("level1_per_pattern");
    r.corpus.level2PerPattern = c.requiredInt("level2_per_pattern");
    r.corpus.underSampledRules = c.at("under_sampled_rules").get<std::vector<std::string>>();
    r.corpus.underSampleRate = c.requiredNumber("under_sample_rate");
    r.trainableLayers = f.requiredPositiveInt("trainable_layers");
    r.training.steps = f.requiredPositiveInt("steps");
    r.training.batchSize = f.requiredPositiveInt("batch_size");
    r.training.learningRate = f.requiredNumber("learning_rate");
    r.training.weightDecay = f.requiredNumber("weight_decay");
    r.training.warmupFraction = f.requiredNumber("warmup_fraction");
    r.training.seed = std::uint64_t(f.requiredInt("training_seed"));
    r.threads = int(f.requiredPositiveInt("threads"));
    return r;
}

nlohmann::json baseTokenizerJson(const std::string& base) {
    if (isGgufPath(base)) {
        auto file = gguf::File::open(base);
        return tokenizerJsonFromGguf(gguf::tokenizerMetadata(*file), file->path());
    }
    return readJsonFile((fs::path(base) / "tokenizer.json").string());
}

LogicSmolData prepareLogicSmolData(const LogicSmolRecipe& recipe, const Tokenizer& tokenizer,
                                   nlohmann::json tokenizerJson, int64_t numLayers) {
    const data::PromptStyle style = data::pretrainedPromptStyle();
    LogicSmolData out;
    out.tokenizerJson = std::move(tokenizerJson);
    for (const auto& e : buildLogicTinyCorpus(recipe.corpus, style)) {
        std::vector<int32_t> answer = tokenizer.encode(e.answer);
        if (answer.size() != 1) throw Error("answer '" + e.answer + "' is not one token of the base tokenizer");
        out.examples.push_back({tokenizer.encode(e.prompt), answer.front()});
    }
    out.training = recipe.training;
    out.training.padId = 0;  // left padding is masked; any id will do
    out.training.trainable = lastLayerPatterns(numLayers, recipe.trainableLayers);
    return out;
}

LogicSmolResult finetuneLogicSmol(const LogicSmolRecipe& recipe, const std::string& outputFolder,
                                  const TrainingCallback& callback) {
    if (!fs::exists(recipe.base) || (!isGgufPath(recipe.base) && !fs::is_directory(recipe.base)))
        throw FileError(recipe.base, "the base model is neither a .gguf file nor a model folder (run `make models`)");
    if (outputFolder.empty()) throw ConfigError("no output folder");
    configureThreads(recipe.threads);
    LoadedModel loaded = loadModel(recipe.base);
    LogicSmolData data =
        prepareLogicSmolData(recipe, loaded.tokenizer, baseTokenizerJson(recipe.base), loaded.model->config().numLayers);

    LogicSmolResult result;
    result.examples = data.examples.size();
    const auto start = std::chrono::steady_clock::now();
    bool stopped = false;
    result.last = trainOnAnswers(*loaded.model, data.examples, data.training, [&](const TrainingProgress& p) {
        if (callback && !callback(p)) stopped = true;
        return !stopped;
    });
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (stopped) return result;

    const fs::path target = fs::absolute(outputFolder);
    const fs::path temp = target.parent_path() / (target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    fs::remove_all(temp);
    fs::create_directories(temp);
    try {
        saveModelFolder(temp.string(), *loaded.model, data.tokenizerJson);
        nlohmann::json record = recipe.toJson();
        record["trainable"] = data.training.trainable;
        record["corpus_examples"] = result.examples;
        record["final_training_loss"] = result.last.loss;
        record["final_training_accuracy"] = result.last.accuracy;
        record["training_seconds"] = result.seconds;
        writeJsonFile((temp / "logic_smol_recipe.json").string(), record);
        if (fs::exists(target)) fs::remove_all(target);
        fs::rename(temp, target);
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(temp, ignored);
        throw;
    }
    result.finished = true;
    return result;
}

}  // namespace redit::demo
