#pragma once
// The paper-style tables of the editing comparison, as Markdown, from edit_summary rows (edit_results.h):
//   comparison: rows Raw, LoRA, ROME, AlphaEdit, REdit; columns level x {Generality, Locality};
//   ablations:  rows REdit and its three ablations, same columns;
//   transfer:   the seeds' held-out patterns (not reshaped on), every method present.
// Cells are "mean ± std" over seeds in percent (one decimal); "-" where there is no value (Raw's locality).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit::results {

std::string comparisonMarkdown(const std::vector<nlohmann::json>& summaryRows);

}  // namespace redit::results
