#pragma once
// The Results view's data from a `compare` run's result table `edit_outcomes` (one row per level, method, seed
// and pattern, fractions in [0, 1]; locality null where a method has none).
#include <QString>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/analysis_data.h"
#include "results/edit_records.h"

namespace redit::gui {

// The method as the Results view names it: transfer rows get their own label, e.g. "REdit (transfer)".
QString editMethodLabel(const QString& method, bool transfer);
// The method a label names without its " (transfer)": "REdit" for "REdit (transfer)" and for "REdit".
QString editBaseMethod(const QString& label);

// Per (method label, level, seed), the mean over patterns, in percent. Rows in the methods' canonical order
// (Raw, LoRA, ROME, AlphaEdit, REdit, its ablations), then the transfer rows in that order; by level and seed
// within a label.
// Locality is NaN when none of the patterns has one.
std::vector<EditResult> editResultsOf(const std::vector<results::EditOutcomeRow>& outcomes);
// The same from the stored rows, parsed by the results layer (results::editOutcomesFromJson): ConfigError
// naming the row and field for a bad row.
std::vector<EditResult> editResultsOf(const std::vector<nlohmann::json>& outcomes);

// Mean and sample standard deviation (n - 1; 0 for one value) over the seeds that have a value.
struct MeanStd {
    double mean = 0;
    double std = 0;
    int n = 0;  // 0: no value (the cell shows a dash)
};

// One cell of the paper-style table: a method at a level, over seeds.
struct ResultsSummaryCell {
    QString method;
    int level = 1;
    MeanStd generality;
    MeanStd locality;
};

// The paper-style table: per (method, level) the mean ± std over seeds of the per-seed values; methods in the
// canonical order of editResultsOf (also when results of several runs are joined), levels ascending.
std::vector<ResultsSummaryCell> summarizeResults(const std::vector<EditResult>& results);

}  // namespace redit::gui
