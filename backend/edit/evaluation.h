#pragma once
// Edit evaluation (docs/method.md section 1): Raw, Generality and Locality per edited pattern, aggregated over
// patterns and seeds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/answer_accuracy.h"
#include "model/decoder.h"
#include "results/edit_records.h"

namespace redit {

using results::PatternEditOutcome;  // the stored record (results/edit_records.h)

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


// Raw and Generality from this pattern's test split before/after, Locality from the other patterns' test
// instances before/after (pooled over all of them).
PatternEditOutcome patternEditOutcome(std::string patternId, uint64_t seed, const std::vector<bool>& testBefore,
                                      const std::vector<bool>& testAfter, const std::vector<bool>& othersBefore,
                                      const std::vector<bool>& othersAfter);


}  // namespace redit
