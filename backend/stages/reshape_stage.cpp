#include "stages/reshape_stage.h"

#include "model/trainable_parameters.h"

#include <filesystem>
#include <optional>

#include "data/dataset_spec.h"
#include "jobs/field_specs.h"
#include "jobs/job_context.h"
#include "stages/run_model.h"
#include "results/provenance.h"
#include "pipeline/redit_reshaper.h"
#include "reshape/answer_position_check.h"
#include "reshape/reshape_patterns.h"
#include "stages/project_paths.h"
#include "store/artifacts.h"
#include "store/models.h"
#include "store/results.h"

namespace redit::stages {

using namespace redit::schema;
using namespace redit::pipeline;
using namespace redit::results;

namespace {

using Type = FieldSpec::Type;
constexpr const char* kCheckpoint = "reshape";
constexpr const char* kOutputCheckpoint = "output";  // saved with the model's rows: the run's last commit

ConfigSchema reshapeSchema() {
    const ReshapeOptions d;
    return ConfigSchema({
        {"model", Type::String, "Model folder", nullptr, std::nullopt, std::nullopt, {}},
        {"data", Type::String, "Dataset spec", nullptr, std::nullopt, std::nullopt, {}},
        field("split_seed", Type::Integer, "Seed of the domain split", 0, 0.0),
        field("output", Type::String, "Model folder to write (empty: reshaped/run-<id> beside the project)", ""),
        {"granularity", Type::String, "Attribution vectors per edge or per upstream node", "node", std::nullopt,
         std::nullopt, {"edge", "node"}},
        field("temperature", Type::Number, "InfoNCE temperature", d.temperature, 1e-6),
        field("meta_iterations", Type::Integer, "Meta-iterations", d.metaIterations, 1.0),
        field("tasks_per_iteration", Type::Integer, "Contrastive tasks per meta-iteration", d.tasksPerIteration, 1.0),
        field("anchors_per_task", Type::Integer, "Anchors per task", d.anchorsPerTask, 1.0),
        field("negatives_per_anchor", Type::Integer, "Negatives per anchor", d.negativesPerAnchor, 1.0),
        field("inner_steps", Type::Integer, "Inner SGD steps per task", d.innerSteps, 1.0),
        field("inner_lr", Type::Number, "Inner learning rate alpha", d.innerLearningRate, 0.0),
        field("outer_lr", Type::Number, "Reptile outer learning rate eta", d.outerLearningRate, 0.0),
        field("meta_learning", Type::Boolean, "Reptile meta-learning (off: plain contrastive steps)", d.metaLearning),
        field("null_space_protection", Type::Boolean, "Project the contrastive gradient", d.nullSpaceProtection),
        field("rho", Type::Number, "Projection strength (1: strict)", d.rho, 0.0),
        field("prediction_preservation", Type::Boolean, "Add the KL to the frozen reference", d.predictionPreservation),
        field("kl_weight", Type::Number, "Weight lambda of the KL", d.klWeight, 0.0),
        {"preserve_support", Type::String, "The KL's distribution: the candidate answers, or the whole vocabulary",
         "candidates", std::nullopt, std::nullopt, {"candidates", "vocabulary"}},
        field("preserve_batch", Type::Integer, "Preserve prompts per inner step", d.preserveBatchSize, 1.0),
        field("attribution_chunk", Type::Integer, "Prompt pairs differentiated at once (0: the whole task; fewer: less memory)",
              d.attributionChunk, 0.0),
        field("trainable", Type::Array, "Trained parameters: substrings of their names (empty: all)", d.trainable),
    }).present({{"model", "Model"},
                {"data", "Dataset"},
                {"split_seed", "Split seed", "", true},
                {"output", "Output folder"},
                {"granularity", "Granularity", "", true},
                {"temperature", "Temperature"},
                {"meta_iterations", "Meta-iterations", "iterations"},
                {"tasks_per_iteration", "Tasks per iteration", "tasks", true},
                {"anchors_per_task", "Anchors per task", "anchors", true},
                {"negatives_per_anchor", "Negatives per anchor", "negatives", true},
                {"inner_steps", "Inner steps per task", "steps", true},
                {"inner_lr", "Inner learning rate", "", true},
                {"outer_lr", "Outer learning rate", "", true},
                {"meta_learning", "Meta-learning"},
                {"null_space_protection", "Null-space protection"},
                {"rho", "Projection strength", "", true},
                {"prediction_preservation", "Prediction preservation", "", true},
                {"kl_weight", "KL weight", "", true},
                {"preserve_support", "KL over", "", true},
                {"preserve_batch", "Preserved prompts per step", "prompts", true},
                {"attribution_chunk", "Pairs differentiated at once", "pairs", true},
                {"trainable", "Trained parameters", "", true}});
}

class ReshapeJob : public Job {
public:
    void run(JobContext& context) override {
        // Killed after its last commit but before its status said "finished": nothing is left to do, and
        // writing the folder and its rows again would store them twice.
        if (context.loadCheckpoint(kOutputCheckpoint)) {
            context.log("info", "results already committed by an earlier attempt");
            return;
        }
        const nlohmann::json& p = context.params();
        const RunInputs in = loadRunInputs(context);
        const std::string& modelFolder = in.run.folder;
        data::SplitOptions split;
        split.seed = p.at("split_seed").get<std::uint64_t>();
        const ReshapeOptions options = reshapeOptionsFromParams(p, std::uint64_t(context.seed()));
        std::string output = p.at("output").get<std::string>();
        if (output.empty()) output = "reshaped/run-" + std::to_string(context.runId());
        output = resolveProjectOutput(context.store(), output, "output");

        context.report({0.0, "preparing pairs and the reference", {}});
        DecoderModel& model = in.model();
        const std::shared_ptr<const DecoderModel> original = frozenCopy(model);
        ReshapeData data = reshapeDataFor(in.tokenizer(), in.patterns, split, options.seed, 0);
        std::optional<AnswerPositionReference> answers;
        if (!data.preserve.empty()) answers = answerPositionReference(*original, preservePrompts(data), data.candidates, 0);
        CircuitReshaper reshaper(model, original, std::move(data), options);
        context.log("info", describeReshapeEstimate(reshaper, model, options));
        if (auto saved = context.loadCheckpoint(kCheckpoint)) {
            reshaper.resume(*saved, "run " + std::to_string(context.runId()) + " checkpoint '" + kCheckpoint + "'");
            context.log("info", "continuing after meta-iteration " + std::to_string(reshaper.progress().iteration));
        }
        while (!reshaper.finished()) {
            context.checkCancelled();
            reshaper.metaStep();
            const ReshapeProgress& r = reshaper.progress();
            context.commitStep(kCheckpoint, reshaper.checkpoint(), [] {});
            // How far the trained weights are from the start: a run that changes no answer can be told from
            // one that barely moved.
            const double moved = relativeParameterChange(original->weights(), model.weights(), options.trainable);
            char message[128];
            std::snprintf(message, sizeof message, "meta-iteration %lld/%lld  InfoNCE %.4f  KL %.5f  moved %.2e",
                          static_cast<long long>(r.iteration), static_cast<long long>(r.iterations), r.contrastiveLoss,
                          r.predictionKl, moved);
            context.report({0.02 + 0.96 * double(r.iteration) / double(r.iterations), message,
                            {{"contrastive_loss", r.contrastiveLoss},
                             {"prediction_kl", r.predictionKl},
                             {"positive_cosine", r.positiveCosine},
                             {"negative_cosine", r.negativeCosine},
                             {"projection_share", r.projectionShare},
                             {"weight_change", moved}}},
                           r.iteration);
        }

        if (answers) {
            const AnswerPositionCheck check = checkAnswerPosition(*answers, model);
            context.log(answerPositionLost(check) ? "warning" : "info", describeAnswerPositionCheck(check));
        }
        context.report({0.99, "writing " + output, {}});
        saveModelFolder(output, model, modelTokenizerJson(modelFolder));
        ModelRecord record;
        record.name = std::filesystem::path(output).filename().string();
        record.path = output;
        record.config = model.config().toJson();
        record.contentHash = modelContentHash(output);
        context.commitStep(kOutputCheckpoint, {}, [&] {
            const std::int64_t modelId = addModel(context.store(), record);
            const nlohmann::json manifest = {{"path", output}, {"content_hash", record.contentHash}, {"model_id", modelId},
                                             {"source_model", modelFolder}, {"data", in.dataSpec}};
            const std::string text = manifest.dump(2);
            saveArtifact(context.store(), context.runId(), "reshaped-model", "application/json",
                         std::vector<unsigned char>(text.begin(), text.end()));
            putResultRow(context.store(), context.runId(), "model", 0, manifest);
        });
        context.report({1.0, "wrote " + output, {}});
    }
};

}  // namespace

ReshapeOptions reshapeOptionsFromParams(const nlohmann::json& p, std::uint64_t seed) {
    nlohmann::json options = p;
    for (const char* notAnOption : {"model", "data", "split_seed", "output"}) options.erase(notAnOption);
    ReshapeOptions o = reshapeOptionsFromJson(options);
    o.seed = seed;
    return o;
}

StageInfo reshapeStage() {
    return {"reshape", "REdit circuit reshaping of a model on a dataset's patterns (resumable)", reshapeSchema(),
            [] { return std::make_unique<ReshapeJob>(); }};
}

}  // namespace redit::stages
