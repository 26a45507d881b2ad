#pragma once
// Per-instance correctness of a model on every pattern's test split: what Raw, Generality and Locality
// (edit/evaluation.h) are computed from.
#include <cstdint>
#include <vector>

#include "data/pattern.h"
#include "data/splits.h"
#include "model/answer_accuracy.h"
#include "model/decoder.h"
#include "model/tokenizer.h"

namespace redit::pipeline {

// The test-split prompts of each pattern, rendered in the tokenizer's prompt style, and the answer tokens.
struct TestPrompts {
    std::vector<std::vector<ScoredPrompt>> perPattern;
    std::vector<int64_t> candidates;
};
TestPrompts testPrompts(const Tokenizer& tokenizer, const std::vector<data::Pattern>& patterns,
                        const data::SplitOptions& split);

// [pattern][instance]: whether the model's best candidate is the gold answer (answeredCorrectly).
std::vector<std::vector<bool>> testCorrectness(const DecoderModel& model, const TestPrompts& prompts, int64_t padId,
                                               int64_t batchSize);

// Every pattern's entries but pattern `skip`'s, concatenated in pattern order.
std::vector<bool> othersPooled(const std::vector<std::vector<bool>>& correctness, std::size_t skip);

}  // namespace redit::pipeline
