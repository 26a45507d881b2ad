#pragma once
// What the project overview shows: each step of the REdit method with its state in the open project.
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <array>
#include <vector>

#include "models/analysis_data.h"
#include "models/circuit_graph.h"

namespace redit::gui {

// The method's steps in order: the circuit-interference law, then editing without breaking (docs/gui.md).
enum class MethodStep { Circuits, Distances, Interference, Law, Reshape, Compare };
inline constexpr std::array<MethodStep, 6> kMethodSteps{MethodStep::Circuits, MethodStep::Distances,
                                                        MethodStep::Interference, MethodStep::Law,
                                                        MethodStep::Reshape, MethodStep::Compare};
// The job-engine stage that computes the step ("circuits", ..., "compare").
const char* stageOf(MethodStep step);

// One step in this project: the newest run of its stage and the newest finished one with its key figure.
struct StepStatus {
    enum class State { NotRun, Queued, Running, Finished, Failed, Cancelled };
    MethodStep step = MethodStep::Circuits;
    State state = State::NotRun;  // of the newest run
    qint64 runId = 0;             // the newest run; 0: none
    double progress = 0;          // 0..1, of the newest run
    QString message;              // its progress message, or its error
    qint64 finishedRunId = 0;     // the newest finished run; 0: none
    QString figure;               // the finished run's key figure, e.g. "8 circuits, median 41 edges"
};

// The project's steps and what the overview draws beside them.
struct MethodOverview {
    std::vector<StepStatus> steps;  // one per kMethodSteps, in that order
    // The inputs a launched step uses: the newest finished circuits run's, else the project's first.
    QString model, data;  // model folder, dataset spec
    qint64 modelId = 0, datasetId = 0;
    qint64 splitSeed = 0;
    // The newest finished circuits run's first pattern at kOverviewBudget (its kOverviewEdges strongest edges),
    // and the newest law's points.
    QString circuitPattern;
    DrawnCircuit circuit;
    std::vector<InterferenceSet> law;
    QString lawMetric, lawBudget;  // the set the law's key figure comes from

    const StepStatus& status(MethodStep step) const { return steps.at(size_t(step)); }
    // Whether a step has a queued or running run.
    bool busy() const;
};

// The circuit budget (top fraction of the edges) of the overview's figures, as the circuit views open.
inline constexpr double kOverviewBudget = 0.3;
// The overview draws the strongest edges of that circuit only: a small picture stays legible.
inline constexpr int kOverviewEdges = 25;

}  // namespace redit::gui
