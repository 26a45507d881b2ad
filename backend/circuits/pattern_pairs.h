#pragma once
// The clean/corrupted pairs a pattern's circuit is scored on, and their tokenised EAP batch.
#include <cstdint>
#include <vector>

#include "circuits/eap.h"
#include "data/clean_corrupted.h"
#include "data/pattern.h"
#include "data/prompt_style.h"
#include "data/splits.h"
#include "model/tokenizer.h"

namespace redit {

struct PairOptions {
    std::size_t count = 16;    // K
    std::uint64_t seed = 0;    // verbalisation seeds
    data::SplitOptions split;  // pairs come from the pattern's train domains only
};

// K pairs from the pattern's train domains: round r verbalises the problem in every train domain with
// seed mixSeed(seed, r) and takes candidate flip r (mod the candidates) of each, until K are collected.
// Empty when no flip of the pattern changes its label (such a pattern has no circuit).
std::vector<data::CleanCorruptedPair> trainPairs(const data::Pattern& pattern, const PairOptions& options);

// Left-padded clean and corrupted batches with the style's answer tokens for both labels. ConfigError when a
// clean prompt and its corrupted twin tokenise to different lengths (EAP needs them aligned).
EapBatch eapBatchFor(const Tokenizer& tokenizer, const data::PromptStyle& style,
                     const std::vector<data::CleanCorruptedPair>& pairs, int64_t padId);

}  // namespace redit
