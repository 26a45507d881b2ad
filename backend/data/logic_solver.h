#pragma once
#include <map>
#include <string>

#include "data/logic_problem.h"

namespace redit::data {

// Deductive: forward evaluation with Kleene logic. A rule's premise is evaluated from its inputs
// (NOT Unknown = Unknown; or is True if any input is True; and is True only if all are); a True premise makes
// the conclusion True, anything else leaves it Unknown (denying the antecedent proves nothing).
// Returns every variable's value (facts included).
std::map<std::string, Truth> deduceAll(const LogicProblem& problem);

// Abductive: the root's observed value propagates backwards. A False conclusion makes each disjunct of an
// "or" False, the operand of a NOT True, and each conjunct of an "and" Unknown; a True or Unknown conclusion
// makes its antecedents Unknown. Returns every variable's value.
std::map<std::string, Truth> abduceAll(const LogicProblem& problem);

// The label: the queried variable's value under the problem's kind of reasoning.
Truth solve(const LogicProblem& problem);

}  // namespace redit::data
