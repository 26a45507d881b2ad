#pragma once
// The editing comparison's summary statistics (docs/editing.md), torch-free: per seed the mean over patterns,
// then mean and standard deviation across seeds; and the `edit_summary` table rows made of them.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/edit_records.h"

namespace redit::analysis {

using results::PatternEditOutcome;

struct MeanStd {
    double mean = 0;
    double std = 0;  // sample standard deviation (n - 1); 0 for a single value
    int64_t n = 0;
};
MeanStd meanStd(const std::vector<double>& values);  // ConfigError when empty

// Per seed the mean over patterns, then mean and standard deviation of those per-seed means across seeds.
// Patterns without a locality value are left out of that seed's locality mean.
struct EditSummary {
    MeanStd raw, generality, locality;
    int64_t patterns = 0;  // distinct pattern ids
    int64_t seeds = 0;
};
EditSummary summarizeEdits(const std::vector<PatternEditOutcome>& outcomes);

// One `edit_summary` row per (level, method, transfer) present, ordered by level, method (allEditMethods
// order), then transfer false before true.
std::vector<nlohmann::json> editSummaryRows(const std::vector<results::EditOutcomeRow>& outcomes);

}  // namespace redit::analysis
