#include "data/logic_text.h"

namespace redit::data {

namespace {

std::string formatRule(const Rule& r) {
    if (r.op == Operator::Not) return "(NOT " + r.premises.at(0) + ") -> " + r.conclusion + ".";
    return "(" + r.premises.at(0) + " " + operatorName(r.op) + " " + r.premises.at(1) + ") -> " + r.conclusion + ".";
}

}  // namespace

std::string formatLogicProblem(const LogicProblem& p) {
    std::string out = p.kind == ReasoningKind::Abductive ? "\n" : "";
    for (const StatementRef& s : p.order) {
        if (s.isFact) {
            const Fact& f = p.facts.at(s.index);
            out += f.variable + (f.value ? " is True.\n" : " is False.\n");
        } else {
            out += formatRule(p.rules.at(s.index)) + "\n";
        }
    }
    if (p.kind == ReasoningKind::Deductive) return out + "Deduce the result of " + p.queried + ".";
    out += "Given " + p.root + (p.observedValue ? " is True" : " is False") + ", what is the value of " + p.queried + "?";
    return p.depth() == 1 ? out + "." : out;
}

LogicProblem renameVariables(const LogicProblem& problem, const std::map<std::string, std::string>& names) {
    auto rename = [&](std::string& v) {
        auto it = names.find(v);
        if (it != names.end()) v = it->second;
    };
    LogicProblem p = problem;
    for (Fact& f : p.facts) rename(f.variable);
    for (Rule& r : p.rules) {
        for (std::string& v : r.premises) rename(v);
        rename(r.conclusion);
    }
    rename(p.root);
    rename(p.queried);
    return p;
}

}  // namespace redit::data
