#pragma once
// The law pipeline's distance, interference and law runs in a project, and reading them back. The write*
// functions fill a run that exists (in the caller's transaction); the save*Run ones record a finished run.
#include <cstdint>
#include <vector>

#include "pipeline/circuit_runs.h"
#include "pipeline/interference.h"
#include "pipeline/law_fit.h"
#include "pipeline/pattern_distances.h"
#include "store/runs.h"

namespace redit {
class ProjectStore;
}

namespace redit::pipeline {

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

// A "law" run: the result table "law", one lawRowJson per row.
void writeLaw(ProjectStore& store, int64_t runId, const std::vector<LawRow>& rows);
int64_t saveLawRun(ProjectStore& store, NewRun run, const std::vector<LawRow>& rows);

}  // namespace redit::pipeline
