#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/logic_problem.h"
#include "data/random.h"

namespace redit::data {

// Problems are complete rule trees of depth `level` (every leaf at that depth, NOT nodes unary), with
// variables named aaa, aab, ... in post-order as in ContextHub. Deductive: every leaf gets a value and the
// root is asked. Abductive: the root gets an observed value and one leaf is asked.
struct GeneratorOptions {
    ReasoningKind kind = ReasoningKind::Deductive;
    int level = 1;
    std::size_t count = 0;     // 0: every problem of the level (levels 1-2 only); else a label-balanced sample
    std::uint64_t seed = 0;
    bool shuffleLines = true;  // random valid line order; false keeps post-order
    bool randomNames = false;  // 2-5 letter names, none contained in another, instead of aaa, aab, ...
};

// Every problem of a level in canonical form (post-order names and line order): 10 and 210 deductive,
// 10 and 130 abductive at levels 1 and 2. Throws ConfigError for other levels (the space is too large).
std::vector<LogicProblem> enumerateProblems(ReasoningKind kind, int level);

// Exhaustive (count 0) or sampled problems, seeded and deterministic. Samples are distinct by structure and
// balanced over the labels the kind allows (deductive True/N/A, abductive True/False/N/A).
std::vector<LogicProblem> generateProblems(const GeneratorOptions& options);

// Line orders: a fact comes before the rule that uses it, a rule before the rule that uses its conclusion.
void shuffleLineOrder(LogicProblem& problem, Rng& rng);
std::vector<std::vector<StatementRef>> allLineOrders(const LogicProblem& problem);  // for small problems

// n distinct lowercase names of 2-5 letters; no name is a substring of another.
std::vector<std::string> randomVariableNames(std::size_t n, Rng& rng);

// The canonical name of the k-th variable in post-order: aaa, aab, ..., aaz, aba, ...
std::string canonicalVariableName(std::size_t k);

}  // namespace redit::data
