#include "data/verbaliser.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "data/lexicon.h"
#include "data/logic_generator.h"
#include "data/logic_solver.h"
#include "data/logic_text.h"
#include "data/random.h"
#include "util/error.h"

namespace redit::data {

namespace {

// Which variant of each sentence frame an instance uses.
struct Wording {
    std::uint64_t fact = 0, rule = 0, question = 0;
};

constexpr std::uint64_t kFactFrames = 2, kRuleFrames = 3, kDeductiveQuestions = 3, kAbductiveQuestions = 2;

// Only the truth word changes between a True and a False fact, so flipping a fact changes one word.
std::string factLine(const Wording& w, const std::string& p, bool value) {
    const std::string tf = value ? "true" : "false";
    if (w.fact == 0) return "It is " + tf + " that " + p + ".";
    return "The statement that " + p + " is " + tf + ".";
}

std::string ruleLine(const Wording& w, const Rule& r, const std::map<std::string, std::string>& b) {
    const std::string premise = r.op == Operator::Not
                                    ? "it is not the case that " + b.at(r.premises.at(0))
                                    : b.at(r.premises.at(0)) + " " + operatorName(r.op) + " " + b.at(r.premises.at(1));
    const std::string& c = b.at(r.conclusion);
    if (w.rule == 0) return "If " + premise + ", then " + c + ".";
    if (w.rule == 1) return "Whenever " + premise + ", it follows that " + c + ".";
    return "We know that if " + premise + ", then " + c + ".";
}

std::string questionLine(const Wording& w, const LogicProblem& p, const std::map<std::string, std::string>& b) {
    const std::string& q = b.at(p.queried);
    if (p.kind == ReasoningKind::Deductive) {
        if (w.question == 0) return "Is it true that " + q + "?";
        if (w.question == 1) return "Based on these statements, can we conclude that " + q + "?";
        return "What is the truth value of the statement that " + q + "?";
    }
    const std::string tf = p.observedValue ? "true" : "false";
    if (w.question == 0) return "Given that it is " + tf + " that " + b.at(p.root) + ", is it true that " + q + "?";
    return "Suppose it is " + tf + " that " + b.at(p.root) + ". What is the truth value of the statement that " + q + "?";
}

std::string domainText(const LogicProblem& p, const std::map<std::string, std::string>& b, const Wording& w) {
    std::string text;
    for (const StatementRef& s : p.order) {
        if (s.isFact) {
            const Fact& f = p.facts.at(s.index);
            text += factLine(w, b.at(f.variable), f.value) + "\n";
        } else {
            text += ruleLine(w, p.rules.at(s.index), b) + "\n";
        }
    }
    return text + questionLine(w, p, b);
}

// Random names that cannot be read as a word of the abstract grammar. Each attempt draws a fresh batch, so
// the names depend on the seed and n only.
std::vector<std::string> abstractNames(std::size_t n, Rng& rng) {
    static const std::set<std::string> grammarWords = {"is",   "or",     "and",    "not",  "the",  "of",   "what",
                                                       "given", "value", "deduce", "result", "true", "false"};
    for (std::size_t extra = 8;; extra *= 2) {
        std::vector<std::string> names = randomVariableNames(n + extra, rng);
        names.erase(std::remove_if(names.begin(), names.end(), [](const std::string& s) { return grammarWords.count(s) > 0; }),
                    names.end());
        if (names.size() >= n) return {names.begin(), names.begin() + static_cast<std::ptrdiff_t>(n)};
    }
}

}  // namespace

Instance verbalise(const LogicProblem& problem, const std::string& domain, std::uint64_t seed) {
    Rng rng(seed);
    const std::vector<std::string> variables = problem.postOrder();
    Instance inst;
    inst.domain = domain;
    inst.label = solve(problem);
    if (domain == kAbstractDomain) {
        std::vector<std::string> names = abstractNames(variables.size(), rng);
        for (std::size_t i = 0; i < variables.size(); ++i) inst.bindings[variables[i]] = names[i];
        inst.text = formatLogicProblem(renameVariables(problem, inst.bindings));
        return inst;
    }
    const std::vector<std::string>& lexicon = domainPropositions(domain);
    if (variables.size() > lexicon.size())
        throw ConfigError("a problem with " + std::to_string(variables.size()) + " variables needs more than the " +
                          std::to_string(lexicon.size()) + " propositions of domain '" + domain + "'");
    std::vector<std::size_t> pick(lexicon.size());
    std::iota(pick.begin(), pick.end(), std::size_t{0});
    rng.shuffle(pick);
    for (std::size_t i = 0; i < variables.size(); ++i) inst.bindings[variables[i]] = lexicon[pick[i]];
    Wording w;
    w.fact = rng.below(kFactFrames);
    w.rule = rng.below(kRuleFrames);
    w.question = rng.below(problem.kind == ReasoningKind::Deductive ? kDeductiveQuestions : kAbductiveQuestions);
    inst.text = domainText(problem, inst.bindings, w);
    return inst;
}

}  // namespace redit::data
