#include "stages/compare_stage.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "data/dataset_spec.h"
#include "edit/alphaedit.h"
#include "edit/mlp_keys.h"
#include "edit/pattern_accuracy.h"
#include "jobs/cancel_token.h"
#include "jobs/field_specs.h"
#include "jobs/job_context.h"
#include "stages/run_model.h"
#include "pipeline/answer_examples.h"
#include "analysis/edit_summary.h"
#include "results/edit_records.h"
#include "stages/key_matrix_cache.h"
#include "results/provenance.h"
#include "stages/lora_layers_param.h"
#include "stages/project_paths.h"
#include "store/results.h"

namespace redit::stages {

using namespace redit::schema;
using namespace redit::pipeline;
using namespace redit::results;

namespace {

using Type = FieldSpec::Type;

std::string percent(double v) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f", 100 * v);
    return text;
}

// Mean generality and locality of one chunk, for its log line.
std::string chunkSummary(const std::vector<EditOutcomeRow>& rows) {
    double generality = 0, locality = 0;
    int localities = 0;
    for (const EditOutcomeRow& r : rows) {
        generality += r.outcome.generality;
        if (r.outcome.locality) locality += *r.outcome.locality, ++localities;
    }
    return "generality " + percent(generality / double(rows.size())) + "%, locality " +
           (localities ? percent(locality / localities) + "%" : std::string("-"));
}

ComparisonOptions comparisonOptions(const nlohmann::json& p) {
    ComparisonOptions o;
    o.transferPatterns = p.at("transfer_patterns").get<std::size_t>();
    o.batchSize = p.at("batch").get<int64_t>();
    o.lora.steps = p.at("lora_steps").get<int64_t>();
    o.lora.learningRate = p.at("lora_lr").get<double>();
    o.lora.lora.rank = p.at("lora_rank").get<int64_t>();
    o.lora.lora.alpha = 2.0 * double(o.lora.lora.rank);
    o.lora.lora.layers = loraLayersParam(p);
    o.lora.protocol = parseLoraEditProtocol(p.at("protocol").get<std::string>());
    o.rome.layer = o.alphaEdit.layer = p.at("edit_layer").get<int64_t>();
    o.rome.value.steps = o.alphaEdit.value.steps = p.at("value_steps").get<int64_t>();
    o.rome.value.learningRate = o.alphaEdit.value.learningRate = p.at("value_lr").get<double>();
    o.rome.value.weightDecay = o.alphaEdit.value.weightDecay = p.at("value_weight_decay").get<double>();
    o.rome.value.clampNormFactor = o.alphaEdit.value.clampNormFactor = p.at("value_clamp").get<double>();
    o.rome.covarianceRidge = p.at("covariance_ridge").get<double>();
    o.alphaEdit.nullSpaceThreshold = p.at("null_space_threshold").get<double>();
    return o;
}

// Relative cost of one chunk of a method, from the chunk times in docs/performance.md: chunks handed to
// other processes go costliest first, so that the processes finish at about the same time.
int chunkCostRank(EditMethod method) {
    if (reshapesFirst(method)) return 4;
    switch (method) {
        case EditMethod::AlphaEdit: return 3;
        case EditMethod::Rome: return 2;
        case EditMethod::Lora: return 1;
        default: return 0;
    }
}

struct Chunk {
    uint64_t seed;
    EditMethod method;
    std::string name;
};

class CompareJob : public Job {
public:
    CompareJob(ReshaperFactory reshapers, CompareExecution execution)
        : reshapers_(std::move(reshapers)), execution_(std::move(execution)) {}

