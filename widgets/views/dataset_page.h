#pragma once
#include <QWidget>

#include "adapters/project_item_reader.h"

class QLabel;
class QListWidget;
class QTableWidget;

namespace redit::gui {

// A dataset's browser (double-click in the explorer): its spec and content hash, its patterns on the left and
// the chosen pattern's rule and instances on the right.
class DatasetPage : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPage(QWidget* parent = nullptr);
    void setDataset(DatasetPageData data);

    QListWidget* patternList() const { return patterns_; }
    QLabel* ruleLabel() const { return rule_; }
    QTableWidget* instanceTable() const { return instances_; }

private:
    void showPattern(int row);

    DatasetPageData data_;
    QLabel* title_;
    QListWidget* patterns_;
    QLabel* rule_;
    QTableWidget* instances_;
};

}  // namespace redit::gui
