#pragma once
#include <QString>
#include <vector>

#include "models/analysis_data.h"
#include "models/edit_results.h"

namespace redit::gui {

// The per-seed table as CSV (RFC 4180 quoting) with the header method,level,seed,generality,locality; a missing
// locality (NaN) is an empty field.
QString resultsToCsv(const std::vector<EditResult>& results);

// The results table as a LaTeX tabular (booktabs rules), one row per result, special characters escaped;
// a missing value is "--".
QString resultsToLatex(const std::vector<EditResult>& results);

// The paper-style table as CSV: one row per method and level with the header
// method,level,generality_mean,generality_std,locality_mean,locality_std,seeds (empty fields for no value).
QString summaryToCsv(const std::vector<ResultsSummaryCell>& cells);

// The paper-style table as a LaTeX tabular: one row per method, per level a Generality and a Locality column
// with "$mean \pm std$" (one decimal), "--" for no value.
QString summaryToLatex(const std::vector<ResultsSummaryCell>& cells);

}  // namespace redit::gui
