#include "edit/evaluation.h"

#include <cmath>

#include "model/scoring.h"
#include "util/error.h"

namespace redit {

std::vector<bool> answeredCorrectly(const DecoderModel& model, const std::vector<ScoredPrompt>& prompts,
                                    const std::vector<int64_t>& candidates, int64_t padId, int64_t batchSize) {
    if (candidates.empty()) throw ConfigError("evaluation needs candidate answer tokens");
    if (batchSize < 1) throw ConfigError("evaluation needs a batch size of at least 1");
    for (int64_t c : candidates)
        if (c < 0 || c >= model.config().vocabSize)
            throw ConfigError("candidate token " + std::to_string(c) + " is outside the vocabulary");
    for (const auto& p : prompts) {
        if (p.prompt.empty()) throw ConfigError("evaluation: a prompt is empty");
        if (p.gold < 0 || p.gold >= static_cast<int64_t>(candidates.size()))
            throw ConfigError("evaluation: gold answer index " + std::to_string(p.gold) + " is not a candidate");
    }
    std::vector<int64_t> predicted = predictAnswers(model, prompts, candidates, padId, batchSize);
    std::vector<bool> correct;
    for (size_t i = 0; i < prompts.size(); ++i) correct.push_back(predicted[i] == prompts[i].gold);
    return correct;
}

double accuracy(const std::vector<bool>& correct) {
    if (correct.empty()) throw ConfigError("accuracy of no instances");
    size_t hits = 0;
    for (bool c : correct) hits += c;
    return double(hits) / double(correct.size());
}

std::optional<double> locality(const std::vector<bool>& before, const std::vector<bool>& after) {
    if (before.size() != after.size())
        throw ConfigError("locality: " + std::to_string(before.size()) + " results before the edit, " +
                          std::to_string(after.size()) + " after");
    size_t kept = 0, still = 0;
    for (size_t i = 0; i < before.size(); ++i)
        if (before[i]) {
            ++kept;
            still += after[i];
        }
    if (kept == 0) return std::nullopt;
    return double(still) / double(kept);
}

PatternEditOutcome patternEditOutcome(std::string patternId, uint64_t seed, const std::vector<bool>& testBefore,
                                      const std::vector<bool>& testAfter, const std::vector<bool>& othersBefore,
                                      const std::vector<bool>& othersAfter) {
    if (testBefore.size() != testAfter.size())
        throw ConfigError("pattern " + patternId + ": test results before and after the edit differ in length");
    PatternEditOutcome o;
    o.patternId = std::move(patternId);
    o.seed = seed;
    o.raw = accuracy(testBefore);
    o.generality = accuracy(testAfter);
    o.locality = locality(othersBefore, othersAfter);
    return o;
}

}  // namespace redit
