#include "data/logic_problem.h"

#include <algorithm>
#include <map>

namespace redit::data {

std::string truthName(Truth t) {
    switch (t) {
        case Truth::True: return "True";
        case Truth::False: return "False";
        case Truth::Unknown: break;
    }
    return "N/A";
}

std::string operatorName(Operator op) {
    switch (op) {
        case Operator::Or: return "or";
        case Operator::And: return "and";
        case Operator::Not: break;
    }
    return "not";
}

std::string kindName(ReasoningKind kind) {
    return kind == ReasoningKind::Deductive ? "deductive" : "abductive";
}

const Rule* LogicProblem::ruleConcluding(const std::string& variable) const {
    for (const Rule& r : rules)
        if (r.conclusion == variable) return &r;
    return nullptr;
}

const Fact* LogicProblem::factFor(const std::string& variable) const {
    for (const Fact& f : facts)
        if (f.variable == variable) return &f;
    return nullptr;
}

// Iterative, so that a long chain in a user file cannot exhaust the stack. The parser guarantees a tree.
std::vector<std::string> LogicProblem::postOrder() const {
    std::vector<std::string> out;
    std::vector<std::pair<std::string, bool>> stack{{root, false}};
    while (!stack.empty()) {
        auto [node, expanded] = stack.back();
        stack.pop_back();
        const Rule* rule = ruleConcluding(node);
        if (expanded || !rule) {
            out.push_back(node);
            continue;
        }
        stack.emplace_back(node, true);
        for (auto it = rule->premises.rbegin(); it != rule->premises.rend(); ++it) stack.emplace_back(*it, false);
    }
    return out;
}

std::vector<std::string> LogicProblem::leaves() const {
    std::vector<std::string> out;
    for (const std::string& v : postOrder())
        if (!ruleConcluding(v)) out.push_back(v);
    return out;
}

namespace {

// Shortest and longest distance from each node down to a leaf.
std::map<std::string, std::pair<int, int>> leafDistances(const LogicProblem& p) {
    std::map<std::string, std::pair<int, int>> d;
    for (const std::string& v : p.postOrder()) {
        const Rule* rule = p.ruleConcluding(v);
        if (!rule) {
            d[v] = {0, 0};
            continue;
        }
        int lo = 1 << 30, hi = 0;
        for (const std::string& c : rule->premises) {
            lo = std::min(lo, d[c].first + 1);
            hi = std::max(hi, d[c].second + 1);
        }
        d[v] = {lo, hi};
    }
    return d;
}

}  // namespace

int LogicProblem::depth() const { return leafDistances(*this)[root].second; }

bool LogicProblem::isComplete() const {
    auto d = leafDistances(*this)[root];
    return d.first == d.second;
}

}  // namespace redit::data
