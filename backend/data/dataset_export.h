#pragma once
#include <string>
#include <vector>

#include "data/pattern.h"

namespace redit::data {

// Our own JSONL export: one instance per line,
//   {"pattern": "sd1-03", "domain": "health and fitness", "sub_topic": "2", "text": "...", "label": "True"}
// (label "True", "False" or "N/A"). Written atomically; returns the number of lines. FileError on failure.
std::size_t writeInstancesJsonl(const std::vector<Pattern>& patterns, const std::string& path);

}  // namespace redit::data
