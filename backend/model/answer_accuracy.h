#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "model/decoder.h"

namespace redit {

// A prompt to score: its tokens and the index (into the candidate list) of the gold answer.
struct ScoredPrompt {
    std::vector<int32_t> prompt;
    int64_t gold = 0;
};

// A prompt's answer: the index of the candidate with the highest logit at the last token, and its
// probability among the candidates (softmax over the candidates' logits only).
struct ScoredAnswer {
    int64_t candidate = -1;
    float probability = 0;
};

// For each prompt, its answer. Prompts are batched by similar length (left-padded) in batches of at most
// batchSize. `cancelled` is polled between batches; when it returns true the function stops and returns
// what it has (shorter than the input).
std::vector<ScoredAnswer> scoreAnswers(const DecoderModel& model, const std::vector<ScoredPrompt>& prompts,
                                       const std::vector<int64_t>& candidateIds, int64_t padId, int64_t batchSize = 32,
                                       const std::function<bool()>& cancelled = {});

// For each prompt, the index of the candidate with the highest logit at the last token. Prompts are
// batched by similar length (left-padded) in batches of at most batchSize. `cancelled` is polled between
// batches; when it returns true the function stops and returns what it has (shorter than the input).
std::vector<int64_t> predictAnswers(const DecoderModel& model, const std::vector<ScoredPrompt>& prompts,
                                    const std::vector<int64_t>& candidateIds, int64_t padId, int64_t batchSize = 32,
                                    const std::function<bool()>& cancelled = {});

}  // namespace redit
