#include "reshape/reshape_patterns.h"

#include <optional>

#include "edit/pattern_accuracy.h"
#include "reshape/answer_position_check.h"
#include "circuits/pattern_pairs.h"
#include "util/error.h"

namespace redit::pipeline {

namespace {

int64_t candidateOf(data::Truth label) { return label == data::Truth::True ? 0 : label == data::Truth::False ? 1 : 2; }

std::string joinIds(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "none" : out;
}

// The contrastive tasks take negatives from other patterns' pairs, so at least two patterns need pairs. Says
// which have none: a pattern whose label no single flipped fact changes has no clean/corrupted pair.
void requirePairsOfTwoPatterns(const std::vector<data::Pattern>& patterns, const ReshapeData& data) {
    std::vector<std::string> with, without;
    for (std::size_t p = 0; p < patterns.size(); ++p) (data.pools[p].empty() ? without : with).push_back(patterns[p].id);
    if (with.size() >= 2) return;
    throw ConfigError("reshaping needs clean/corrupted pairs of at least two patterns; of the " +
                      std::to_string(patterns.size()) + " reshaped, pairs exist for " + joinIds(with) +
                      " and not for " + joinIds(without) +
                      " (no single flipped fact changes their label): choose other patterns or hold fewer out");
}

}  // namespace

ReshapeData reshapeDataFor(const Tokenizer& tokenizer, const std::vector<data::Pattern>& patterns,
                           const data::SplitOptions& split, std::uint64_t seed, int64_t padId) {
    const data::PromptStyle style = promptStyleFor(tokenizer);
    ReshapeData data;
    data.candidates = answerTokenIds(tokenizer, style);
    data.padId = padId;
    PairOptions pairOptions;
    pairOptions.count = kReshapePairsPerPattern;
    pairOptions.seed = seed;
    pairOptions.split = split;
    for (const data::Pattern& pattern : patterns) {
        data.pools.emplace_back();
        for (const data::CleanCorruptedPair& pair : trainPairs(pattern, pairOptions)) {
            ReshapePair p;
            p.clean = tokenizer.encode(style.prompt(pair.clean.text));
            p.corrupted = tokenizer.encode(style.prompt(pair.corrupted.text));
            if (p.clean.size() != p.corrupted.size())
                throw ConfigError("pattern " + pattern.id + ": clean and corrupted prompts (flipped '" + pair.flipped +
                                  "', domain '" + pair.clean.domain + "') tokenise to different lengths");
            p.cleanAnswer = data.candidates[size_t(candidateOf(pair.clean.label))];
            p.corruptedAnswer = data.candidates[size_t(candidateOf(pair.corrupted.label))];
            p.domain = pair.clean.domain;
            data.pools.back().push_back(std::move(p));
        }
        for (const data::Instance& instance : data::splitPattern(pattern, split).train)
            data.preserve.push_back({tokenizer.encode(style.prompt(instance.text)), candidateOf(instance.label)});
    }
    requirePairsOfTwoPatterns(patterns, data);
    return data;
}

bool reshapeOnPatterns(DecoderModel& model, const Tokenizer& tokenizer,
                       const std::vector<data::Pattern>& patterns, const data::SplitOptions& split,
                       const ReshapeOptions& options, const std::function<void(const ReshapeProgress&)>& progress,
                       const std::function<bool()>& cancelled, const std::function<void(const std::string&)>& log) {
    ReshapeData data = reshapeDataFor(tokenizer, patterns, split, options.seed, 0);
    std::optional<AnswerPositionReference> original;
    if (log && !data.preserve.empty()) original = answerPositionReference(model, preservePrompts(data), data.candidates, 0);
    CircuitReshaper reshaper(model, frozenCopy(model), std::move(data), options);
    if (log) log(describeReshapeEstimate(reshaper, model, options));
    while (!reshaper.finished()) {
        if (cancelled && cancelled()) return false;
        reshaper.metaStep();
        if (progress) progress(reshaper.progress());
    }
    if (original) log("after reshaping: " + describeAnswerPositionCheck(checkAnswerPosition(*original, model)));
    return true;
}

std::vector<std::vector<int32_t>> preservePrompts(const ReshapeData& data) {
    std::vector<std::vector<int32_t>> prompts;
    for (const PreservePrompt& p : data.preserve) prompts.push_back(p.prompt);
    return prompts;
}

}  // namespace redit::pipeline
