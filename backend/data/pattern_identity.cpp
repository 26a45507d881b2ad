#include "data/pattern_identity.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "data/logic_text.h"

namespace redit::data {

namespace {

// Writes the tree from the root; `leaf` names each leaf.
std::string treeString(const LogicProblem& p, const std::function<std::string(const std::string&)>& leaf) {
    std::map<std::string, std::string> text;
    for (const std::string& v : p.postOrder()) {
        const Rule* rule = p.ruleConcluding(v);
        if (!rule) {
            text[v] = leaf(v);
            continue;
        }
        std::string s = operatorName(rule->op) + "(";
        for (size_t i = 0; i < rule->premises.size(); ++i) s += (i ? "," : "") + text.at(rule->premises[i]);
        text[v] = s + ")";
    }
    return text.at(p.root);
}

}  // namespace

std::string patternKey(const LogicProblem& p, PatternGrain grain) {
    if (grain == PatternGrain::Exact) return formatLogicProblem(p);
    if (grain == PatternGrain::Shape) return treeString(p, [](const std::string&) { return "*"; });
    std::vector<std::string> ops;
    for (const Rule& r : p.rules) ops.push_back(operatorName(r.op));
    std::sort(ops.begin(), ops.end());
    std::string family;
    for (const std::string& op : ops) family += (family.empty() ? "" : "+") + op;
    return family;
}

std::string structureKey(const LogicProblem& p) {
    if (p.kind == ReasoningKind::Deductive)
        return "d:" + treeString(p, [&](const std::string& v) {
                   const Fact* f = p.factFor(v);
                   return std::string(f && f->value ? "T" : "F");
               });
    return std::string("a:") + (p.observedValue ? "T:" : "F:") +
           treeString(p, [&](const std::string& v) { return std::string(v == p.queried ? "?" : "*"); });
}

}  // namespace redit::data
