#pragma once
#include <cstdint>
#include <string>

#include "data/logic_problem.h"
#include "data/pattern.h"

namespace redit::data {

// Turns an abstract problem into a concrete instance of `domain`, deterministically for a seed:
//  - a ContextHub domain: each variable gets a distinct proposition of the domain's lexicon, and the
//    statements are written in sentence frames ("It is true that P.", "If P or Q, then R.", ...), one line
//    each in the problem's line order, then the question; the frame variants are drawn from the seed;
//  - "abstract" (kAbstractDomain): each variable gets a distinct random 2-5 letter name (none a grammar word
//    such as "or"), and the text is the abstract grammar with those names.
// The label comes from the solver; subTopic is left empty for the caller.
// The draws depend only on the number of variables and the kind, never on fact values or the observed value,
// so problems that differ only in values get the same bindings and wording (clean/corrupted pairs rely on it).
// Throws ConfigError for an unknown domain or a problem with more variables than the domain has propositions.
Instance verbalise(const LogicProblem& problem, const std::string& domain, std::uint64_t seed);

}  // namespace redit::data