    void run(JobContext& context) override {
        const nlohmann::json& p = context.params();
        const RunInputs in = loadRunInputs(context);
        int level = p.at("level").get<int>();
        if (level == 0) level = data::parseDatasetSpec(in.dataSpec).level.value_or(in.patterns.front().level);
        const ComparisonOptions options = comparisonOptions(p);

        std::vector<EditMethod> methods;
        for (const auto& name : p.at("methods")) methods.push_back(parseEditMethod(name.get<std::string>()));
        const std::vector<uint64_t> seeds = p.at("seeds").get<std::vector<uint64_t>>();
        if (methods.empty() || seeds.empty()) throw ConfigError("compare: 'methods' and 'seeds' must not be empty");
        std::vector<Chunk> chunks;
        for (uint64_t seed : seeds)
            for (EditMethod method : methods) chunks.push_back({seed, method, compareChunkName(level, seed, method)});
        if (!execution_.onlyChunk.empty()) {
            const auto only = std::find_if(chunks.begin(), chunks.end(), [&](const Chunk& c) { return c.name == execution_.onlyChunk; });
            if (only == chunks.end())
                throw ConfigError("run " + std::to_string(context.runId()) + " has no chunk '" + execution_.onlyChunk + "'");
            chunks = {*only};
        }

        auto log = [&](const std::string& line) { context.log("info", line); };
        ComparisonInputs inputs = keyMatrixInputs(context, in.run.loaded, options);
        inputs.cancelled = [&] { return context.cancelled(); };
        inputs.log = log;
        if (p.value("keep_reshaped", false)) inputs.keepReshaped = reshapedModelKeeper(context, in.run.folder, level);
        for (const Chunk& chunk : chunks)
            if (reshapesFirst(chunk.method) && !inputs.reshape) inputs.reshape = reshapers_(in.tokenizer(), p.at("reshape"), log);
        if (execution_.farm) farmOut(context, chunks, inputs);

        const double total = double(chunks.size());
        int64_t done = 0;
        for (const Chunk& chunk : chunks) {
            const double start = double(done++) / total;
            if (context.loadCheckpoint(chunk.name)) {
                log(chunk.name + ": already done, skipped");
                continue;
            }
            // A chunk run for another process leaves the run's progress to that process's parent.
            const bool reports = execution_.onlyChunk.empty();
            inputs.progress = [&](double f) {
                if (reports) context.report({start + f / total, chunk.name, {}});
                else if (execution_.chunkProgress) execution_.chunkProgress(f);
            };
            if (reports) context.report({start, chunk.name, {}});
            const auto began = std::chrono::steady_clock::now();
            std::optional<std::vector<EditOutcomeRow>> rows =
                compareEdits(in.model(), in.tokenizer(), in.patterns, level, chunk.method, chunk.seed, options, inputs);
            if (!rows) throw JobCancelled();
            std::vector<nlohmann::json> json;
            for (const EditOutcomeRow& r : *rows) json.push_back(editOutcomeJson(r));
            context.commitStep(chunk.name, {}, [&] {
                // Committed meanwhile by another process (a chunk process outliving a killed parent): keep its rows.
                if (!context.loadCheckpoint(chunk.name)) appendResultRows(context.store(), context.runId(), kEditOutcomesTable, json);
            });
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
            // The thread count decides how sums are split, so the last bits of a trained edit (docs/reliability.md).
            const int threads = at::get_num_threads();
            char took[64];
            std::snprintf(took, sizeof took, "%.1f s, %d thread%s", seconds, threads, threads == 1 ? "" : "s");
            log(chunk.name + ": " + chunkSummary(*rows) + " (" + took + ")");
        }
        if (!execution_.onlyChunk.empty()) return;

        const std::vector<nlohmann::json> summary = analysis::editSummaryRows(loadEditOutcomes(context.store(), context.runId()));
        context.commitStep("summary", {}, [&] {
            for (std::size_t i = 0; i < summary.size(); ++i)
                putResultRow(context.store(), context.runId(), kEditSummaryTable, int64_t(i), summary[i]);
        });
        context.report({1.0, "compared " + std::to_string(methods.size()) + " methods on " + std::to_string(seeds.size()) + " seeds", {}});
    }

private:
    // Saves a reshaped model as a model folder reshaped/run-<id>-level<L>-seed<S>-<method> beside the project
    // (with the source model's tokenizer), so that it can be evaluated, edited or inspected on its own.
    static std::function<void(const DecoderModel&, EditMethod, uint64_t)> reshapedModelKeeper(
        JobContext& context, const std::string& sourceModel, int level) {
        return [&context, sourceModel, level](const DecoderModel& reshaped, EditMethod method, uint64_t seed) {
            std::string name = "reshaped/run-" + std::to_string(context.runId()) + "-level" + std::to_string(level) +
                               "-seed" + std::to_string(seed) + "-";
            for (char c : editMethodName(method)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
            const std::string folder = resolveProjectOutput(context.store(), name, "keep_reshaped");
            saveModelFolder(folder, reshaped, modelTokenizerJson(sourceModel));
            context.log("info", "saved the reshaped model of " + editMethodName(method) + " seed " +
                                    std::to_string(seed) + " to " + folder);
        };
    }

    // The keys' second moments ROME and AlphaEdit need (one matrix when they edit the same layer), from the
    // project's cache or computed (and cached) on first use, on the contextual instances of key_data.
    ComparisonInputs keyMatrixInputs(JobContext& context, const LoadedModel& loaded, const ComparisonOptions& options) {
        const std::string keyData = context.params().at("key_data").get<std::string>();
        const std::string modelHash = modelContentHash(loaded.folder);
        auto secondMoment = [&context, &loaded, keyData, modelHash](int64_t layer, int64_t padId, int64_t batchSize) {
            return [&context, &loaded, keyData, modelHash, layer, padId, batchSize] {
                bool computed = false;
                at::Tensor m = cachedKeyMatrix(
                    context.store(), context.runId(), keyMatrixName("key-second-moment", modelHash, layer, keyData),
                    [&] {
                        const auto prompts = contextualPrompts(loaded.tokenizer, data::loadDataset(keyData));
                        return keySecondMoment(*loaded.model, layer, prompts, padId, batchSize);
                    },
                    &computed);
                context.log("info", "key second moment of layer " + std::to_string(layer) +
                                        (computed ? ": computed and cached" : ": from the project's cache"));
                return m;
            };
        };
        const RomeOptions& rome = options.rome;
        const AlphaEditOptions& alpha = options.alphaEdit;
        ComparisonInputs inputs;
        inputs.romeCovariance = secondMoment(rome.layer, rome.padId, rome.batchSize);
        inputs.alphaEditKeySecondMoment = [&context, alpha, load = secondMoment(alpha.layer, alpha.padId, alpha.batchSize)] {
            at::Tensor m = load();
            logNullSpace(context, alpha, m);
            return m;
        };
        return inputs;
    }

    // An empty null space makes every AlphaEdit update zero: said at once instead of a table of no-changes.
    static void logNullSpace(JobContext& context, const AlphaEditOptions& alpha, const at::Tensor& keySecondMoment) {
        const int64_t dimensions = projectorRank(nullSpaceProjector(keySecondMoment, alpha.nullSpaceThreshold));
        char threshold[32];
        std::snprintf(threshold, sizeof threshold, "%g", alpha.nullSpaceThreshold);
        std::string message = "AlphaEdit at layer " + std::to_string(alpha.layer) + ": a null space of " +
                              std::to_string(dimensions) + " of " + std::to_string(keySecondMoment.size(0)) +
                              " key dimensions (eigenvalues of E[k k^T] below " + threshold + ")";
        if (dimensions == 0) message += ": every update is zero, so AlphaEdit changes nothing; raise null_space_threshold";
        context.log(dimensions == 0 ? "warning" : "info", message);
    }

    // Hands the chunks not yet committed to the farm, costliest first. The key matrices they need are
    // computed (and cached in the project) here first, so that no two processes compute the same one.
    void farmOut(JobContext& context, const std::vector<Chunk>& chunks, const ComparisonInputs& inputs) {
        std::vector<Chunk> pending;
        for (const Chunk& chunk : chunks)
            if (!context.loadCheckpoint(chunk.name)) pending.push_back(chunk);
        if (pending.size() < 2) return;
        std::stable_sort(pending.begin(), pending.end(), [](const Chunk& a, const Chunk& b) {
            return chunkCostRank(a.method) > chunkCostRank(b.method);
        });
        auto needs = [&](EditMethod m) {
            return std::any_of(pending.begin(), pending.end(), [m](const Chunk& c) { return c.method == m; });
        };
        if (needs(EditMethod::Rome)) inputs.romeCovariance();
        if (needs(EditMethod::AlphaEdit)) inputs.alphaEditKeySecondMoment();
        std::vector<std::string> names;
        for (const Chunk& chunk : pending) names.push_back(chunk.name);
        execution_.farm(context, names);
    }

    ReshaperFactory reshapers_;
    CompareExecution execution_;
};

nlohmann::json allMethodNames() {
    nlohmann::json names = nlohmann::json::array();
    for (EditMethod m : allEditMethods()) names.push_back(editMethodName(m));
    return names;
}

}  // namespace

std::string compareChunkName(int level, uint64_t seed, EditMethod method) {
    return "level " + std::to_string(level) + " seed " + std::to_string(seed) + " " + editMethodName(method);
}

void registerCompareStage(StageRegistry& registry, ReshaperFactory reshapers, CompareExecution execution) {
    registry.add(
        {"compare", "Raw, LoRA, ROME, AlphaEdit and REdit (with ablations) per pattern, seed and method on one level",
         ConfigSchema({{"model", Type::String, "Model folder", nullptr, std::nullopt, std::nullopt, {}},
                       {"data", Type::String, "Dataset spec of the level", nullptr, std::nullopt, std::nullopt, {}},
                       integer("level", "Level recorded in the rows (0: the dataset's)", 0, 0),
                       {"seeds", Type::Array, "Seeds (split, LoRA init, reshape sampling)", {0, 1, 2}, std::nullopt, std::nullopt, {}},
                       {"methods", Type::Array, "Methods to run", allMethodNames(), std::nullopt, std::nullopt, {}},
                       integer("transfer_patterns", "Patterns held out of reshaping per seed", 2, 0),
                       integer("batch", "Evaluation batch size", 64, 1),
                       integer("lora_steps", "LoRA steps per edit", 30, 1),
                       {"lora_lr", Type::Number, "LoRA learning rate", 1e-2, 0.0, 1.0, {}},
                       integer("lora_rank", "LoRA rank (alpha = 2 x rank)", 16, 1),
                       loraLayersField(),
                       {"protocol", Type::String, "revision-set (the paper) or sequential (the reference code)",
                        "revision-set", std::nullopt, std::nullopt, {"revision-set", "sequential"}},
                       integer("edit_layer", "MLP layer ROME and AlphaEdit edit", 1, 0),
                       integer("value_steps", "Steps of the target-value optimisation (ROME, AlphaEdit)", 25, 0),
                       number("value_lr", "Learning rate of the target-value optimisation", 0.5, 0.0),
                       number("value_weight_decay", "Weight of |delta|^2 / |v0|^2 in the target-value loss", 0.5, 0.0),
                       number("value_clamp", "Largest |delta| / |v0| of the target value", 4.0, 1e-9),
                       number("covariance_ridge", "ROME: ridge added to the key covariance (x mean diagonal)", 1e-3, 0.0),
                       number("null_space_threshold", "AlphaEdit: eigenvalues of the preserved keys' E[k k^T] below this span the null space", 1e-2, 0.0),
                       {"key_data", Type::String, "Dataset whose instances give ROME's covariance and AlphaEdit's preserved keys",
                        "synthetic:deductive:level1:seed=1:per_domain=2", std::nullopt, std::nullopt, {}},
                       {"reshape", Type::Object, "Reshaping options (REdit)", nlohmann::json::object(), std::nullopt, std::nullopt, {}},
                       field("keep_reshaped", Type::Boolean,
                             "Save each reshaped model (REdit and its ablations) as a model folder under reshaped/ beside the project",
                             false)})
             .present({{"model", "Model"},
                       {"data", "Dataset"},
                       {"level", "Level", "", true},
                       {"seeds", "Seeds"},
                       {"methods", "Methods"},
                       {"transfer_patterns", "Held-out patterns", "patterns", true},
                       {"batch", "Evaluation batch size", "prompts", true},
                       {"lora_steps", "LoRA steps per edit", "steps"},
                       {"lora_lr", "LoRA learning rate"},
                       {"lora_rank", "LoRA rank"},
                       {"lora_layers", "LoRA layers", "", true},
                       {"protocol", "Edit protocol", "", true},
                       {"edit_layer", "Edited MLP layer", "layer", true},
                       {"value_steps", "Target-value steps", "steps", true},
                       {"value_lr", "Target-value learning rate", "", true},
                       {"value_weight_decay", "Target-value weight decay", "", true},
                       {"value_clamp", "Target-value clamp", "", true},
                       {"covariance_ridge", "Covariance ridge", "", true},
                       {"null_space_threshold", "Null-space threshold", "", true},
                       {"key_data", "Key dataset", "", true},
                       {"reshape", "Reshaping options", "", true},
                       {"keep_reshaped", "Keep reshaped models", "", true}}),
         [reshapers, execution] { return std::make_unique<CompareJob>(reshapers, execution); }});
}

}  // namespace redit::stages
