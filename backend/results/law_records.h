#pragma once
// The law pipeline's distance and interference runs in a project (results layer: torch-free, in redit_core),
// their record types, and reading them back. The write* functions fill a run that exists (in the caller's
// transaction); the save*Run ones record a finished run. The law run's rows are analysis/law_fit.h's.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "results/circuit_records.h"
#include "store/runs.h"

namespace redit {
class ProjectStore;
}

namespace redit::results {

// One distance at one budget: cross-pattern (A != B, from the whole-K circuits) or same-pattern (A == B,
// between the circuits of the two halves).
struct DistanceRow {
    std::string patternA, patternB;
    std::string metric;
    double budget = 0;  // top fraction of the edges kept (before pruning)
    double value = 0;
    bool samePattern() const { return patternA == patternB; }
};

std::string distanceKey(const std::string& metric, double budget);  // "jaccard@0.05", the stored metric name

// Delta(i -> j) = |Acc_j(edited on i) - Acc_j(base)| of every pattern pair.
struct InterferenceResult {
    std::vector<std::string> patterns;
    std::vector<double> baseAccuracy;                // per pattern j
    std::vector<std::vector<double>> editedAccuracy;  // [i][j]: pattern j after editing pattern i
    double delta(size_t i, size_t j) const;           // |editedAccuracy[i][j] - baseAccuracy[j]|
};

// A "distances" run: each value in the distances table (metric "jaccard@0.05", between the circuits it was
// computed from) and every row in the result table "distances" (pattern_a, pattern_b, same_pattern, metric,
// budget, value).
void writeDistances(ProjectStore& store, int64_t runId, const CircuitRun& circuits, const std::vector<DistanceRow>& rows);
int64_t saveDistanceRun(ProjectStore& store, NewRun run, const CircuitRun& circuits, const std::vector<DistanceRow>& rows);
std::vector<DistanceRow> loadDistanceRows(const ProjectStore& store, int64_t runId);

// An "interference" run: the matrix "delta" (rows edited, columns probed) and the result table
// "interference" (edited, probed, base_accuracy, edited_accuracy, delta), one row per cell.
void writeInterference(ProjectStore& store, int64_t runId, const InterferenceResult& result);
int64_t saveInterferenceRun(ProjectStore& store, NewRun run, const InterferenceResult& result);
InterferenceResult loadInterferenceRun(const ProjectStore& store, int64_t runId);

}  // namespace redit::results
