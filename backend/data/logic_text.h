#pragma once
#include <map>
#include <string>

#include "data/logic_problem.h"

namespace redit::data {

// The abstract problem text of ContextHub (grammar in docs/data.md):
//   aaa is True.                          a fact (deductive only)
//   (aaa or aab) -> aac.                  a rule; also "and", and "(NOT aaa) -> aab."
//   Deduce the result of aac.             deductive question (the root)
//   Given aac is False, what is the value of aab?     abductive question (root observed, a leaf asked)
// Blank lines are ignored; abductive texts start with one and level-1 abductive questions end in "?.".
//
// Throws FileError(file, "<record>: line N: <problem>") for anything that is not this grammar or not a
// tree (undefined or twice-defined variables, several roots, a question that does not ask the root or a leaf).
LogicProblem parseLogicProblem(const std::string& text, const std::string& file, const std::string& record);

// Writes the problem exactly as the ContextHub files do (inverse of parseLogicProblem).
std::string formatLogicProblem(const LogicProblem& problem);

// The same problem with variables renamed (names missing from the map are kept).
LogicProblem renameVariables(const LogicProblem& problem, const std::map<std::string, std::string>& names);

}  // namespace redit::data
