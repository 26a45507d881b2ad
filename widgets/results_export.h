#pragma once
#include <QString>
#include <vector>

#include "analysis_data.h"

namespace redit::gui {

// The results table as CSV (RFC 4180 quoting) with the header method,level,seed,generality,locality.
QString resultsToCsv(const std::vector<EditResult>& results);

// The results table as a LaTeX tabular (booktabs rules), one row per result, special characters escaped.
QString resultsToLatex(const std::vector<EditResult>& results);

}  // namespace redit::gui
