#pragma once
// The comparison's two result tables (the GUI reads exactly these names and fields):
//   edit_outcomes: one row per (level, method, seed, pattern)
//     {"level":1,"method":"LoRA","seed":0,"pattern":"sd1-03","raw":0.7,"generality":0.9,"locality":0.95|null,
//      "transfer":false}
//   edit_summary: one row per (level, method, transfer), summarizeEdits over that group's outcomes
//     {"level":1,"method":"REdit","transfer":false,"seeds":3,"patterns":10,"raw":{"mean":..,"std":..},
//      "generality":{"mean":..,"std":..},"locality":{"mean":..,"std":..}|null}
// Fractions are 0..1.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/edit_comparison.h"

namespace redit {
class ProjectStore;
}

namespace redit::pipeline {

inline constexpr const char* kEditOutcomesTable = "edit_outcomes";
inline constexpr const char* kEditSummaryTable = "edit_summary";

nlohmann::json editOutcomeJson(const EditOutcomeRow& row);
EditOutcomeRow editOutcomeFromJson(const nlohmann::json& row);  // ConfigError for a malformed row

// One summary row per (level, method, transfer) present, ordered by level, method (allEditMethods order),
// then transfer false before true.
std::vector<nlohmann::json> editSummaryRows(const std::vector<EditOutcomeRow>& outcomes);

std::vector<EditOutcomeRow> loadEditOutcomes(const ProjectStore& store, int64_t runId);

}  // namespace redit::pipeline
