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

// For each prompt, the index of the candidate with the highest logit at the last token. Prompts are
// batched by similar length (left-padded) in batches of at most batchSize. `cancelled` is polled between
// batches; when it returns true the function stops and returns what it has (shorter than the input).
std::vector<int64_t> predictAnswers(const DecoderModel& model, const std::vector<ScoredPrompt>& prompts,
                                    const std::vector<int64_t>& candidateIds, int64_t padId, int64_t batchSize = 32,
                                    const std::function<bool()>& cancelled = {});

}  // namespace redit
