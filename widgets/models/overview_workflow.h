#pragma once
#include <QHash>
#include <QObject>
#include <QPointer>

#include "adapters/run_controller.h"
#include "models/method_overview.h"

namespace redit::gui {

class MainWindow;
class OverviewPage;

// The window's side of the project overview: opens the Overview tab when a project opens (View > Overview
// brings it back), rereads it on a worker thread whenever a run changes state, opens a finished step's view
// through RunWorkflow and launches a step through the run controller (an ordinary run of its stage). For the
// demo it computes the law's missing steps one after the other, each launched when the one before finished.
class OverviewWorkflow : public QObject {
    Q_OBJECT
public:
    OverviewWorkflow(MainWindow& window, RunController& controller);

    // Shows the Overview tab (first among the tabs; created when it was closed) and rereads it.
    void showOverview();
    OverviewPage* page() const;
    // Launches the first of circuits, distances, interference and law without a finished run, then each next
    // one when the one before finished; stops when all have finished or a run fails or is cancelled.
    void computeLawSteps();
    bool isComputing() const { return computing_; }
    // Launches the step with the overview's defaults (models/method_steps.h); the run's id, empty when it failed
    // (the reason is logged).
    QString launch(MethodStep step);
    // Opens the view of the step's newest finished run (a circuits run: its first pattern's circuit).
    void open(MethodStep step);

signals:
    // A reread arrived and the page shows it (tests wait on it).
    void overviewShown();

private:
    void refresh();
    void apply(const MethodOverview& overview);
    void continueComputing(const MethodOverview& overview);
    void runUpdated(const RunUpdate& update);
    void projectClosed();

    MainWindow& window_;
    RunController& controller_;
    QPointer<OverviewPage> page_;
    int generation_ = 0;       // rereads started; only the newest one's result is shown
    bool computing_ = false;
    QString computingRun_;     // the run computeLawSteps waits on
    QHash<QString, int> states_;  // the last state of each run of this session
};

}  // namespace redit::gui
