#include "views/overview_page.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "models/method_steps.h"
#include "views/circuit_view.h"
#include "views/interference_scatter.h"

namespace redit::gui {
namespace {

QString stateText(const StepStatus& s) {
    using State = StepStatus::State;
    switch (s.state) {
    case State::NotRun: return OverviewPage::tr("not run");
    case State::Queued: return OverviewPage::tr("queued (run #%1)").arg(s.runId);
    case State::Running:
        return OverviewPage::tr("running (run #%1): %2% %3").arg(s.runId).arg(qRound(s.progress * 100)).arg(s.message);
    case State::Finished: return OverviewPage::tr("finished (run #%1)").arg(s.runId);
    case State::Failed: return OverviewPage::tr("failed (run #%1): %2").arg(s.runId).arg(s.message);
    case State::Cancelled: return OverviewPage::tr("cancelled (run #%1)").arg(s.runId);
    }
    return {};
}

QLabel* wrappedLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

}  // namespace

OverviewPage::OverviewPage(QWidget* parent)
    : QWidget(parent), inputs_(wrappedLabel(this)), circuitBox_(new QGroupBox(this)), circuitNote_(wrappedLabel(this)),
      circuitView_(new CircuitView(this)), lawBox_(new QGroupBox(this)), lawNote_(wrappedLabel(this)),
      lawScatter_(new InterferenceScatter(this)) {
    setObjectName(QStringLiteral("overviewPage"));
    auto* steps = new QVBoxLayout;
    steps->addWidget(inputs_);
    steps->addWidget(stepGroup(tr("The circuit-interference law"),
                               {MethodStep::Circuits, MethodStep::Distances, MethodStep::Interference, MethodStep::Law}));
    steps->addWidget(stepGroup(tr("Editing without breaking"), {MethodStep::Reshape, MethodStep::Compare}));
    steps->addStretch(1);

    circuitNote_->setText(tr("The first pattern's circuit appears here once the circuits step has finished."));
    circuitView_->setMinimumHeight(180);
    circuitView_->setFitsWhole(true);  // a thumbnail: always the whole circuit
    // The picture is always fitted to the box: scroll bars would only change its size and refit it, forever.
    circuitView_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    circuitView_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* circuit = new QVBoxLayout(circuitBox_);
    circuit->addWidget(circuitNote_);
    circuit->addWidget(circuitView_, 1);
    circuitView_->hide();
    circuitBox_->setTitle(tr("Circuit"));
    lawNote_->setText(tr("The law's scatter appears here once the law step has finished."));
    lawScatter_->setMinimumHeight(300);
    auto* law = new QVBoxLayout(lawBox_);
    law->addWidget(lawNote_);
    law->addWidget(lawScatter_, 1);
    lawScatter_->hide();
    lawBox_->setTitle(tr("Law"));
    auto* figures = new QVBoxLayout;
    figures->addWidget(circuitBox_, 2);
    figures->addWidget(lawBox_, 3);  // the scatter's axes need the height

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(steps, 5);
    layout->addLayout(figures, 4);
}

QGroupBox* OverviewPage::stepGroup(const QString& title, std::initializer_list<MethodStep> steps) {
    auto* group = new QGroupBox(title, this);
    auto* grid = new QGridLayout(group);
    grid->setColumnStretch(1, 1);
    int line = 0;
    for (MethodStep step : steps) {
        const QString name = QString::fromLatin1(stageOf(step));
        auto* heading = new QLabel(QStringLiteral("<b>%1. %2</b><br><small>%3</small>")
                                       .arg(int(step) + 1)
                                       .arg(stepTitle(step).toHtmlEscaped(), stepDescription(step).toHtmlEscaped()),
                                   group);
        heading->setWordWrap(true);
        heading->setMinimumWidth(180);
        Row row;
        row.state = wrappedLabel(group);
        row.figure = wrappedLabel(group);
        row.progress = new QProgressBar(group);
        row.progress->setRange(0, 100);
        row.progress->setMaximumHeight(12);
        row.progress->setTextVisible(false);
        row.progress->hide();
        row.open = new QPushButton(tr("Open"), group);
        row.run = new QPushButton(tr("Run"), group);
        row.state->setObjectName(QStringLiteral("state-") + name);
        row.figure->setObjectName(QStringLiteral("figure-") + name);
        row.open->setObjectName(QStringLiteral("open-") + name);
        row.run->setObjectName(QStringLiteral("run-") + name);
        QFont bold = row.figure->font();
        bold.setBold(true);
        row.figure->setFont(bold);
        auto* buttons = new QHBoxLayout;
        buttons->addWidget(row.open);
        buttons->addWidget(row.run);
        grid->addWidget(heading, line, 0, 3, 1, Qt::AlignTop);
        grid->addWidget(row.state, line, 1);
        grid->addLayout(buttons, line, 2, Qt::AlignTop);
        grid->addWidget(row.progress, line + 1, 1, 1, 2);
        grid->addWidget(row.figure, line + 2, 1, 1, 2);  // the key figure gets the row's whole width
        connect(row.open, &QPushButton::clicked, this, [this, step] { emit openRequested(step); });
        connect(row.run, &QPushButton::clicked, this, [this, step] { emit launchRequested(step); });
        rows_[step] = row;
        line += 3;
    }
    return group;
}

void OverviewPage::setOverview(const MethodOverview& overview) {
    overview_ = overview;
    inputs_->setText(overview.model.isEmpty() && overview.data.isEmpty()
                         ? tr("The project has no model or dataset yet: add them with Run > New Run.")
                         : tr("Model: %1<br>Data: %2").arg(overview.model.toHtmlEscaped(), overview.data.toHtmlEscaped()));
    for (const StepStatus& status : overview.steps) {
        showState(status.step, status);
        const Row& row = rows_.at(status.step);
        row.figure->setText(status.finishedRunId ? status.figure : QStringLiteral("–"));
        row.figure->setToolTip(status.finishedRunId ? tr("From run #%1").arg(status.finishedRunId) : QString());
        row.open->setEnabled(status.finishedRunId > 0);
        row.open->setToolTip(status.finishedRunId ? tr("Open the view of run #%1").arg(status.finishedRunId)
                                                  : tr("The step has no finished run yet"));
        row.run->setText(status.finishedRunId ? tr("Run again") : tr("Run"));
        const QString blocker = launchBlocker(status.step, overview);
        row.run->setEnabled(blocker.isEmpty());
        const nlohmann::json params = stepRequest(status.step, overview, QString()).at("params");
        row.run->setToolTip(blocker.isEmpty() ? tr("Launch a %1 run with the parameters %2 (the others: the stage's defaults)")
                                                    .arg(QString::fromLatin1(stageOf(status.step)),
                                                         QString::fromStdString(params.dump()))
                                              : blocker);
    }
    showFigures(overview);
}

void OverviewPage::showState(MethodStep step, const StepStatus& status) {
    const Row& row = rows_.at(step);
    row.state->setText(stateText(status));
    const bool active = status.state == StepStatus::State::Queued || status.state == StepStatus::State::Running;
    row.progress->setVisible(active);
    row.progress->setValue(qRound(status.progress * 100));
}

void OverviewPage::setRunProgress(qint64 runId, double fraction, const QString& message) {
    for (StepStatus& status : overview_.steps) {
        if (status.runId != runId || status.state == StepStatus::State::Finished) continue;
        status.state = StepStatus::State::Running;
        status.progress = fraction;
        status.message = message;
        showState(status.step, status);
    }
}

void OverviewPage::showFigures(const MethodOverview& overview) {
    const qint64 circuitsRun = overview.status(MethodStep::Circuits).finishedRunId;
    if (circuitsRun != drawnCircuitRun_ && !overview.circuit.edges.empty()) {
        drawnCircuitRun_ = circuitsRun;
        circuitBox_->setTitle(tr("Circuit of %1 (run #%2, budget %3, the strongest %4 edges)")
                                  .arg(overview.circuitPattern)
                                  .arg(circuitsRun)
                                  .arg(kOverviewBudget)
                                  .arg(overview.circuit.edges.size()));
        circuitNote_->hide();
        circuitView_->show();
        circuitView_->setCircuit(overview.circuit);
    }
    const qint64 lawRun = overview.status(MethodStep::Law).finishedRunId;
    if (lawRun != drawnLawRun_ && !overview.law.empty()) {
        drawnLawRun_ = lawRun;
        lawBox_->setTitle(tr("Law (run #%1)").arg(lawRun));
        lawNote_->hide();
        lawScatter_->show();
        lawScatter_->setSets(overview.law);
        lawScatter_->setMetric(overview.lawMetric);
        lawScatter_->setBudget(overview.lawBudget);
    }
}

}  // namespace redit::gui
