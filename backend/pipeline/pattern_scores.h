#pragma once
// Step 1 of the law pipeline: the mean EAP scores of every pattern, and of two disjoint halves of its pairs.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "circuits/eap.h"
#include "circuits/graph.h"
#include "data/pattern.h"
#include "model/decoder.h"
#include "model/tokenizer.h"
#include "circuits/pattern_pairs.h"
#include "results/circuit_records.h"

namespace redit::pipeline {

using results::PatternScores;  // the stored record this step produces

struct PatternScoreOptions {
    PairOptions pairs;
    EapOptions eap;  // metric, EAP-IG steps, memory budget, cancel check (its progress is replaced)
    int64_t padId = 0;
    std::function<void(double fraction)> progress;  // over all patterns
};

struct PatternScoreSet {
    std::vector<PatternScores> patterns;
    std::vector<std::string> withoutPairs;  // patterns no flipped fact changes the label of: no circuit
};

// Scores the halves separately (each one EAP call, chunked to the memory budget) and weighs their means
// into the whole mean, so the K pairs are scored once. ConfigError for fewer than 2 pairs. Nullopt when
// cancelled.
std::optional<PatternScoreSet> scorePatterns(const DecoderModel& model, const Tokenizer& tokenizer,
                                                        const std::vector<data::Pattern>& patterns,
                                                        const PatternScoreOptions& options);

}  // namespace redit::pipeline
