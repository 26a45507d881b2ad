#pragma once
#include <QWidget>

#include "adapters/project_item_reader.h"

class QLabel;
class QTableWidget;
class QVBoxLayout;

namespace redit::gui {

// A pattern's page (double-click in the explorer): its rule, its first instances with their labels, its
// accuracy in every finished eval run, and a button per circuits run that holds its circuit.
class PatternPage : public QWidget {
    Q_OBJECT
public:
    explicit PatternPage(QWidget* parent = nullptr);
    void setPattern(const PatternPageData& data);

    QLabel* ruleLabel() const { return rule_; }
    QTableWidget* instanceTable() const { return instances_; }
    QTableWidget* accuracyTable() const { return accuracy_; }

signals:
    void circuitRequested(qint64 runId, const QString& pattern);

private:
    QLabel* title_;
    QLabel* rule_;
    QLabel* instancesNote_;
    QTableWidget* instances_;
    QLabel* accuracyNote_;
    QTableWidget* accuracy_;
    QWidget* circuits_;  // one button per circuits run
};

}  // namespace redit::gui
