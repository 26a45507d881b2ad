#include "models/method_chain.h"

#include "models/method_steps.h"

namespace redit::gui {

MethodChain::MethodChain(RunController& controller, Inputs inputs, std::vector<MethodStep> steps, QObject* parent)
    : QObject(parent), controller_(controller), inputs_(std::move(inputs)), steps_(std::move(steps)) {
    chain_.model = inputs_.model;
    chain_.data = inputs_.data;
    chain_.modelId = inputs_.modelId;
    chain_.datasetId = inputs_.datasetId;
    for (MethodStep step : kMethodSteps) chain_.steps.push_back(StepStatus{step});
    connect(&controller_, &RunController::runUpdated, this, &MethodChain::runUpdated);
}

QString MethodChain::start() { return launchNext(); }

QString MethodChain::launchNext() {
    const MethodStep step = steps_.at(size_t(launched_.size()));
    nlohmann::json request = stepRequest(step, chain_, inputs_.device);
    request["seed"] = inputs_.seed;
    const std::string prefix = inputs_.name.isEmpty() ? std::string("whole method") : inputs_.name.toStdString();
    request["name"] = prefix + " " + std::to_string(launched_.size() + 1) + "/" + std::to_string(steps_.size()) + ": " +
                      request.value("name", std::string(stageOf(step)));
    const QString id = controller_.launchRun(request);
    launched_ << qMakePair(step, id);
    emit stepLaunched(step, id);
    return id;
}

void MethodChain::runUpdated(const RunUpdate& update) {
    if (ended_ || launched_.isEmpty() || update.id != launched_.last().second) return;
    const MethodStep step = launched_.last().first;
    if (update.state == MonitoredRun::State::Failed || update.state == MonitoredRun::State::Cancelled) {
        end(false, tr("The whole method stopped at %1: run #%2 %3")
                       .arg(stepTitle(step), update.id,
                            update.state == MonitoredRun::State::Failed ? tr("failed") : tr("was cancelled")));
        return;
    }
    if (update.state != MonitoredRun::State::Finished) return;
    chain_.steps.at(size_t(step)).finishedRunId = update.id.toLongLong();
    chain_.steps.at(size_t(step)).state = StepStatus::State::Finished;
    if (size_t(launched_.size()) == steps_.size()) {
        end(true, tr("The whole method has finished: %n run(s), see the Overview", nullptr, int(launched_.size())));
        return;
    }
    try {
        launchNext();
    } catch (const std::exception& e) {  // ConfigError naming the field, or the store's error
        end(false, tr("The whole method stopped: %1 could not be launched: %2")
                       .arg(stepTitle(steps_.at(size_t(launched_.size()))), QString::fromStdString(e.what())));
    }
}

void MethodChain::end(bool completed, const QString& message) {
    ended_ = true;
    emit ended(completed, message);
    deleteLater();
}

}  // namespace redit::gui
