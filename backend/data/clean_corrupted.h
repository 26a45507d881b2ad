#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/logic_problem.h"
#include "data/pattern.h"

namespace redit::data {

// A clean instance and its minimally corrupted twin for attribution patching: same bindings and wording,
// one truth word flipped, and different labels (both from the solver).
struct CleanCorruptedPair {
    Instance clean;
    Instance corrupted;
    std::string flipped;  // the variable whose value was flipped (a leaf, or the observed root when abductive)
};

// Deductive: one candidate per leaf fact, its value flipped True <-> False. Abductive problems have no facts,
// so the observed value of the root is flipped instead (one candidate). Candidates whose label does not
// change are dropped. Both texts come from verbalise(problem, domain, seed), so they have the same number of
// words and differ in exactly one ("true" <-> "false", or "True" <-> "False" in the abstract domain).
std::vector<CleanCorruptedPair> cleanCorruptedPairs(const LogicProblem& problem, const std::string& domain,
                                                    std::uint64_t seed);

}  // namespace redit::data
