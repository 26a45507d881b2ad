#pragma once
// Edit evaluation (REDIT.md section 1): Raw, Generality and Locality per edited pattern, aggregated over
// patterns and seeds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/answer_accuracy.h"
#include "model/decoder.h"

namespace redit {

// Whether the model's best candidate (candidate-token scoring at the last real token) is the gold one, for
// every prompt, in left-padded batches of batchSize. Throws ConfigError for no candidates, a gold index out
// of range, an empty prompt or batchSize < 1.
std::vector<bool> answeredCorrectly(const DecoderModel& model, const std::vector<ScoredPrompt>& prompts,
                                    const std::vector<int64_t>& candidates, int64_t padId, int64_t batchSize);

// Share of true entries; ConfigError when empty.
double accuracy(const std::vector<bool>& correct);

// Of the instances correct before the edit, the share still correct after; nullopt when none was correct
// before. ConfigError when the vectors differ in length.
std::optional<double> locality(const std::vector<bool>& correctBefore, const std::vector<bool>& correctAfter);

// The outcome of editing one pattern with one seed.
struct PatternEditOutcome {
    std::string patternId;
    uint64_t seed = 0;
    double raw = 0;         // accuracy on the pattern's test split before the edit
    double generality = 0;  // accuracy on the same split after editing this pattern
    std::optional<double> locality;  // on the other patterns' test instances (pooled)
};

// Raw and Generality from this pattern's test split before/after, Locality from the other patterns' test
// instances before/after (pooled over all of them).
PatternEditOutcome patternEditOutcome(std::string patternId, uint64_t seed, const std::vector<bool>& testBefore,
                                      const std::vector<bool>& testAfter, const std::vector<bool>& othersBefore,
                                      const std::vector<bool>& othersAfter);

struct MeanStd {
    double mean = 0;
    double std = 0;  // sample standard deviation (n - 1); 0 for a single value
    int64_t n = 0;
};
MeanStd meanStd(const std::vector<double>& values);  // ConfigError when empty

// Per seed the mean over patterns, then mean and standard deviation of those per-seed means across seeds.
// Patterns without a locality value are left out of that seed's locality mean.
struct EditSummary {
    MeanStd raw, generality, locality;
    int64_t patterns = 0;  // distinct pattern ids
    int64_t seeds = 0;
};
EditSummary summarizeEdits(const std::vector<PatternEditOutcome>& outcomes);

}  // namespace redit
