#pragma once
// The analysis views' inputs from the law pipeline's stored results (backend/results/, torch-free).
#include <cstdint>
#include <string>
#include <vector>

#include "models/analysis_data.h"
#include "models/circuit_comparison.h"
#include "models/circuit_graph.h"
#include "results/circuit_records.h"
#include "results/law_records.h"
#include "models/run_results.h"

namespace redit::gui {

// The circuit of one pattern of a circuits run: the top `budget` fraction of its edges by |w| with dangling
// edges pruned (as the distances stage selects them), nodes named, typed and layered as in the backend graph.
// ConfigError for a pattern the run does not hold or a budget outside (0, 1].
DrawnCircuit circuitGraphOf(const results::CircuitRun& run, const std::string& patternId, double budget);

// One n x n matrix per metric and budget (named distanceKey(), e.g. "jaccard@0.3"), patterns in the order
// they first appear; off the diagonal the cross-pattern distance, on it the same-pattern (A/B) distance.
// A pair the rows do not hold is NaN.
PatternDistances patternDistancesOf(const std::vector<results::DistanceRow>& rows);

// Per metric and budget, without and with the reference filter (Delta >= 0.1): the points of lawPoints and
// the cross-pattern fit of fitLaw with its 95% confidence band for the mean.
std::vector<InterferenceSet> interferenceSetsOf(const std::vector<results::DistanceRow>& rows,
                                                const results::InterferenceResult& interference);

// What a run shows (RunResults): circuits and distances runs their own results; interference runs with the
// newest finished distances run; law runs with the distances and interference runs they were fitted from;
// compare runs their `edit_outcomes` table (editResultsOf). Distances and interference name the circuits run
// behind the distances.
RunResults loadRunResults(const ProjectStore& store, int64_t runId);
DrawnCircuit loadRunCircuit(const ProjectStore& store, int64_t runId, const std::string& patternId, double budget);

// Pattern A of circuits run A against pattern B of circuits run B (the same run for two patterns, two runs for
// one pattern before and after reshaping), each selected as circuitGraphOf does, with the backend's distances
// between them (analysis::circuitDistances, named as analysis::distanceMetricNames). ConfigError when the runs'
// graphs differ, for an unknown pattern or a budget outside (0, 1].
CircuitComparison loadCircuitComparison(const ProjectStore& store, int64_t runA, const std::string& patternA,
                                        int64_t runB, const std::string& patternB, double budget);

}  // namespace redit::gui
