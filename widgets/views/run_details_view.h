#pragma once
#include <QWidget>

#include "adapters/run_controller.h"

class QFormLayout;
class QPlainTextEdit;
class QPushButton;

namespace redit::gui {

// A run's provenance fields, its config JSON and its log, with Clone and Edit for an ended run.
class RunDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit RunDetailsView(QWidget* parent = nullptr);
    void setDetails(const RunDetails& details);
    const RunDetails& details() const { return details_; }

signals:
    void cloneRequested(const QString& runId);

private:
    RunDetails details_;
    QFormLayout* provenance_;
    QPlainTextEdit* config_;
    QPlainTextEdit* log_;
    QPushButton* clone_;
};

}  // namespace redit::gui
