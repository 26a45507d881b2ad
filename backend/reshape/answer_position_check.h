#pragma once
// After a reshaping: what became of the whole next-token distribution at the answer position. The KL of
// prediction preservation (over the candidate answers by default) cannot see a reshaping that keeps the
// candidates in order while some other token takes the top; a LoRA edit, trained on the cross-entropy over the
// whole vocabulary, then starts far from its target (docs/method.md section 7, docs/results.md).
#include <cstdint>
#include <string>
#include <vector>

#include "model/decoder.h"

namespace redit {

// At most this many prompts are checked (the first ones): the original's side is a vocabulary-sized row each.
inline constexpr std::size_t kAnswerPositionPrompts = 256;

// The original model's side, taken before the reshaping so that no copy of the model has to be kept.
struct AnswerPositionReference {
    std::vector<std::vector<int32_t>> prompts;
    std::vector<int64_t> candidates;
    int64_t padId = 0;
    int64_t batchSize = 16;
    at::Tensor logProbabilities;  // [prompts, vocabulary] at the last position, fp32 (fp64 for an fp64 model)
};

// ConfigError for no prompts, a batch size below 1 or a candidate outside the vocabulary.
AnswerPositionReference answerPositionReference(const DecoderModel& original, std::vector<std::vector<int32_t>> prompts,
                                                std::vector<int64_t> candidates, int64_t padId, int64_t batchSize = 16);

struct AnswerPositionCheck {
    int64_t prompts = 0;
    int64_t candidateOnTopBefore = 0;  // prompts whose most likely next token is a candidate answer: original
    int64_t candidateOnTopAfter = 0;   // and reshaped
    double vocabularyKl = 0;           // mean over the prompts of KL(original || reshaped), whole vocabulary
};

AnswerPositionCheck checkAnswerPosition(const AnswerPositionReference& original, const DecoderModel& reshaped);

// "on 40 preserve prompts a candidate answer is the most likely next token in 38 (the original: 40); KL over
// the whole vocabulary 0.012", with a warning sentence when fewer than half of the original's remain.
std::string describeAnswerPositionCheck(const AnswerPositionCheck& check);
bool answerPositionLost(const AnswerPositionCheck& check);  // the warning's condition

}  // namespace redit
