#include "data/pattern.h"

#include <cstdio>

namespace redit::data {

std::string patternId(ReasoningKind kind, int level, int index) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c%d-%02d", kind == ReasoningKind::Deductive ? 'd' : 'a', level, index);
    return buf;
}

const std::vector<std::string>& contextHubDomains() {
    static const std::vector<std::string> domains = {
        "culture and arts",      "geography and places",        "human activities",
        "mathematics and logic", "natural and physical sciences", "people and self",
        "philosophy and thinking", "religion and belief systems", "society and social sciences",
        "technology and applied sciences", "health and fitness"};
    return domains;
}

}  // namespace redit::data
