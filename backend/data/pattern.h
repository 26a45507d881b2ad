#pragma once
#include <map>
#include <string>
#include <vector>

#include "data/logic_problem.h"

namespace redit::data {

// One concrete problem of a pattern: a domain variant (propositions for the variables) or an abstract one.
struct Instance {
    std::string domain;    // a ContextHub domain, "abstract", or "" when the source does not say
    std::string subTopic;  // ContextHub sub-topic ("0".."4" for abstract variants)
    std::map<std::string, std::string> bindings;  // pattern variable ("aaa") -> proposition or renamed variable
    std::string text;
    Truth label = Truth::Unknown;
};

// A reasoning pattern: one abstract problem (its exact text is its identity) and its instances.
// Ids: "<d|a><level>-<index>", index zero-padded to two digits, e.g. "d1-03" (docs/data.md).
struct Pattern {
    std::string id;
    ReasoningKind kind = ReasoningKind::Deductive;
    int level = 0;
    int index = 0;            // record index in the file the pattern comes from
    std::string text;         // the abstract problem text
    LogicProblem problem;
    Truth label = Truth::Unknown;
    std::vector<Instance> instances;
};

std::string patternId(ReasoningKind kind, int level, int index);

// The eleven ContextHub domains, in the files' order.
const std::vector<std::string>& contextHubDomains();
inline constexpr char kAbstractDomain[] = "abstract";

}  // namespace redit::data
