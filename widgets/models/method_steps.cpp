#include "models/method_steps.h"

#include <QCoreApplication>

namespace redit::gui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("redit::gui::MethodSteps", text); }

bool finished(const MethodOverview& overview, MethodStep step) { return overview.status(step).finishedRunId > 0; }

// The steps whose finished runs a step reads.
std::vector<MethodStep> inputsOf(MethodStep step) {
    switch (step) {
    case MethodStep::Distances:
    case MethodStep::Interference: return {MethodStep::Circuits};
    case MethodStep::Law: return {MethodStep::Distances, MethodStep::Interference};
    default: return {};
    }
}

bool needsModel(MethodStep step) { return step != MethodStep::Distances && step != MethodStep::Law; }

}  // namespace

QString stepTitle(MethodStep step) {
    switch (step) {
    case MethodStep::Circuits: return tr("Circuits");
    case MethodStep::Distances: return tr("Distances");
    case MethodStep::Interference: return tr("Interference");
    case MethodStep::Law: return tr("Law");
    case MethodStep::Reshape: return tr("Reshape");
    case MethodStep::Compare: return tr("Edit and compare");
    }
    return {};
}

QString stepDescription(MethodStep step) {
    switch (step) {
    case MethodStep::Circuits: return tr("The EAP circuit of every reasoning pattern in the model");
    case MethodStep::Distances: return tr("How far apart the patterns' circuits are");
    case MethodStep::Interference: return tr("How much a LoRA edit of one pattern changes the others");
    case MethodStep::Law: return tr("Interference against circuit distance: Δ ≈ α + β d");
    case MethodStep::Reshape: return tr("REdit pulls the patterns' circuits apart in a copy of the model");
    case MethodStep::Compare: return tr("Edit each pattern with every method; generality and locality");
    }
    return {};
}

nlohmann::json stepRequest(MethodStep step, const MethodOverview& overview, const QString& device) {
    const std::string data = overview.data.toStdString();
    const nlohmann::json inputs = {{"model", overview.model.toStdString()}, {"data", data}};
    nlohmann::json params = nlohmann::json::object();
    std::string name = stageOf(step);
    switch (step) {
    case MethodStep::Circuits:
    case MethodStep::Compare:
        params = inputs;
        name += " " + data;
        break;
    case MethodStep::Interference:
    case MethodStep::Reshape:
        params = inputs;
        params["split_seed"] = overview.splitSeed;
        name += " " + data;
        break;
    case MethodStep::Distances: {
        const qint64 circuits = overview.status(MethodStep::Circuits).finishedRunId;
        params = {{"circuits_run", circuits}, {"budgets", {0.2, 0.3, 0.5}}};
        name = "distances of circuits run " + std::to_string(circuits);
        break;
    }
    case MethodStep::Law:
        params = {{"distances_run", overview.status(MethodStep::Distances).finishedRunId},
                  {"interference_run", overview.status(MethodStep::Interference).finishedRunId}};
        break;
    }
    nlohmann::json request = {{"kind", stageOf(step)}, {"name", name}, {"seed", 0},
                              {"device", device.toStdString()}, {"params", params}};
    if (needsModel(step)) request["model_id"] = overview.modelId, request["dataset_id"] = overview.datasetId;
    return request;
}

QString launchBlocker(MethodStep step, const MethodOverview& overview) {
    const StepStatus& status = overview.status(step);
    if (status.state == StepStatus::State::Queued || status.state == StepStatus::State::Running)
        return tr("A run of this step is queued or running");
    for (MethodStep input : inputsOf(step))
        if (!finished(overview, input)) return tr("Needs a finished run of %1 first").arg(stepTitle(input));
    if (needsModel(step) && (overview.model.isEmpty() || overview.data.isEmpty()))
        return tr("The project needs a model and a dataset first");
    return {};
}

std::optional<MethodStep> nextLawStep(const MethodOverview& overview) {
    for (MethodStep step : {MethodStep::Circuits, MethodStep::Distances, MethodStep::Interference, MethodStep::Law})
        if (!finished(overview, step)) return step;
    return std::nullopt;
}

}  // namespace redit::gui
