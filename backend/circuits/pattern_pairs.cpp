#include "circuits/pattern_pairs.h"

#include "data/random.h"
#include "edit/pattern_accuracy.h"
#include "model/scoring.h"
#include "util/error.h"

namespace redit {

std::vector<data::CleanCorruptedPair> trainPairs(const data::Pattern& pattern, const PairOptions& options) {
    const data::PatternSplit split = data::splitPattern(pattern, options.split);
    std::vector<data::CleanCorruptedPair> out;
    for (std::uint64_t round = 0; out.size() < options.count; ++round) {
        const std::size_t before = out.size();
        for (const std::string& domain : split.trainDomains) {
            if (out.size() == options.count) break;
            std::vector<data::CleanCorruptedPair> candidates =
                data::cleanCorruptedPairs(pattern.problem, domain, data::mixSeed(options.seed, round));
            if (!candidates.empty()) out.push_back(std::move(candidates[round % candidates.size()]));
        }
        if (out.size() == before) return {};
    }
    return out;
}

namespace {

int64_t answerId(const std::vector<int64_t>& answerIds, data::Truth label) {
    return answerIds[label == data::Truth::True ? 0 : label == data::Truth::False ? 1 : 2];
}

}  // namespace

EapBatch eapBatchFor(const Tokenizer& tokenizer, const data::PromptStyle& style,
                     const std::vector<data::CleanCorruptedPair>& pairs, int64_t padId) {
    const std::vector<int64_t> answerIds = answerTokenIds(tokenizer, style);
    std::vector<std::vector<int32_t>> clean, corrupted;
    EapBatch batch;
    for (const data::CleanCorruptedPair& pair : pairs) {
        clean.push_back(tokenizer.encode(style.prompt(pair.clean.text)));
        corrupted.push_back(tokenizer.encode(style.prompt(pair.corrupted.text)));
        if (clean.back().size() != corrupted.back().size())
            throw ConfigError("clean and corrupted prompts (flipped '" + pair.flipped + "', domain '" + pair.clean.domain +
                              "') have " + std::to_string(clean.back().size()) + " and " +
                              std::to_string(corrupted.back().size()) + " tokens; EAP needs equal lengths");
        batch.cleanAnswers.push_back(answerId(answerIds, pair.clean.label));
        batch.corruptedAnswers.push_back(answerId(answerIds, pair.corrupted.label));
    }
    batch.clean = makeLeftPaddedBatch(clean, padId);
    batch.corrupted = makeLeftPaddedBatch(corrupted, padId);
    return batch;
}

}  // namespace redit
