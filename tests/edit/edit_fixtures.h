#pragma once
// Prompts for the editor tests on the tiny decoder (vocabulary 23, pad 0).
#include <vector>

#include "model/answer_training.h"
#include "model/scoring.h"

namespace redit::testing {

inline std::vector<std::vector<int32_t>> samplePrompts() {
    return {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11}, {12, 13, 14, 15, 16, 17}, {18, 19, 20, 21, 22},
            {2, 4, 6, 8, 10, 12}, {3, 5, 7, 9, 11, 13}, {22, 20, 18, 16, 14}, {21, 17, 13, 9, 5, 1},
            {4, 9, 16, 1, 3}, {6, 11, 2, 19, 8, 15}};
}

inline std::vector<AnswerExample> editPrompts() {
    return {{{5, 3, 9, 14}, 17}, {{8, 3, 9, 14}, 17}};
}

// Examples as one left-padded batch (pad 0) and their answers [B]: what a full forward pass of reference
// code takes.
struct AnswerBatch {
    TokenBatch tokens;
    at::Tensor answers;
};
inline AnswerBatch answerBatch(const std::vector<AnswerExample>& examples) {
    std::vector<std::vector<int32_t>> prompts;
    std::vector<int64_t> answers;
    for (const auto& e : examples) {
        prompts.push_back(e.prompt);
        answers.push_back(e.answer);
    }
    return {makeLeftPaddedBatch(prompts, 0), at::tensor(answers, at::kLong)};
}

}  // namespace redit::testing
