#pragma once
// How the overview names the method's steps and what its Run buttons launch: ordinary run requests of the
// steps' stages (submitRun, as New Run and the CLI send them), with defaults that fit the method.
#include <QString>
#include <optional>

#include <nlohmann/json.hpp>

#include "models/method_overview.h"

namespace redit::gui {

QString stepTitle(MethodStep step);
QString stepDescription(MethodStep step);

// The run request of a step on the overview's inputs: the model and dataset (and split seed) of the newest
// circuits run; distances of the newest finished circuits run at budgets 0.2, 0.3 and 0.5 (below about 0.15
// pruning empties weak circuits of small models); the law of the newest finished distances and interference
// runs. Every other param is the stage's default (filled in by submitRun).
nlohmann::json stepRequest(MethodStep step, const MethodOverview& overview, const QString& device);

// Why the step cannot be launched now (a run of it is queued or running, an input step has not finished, the
// project has no model or dataset); empty when it can.
QString launchBlocker(MethodStep step, const MethodOverview& overview);

// The first of circuits, distances, interference and law without a finished run; none when all have one.
std::optional<MethodStep> nextLawStep(const MethodOverview& overview);

}  // namespace redit::gui
