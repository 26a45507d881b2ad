#pragma once
// Step 4 of the law pipeline: Delta ~ alpha + beta d(i, j) per distance metric and budget.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/interference_points.h"
#include "analysis/regression.h"
#include "results/law_records.h"
#include "analysis/pattern_distances.h"

namespace redit {
class ProjectStore;
}

namespace redit::analysis {

using results::DistanceRow;
using results::InterferenceResult;

// One (distance, interference) point: pattern i edited, pattern j probed.
struct LawPoint {
    std::string edited, probed;
    double distance = 0;
    double delta = 0;
    bool samePattern() const { return edited == probed; }
};

// Cross-pattern points (i != j, with the symmetric d(i, j)) then same-pattern points (the A/B distance of i
// with Delta(i -> i)) for one metric and budget, over the interference result's patterns that have a circuit
// (a same-pattern distance; patterns without clean/corrupted pairs have none). ConfigError when two of them
// have no distance between them.
std::vector<LawPoint> lawPoints(const std::vector<DistanceRow>& distances, const InterferenceResult& interference,
                                const std::string& metric, double budget);

// Which points a fit uses.
enum class LawPointSet { CrossPattern, WithSamePattern };
const char* lawPointSetName(LawPointSet set);  // "cross-pattern", "cross+same-pattern"

struct LawRow {
    std::string metric;
    double budget = 0;
    LawPointSet points = LawPointSet::CrossPattern;
    std::string reference = "none";  // describeReferenceFigureOptions: the reference filter / window, if used
    int64_t n = 0;                   // points fitted (after the reference options)
    LinearFit fit;
    Correlation pearson, spearman;
    std::string problem;  // why there is no fit (fewer than 3 points, constant distance); empty when fitted
};

// One row per metric, budget and point set, in distanceMetricNames() and budget order. The reference
// options (off by default) transform the points before fitting and are named in every row.
std::vector<LawRow> fitLaw(const std::vector<DistanceRow>& distances, const InterferenceResult& interference,
                           const InterferenceFilterOptions& reference = {});

nlohmann::json lawRowJson(const LawRow& row);
// The stored row back: the fields lawRowJson writes (the CSV's), ConfigError for a malformed row.
LawRow lawRowFromJson(const nlohmann::json& row);
std::vector<std::string> lawCsvHeader();
std::vector<std::string> lawCsvFields(const LawRow& row);  // empty fields where there is no fit
std::string lawCsv(const std::vector<LawRow>& rows);

// A "law" run: the result table "law", one lawRowJson per row (in the caller's transaction), or a finished
// run holding it.
void writeLaw(ProjectStore& store, int64_t runId, const std::vector<LawRow>& rows);
int64_t saveLawRun(ProjectStore& store, NewRun run, const std::vector<LawRow>& rows);

}  // namespace redit::analysis
