#include "stages/eval_stage.h"

#include <algorithm>

#include "data/dataset_spec.h"
#include "edit/pattern_accuracy.h"
#include "jobs/job_context.h"
#include "stages/run_model.h"
#include "stages/project_paths.h"
#include "store/results.h"
#include "util/error.h"
#include "util/torch_runtime.h"

namespace redit {

namespace {

constexpr const char* kCheckpoint = "eval";
constexpr const char* kTable = "pattern_accuracy";
constexpr const char* kAnswersTable = "instance_answers";  // one row per pattern: every scored instance

ConfigSchema evalSchema() {
    using T = FieldSpec::Type;
    return ConfigSchema({
        {"model", T::String, "model folder (relative to the project file's folder)", nullptr, {}, {}, {}},
        {"data", T::String, "dataset spec (synthetic:deductive:level1, contexthub:DIR, ...)", nullptr, {}, {}, {}},
        {"instances", T::String, "all (contextual), test (test split), probe (abstract)", "all", {}, {}, {"all", "test", "probe"}},
        {"split_seed", T::Integer, "seed of the domain split (instances: test)", 0, 0.0, 9.0e15, {}},
        {"batch_size", T::Integer, "prompts per forward pass", 64, 1.0, 65536.0, {}},
        {"threads", T::Integer, "CPU threads (0: one per core)", 0, 0.0, 1024.0, {}},
        {"patterns_per_checkpoint", T::Integer, "patterns scored between checkpoints", 8, 1.0, {}, {}},
    }).present({{"model", "Model"},
                {"data", "Dataset"},
                {"instances", "Instances"},
                {"split_seed", "Split seed", "", true},
                {"batch_size", "Batch size", "prompts", true},
                {"threads", "CPU threads", "threads", true},
                {"patterns_per_checkpoint", "Patterns per checkpoint", "patterns", true}});
}

// The checkpoint: how many patterns (of how many) have their rows committed.
std::vector<unsigned char> encodeCursor(size_t done, size_t total) {
    const std::string text = nlohmann::json{{"patterns_done", done}, {"patterns", total}}.dump();
    return {text.begin(), text.end()};
}

size_t decodeCursor(const std::vector<unsigned char>& bytes, size_t total, const std::string& source) {
    const nlohmann::json j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("patterns_done") || !j["patterns_done"].is_number_unsigned() ||
        !j.contains("patterns") || !j["patterns"].is_number_unsigned())
        throw FileError(source, "must be a JSON object with non-negative integers 'patterns_done' and 'patterns'");
    if (j["patterns"].get<std::uint64_t>() != total)
        throw FileError(source, "was taken on " + j["patterns"].dump() + " patterns, the dataset now has " +
                                    std::to_string(total));
    const auto done = j["patterns_done"].get<std::uint64_t>();
    if (done > total) throw FileError(source, "field 'patterns_done' is beyond the dataset's patterns");
    return size_t(done);
}

nlohmann::json answersRowOf(const PatternAccuracy& p) {
    nlohmann::json answers = nlohmann::json::array();
    for (const InstanceAnswer& a : p.answers)
        answers.push_back({{"domain", a.domain}, {"text", a.text}, {"label", a.label}, {"answer", a.answer},
                           {"probability", a.probability}});
    return {{"pattern", p.patternId}, {"answers", answers}};
}

nlohmann::json rowOf(const PatternAccuracy& p) {
    return {{"pattern", p.patternId}, {"level", p.level},   {"label", p.label},
            {"correct", p.correct},   {"total", p.total},   {"accuracy", p.accuracy()}};
}

class EvalJob : public Job {
public:
    void run(JobContext& ctx) override {
        const nlohmann::json& params = ctx.params();
        configureThreads(params["threads"].get<int>());
        const std::string spec = params["data"].get<std::string>();
        ctx.report({0.0, "loading " + params["model"].get<std::string>() + " and " + spec, {}});
        RunModel run = loadRunModel(ctx);
        LoadedModel& loaded = run.loaded;
        const std::vector<data::Pattern> patterns = loadRunDataset(ctx);
        const size_t chunk = params["patterns_per_checkpoint"].get<size_t>();

        EvalOptions options;
        options.part = parseEvalPart(params["instances"].get<std::string>());
        options.split.seed = params["split_seed"].get<std::uint64_t>();
        options.batchSize = params["batch_size"].get<int64_t>();
        options.cancelled = [&] { return ctx.cancelled(); };

        size_t done = 0;
        if (auto saved = ctx.loadCheckpoint(kCheckpoint))
            done = decodeCursor(*saved, patterns.size(),
                                "run " + std::to_string(ctx.runId()) + " checkpoint '" + kCheckpoint + "'");
        const double total = double(std::max<size_t>(1, patterns.size()));
        while (done < patterns.size()) {
            ctx.checkCancelled();
            const size_t end = std::min(patterns.size(), done + chunk);
            const std::vector<data::Pattern> part(patterns.begin() + long(done), patterns.begin() + long(end));
            options.progress = [&](double f) {
                ctx.report({(double(done) + f * double(end - done)) / total, "patterns " + std::to_string(done + 1) +
                                                                                   "-" + std::to_string(end), {}});
            };
            const AccuracyReport report = evaluatePatterns(*loaded.model, loaded.tokenizer, part, options);
            ctx.checkCancelled();  // a cancelled evaluation returns an empty report
            ctx.commitStep(kCheckpoint, encodeCursor(end, patterns.size()), [&] {
                for (size_t i = 0; i < report.patterns.size(); ++i) {
                    putResultRow(ctx.store(), ctx.runId(), kTable, int64_t(done + i), rowOf(report.patterns[i]));
                    putResultRow(ctx.store(), ctx.runId(), kAnswersTable, int64_t(done + i), answersRowOf(report.patterns[i]));
                }
            });
            done = end;
            ctx.report({double(done) / total, std::to_string(done) + " of " + std::to_string(patterns.size()) + " patterns", {}});
        }

        // The summary counts every committed row, including those of earlier attempts.
        int64_t correct = 0, counted = 0;
        for (const ResultRow& row : resultRows(ctx.store(), ctx.runId(), kTable)) {
            correct += row.data["correct"].get<int64_t>();
            counted += row.data["total"].get<int64_t>();
        }
        const double accuracy = counted ? double(correct) / double(counted) : 0.0;
        putResultRow(ctx.store(), ctx.runId(), "eval_summary", 0,
                     {{"model", run.folder}, {"data", spec}, {"instances", params["instances"]}, {"patterns", patterns.size()},
                      {"correct", correct}, {"total", counted}, {"accuracy", accuracy}});
        ctx.report({1.0, "accuracy " + std::to_string(accuracy), {{"accuracy", accuracy}}});
    }
};

}  // namespace

StageInfo evalStage() {
    return {"eval", "Per-pattern answer accuracy of a model folder on a dataset, and each instance's answer and its "
                    "probability (resumable per chunk of patterns)",
            evalSchema(), [] { return std::make_unique<EvalJob>(); }};
}

}  // namespace redit
