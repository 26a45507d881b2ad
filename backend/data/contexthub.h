#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/pattern.h"

namespace redit::data {

// Readers for the ContextHub propositional-logic files (layout in docs/data.md). Every error is a
// FileError naming the file and the record index ("record 7: ...").

// data_levelN/{deductive,abductive}_logic.json: patterns with their 60 instances (11 domains x 5 sub-topics
// + 5 abstract variants). Binding keys that are not variables of the pattern (<ans>, <sol>, ...) are ignored.
std::vector<Pattern> loadInstanceFile(const std::string& path, ReasoningKind kind, int level);

// data_levelN/*_cot.json: patterns (formula and gold label) without instances; the chain of thought is ignored.
std::vector<Pattern> loadCotFile(const std::string& path, ReasoningKind kind, int level);

// gptdata/onetwothree.jsonl: recovers the contextual deductive instances whose reasoning chain describes a
// complete depth-3 tree and adds each to the level-3 pattern with the same structure. Returns how many.
size_t attachChatInstances(const std::string& path, std::vector<Pattern>& level3Deductive);

// A ContextHub data folder: levels 1-2 from the instance files, levels 3-4 from the cot files (plus the
// recovered chat instances at deductive level 3). Files that are absent are skipped; kind and level filter.
std::vector<Pattern> loadContextHub(const std::string& folder, std::optional<ReasoningKind> kind = std::nullopt,
                                    std::optional<int> level = std::nullopt);

Truth parseLabel(const nlohmann::json& value, const std::string& file, const std::string& record);

}  // namespace redit::data
