#include <algorithm>
#include <map>
#include <optional>

#include "data/logic_text.h"
#include "util/error.h"

namespace redit::data {

namespace {

bool isName(const std::string& s) {
    return !s.empty() && s.size() <= 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                                                (c >= '0' && c <= '9') || c == '_'; });
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

struct Question {
    bool deductive = true;
    std::string queried;
    std::string observed;
    bool observedValue = false;
};

class Parser {
public:
    Parser(const std::string& file, const std::string& record) : file_(file), record_(record) {}

    LogicProblem parse(const std::string& text) {
        std::optional<Question> question;
        size_t start = 0;
        while (start <= text.size()) {
            size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            ++line_;
            std::string l = trim(text.substr(start, end - start));
            start = end + 1;
            if (l.empty()) continue;
            if (question) fail("text after the question line");
            if (auto q = parseQuestion(l)) {
                question = q;
            } else if (!parseFact(l) && !parseRule(l)) {
                fail("'" + l + "' is not a fact, a rule or a question");
            }
        }
        if (!question) fail("no question line ('Deduce the result of X.' or 'Given X is V, what is the value of Y?')");
        return build(*question);
    }

private:
    [[noreturn]] void fail(const std::string& problem) const {
        throw FileError(file_, record_ + ": line " + std::to_string(line_) + ": " + problem);
    }
    [[noreturn]] void failTree(const std::string& problem) const { throw FileError(file_, record_ + ": " + problem); }

    std::string name(const std::string& s, const char* what) const {
        if (!isName(s)) fail(std::string(what) + " '" + s + "' is not a variable name");
        return s;
    }

    std::optional<Question> parseQuestion(const std::string& l) {
        const std::string deduce = "Deduce the result of ";
        if (startsWith(l, deduce)) {
            if (!endsWith(l, ".")) fail("the question must end with '.'");
            Question q;
            q.queried = name(l.substr(deduce.size(), l.size() - deduce.size() - 1), "queried");
            return q;
        }
        const std::string given = "Given ", what = ", what is the value of ";
        if (!startsWith(l, given)) return std::nullopt;
        size_t comma = l.find(what);
        if (comma == std::string::npos) fail("abductive question must read 'Given X is V, what is the value of Y?'");
        Question q;
        q.deductive = false;
        std::string observation = l.substr(given.size(), comma - given.size());
        if (endsWith(observation, " is True")) q.observedValue = true;
        else if (!endsWith(observation, " is False")) fail("the observed value must be True or False");
        q.observed = name(observation.substr(0, observation.rfind(" is ")), "observed");
        std::string rest = l.substr(comma + what.size());
        if (endsWith(rest, "?.")) rest.resize(rest.size() - 2);
        else if (endsWith(rest, "?")) rest.resize(rest.size() - 1);
        else fail("the question must end with '?'");
        q.queried = name(rest, "queried");
        return q;
    }

    bool parseFact(const std::string& l) {
        bool value = endsWith(l, " is True.");
        if (!value && !endsWith(l, " is False.")) return false;
        std::string v = name(l.substr(0, l.rfind(" is ")), "fact variable");
        if (factIndex_.count(v)) fail("a second fact for '" + v + "'");
        factIndex_[v] = facts_.size();
        order_.push_back({true, facts_.size()});
        facts_.push_back({v, value});
        return true;
    }

    bool parseRule(const std::string& l) {
        if (!startsWith(l, "(")) return false;
        size_t arrow = l.find(") -> ");
        if (arrow == std::string::npos || !endsWith(l, ".")) fail("a rule must read '(premise) -> conclusion.'");
        std::string premise = l.substr(1, arrow - 1);
        Rule r;
        r.conclusion = name(l.substr(arrow + 5, l.size() - arrow - 6), "conclusion");
        if (startsWith(premise, "NOT ")) {
            r.op = Operator::Not;
            r.premises = {name(premise.substr(4), "premise")};
        } else {
            size_t a = premise.find(' ');
            size_t b = premise.find(' ', a == std::string::npos ? a : a + 1);
            if (a == std::string::npos || b == std::string::npos) fail("premise '" + premise + "' is not 'X or Y', 'X and Y' or 'NOT X'");
            std::string op = premise.substr(a + 1, b - a - 1);
            if (op == "or") r.op = Operator::Or;
            else if (op == "and") r.op = Operator::And;
            else fail("operator '" + op + "' is not 'or', 'and' or 'NOT'");
            r.premises = {name(premise.substr(0, a), "premise"), name(premise.substr(b + 1), "premise")};
        }
        if (ruleIndex_.count(r.conclusion)) fail("a second rule concluding '" + r.conclusion + "'");
        ruleIndex_[r.conclusion] = rules_.size();
        order_.push_back({false, rules_.size()});
        rules_.push_back(std::move(r));
        return true;
    }

    LogicProblem build(const Question& q) {
        LogicProblem p;
        p.kind = q.deductive ? ReasoningKind::Deductive : ReasoningKind::Abductive;
        if (rules_.empty()) failTree("no rules");
        if (!q.deductive && !facts_.empty()) failTree("an abductive problem gives no facts (found '" + facts_[0].variable + "')");
        std::map<std::string, int> uses;
        for (const Rule& r : rules_)
            for (const std::string& v : r.premises) {
                if (++uses[v] > 1) failTree("'" + v + "' is a premise of more than one rule (not a tree)");
                if (q.deductive && !ruleIndex_.count(v) && !factIndex_.count(v))
                    failTree("premise '" + v + "' has neither a fact nor a rule");
            }
        for (const Fact& f : facts_) {
            if (ruleIndex_.count(f.variable)) failTree("'" + f.variable + "' is both a fact and a rule's conclusion");
            if (!uses.count(f.variable)) failTree("fact '" + f.variable + "' is not used by any rule");
        }
        std::vector<std::string> roots;
        for (const Rule& r : rules_)
            if (!uses.count(r.conclusion)) roots.push_back(r.conclusion);
        if (roots.size() != 1) failTree("the rules must have exactly one final conclusion (found " + std::to_string(roots.size()) + ")");
        p.facts = std::move(facts_);
        p.rules = std::move(rules_);
        p.order = std::move(order_);
        p.root = roots[0];
        // Each variable is used once and concluded once, so a walk from the root misses rules only on a cycle.
        std::vector<std::string> reached = p.postOrder();
        size_t reachedRules = std::count_if(reached.begin(), reached.end(), [&](const std::string& v) { return ruleIndex_.count(v) > 0; });
        if (reachedRules != p.rules.size()) failTree("rules form a cycle");
        p.queried = q.queried;
        if (q.deductive) {
            if (q.queried != p.root) failTree("the question asks '" + q.queried + "', not the final conclusion '" + p.root + "'");
        } else {
            if (q.observed != p.root) failTree("the observed variable '" + q.observed + "' is not the final conclusion '" + p.root + "'");
            if (!uses.count(q.queried) || ruleIndex_.count(q.queried)) failTree("the queried variable '" + q.queried + "' is not a leaf of the rules");
            p.observedValue = q.observedValue;
        }
        return p;
    }

    std::string file_, record_;
    int line_ = 0;
    std::vector<Fact> facts_;
    std::vector<Rule> rules_;
    std::vector<StatementRef> order_;
    std::map<std::string, size_t> factIndex_, ruleIndex_;
};

}  // namespace

LogicProblem parseLogicProblem(const std::string& text, const std::string& file, const std::string& record) {
    return Parser(file, record).parse(text);
}

}  // namespace redit::data
