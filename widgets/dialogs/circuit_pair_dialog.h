#pragma once
#include <QDialog>
#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace redit::gui {

// Chooses two circuits to compare: a circuits run and one of its patterns for A and for B (the same run with
// two patterns, or two runs with one pattern, e.g. before and after reshaping), and the budget.
class CircuitPairDialog : public QDialog {
    Q_OBJECT
public:
    // The patterns of a circuits run; empty for any other run.
    using PatternLister = std::function<QStringList(const QString& runId)>;

    CircuitPairDialog(const QStringList& runLabels, PatternLister patterns, QWidget* parent = nullptr);

    QString runA() const;
    QString runB() const;
    QString patternA() const;
    QString patternB() const;
    double budget() const;

private:
    void fillPatterns(QComboBox* run, QComboBox* pattern);

    PatternLister patterns_;
    QComboBox *runA_, *patternA_, *runB_, *patternB_;
    QDoubleSpinBox* budget_;
    QLabel* problem_;
};

}  // namespace redit::gui
