#include "stages/pipeline_stages.h"

#include "data/dataset_spec.h"
#include "edit/lora_edit.h"
#include "jobs/cancel_token.h"
#include "jobs/field_specs.h"
#include "jobs/job_context.h"
#include "stages/lora_layers_param.h"
#include "stages/run_model.h"
#include "results/circuit_records.h"
#include "stages/compare_stage.h"
#include "pipeline/interference.h"
#include "pipeline/pattern_scores.h"
#include "analysis/law_fit.h"
#include "results/law_records.h"
#include "pipeline/lora_pattern_editor.h"
#include "results/run_records.h"
#include "pipeline/redit_reshaper.h"
#include "stages/reshape_stage.h"
#include "store/project_store.h"

#include <torch/version.h>

namespace redit::stages {

using namespace redit::schema;
using namespace redit::analysis;
using namespace redit::pipeline;
using namespace redit::results;

namespace {

using Type = FieldSpec::Type;

// Each of these stages commits its results and its checkpoint in one transaction at its end. A run killed
// after that commit but before its status said "finished" is resumed as interrupted: it has nothing left to
// do, and computing again would write its results twice.
bool alreadyCommitted(JobContext& context, const std::string& checkpoint) {
    if (!context.loadCheckpoint(checkpoint)) return false;
    context.log("info", "results already committed by an earlier attempt");
    return true;
}

class CircuitsJob : public Job {
public:
    void run(JobContext& context) override {
        if (alreadyCommitted(context, "circuits")) return;
        const nlohmann::json& p = context.params();
        const RunInputs in = loadRunInputs(context);
        PatternScoreOptions options;
        options.pairs.count = p.at("pairs").get<std::size_t>();
        options.pairs.seed = std::uint64_t(context.seed());
        options.pairs.split.seed = p.at("split_seed").get<std::uint64_t>();
        options.eap.integratedGradientSteps = p.at("ig_steps").get<int64_t>();
        options.eap.memoryBudgetBytes = p.at("memory_mb").get<int64_t>() * (int64_t(1) << 20);
        options.eap.cancelled = [&] { return context.cancelled(); };
        options.progress = [&](double f) { context.report({f, "scoring pattern circuits", {}}); };
        std::optional<PatternScoreSet> scores = scorePatterns(in.model(), in.tokenizer(), in.patterns, options);
        if (!scores) throw JobCancelled();
        const GraphShape shape = GraphShape::of(in.model().config());
        context.commitStep("circuits", {}, [&] {
            writeCircuits(context.store(), context.runId(), in.run.modelId, shape, scores->patterns);
            for (const std::string& id : scores->withoutPairs)
                context.log("info", "no circuit for " + id + ": no flipped fact changes its label");
        });
    }
};

class DistancesJob : public Job {
public:
    void run(JobContext& context) override {
        if (alreadyCommitted(context, "distances")) return;
        const nlohmann::json& p = context.params();
        const int64_t circuitsRun = inputRun(context.store(), p.at("circuits_run").get<int64_t>(), "circuits");
        const CircuitRun circuits = loadCircuitRun(context.store(), circuitsRun);
        context.checkCancelled();
        std::vector<std::string> skipped;
        const std::vector<DistanceRow> rows = patternDistances(CircuitGraph(circuits.shape), circuits.patterns,
                                                               p.at("budgets").get<std::vector<double>>(), &skipped);
        for (const std::string& note : skipped) context.log("warning", note);
        context.commitStep("distances", {}, [&] { writeDistances(context.store(), context.runId(), circuits, rows); });
    }
};

constexpr const char* kInterferenceProgress = "interference-progress";

std::vector<unsigned char> interferenceToBytes(const InterferenceResult& r) {
    const std::string text =
        nlohmann::json{{"patterns", r.patterns}, {"base", r.baseAccuracy}, {"edited", r.editedAccuracy}}.dump();
    return {text.begin(), text.end()};
}

InterferenceResult interferenceFromBytes(const std::vector<unsigned char>& bytes) {
    try {
        const nlohmann::json j = nlohmann::json::parse(bytes.begin(), bytes.end());
        InterferenceResult r;
        r.patterns = j.at("patterns").get<std::vector<std::string>>();
        r.baseAccuracy = j.at("base").get<std::vector<double>>();
        r.editedAccuracy = j.at("edited").get<std::vector<std::vector<double>>>();
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(std::string("the interference run's saved progress is damaged: ") + e.what());
    }
}

class InterferenceJob : public Job {
public:
    void run(JobContext& context) override {
        if (alreadyCommitted(context, "interference")) return;
        const nlohmann::json& p = context.params();
        const RunInputs in = loadRunInputs(context);
        InterferenceOptions options;
        options.split.seed = p.at("split_seed").get<std::uint64_t>();
        options.batchSize = p.at("batch").get<int64_t>();
        options.cancelled = [&] { return context.cancelled(); };
        options.progress = [&](double f) { context.report({f, "editing and evaluating", {}}); };
        LoraEditOptions edit;
        edit.steps = p.at("lora_steps").get<int64_t>();
        edit.learningRate = p.at("lora_lr").get<double>();
        edit.lora.rank = p.at("lora_rank").get<int64_t>();
        edit.lora.alpha = 2.0 * double(edit.lora.rank);
        edit.lora.layers = loraLayersParam(p);
        edit.protocol = parseLoraEditProtocol(p.at("protocol").get<std::string>());
        edit.seed = static_cast<std::uint64_t>(context.seed());
        const PatternEditor editor = loraPatternEditor(in.tokenizer(), edit);
        // Each finished edit is a checkpoint: a killed run resumes at the next pattern, not at the base.
        if (const auto saved = context.loadCheckpoint(kInterferenceProgress)) options.resumeFrom = interferenceFromBytes(*saved);
        options.stepDone = [&](const InterferenceResult& partial) {
            context.commitStep(kInterferenceProgress, interferenceToBytes(partial), [] {});
        };
        std::optional<InterferenceResult> result = measureInterference(in.model(), in.tokenizer(), in.patterns, editor, options);
        if (!result) throw JobCancelled();
        context.commitStep("interference", {}, [&] { writeInterference(context.store(), context.runId(), *result); });
    }
};

class LawJob : public Job {
public:
    void run(JobContext& context) override {
        if (alreadyCommitted(context, "law")) return;
        const nlohmann::json& p = context.params();
        ProjectStore& store = context.store();
        const int64_t distancesRun = inputRun(store, p.at("distances_run").get<int64_t>(), "distances");
        const int64_t interferenceRun = inputRun(store, p.at("interference_run").get<int64_t>(), "interference");
        InterferenceFilterOptions reference;
        if (p.at("reference_filter").get<bool>()) reference.dropInterferenceBelow = kReferenceDeltaFloor;
        reference.slidingWindow = p.at("window").get<int64_t>();
        const std::vector<LawRow> rows =
            fitLaw(loadDistanceRows(store, distancesRun), loadInterferenceRun(store, interferenceRun), reference);
        context.commitStep("law", {}, [&] { writeLaw(store, context.runId(), rows); });
        context.report({1.0, "law fitted (" + describeReferenceFigureOptions(reference) + ")", {}});
    }
};

}  // namespace

void registerPipelineStages(StageRegistry& registry, const CompareExecution& compareExecution) {
    registry.addLibraryVersion("torch", TORCH_VERSION);
    registry.add({"circuits", "EAP circuit of every pattern and of two halves of its pairs",
                  ConfigSchema({required("model", "Model folder"), required("data", "Dataset spec"),
                                integer("pairs", "Clean/corrupted pairs K per pattern", 16, 2),
                                integer("ig_steps", "EAP-IG steps (0: EAP)", 0, 0),
                                integer("memory_mb", "Working-memory budget of one EAP batch", 4096, 1),
                                integer("split_seed", "Seed of the domain split", 0, 0)})
                      .present({{"model", "Model"},
                                {"data", "Dataset"},
                                {"pairs", "Pairs per pattern", "pairs"},
                                {"ig_steps", "Integrated-gradient steps", "steps", true},
                                {"memory_mb", "Memory budget per batch", "MiB", true},
                                {"split_seed", "Split seed", "", true}}),
                  [] { return std::make_unique<CircuitsJob>(); }});
    registry.add({"distances", "Distances between the pattern circuits at several budgets",
                  ConfigSchema({{"budgets", Type::Array, "Top fractions of the edges kept", {0.01, 0.05, 0.10},
                                 std::nullopt, std::nullopt, {}},
                                integer("circuits_run", "Circuits run (0: the newest)", 0, 0)})
                      .present({{"budgets", "Edge budgets", "fraction of edges"}, {"circuits_run", "Circuits run", "run id"}}),
                  [] { return std::make_unique<DistancesJob>(); }});
    registry.add({"interference", "Delta(i -> j) after a LoRA edit of each pattern i from the same base model",
                  ConfigSchema({required("model", "Model folder"), required("data", "Dataset spec"),
                                integer("split_seed", "Seed of the domain split", 0, 0),
                                integer("batch", "Evaluation batch size", 64, 1),
                                integer("lora_steps", "LoRA steps per edit", 30, 1),
                                {"lora_lr", Type::Number, "LoRA learning rate", 1e-2, 0.0, 1.0, {}},
                                integer("lora_rank", "LoRA rank (alpha = 2 x rank)", 16, 1),
                                loraLayersField(),
                                {"protocol", Type::String, "revision-set (the paper) or sequential (the reference code)",
                                 "revision-set", std::nullopt, std::nullopt, {"revision-set", "sequential"}}})
                      .present({{"model", "Model"},
                                {"data", "Dataset"},
                                {"split_seed", "Split seed", "", true},
                                {"batch", "Evaluation batch size", "prompts", true},
                                {"lora_steps", "LoRA steps per edit", "steps"},
                                {"lora_lr", "LoRA learning rate"},
                                {"lora_rank", "LoRA rank"},
                                {"lora_layers", "LoRA layers", "", true},
                                {"protocol", "Edit protocol", "", true}}),
                  [] { return std::make_unique<InterferenceJob>(); }});
    registry.add({"law", "Fit Delta ~ alpha + beta d per metric and budget",
                  ConfigSchema({integer("distances_run", "Distances run (0: the newest)", 0, 0),
                                integer("interference_run", "Interference run (0: the newest)", 0, 0),
                                {"reference_filter", Type::Boolean,
                                 "Reference figure only: drop points with Delta < 0.1 (off by default)", false,
                                 std::nullopt, std::nullopt, {}},
                                integer("window", "Reference figure only: sliding-window average (0: off)", 0, 0)})
                      .present({{"distances_run", "Distances run", "run id"},
                                {"interference_run", "Interference run", "run id"},
                                {"reference_filter", "Reference filter", "", true},
                                {"window", "Sliding window", "points", true}}),
                  [] { return std::make_unique<LawJob>(); }});
    registerCompareStage(registry, [](const Tokenizer& tokenizer, const nlohmann::json& reshape,
                                      const std::function<void(const std::string&)>& log) {
        return reditReshaper(tokenizer, reshapeOptionsFromJson(reshape), log);
    }, compareExecution);
    registry.add(reshapeStage());
}

}  // namespace redit::stages
