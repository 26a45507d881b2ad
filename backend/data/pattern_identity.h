#pragma once
#include <string>

#include "data/logic_problem.h"

namespace redit::data {

// Three grains of pattern identity (docs/data.md):
//   Exact  - the abstract text itself: names, line order and values all count (ContextHub's identity).
//   Shape  - the operator tree read left to right, leaves as '*', e.g. "or(and(*,*),not(*))"; names, line
//            order, truth values and the question are ignored.
//   Family - the multiset of rule operators, sorted, e.g. "and+not+or"; level 1 has the families or/and/not.
enum class PatternGrain { Exact, Shape, Family };

std::string patternKey(const LogicProblem& problem, PatternGrain grain);

// The logical content without names or line order: the operator tree with leaf values (deductive) or
// with the observed value and the queried leaf marked '?' (abductive), e.g. "d:or(T,not(F))", "a:F:or(*,?)".
// Two problems with the same structure key have the same label.
std::string structureKey(const LogicProblem& problem);

}  // namespace redit::data
