#pragma once
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <vector>

#include "adapters/run_controller.h"
#include "models/method_overview.h"

namespace redit::gui {

// New Run's "whole method": the method's steps as linked runs on one model and dataset. Each step's run is
// an ordinary run of its stage, launched when the run before it has finished, with the overview's defaults
// (stepRequest) and the chain's own finished runs as its inputs (distances read the chain's circuits run, the
// law the chain's distances and interference runs). A failed or cancelled run, or a launch that fails, ends
// the chain; nothing after it is launched. The chain deletes itself when it ends.
class MethodChain : public QObject {
    Q_OBJECT
public:
    struct Inputs {
        QString model, data;  // model folder, dataset spec
        qint64 modelId = 0, datasetId = 0;
        int seed = 0;
        QString device;
        QString name;  // prefix of the runs' names; empty: "whole method"
    };
    MethodChain(RunController& controller, Inputs inputs, std::vector<MethodStep> steps, QObject* parent);

    // Launches the first step and returns its run's id; throws what launchRun throws (the chain is then unused).
    QString start();
    // The steps launched so far with their run ids, in order.
    const QList<QPair<MethodStep, QString>>& launched() const { return launched_; }

signals:
    void stepLaunched(redit::gui::MethodStep step, const QString& runId);
    // completed: every step finished; otherwise `message` says which run stopped the chain and why.
    void ended(bool completed, const QString& message);

private:
    QString launchNext();
    void runUpdated(const RunUpdate& update);
    void end(bool completed, const QString& message);

    RunController& controller_;
    Inputs inputs_;
    std::vector<MethodStep> steps_;
    MethodOverview chain_;  // the inputs and, per step, the chain's finished run (what stepRequest reads)
    QList<QPair<MethodStep, QString>> launched_;
    bool ended_ = false;
};

}  // namespace redit::gui
