#include "dialogs/circuit_pair_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

#include "adapters/project_contents_reader.h"

namespace redit::gui {

CircuitPairDialog::CircuitPairDialog(const QStringList& runLabels, PatternLister patterns, QWidget* parent)
    : QDialog(parent),
      patterns_(std::move(patterns)),
      runA_(new QComboBox(this)),
      patternA_(new QComboBox(this)),
      runB_(new QComboBox(this)),
      patternB_(new QComboBox(this)),
      budget_(new QDoubleSpinBox(this)),
      problem_(new QLabel(this)) {
    setWindowTitle(tr("Compare Circuits"));
    for (const QString& label : runLabels)
        if (const std::optional<qint64> id = runIdOfLabel(label)) {
            runA_->addItem(label, QString::number(*id));
            runB_->addItem(label, QString::number(*id));
        }
    runA_->setToolTip(tr("A finished circuits run"));
    runB_->setToolTip(tr("A finished circuits run (the same one to compare two patterns)"));
    budget_->setRange(0.01, 1.0);
    budget_->setSingleStep(0.05);
    budget_->setValue(0.3);
    budget_->setToolTip(tr("Fraction of each circuit's edges kept (strongest |score| first)"));
    problem_->setStyleSheet(QStringLiteral("color: #b91c1c"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Run &A:"), runA_);
    form->addRow(tr("Pattern A:"), patternA_);
    form->addRow(tr("Run &B:"), runB_);
    form->addRow(tr("Pattern B:"), patternB_);
    form->addRow(tr("B&udget:"), budget_);
    form->addRow(problem_);
    form->addRow(buttons);
    auto update = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(patternA_->count() > 0 && patternB_->count() > 0);
        problem_->setText(patternA_->count() && patternB_->count() ? QString()
                                                                   : tr("Choose two finished circuits runs."));
    };
    connect(runA_, &QComboBox::currentIndexChanged, this, [this, update] { fillPatterns(runA_, patternA_), update(); });
    connect(runB_, &QComboBox::currentIndexChanged, this, [this, update] { fillPatterns(runB_, patternB_), update(); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fillPatterns(runA_, patternA_);
    fillPatterns(runB_, patternB_);
    if (patternB_->count() > 1) patternB_->setCurrentIndex(1);  // two different patterns to start with
    update();
}

void CircuitPairDialog::fillPatterns(QComboBox* run, QComboBox* pattern) {
    pattern->clear();
    if (run->currentIndex() >= 0) pattern->addItems(patterns_(run->currentData().toString()));
}

QString CircuitPairDialog::runA() const { return runA_->currentData().toString(); }
QString CircuitPairDialog::runB() const { return runB_->currentData().toString(); }
QString CircuitPairDialog::patternA() const { return patternA_->currentText(); }
QString CircuitPairDialog::patternB() const { return patternB_->currentText(); }
double CircuitPairDialog::budget() const { return budget_->value(); }

}  // namespace redit::gui
