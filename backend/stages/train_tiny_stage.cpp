#include "stages/train_tiny_stage.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "data/random.h"
#include "jobs/job_context.h"
#include "results/provenance.h"
#include "stages/project_paths.h"
#include "store/models.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/transaction.h"
#include "util/error.h"
#include "util/torch_runtime.h"

namespace redit {

namespace {

constexpr const char* kCheckpoint = "training";
constexpr auto kReportInterval = std::chrono::milliseconds(250);

ConfigSchema trainTinySchema() {
    using T = FieldSpec::Type;
    const demo::LogicTinyRecipe r;
    const AnswerTrainingConfig& t = r.training;
    return ConfigSchema({
        {"output", T::String, "model folder to write (relative to the project file's folder)", "logic-tiny", {}, {}, {}},
        {"model_name", T::String, "name in the project's models table (empty: the folder's name)", "", {}, {}, {}},
        {"checkpoint_every", T::Integer, "steps between checkpoints", 50, 1.0, {}, {}},
        {"corpus_seed", T::Integer, "seed of the training corpus", r.corpus.seed, 0.0, 9.0e15, {}},
        {"level1_per_pattern", T::Integer, "examples per level-1 pattern", r.corpus.level1PerPattern, 1.0, {}, {}},
        {"level2_per_pattern", T::Integer, "examples per level-2 pattern", r.corpus.level2PerPattern, 1.0, {}, {}},
        {"under_sampled_rules", T::Array, "rule configurations seen rarely, e.g. \"or:FF\"", r.corpus.underSampledRules, {}, {}, {}},
        {"under_sample_rate", T::Number, "their frequency relative to the others", r.corpus.underSampleRate, 0.0, 1.0, {}},
        {"layers", T::Integer, "decoder layers", r.layers, 1.0, 64.0, {}},
        {"hidden", T::Integer, "hidden size", r.hidden, 2.0, 8192.0, {}},
        {"heads", T::Integer, "attention heads", r.heads, 1.0, 256.0, {}},
        {"key_value_heads", T::Integer, "key/value heads (divide heads)", r.keyValueHeads, 1.0, 256.0, {}},
        {"intermediate", T::Integer, "MLP size", r.intermediate, 1.0, 65536.0, {}},
        {"steps", T::Integer, "training steps", t.steps, 1.0, {}, {}},
        {"batch_size", T::Integer, "examples per step", t.batchSize, 1.0, 65536.0, {}},
        {"learning_rate", T::Number, "peak learning rate", t.learningRate, 0.0, 10.0, {}},
        {"weight_decay", T::Number, "AdamW decoupled weight decay", t.weightDecay, 0.0, 1.0, {}},
        {"warmup_fraction", T::Number, "fraction of steps of linear warm-up", t.warmupFraction, 0.0, 1.0, {}},
        {"training_seed", T::Integer, "seed of the data order", t.seed, 0.0, 9.0e15, {}},
        {"init_seed", T::Integer, "seed of the initial weights", r.initSeed, 0.0, 9.0e15, {}},
        {"init_std", T::Number, "standard deviation of the initial weights", r.initStd, 0.0, 10.0, {}},
        {"threads", T::Integer, "CPU threads (the result is reproducible for a thread count)", r.threads, 1.0, 1024.0, {}},
    }).present({{"output", "Output folder"},
                {"model_name", "Model name"},
                {"checkpoint_every", "Checkpoint every", "steps", true},
                {"corpus_seed", "Corpus seed", "", true},
                {"level1_per_pattern", "Level-1 examples per pattern", "examples", true},
                {"level2_per_pattern", "Level-2 examples per pattern", "examples", true},
                {"under_sampled_rules", "Under-sampled rules", "", true},
                {"under_sample_rate", "Under-sample rate", "", true},
                {"layers", "Layers", "layers"},
                {"hidden", "Hidden size", "units"},
                {"heads", "Attention heads", "heads"},
                {"key_value_heads", "Key/value heads", "heads", true},
                {"intermediate", "MLP size", "units"},
                {"steps", "Training steps", "steps"},
                {"batch_size", "Batch size", "examples"},
                {"learning_rate", "Learning rate"},
                {"weight_decay", "Weight decay", "", true},
                {"warmup_fraction", "Warm-up fraction", "", true},
                {"training_seed", "Training seed", "", true},
                {"init_seed", "Initialisation seed", "", true},
                {"init_std", "Initialisation std", "", true},
                {"threads", "CPU threads", "threads", true}});
}

Progress trainingProgress(const TrainingProgress& p) {
    char message[96];
    std::snprintf(message, sizeof message, "step %lld/%lld  loss %.4f  acc %.3f", static_cast<long long>(p.step),
                  static_cast<long long>(p.steps), p.loss, p.accuracy);
    // The first 2% of the fraction is preparation (corpus, tokenizer), so ETAs count training steps only.
    return {0.02 + 0.97 * double(p.step) / double(p.steps), message, {{"loss", p.loss}, {"accuracy", p.accuracy}}};
}

class TrainTinyJob : public Job {
public:
    void run(JobContext& ctx) override {
        const nlohmann::json& params = ctx.params();
        const demo::LogicTinyRecipe recipe = recipeFromParams(params);
        const int64_t every = params["checkpoint_every"].get<int64_t>();
        const std::string output = resolveProjectOutput(ctx.store(), params["output"].get<std::string>(), "output");
        configureThreads(recipe.threads);

        ctx.report({0.0, "building the corpus and tokenizer", {}});
        const demo::LogicTinyData data = demo::prepareLogicTinyData(recipe);
        ctx.checkCancelled();
        DecoderModel model = demo::initialLogicTinyModel(recipe, data);
        AnswerTrainer trainer(model, data.examples, data.training);
        if (auto saved = ctx.loadCheckpoint(kCheckpoint)) {
            trainer.resume(*saved, "run " + std::to_string(ctx.runId()) + " checkpoint '" + kCheckpoint + "'");
            ctx.log("info", "continuing training after step " + std::to_string(trainer.progress().step));
        }

        auto lastReport = std::chrono::steady_clock::now() - kReportInterval;
        while (!trainer.finished()) {
            ctx.checkCancelled();
            trainer.step();
            const TrainingProgress& p = trainer.progress();
            const bool checkpointDue = p.step % every == 0 && !trainer.finished();
            if (checkpointDue) ctx.commitStep(kCheckpoint, trainer.checkpoint(), [] {});
            const auto now = std::chrono::steady_clock::now();
            if (checkpointDue || trainer.finished() || now - lastReport >= kReportInterval) {
                ctx.report(trainingProgress(p), p.step);
                lastReport = now;
            }
        }

        ctx.report({0.99, "writing " + output, {}});
        demo::writeLogicTinyFolder(output, model, recipe, data, trainer.progress());
        ModelRecord record;
        record.name = params["model_name"].get<std::string>();
        if (record.name.empty()) record.name = std::filesystem::path(output).filename().string();
        record.path = output;
        record.config = model.config().toJson();
        record.contentHash = results::modelContentHash(output);  // the one model hash
        WriteTransaction tx(ctx.store());
        const std::int64_t modelId = addModel(ctx.store(), record);
        putResultRow(ctx.store(), ctx.runId(), "model", 0,
                     {{"model_id", modelId}, {"path", output}, {"content_hash", record.contentHash},
                      {"final_loss", trainer.progress().loss}, {"final_accuracy", trainer.progress().accuracy}});
        tx.commit();
        ctx.report({1.0, "wrote " + output, {}});
    }
};

}  // namespace

demo::LogicTinyRecipe recipeFromParams(const nlohmann::json& p) {
    demo::LogicTinyRecipe r;
    r.corpus.seed = p["corpus_seed"].get<std::uint64_t>();
    r.corpus.level1PerPattern = p["level1_per_pattern"].get<int64_t>();
    r.corpus.level2PerPattern = p["level2_per_pattern"].get<int64_t>();
    r.corpus.underSampledRules.clear();
    for (const auto& rule : p["under_sampled_rules"]) {
        if (!rule.is_string()) throw ConfigError("field 'under_sampled_rules' must list strings such as \"or:FF\"");
        r.corpus.underSampledRules.push_back(rule.get<std::string>());
    }
    r.corpus.underSampleRate = p["under_sample_rate"].get<double>();
    r.layers = p["layers"].get<int64_t>();
    r.hidden = p["hidden"].get<int64_t>();
    r.heads = p["heads"].get<int64_t>();
    r.keyValueHeads = p["key_value_heads"].get<int64_t>();
    r.intermediate = p["intermediate"].get<int64_t>();
    if (r.hidden % r.heads != 0 || (r.hidden / r.heads) % 2 != 0)
        throw ConfigError("field 'heads' (" + std::to_string(r.heads) + ") must divide 'hidden' (" +
                          std::to_string(r.hidden) + ") into heads of even size");
    if (r.heads % r.keyValueHeads != 0)
        throw ConfigError("field 'key_value_heads' (" + std::to_string(r.keyValueHeads) + ") must divide 'heads' (" +
                          std::to_string(r.heads) + ")");
    r.training.steps = p["steps"].get<int64_t>();
    r.training.batchSize = p["batch_size"].get<int64_t>();
    r.training.learningRate = p["learning_rate"].get<double>();
    r.training.weightDecay = p["weight_decay"].get<double>();
    r.training.warmupFraction = p["warmup_fraction"].get<double>();
    r.training.seed = p["training_seed"].get<std::uint64_t>();
    r.initSeed = p["init_seed"].get<std::uint64_t>();
    r.initStd = p["init_std"].get<double>();
    r.threads = p["threads"].get<int>();
    return r;
}

StageInfo trainTinyStage() {
    return {"train-tiny", "Train the built-in demo model logic-tiny from scratch (resumable)", trainTinySchema(),
            [] { return std::make_unique<TrainTinyJob>(); }};
}

}  // namespace redit
