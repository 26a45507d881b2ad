#pragma once
#include <QWidget>
#include <map>

#include "models/method_overview.h"

class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace redit::gui {

class CircuitView;
class InterferenceScatter;

// The page a project opens on: the method's steps in order, each with its state in the project, the key
// figure of its finished run, a button that opens that run's view and one that launches the step; beside
// them the first pattern's circuit and the law's scatter.
class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget* parent = nullptr);

    void setOverview(const MethodOverview& overview);
    const MethodOverview& overview() const { return overview_; }
    // A progress report of a run: its step's bar and state follow it.
    void setRunProgress(qint64 runId, double fraction, const QString& message);

    QLabel* stateLabel(MethodStep step) const { return rows_.at(step).state; }
    QLabel* figureLabel(MethodStep step) const { return rows_.at(step).figure; }
    QProgressBar* progressBar(MethodStep step) const { return rows_.at(step).progress; }
    QPushButton* openButton(MethodStep step) const { return rows_.at(step).open; }
    QPushButton* runButton(MethodStep step) const { return rows_.at(step).run; }
    CircuitView* circuitView() const { return circuitView_; }
    InterferenceScatter* lawScatter() const { return lawScatter_; }

signals:
    void openRequested(redit::gui::MethodStep step);
    void launchRequested(redit::gui::MethodStep step);

private:
    struct Row {
        QLabel* state = nullptr;
        QLabel* figure = nullptr;
        QProgressBar* progress = nullptr;
        QPushButton* open = nullptr;
        QPushButton* run = nullptr;
    };
    QGroupBox* stepGroup(const QString& title, std::initializer_list<MethodStep> steps);
    void showState(MethodStep step, const StepStatus& status);
    void showFigures(const MethodOverview& overview);

    MethodOverview overview_;
    std::map<MethodStep, Row> rows_;
    QLabel* inputs_;
    QGroupBox* circuitBox_;
    QLabel* circuitNote_;
    CircuitView* circuitView_;
    QGroupBox* lawBox_;
    QLabel* lawNote_;
    InterferenceScatter* lawScatter_;
    qint64 drawnCircuitRun_ = 0, drawnLawRun_ = 0;  // the runs the figures show, so a refresh does not redraw them
};

}  // namespace redit::gui
