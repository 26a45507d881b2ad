#include "views/circuit_selection_widget.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>

namespace redit::gui {

CircuitSelectionWidget::CircuitSelectionWidget(QWidget* parent)
    : QWidget(parent), mode_(new QComboBox(this)), value_(new QDoubleSpinBox(this)) {
    mode_->addItem(tr("Top n edges"));
    mode_->addItem(tr("Fraction of edges"));
    mode_->addItem(tr("|score| threshold"));
    mode_->setToolTip(tr("How the edges to draw are chosen, strongest |score| first"));
    value_->setKeyboardTracking(false);  // typing "500" does not lay out 5 and 50 first
    value_->setToolTip(tr("Number of edges, fraction (0–1) or minimum |score|, depending on the mode"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&Edges:"), this);
    label->setBuddy(mode_);
    layout->addWidget(label);
    layout->addWidget(mode_);
    layout->addWidget(value_);
    configureValueBox(EdgeSelection::Mode::TopN);

    connect(mode_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
        configureValueBox(EdgeSelection::Mode(index));
        emit selectionChanged(selection());
    });
    connect(value_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this](double value) {
        remembered_[mode_->currentIndex()] = value;
        emit selectionChanged(selection());
    });
}

void CircuitSelectionWidget::configureValueBox(EdgeSelection::Mode mode) {
    QSignalBlocker block(value_);
    switch (mode) {
    case EdgeSelection::Mode::TopN:
        value_->setDecimals(0);
        value_->setRange(1, 1e7);
        value_->setSingleStep(10);
        break;
    case EdgeSelection::Mode::Fraction:
        value_->setDecimals(3);
        value_->setRange(0.001, 1);
        value_->setSingleStep(0.01);
        break;
    case EdgeSelection::Mode::Threshold:
        value_->setDecimals(4);
        value_->setRange(0, 1e6);
        value_->setSingleStep(0.01);
        break;
    }
    value_->setValue(remembered_[int(mode)]);
}

EdgeSelection CircuitSelectionWidget::selection() const {
    return EdgeSelection{EdgeSelection::Mode(mode_->currentIndex()), value_->value()};
}

void CircuitSelectionWidget::setSelection(const EdgeSelection& selection) {
    {
        QSignalBlocker blockMode(mode_);
        QSignalBlocker blockValue(value_);
        mode_->setCurrentIndex(int(selection.mode));
        remembered_[int(selection.mode)] = selection.value;
        configureValueBox(selection.mode);
    }
    emit selectionChanged(this->selection());
}

}  // namespace redit::gui
