#include "pipeline/edit_comparison.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "data/random.h"
#include "pipeline/interference.h"
#include "pipeline/lora_pattern_editor.h"
#include "pipeline/mlp_pattern_editors.h"
#include "pipeline/split_correctness.h"
#include "util/error.h"

namespace redit::pipeline {

using namespace redit::results;

namespace {

constexpr uint64_t kTransferStream = 0x7472616e73666572ull;  // "transfer": its own stream of the seed
constexpr double kReshapeShareOfProgress = 0.5;                // ComparisonInputs::progress

template <class T>
const T& required(const T& input, const char* what, EditMethod method) {
    if (!input) throw ConfigError(editMethodName(method) + " needs " + what);
    return input;
}

// The editor a method applies to each pattern, and the model it edits from.
struct ChunkEditor {
    PatternEditor edit;                        // empty for Raw
    std::shared_ptr<const DecoderModel> from;  // the base or the reshaped model
};

// "REdit seed 2: the reshaped model before any edit: sd1-00 0%, sd1-01 100%, ..." for the run's log.
std::string reshapedAccuracyLine(EditMethod method, uint64_t seed, const std::vector<data::Pattern>& patterns,
                                 const std::vector<std::vector<bool>>& correct) {
    std::string line = editMethodName(method) + " seed " + std::to_string(seed) + ": the reshaped model before any edit:";
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        char cell[64];
        std::snprintf(cell, sizeof cell, "%s %s %.0f%%", i == 0 ? "" : ",", patterns[i].id.c_str(), 100.0 * accuracy(correct[i]));
        line += cell;
    }
    return line;
}

}  // namespace

std::vector<std::string> transferPatternIds(const std::vector<data::Pattern>& patterns, std::size_t count,
                                            uint64_t seed) {
    if (count == 0) return {};
    if (count >= patterns.size())
        throw ConfigError("transfer patterns: " + std::to_string(count) + " held out of " +
                          std::to_string(patterns.size()) + " leaves none to reshape on");
    std::vector<std::size_t> order(patterns.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    data::Rng rng(data::mixSeed(seed, kTransferStream));
    rng.shuffle(order);
    order.resize(count);
    std::sort(order.begin(), order.end());
    std::vector<std::string> ids;
    for (std::size_t i : order) ids.push_back(patterns[i].id);
    return ids;
}

std::optional<std::vector<EditOutcomeRow>> compareEdits(const DecoderModel& base, const Tokenizer& tokenizer,
                                                        const std::vector<data::Pattern>& patterns, int level,
                                                        EditMethod method, uint64_t seed,
                                                        const ComparisonOptions& options,
                                                        const ComparisonInputs& inputs) {
    if (patterns.empty()) throw ConfigError("no patterns to compare edits on");
    auto cancelled = [&] { return inputs.cancelled && inputs.cancelled(); };
    data::SplitOptions split = options.split;
    split.seed = seed;
    LoraEditOptions lora = options.lora;
    lora.seed = seed;
    lora.padId = options.padId;

    const std::vector<std::string> transferIds = transferPatternIds(patterns, options.transferPatterns, seed);
    const std::set<std::string> transfer(transferIds.begin(), transferIds.end());
    const std::shared_ptr<const DecoderModel> baseRef(&base, [](const DecoderModel*) {});

    ChunkEditor chunk{{}, baseRef};
    const double editsStart = reshapesFirst(method) ? kReshapeShareOfProgress : 0.0;
    auto report = [&](double fraction) {
        if (inputs.progress) inputs.progress(fraction);
    };
    if (method == EditMethod::Lora) {
        chunk.edit = loraPatternEditor(tokenizer, lora, inputs.log);
    } else if (method == EditMethod::Rome) {
        RomeOptions rome = options.rome;
        rome.padId = options.padId;
        chunk.edit = romePatternEditor(tokenizer, rome, required(inputs.romeCovariance, "a key covariance", method)());
    } else if (method == EditMethod::AlphaEdit) {
        AlphaEditOptions alpha = options.alphaEdit;
        alpha.padId = options.padId;
        chunk.edit = alphaEditPatternEditor(tokenizer, alpha, required(inputs.alphaEditKeySecondMoment, "the preserved keys' second moment", method)(),
                                            inputs.log);
    } else if (reshapesFirst(method)) {
        std::vector<data::Pattern> reshapeOn;
        for (const data::Pattern& p : patterns)
            if (!transfer.count(p.id)) reshapeOn.push_back(p);
        chunk.from = required(inputs.reshape, "a reshaper", method)(base, reshapeOn, split, method, seed, inputs.cancelled,
                                                                    [&](double f) { report(editsStart * f); });
        if (!chunk.from) return std::nullopt;
        if (inputs.keepReshaped) inputs.keepReshaped(*chunk.from, method, seed);
        chunk.edit = loraPatternEditor(tokenizer, lora, inputs.log);
    }
    if (cancelled()) return std::nullopt;

    const TestPrompts prompts = testPrompts(tokenizer, patterns, split);
    const std::vector<std::vector<bool>> before = testCorrectness(base, prompts, options.padId, options.batchSize);
    std::vector<std::vector<bool>> reshaped;
    if (chunk.from.get() != &base) {
        reshaped = testCorrectness(*chunk.from, prompts, options.padId, options.batchSize);
        if (inputs.log) inputs.log(reshapedAccuracyLine(method, seed, patterns, reshaped));
    }
    std::vector<EditOutcomeRow> rows;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        if (cancelled()) return std::nullopt;
        EditOutcomeRow row;
        row.level = level;
        row.method = method;
        row.transfer = transfer.count(patterns[i].id) > 0;
        if (!chunk.edit) {
            row.outcome = {patterns[i].id, seed, accuracy(before[i]), accuracy(before[i]), std::nullopt};
        } else {
            const data::PatternSplit parts = data::splitPattern(patterns[i], split);
            const std::shared_ptr<const DecoderModel> edited = chunk.edit(*chunk.from, patterns[i], parts.revision);
            const std::vector<std::vector<bool>> after = testCorrectness(*edited, prompts, options.padId, options.batchSize);
            row.outcome = patternEditOutcome(patterns[i].id, seed, before[i], after[i], othersPooled(before, i),
                                             othersPooled(after, i));
            if (!reshaped.empty()) row.reshaped = accuracy(reshaped[i]);
        }
        rows.push_back(std::move(row));
        report(editsStart + (1.0 - editsStart) * double(i + 1) / double(patterns.size()));
    }
    return rows;
}

}  // namespace redit::pipeline
