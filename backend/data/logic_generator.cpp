#include "data/logic_generator.h"

#include <map>
#include <memory>
#include <set>

#include "data/logic_solver.h"
#include "data/logic_text.h"
#include "data/pattern_identity.h"
#include "util/error.h"

namespace redit::data {

namespace {

struct Tree {
    bool leaf = true;
    Operator op = Operator::Or;
    std::vector<Tree> kids;
    bool value = false;  // deductive leaves
};

std::vector<Tree> enumerateTrees(bool withValues, int depth) {
    if (depth == 0) {
        if (!withValues) return {Tree{}};
        Tree t, f;
        t.value = true;
        return {t, f};
    }
    std::vector<Tree> below = enumerateTrees(withValues, depth - 1), out;
    for (const Tree& k : below) out.push_back(Tree{false, Operator::Not, {k}, false});
    for (Operator op : {Operator::Or, Operator::And})
        for (const Tree& a : below)
            for (const Tree& b : below) out.push_back(Tree{false, op, {a, b}, false});
    return out;
}

// Number of trees of each depth, to sample uniformly without enumerating.
std::uint64_t treeCount(bool withValues, int depth) {
    if (depth == 0) return withValues ? 2 : 1;
    std::uint64_t n = treeCount(withValues, depth - 1);
    return n + 2 * n * n;
}

Tree sampleTree(bool withValues, int depth, Rng& rng) {
    if (depth == 0) {
        Tree t;
        t.value = withValues && rng.coin();
        return t;
    }
    std::uint64_t below = treeCount(withValues, depth - 1);
    if (rng.below(treeCount(withValues, depth)) < below) return Tree{false, Operator::Not, {sampleTree(withValues, depth - 1, rng)}, false};
    Operator op = rng.coin() ? Operator::And : Operator::Or;
    Tree a = sampleTree(withValues, depth - 1, rng);
    return Tree{false, op, {a, sampleTree(withValues, depth - 1, rng)}, false};
}

// Names nodes in post-order and writes facts and rules in that (valid) order.
std::string addTree(const Tree& t, LogicProblem& p, std::size_t& next) {
    std::vector<std::string> kids;
    for (const Tree& k : t.kids) kids.push_back(addTree(k, p, next));
    std::string name = canonicalVariableName(next++);
    if (t.leaf) {
        if (p.kind == ReasoningKind::Deductive) {
            p.order.push_back({true, p.facts.size()});
            p.facts.push_back({name, t.value});
        }
    } else {
        p.order.push_back({false, p.rules.size()});
        p.rules.push_back({t.op, kids, name});
    }
    return name;
}

LogicProblem problemFromTree(ReasoningKind kind, const Tree& t) {
    LogicProblem p;
    p.kind = kind;
    std::size_t next = 0;
    p.root = p.queried = addTree(t, p, next);
    return p;
}

// Deductive: the tree is the problem. Abductive: one problem per observed value and queried leaf.
std::vector<LogicProblem> problemsOfTree(ReasoningKind kind, const Tree& t) {
    LogicProblem base = problemFromTree(kind, t);
    if (kind == ReasoningKind::Deductive) return {base};
    std::vector<LogicProblem> out;
    for (bool observed : {false, true})
        for (const std::string& leaf : base.leaves()) {
            LogicProblem p = base;
            p.observedValue = observed;
            p.queried = leaf;
            out.push_back(p);
        }
    return out;
}

std::vector<Truth> labelsOf(ReasoningKind kind) {
    if (kind == ReasoningKind::Deductive) return {Truth::True, Truth::Unknown};
    return {Truth::True, Truth::False, Truth::Unknown};
}

// Prerequisite lines of each line: the lines defining its premises.
std::vector<std::vector<std::size_t>> lineDependencies(const LogicProblem& p) {
    std::map<std::string, std::size_t> definedBy;
    for (std::size_t i = 0; i < p.order.size(); ++i) {
        const StatementRef& s = p.order[i];
        definedBy[s.isFact ? p.facts[s.index].variable : p.rules[s.index].conclusion] = i;
    }
    std::vector<std::vector<std::size_t>> deps(p.order.size());
    for (std::size_t i = 0; i < p.order.size(); ++i)
        if (!p.order[i].isFact)
            for (const std::string& v : p.rules[p.order[i].index].premises)
                if (auto it = definedBy.find(v); it != definedBy.end()) deps[i].push_back(it->second);
    return deps;
}

void extendOrders(const LogicProblem& p, const std::vector<std::vector<std::size_t>>& deps, std::vector<bool>& placed,
                  std::vector<StatementRef>& prefix, std::vector<std::vector<StatementRef>>& out) {
    if (prefix.size() == p.order.size()) {
        out.push_back(prefix);
        return;
    }
    for (std::size_t i = 0; i < p.order.size(); ++i) {
        if (placed[i]) continue;
        bool ready = true;
        for (std::size_t d : deps[i]) ready = ready && placed[d];
        if (!ready) continue;
        placed[i] = true;
        prefix.push_back(p.order[i]);
        extendOrders(p, deps, placed, prefix, out);
        prefix.pop_back();
        placed[i] = false;
    }
}

void finish(LogicProblem& p, const GeneratorOptions& o, Rng& rng) {
    if (o.shuffleLines) shuffleLineOrder(p, rng);
    if (!o.randomNames) return;
    std::vector<std::string> variables = p.postOrder(), names = randomVariableNames(variables.size(), rng);
    std::map<std::string, std::string> rename;
    for (std::size_t i = 0; i < variables.size(); ++i) rename[variables[i]] = names[i];
    p = renameVariables(p, rename);
}

}  // namespace

std::string canonicalVariableName(std::size_t k) {
    if (k >= 26 * 26 * 26) throw ConfigError("more variables than three-letter names");
    std::string name(3, 'a');
    for (int i = 2; i >= 0; --i, k /= 26) name[i] = char('a' + k % 26);
    return name;
}

std::vector<LogicProblem> enumerateProblems(ReasoningKind kind, int level) {
    if (level < 1 || level > 2) throw ConfigError("exhaustive generation covers levels 1 and 2 (got level " + std::to_string(level) + ")");
    std::vector<LogicProblem> out;
    for (const Tree& t : enumerateTrees(kind == ReasoningKind::Deductive, level))
        for (LogicProblem& p : problemsOfTree(kind, t)) out.push_back(std::move(p));
    return out;
}

std::vector<LogicProblem> generateProblems(const GeneratorOptions& o) {
    if (o.level < 1 || o.level > 4) throw ConfigError("level must be 1 to 4 (got " + std::to_string(o.level) + ")");
    Rng rng(o.seed);
    std::vector<LogicProblem> out;
    if (o.count == 0) {
        out = enumerateProblems(o.kind, o.level);
        for (LogicProblem& p : out) finish(p, o, rng);
        return out;
    }
    const std::vector<Truth> labels = labelsOf(o.kind);
    std::map<Truth, std::size_t> quota;
    for (std::size_t i = 0; i < labels.size(); ++i) quota[labels[i]] = o.count / labels.size() + (i < o.count % labels.size() ? 1 : 0);
    std::set<std::string> seen;
    auto offer = [&](LogicProblem p) {
        Truth label = solve(p);
        if (quota[label] == 0 || !seen.insert(structureKey(p)).second) return;
        --quota[label];
        finish(p, o, rng);
        out.push_back(std::move(p));
    };
    if (o.level <= 2) {
        std::vector<LogicProblem> all = enumerateProblems(o.kind, o.level);
        rng.shuffle(all);
        for (LogicProblem& p : all) offer(std::move(p));
    } else {
        const bool deductive = o.kind == ReasoningKind::Deductive;
        for (std::size_t attempt = 0; out.size() < o.count && attempt < 1000 * o.count; ++attempt) {
            LogicProblem p = problemFromTree(o.kind, sampleTree(deductive, o.level, rng));
            if (!deductive) {
                std::vector<std::string> leaves = p.leaves();
                p.observedValue = rng.coin();
                p.queried = leaves[rng.below(leaves.size())];
            }
            offer(std::move(p));
        }
    }
    if (out.size() < o.count)
        throw ConfigError("cannot draw " + std::to_string(o.count) + " distinct label-balanced " + kindName(o.kind) +
                          " problems at level " + std::to_string(o.level) + " (got " + std::to_string(out.size()) + ")");
    rng.shuffle(out);
    return out;
}

void shuffleLineOrder(LogicProblem& p, Rng& rng) {
    auto deps = lineDependencies(p);
    std::vector<bool> placed(p.order.size(), false);
    std::vector<StatementRef> order;
    while (order.size() < p.order.size()) {
        std::vector<std::size_t> ready;
        for (std::size_t i = 0; i < p.order.size(); ++i) {
            bool ok = !placed[i];
            for (std::size_t d : deps[i]) ok = ok && placed[d];
            if (ok) ready.push_back(i);
        }
        std::size_t pick = ready[rng.below(ready.size())];
        placed[pick] = true;
        order.push_back(p.order[pick]);
    }
    p.order = order;
}

std::vector<std::vector<StatementRef>> allLineOrders(const LogicProblem& p) {
    auto deps = lineDependencies(p);
    std::vector<bool> placed(p.order.size(), false);
    std::vector<StatementRef> prefix;
    std::vector<std::vector<StatementRef>> out;
    extendOrders(p, deps, placed, prefix, out);
    return out;
}

std::vector<std::string> randomVariableNames(std::size_t n, Rng& rng) {
    std::vector<std::string> names;
    while (names.size() < n) {
        std::string name(2 + rng.below(4), 'a');
        for (char& c : name) c = char('a' + rng.below(26));
        bool clash = false;
        for (const std::string& other : names)
            clash = clash || other.find(name) != std::string::npos || name.find(other) != std::string::npos;
        if (!clash) names.push_back(name);
    }
    return names;
}

}  // namespace redit::data
