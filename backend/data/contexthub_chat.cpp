// Recovery of the level-3 deductive contextual instances from gptdata/onetwothree.jsonl. The lines carry no
// pattern id or domain, but each assistant answer restates the problem as quoted propositions:
//   "P" is True.
//   ("P" or "Q") whose corresponding truth value is (True or False) logically implies "R".
//   (not "P") whose corresponding truth value is (not True) logically implies "R".
// Those lines give the rule tree with its leaf values; a complete depth-3 tree is matched to the level-3
// pattern with the same structure key (operators, operand order and leaf values).
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "data/contexthub.h"
#include "data/pattern_identity.h"
#include "util/error.h"

namespace redit::data {

namespace {

const std::string kPremiseEnd = ") whose corresponding truth value is (";
const std::string kImplies = " logically implies \"";
const std::string kDuplicate = "\n#";  // marks a second definition of the same proposition

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct RawRule {
    std::string premise, conclusion;
};

// Splits '"A" or "B"' at the separator whose both sides are known propositions (a proposition may itself
// contain ' or ' or quotes). Returns false when no split or more than one fits.
bool splitBinary(const std::string& premise, const std::set<std::string>& known, Rule& rule) {
    if (premise.size() < 2 || premise.front() != '"' || premise.back() != '"') return false;
    int found = 0;
    for (auto [sep, op] : {std::pair{std::string("\" or \""), Operator::Or}, std::pair{std::string("\" and \""), Operator::And}}) {
        for (size_t at = premise.find(sep); at != std::string::npos; at = premise.find(sep, at + 1)) {
            std::string a = premise.substr(1, at - 1);
            std::string b = premise.substr(at + sep.size(), premise.size() - at - sep.size() - 1);
            if (known.count(a) && known.count(b)) {
                rule.op = op;
                rule.premises = {a, b};
                ++found;
            }
        }
    }
    return found == 1;
}

// The problem the chain of thought states, with propositions as variable names; nullopt when the answer
// does not state a complete rule tree.
std::optional<LogicProblem> problemFromChain(const std::string& answer) {
    LogicProblem p;
    std::vector<RawRule> raw;
    size_t start = 0;
    while (start < answer.size()) {
        size_t end = answer.find('\n', start);
        if (end == std::string::npos) end = answer.size();
        std::string l = trim(answer.substr(start, end - start));
        start = end + 1;
        if (l.size() > 2 && l.front() == '"' && (endsWith(l, "\" is True.") || endsWith(l, "\" is False."))) {
            bool value = endsWith(l, "\" is True.");
            p.facts.push_back({l.substr(1, l.size() - (value ? 11 : 12)), value});
            p.order.push_back({true, p.facts.size() - 1});
            continue;
        }
        size_t pe = l.find(kPremiseEnd), im = l.rfind(kImplies);
        if (l.empty() || l.front() != '(' || pe == std::string::npos || im == std::string::npos || im < pe) continue;
        std::string conclusion = l.substr(im + kImplies.size());
        size_t close = conclusion.rfind('"');
        if (close == std::string::npos) continue;
        raw.push_back({l.substr(1, pe - 1), conclusion.substr(0, close)});
    }
    if (raw.empty()) return std::nullopt;
    std::set<std::string> known;
    for (const Fact& f : p.facts) known.insert(f.variable);
    for (const RawRule& r : raw) known.insert(r.conclusion);
    // A proposition may be defined twice (two rules with the same conclusion text); each premise takes the
    // earliest definition not yet used, and later definitions get a distinct variable name.
    std::map<std::string, std::vector<std::string>> unused;
    auto define = [&](const std::string& name) {
        auto& defs = unused[name];
        std::string variable = name + (defs.empty() && !p.factFor(name) && !p.ruleConcluding(name) ? "" : kDuplicate + std::to_string(defs.size() + 1));
        defs.push_back(variable);
        return variable;
    };
    std::vector<Fact> facts = std::move(p.facts);
    p.facts.clear();
    for (Fact& f : facts) p.facts.push_back({define(f.variable), f.value});
    for (const RawRule& r : raw) {
        Rule rule;
        const std::string notPrefix = "not \"";
        std::string operand = r.premise.size() > notPrefix.size() + 1 ? r.premise.substr(notPrefix.size(), r.premise.size() - notPrefix.size() - 1) : "";
        if (r.premise.compare(0, notPrefix.size(), notPrefix) == 0 && r.premise.back() == '"' && known.count(operand)) {
            rule.op = Operator::Not;
            rule.premises = {operand};
        } else if (!splitBinary(r.premise, known, rule)) {
            return std::nullopt;
        }
        for (std::string& v : rule.premises) {
            auto& defs = unused[v];
            if (defs.empty()) return std::nullopt;  // used before it is defined, or used twice
            v = defs.front();
            defs.erase(defs.begin());
        }
        rule.conclusion = define(r.conclusion);
        p.order.push_back({false, p.rules.size()});
        p.rules.push_back(std::move(rule));
    }
    std::vector<std::string> roots;
    for (const auto& [name, defs] : unused)
        for (const std::string& v : defs)
            if (p.ruleConcluding(v)) roots.push_back(v);
    if (roots.size() != 1) return std::nullopt;
    p.root = p.queried = roots[0];
    for (const std::string& leaf : p.leaves())
        if (!p.factFor(leaf)) return std::nullopt;
    if (p.postOrder().size() != p.facts.size() + p.rules.size()) return std::nullopt;  // stray facts or a cycle
    return p;
}

// The problem statement inside the user message, without the instructions around it.
std::string problemText(const std::string& user) {
    const std::string head = "Deductive logic problem:";
    size_t b = user.find(head);
    b = b == std::string::npos ? 0 : b + head.size();
    size_t e = user.find("Answer the question use", b);
    return trim(user.substr(b, e == std::string::npos ? std::string::npos : e - b));
}

}  // namespace

size_t attachChatInstances(const std::string& path, std::vector<Pattern>& patterns) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path, "cannot open for reading");
    std::map<std::string, Pattern*> byStructure;
    for (Pattern& p : patterns)
        if (p.kind == ReasoningKind::Deductive) byStructure[structureKey(p.problem)] = &p;
    size_t attached = 0, index = 0;
    for (std::string line; std::getline(in, line); ++index) {
        if (trim(line).empty()) continue;
        const std::string record = "record " + std::to_string(index);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            throw FileError(path, record + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
        } catch (const nlohmann::json::out_of_range&) {
            throw FileError(path, record + ": not valid JSON (a number is out of range)");
        }
        const auto* messages = j.is_object() && j.contains("messages") ? &j["messages"] : nullptr;
        if (!messages || !messages->is_array()) throw FileError(path, record + ": field 'messages' must be a list");
        std::string user, assistant;
        for (const auto& m : *messages) {
            if (!m.is_object() || !m.contains("role") || !m.contains("content") || !m["role"].is_string() || !m["content"].is_string())
                throw FileError(path, record + ": every message needs string fields 'role' and 'content'");
            if (m["role"] == "user") user = m["content"].get<std::string>();
            if (m["role"] == "assistant") assistant = m["content"].get<std::string>();
        }
        if (user.find("deductive logical problem") == std::string::npos) continue;
        std::optional<LogicProblem> chain = problemFromChain(assistant);
        if (!chain || chain->depth() != 3 || !chain->isComplete()) continue;
        auto it = byStructure.find(structureKey(*chain));
        if (it == byStructure.end()) continue;
        Pattern& pattern = *it->second;
        Instance inst;
        inst.text = problemText(user);
        inst.label = pattern.label;
        std::vector<std::string> from = pattern.problem.postOrder(), to = chain->postOrder();
        for (size_t k = 0; k < from.size() && k < to.size(); ++k) inst.bindings[from[k]] = to[k].substr(0, to[k].find(kDuplicate));
        pattern.instances.push_back(std::move(inst));
        ++attached;
    }
    return attached;
}

}  // namespace redit::data
