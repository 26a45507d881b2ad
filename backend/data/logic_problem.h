#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace redit::data {

// Three-valued truth (Kleene): Unknown is ContextHub's "N/A".
enum class Truth { False, True, Unknown };
enum class Operator { Or, And, Not };
enum class ReasoningKind { Deductive, Abductive };

std::string truthName(Truth t);           // "True", "False", "N/A"
std::string operatorName(Operator op);    // "or", "and", "not"
std::string kindName(ReasoningKind kind); // "deductive", "abductive"

struct Fact {
    std::string variable;
    bool value = false;
};

// (a or b) -> c, (a and b) -> c, (NOT a) -> c.
struct Rule {
    Operator op = Operator::Or;
    std::vector<std::string> premises;  // two for or/and, one for not
    std::string conclusion;
};

// One statement line of the problem text, in the order the text gives it.
struct StatementRef {
    bool isFact = true;
    std::size_t index = 0;  // into facts or rules
};

// An abstract propositional problem: facts, rules and a question. The rules form a tree whose root is the
// conclusion that is deduced (deductive) or observed (abductive).
struct LogicProblem {
    ReasoningKind kind = ReasoningKind::Deductive;
    std::vector<Fact> facts;            // deductive only: the given leaf values
    std::vector<Rule> rules;
    std::vector<StatementRef> order;    // line order of facts and rules
    std::string root;                   // the tree's root variable
    std::string queried;                // deductive: the root; abductive: the leaf asked about
    bool observedValue = false;         // abductive: "Given <root> is <value>"

    const Rule* ruleConcluding(const std::string& variable) const;  // nullptr for a leaf
    const Fact* factFor(const std::string& variable) const;
    std::vector<std::string> postOrder() const;  // variables, children left to right before parents
    std::vector<std::string> leaves() const;     // in post-order
    int depth() const;                           // longest root-to-leaf path (the ContextHub level)
    bool isComplete() const;                     // every leaf at the same depth
};

}  // namespace redit::data
