#include "data/logic_solver.h"

#include <algorithm>

namespace redit::data {

namespace {

Truth premiseValue(Operator op, const std::vector<Truth>& in) {
    auto any = [&](Truth t) { return std::find(in.begin(), in.end(), t) != in.end(); };
    switch (op) {
        case Operator::Not:
            return in.at(0) == Truth::Unknown ? Truth::Unknown : (in.at(0) == Truth::True ? Truth::False : Truth::True);
        case Operator::Or:
            return any(Truth::True) ? Truth::True : (any(Truth::Unknown) ? Truth::Unknown : Truth::False);
        case Operator::And:
            break;
    }
    return any(Truth::False) ? Truth::False : (any(Truth::Unknown) ? Truth::Unknown : Truth::True);
}

Truth abducedPremise(Operator op, Truth conclusion) {
    if (conclusion != Truth::False) return Truth::Unknown;
    if (op == Operator::Or) return Truth::False;
    if (op == Operator::Not) return Truth::True;
    return Truth::Unknown;  // a false "and" says only that some conjunct is false
}

}  // namespace

std::map<std::string, Truth> deduceAll(const LogicProblem& p) {
    std::map<std::string, Truth> value;
    for (const std::string& v : p.postOrder()) {
        const Rule* rule = p.ruleConcluding(v);
        if (!rule) {
            const Fact* f = p.factFor(v);
            value[v] = f ? (f->value ? Truth::True : Truth::False) : Truth::Unknown;
            continue;
        }
        std::vector<Truth> in;
        for (const std::string& c : rule->premises) in.push_back(value.at(c));
        value[v] = premiseValue(rule->op, in) == Truth::True ? Truth::True : Truth::Unknown;
    }
    return value;
}

std::map<std::string, Truth> abduceAll(const LogicProblem& p) {
    std::map<std::string, Truth> value;
    std::vector<std::string> order = p.postOrder();
    value[p.root] = p.observedValue ? Truth::True : Truth::False;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {  // parents before children
        const Rule* rule = p.ruleConcluding(*it);
        if (!rule) continue;
        for (const std::string& c : rule->premises) value[c] = abducedPremise(rule->op, value.at(*it));
    }
    return value;
}

Truth solve(const LogicProblem& p) {
    auto values = p.kind == ReasoningKind::Deductive ? deduceAll(p) : abduceAll(p);
    auto it = values.find(p.queried);
    return it == values.end() ? Truth::Unknown : it->second;
}

}  // namespace redit::data
