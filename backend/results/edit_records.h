#pragma once
// The comparison's two result tables (the GUI reads exactly these names and fields):
//   edit_outcomes: one row per (level, method, seed, pattern)
//     {"level":1,"method":"LoRA","seed":0,"pattern":"sd1-03","raw":0.7,"generality":0.9,"locality":0.95|null,
//      "transfer":false, "reshaped":0.8 (only for methods that reshape first)}
//   edit_summary: one row per (level, method, transfer), summarizeEdits over that group's outcomes
//     {"level":1,"method":"REdit","transfer":false,"seeds":3,"patterns":10,"raw":{"mean":..,"std":..},
//      "generality":{"mean":..,"std":..},"locality":{"mean":..,"std":..}|null}
// Fractions are 0..1. Results layer: torch-free, in redit_core; the summary rows are analysis/edit_summary.h's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/edit_methods.h"

namespace redit {
class ProjectStore;
}

namespace redit::results {

inline constexpr const char* kEditOutcomesTable = "edit_outcomes";
inline constexpr const char* kEditSummaryTable = "edit_summary";

// The outcome of editing one pattern with one seed.
struct PatternEditOutcome {
    std::string patternId;
    uint64_t seed = 0;
    double raw = 0;         // accuracy on the pattern's test split before the edit
    double generality = 0;  // accuracy on the same split after editing this pattern
    std::optional<double> locality;  // on the other patterns' test instances (pooled)
};

// One row of the `edit_outcomes` table.
struct EditOutcomeRow {
    int level = 0;
    EditMethod method = EditMethod::Raw;
    PatternEditOutcome outcome;  // pattern, seed, raw, generality, locality (nullopt for Raw)
    bool transfer = false;       // the pattern was one of the seed's held-out (transfer) patterns
    // REdit and its ablations: the reshaped model's accuracy on the pattern's test split before any edit, so
    // that what the reshaping did can be told from what the edit did.
    std::optional<double> reshaped;
};

nlohmann::json editOutcomeJson(const EditOutcomeRow& row);
// ConfigError naming the field for a malformed row; "transfer" may be left out (false), "locality" null,
// "reshaped" left out (rows written before it was recorded) or null.
EditOutcomeRow editOutcomeFromJson(const nlohmann::json& row);
// Every row, in order; ConfigError "edit_outcomes row <i>: <problem>" for the first malformed one.
std::vector<EditOutcomeRow> editOutcomesFromJson(const std::vector<nlohmann::json>& rows);

std::vector<EditOutcomeRow> loadEditOutcomes(const ProjectStore& store, int64_t runId);

}  // namespace redit::results
