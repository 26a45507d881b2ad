#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/logic_problem.h"
#include "data/pattern.h"

namespace redit::data {

struct SyntheticOptions {
    ReasoningKind kind = ReasoningKind::Deductive;
    int level = 1;
    std::size_t count = 0;      // patterns; 0: every problem at levels 1-2, kDefaultSyntheticCount at levels 3-4
    std::uint64_t seed = 0;
    std::size_t perDomain = 5;  // instances per domain, abstract variants included
};

inline constexpr std::size_t kDefaultSyntheticCount = 40;  // as many as ContextHub has at levels 3-4

// Patterns from the generator (generateProblems: the whole space, or a label-balanced sample of distinct
// structures) with canonical names and a random valid line order, each with perDomain instances in each of
// the eleven domains and perDomain abstract variants, all built by verbalise() with sub-seeds of the seed
// (subTopic "0", "1", ...). Ids follow ContextHub's scheme with the prefix "s": "sd1-03" is the fourth
// generated deductive level-1 pattern. Deterministic for a seed; throws ConfigError for impossible options.
std::vector<Pattern> syntheticDataset(const SyntheticOptions& options);

}  // namespace redit::data
