#include "views/pattern_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace redit::gui {
namespace {

QTableWidget* readOnlyTable(QWidget* parent, const QStringList& headers, const QString& name) {
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(true);
    return table;
}

void setRow(QTableWidget* table, int row, const QStringList& cells) {
    for (int c = 0; c < cells.size(); ++c) table->setItem(row, c, new QTableWidgetItem(cells[c]));
}

}  // namespace

PatternPage::PatternPage(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), rule_(new QLabel(this)), instancesNote_(new QLabel(this)),
      instances_(readOnlyTable(this, {tr("Domain"), tr("Label"), tr("Answer"), tr("P(answer)"), tr("Instance")},
                                 QStringLiteral("patternInstances"))),
      accuracyNote_(new QLabel(this)),
      accuracy_(readOnlyTable(this, {tr("Eval run"), tr("Instances"), tr("Correct"), tr("Total"), tr("Accuracy")},
                              QStringLiteral("patternAccuracy"))),
      circuits_(new QWidget(this)) {
    title_->setObjectName(QStringLiteral("patternTitle"));
    rule_->setObjectName(QStringLiteral("patternRule"));
    rule_->setWordWrap(true);
    rule_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rule_->setToolTip(tr("The abstract problem whose instances make up the pattern"));
    accuracyNote_->setWordWrap(true);
    auto* circuitsLayout = new QHBoxLayout(circuits_);
    circuitsLayout->setContentsMargins(0, 0, 0, 0);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(rule_);
    layout->addWidget(circuits_);
    layout->addWidget(accuracyNote_);
    layout->addWidget(accuracy_, 1);
    layout->addWidget(instancesNote_);
    layout->addWidget(instances_, 3);
}

void PatternPage::setPattern(const PatternPageData& data) {
    title_->setText(tr("<h2>Pattern %1</h2><p>Dataset: %2</p>").arg(data.name.toHtmlEscaped(), data.dataset.toHtmlEscaped()));
    rule_->setText(data.rule.isEmpty() ? tr("(no rule text stored)") : data.rule);
    if (data.answersRun != 0) {
        instancesNote_->setText(tr("The model's answers in eval run #%1 (instances: %2), the first %3 of the %n it "
                                   "scored; P(answer) is the answer's probability among True, False and N/A:",
                                   nullptr, data.answeredCount)
                                    .arg(data.answersRun)
                                    .arg(data.answersPart)
                                    .arg(data.instances.size()));
    } else {
        instancesNote_->setText(tr("The first %1 of its %n instance(s); the model's answers appear once an eval run "
                                   "scores the pattern (Run > New Run…, stage eval):",
                                   nullptr, data.instanceCount)
                                    .arg(data.instances.size()));
    }
    instances_->setColumnHidden(2, data.answersRun == 0);
    instances_->setColumnHidden(3, data.answersRun == 0);
    instances_->setRowCount(int(data.instances.size()));
    for (int r = 0; r < data.instances.size(); ++r) {
        const InstanceRow& row = data.instances[r];
        const QString probability = row.probability < 0 ? QString() : QString::number(row.probability, 'f', 3);
        setRow(instances_, r, {row.domain, row.label, row.answer, probability, row.text});
        if (!row.answer.isEmpty() && row.answer != row.label)
            instances_->item(r, 2)->setToolTip(tr("Wrong: the gold label is %1").arg(row.label));
    }
    instances_->resizeColumnsToContents();
    instances_->resizeRowsToContents();
    accuracyNote_->setText(data.accuracy.isEmpty()
                               ? tr("Accuracy: no finished eval run has scored this pattern yet (Run > New Run…, "
                                    "stage eval).")
                               : tr("Accuracy of the model in each finished eval run:"));
    accuracy_->setVisible(!data.accuracy.isEmpty());
    accuracy_->setRowCount(int(data.accuracy.size()));
    for (int r = 0; r < data.accuracy.size(); ++r) {
        const PatternAccuracyRow& row = data.accuracy[r];
        setRow(accuracy_, r, {tr("#%1").arg(row.runId), row.instances, QString::number(row.correct),
                              QString::number(row.total), QString::number(row.accuracy, 'f', 3)});
    }
    QLayout* buttons = circuits_->layout();
    while (QLayoutItem* item = buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (data.circuitRuns.isEmpty()) {
        auto* none = new QLabel(tr("No circuit yet: a circuits run finds one for every pattern."), circuits_);
        none->setObjectName(QStringLiteral("noCircuit"));
        buttons->addWidget(none);
    }
    for (qint64 run : data.circuitRuns) {
        auto* open = new QPushButton(tr("Open its circuit (run #%1)").arg(run), circuits_);
        open->setObjectName(QStringLiteral("openCircuit_%1").arg(run));
        open->setToolTip(tr("Show the circuit run #%1 found for this pattern").arg(run));
        connect(open, &QPushButton::clicked, this, [this, run, name = data.name] { emit circuitRequested(run, name); });
        buttons->addWidget(open);
    }
    static_cast<QHBoxLayout*>(buttons)->addStretch(1);
}

}  // namespace redit::gui
