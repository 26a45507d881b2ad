#pragma once
#include <QWidget>

#include "adapters/project_item_reader.h"

class QLabel;
class QTableWidget;

namespace redit::gui {

// A model's page (double-click in the explorer): its record in the project and what `redit model info` says
// about its folder (architecture, parameters, tokenizer, memory estimates), or why the folder cannot be read.
class ModelPage : public QWidget {
    Q_OBJECT
public:
    explicit ModelPage(QWidget* parent = nullptr);
    void setModel(const ModelPageData& data);

    QTableWidget* summaryTable() const { return summary_; }
    QLabel* errorLabel() const { return error_; }

private:
    QLabel* title_;
    QTableWidget* summary_;
    QLabel* error_;
};

}  // namespace redit::gui
