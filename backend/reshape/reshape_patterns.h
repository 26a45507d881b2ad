#pragma once
// Circuit reshaping of a model on reasoning patterns, for the comparison pipeline. Lives in redit::pipeline
// because it builds its data with circuits/pattern_pairs.h (clean/corrupted pairs of the train domains).
#include <functional>
#include <vector>

#include "data/pattern.h"
#include "data/splits.h"
#include "model/decoder.h"
#include "model/tokenizer.h"
#include "reshape/circuit_reshaper.h"

namespace redit::pipeline {

// Pairs per pattern in the contrastive pools.
inline constexpr std::size_t kReshapePairsPerPattern = 16;

// The reshape data of `patterns`: per pattern kReshapePairsPerPattern pairs of its train domains
// (trainPairs with options.seed), tokenised in the tokenizer's prompt style; the preserve set is every
// train-split instance of every pattern with its gold answer. ConfigError when a pair's prompts tokenise to
// different lengths, or when fewer than two patterns have pairs (the message names those without).
ReshapeData reshapeDataFor(const Tokenizer& tokenizer, const std::vector<data::Pattern>& patterns,
                           const data::SplitOptions& split, std::uint64_t seed, int64_t padId);

// The preserve set's prompts, for checkAnswerPosition after the reshaping.
std::vector<std::vector<int32_t>> preservePrompts(const ReshapeData& data);

// Reshapes `model` in place on the train split of `patterns` (pairs from pipeline::trainPairs).
// Returns false when cancelled. `log` gets the memory estimate and, at the end, the answer-position check
// (reshape/answer_position_check.h) on the preserve prompts.
bool reshapeOnPatterns(DecoderModel& model, const Tokenizer& tokenizer,
                       const std::vector<data::Pattern>& patterns, const data::SplitOptions& split,
                       const ReshapeOptions& options, const std::function<void(const ReshapeProgress&)>& progress,
                       const std::function<bool()>& cancelled,
                       const std::function<void(const std::string&)>& log = {});

}  // namespace redit::pipeline
