#pragma once
#include <QtGlobal>
#include <vector>

#include "models/analysis_data.h"
#include "models/circuit_graph.h"
#include "adapters/project_controller.h"
#include "models/run_monitor_model.h"

namespace redit::gui {

// Made-up data in the shapes the views take, for the --demo-views screenshots and the GUI tests.
// Nothing here is a result; the window labels it as synthetic.

// Input, `layers` x (`heads` heads + MLP), logits; `edges` distinct edges, each from a lower rank to a higher.
DrawnCircuit syntheticCircuit(int layers, int heads, int edges, quint32 seed);
PatternDistances syntheticDistances(quint32 seed);
// Points for 3 metrics x 2 budgets, with and without the reference filter, and their least-squares fits.
std::vector<InterferenceSet> syntheticInterference(quint32 seed);
std::vector<EditResult> syntheticResults(quint32 seed);
ProjectContents syntheticProject();
std::vector<MonitoredRun> syntheticRuns();

// Ordinary least squares of y on x with Pearson r, a two-sided p-value (normal approximation) and the
// 95% confidence band of the mean at `bandPoints` distances across the x range.
InterferenceFit fitLine(const std::vector<InterferencePoint>& points, int bandPoints = 20);

}  // namespace redit::gui
