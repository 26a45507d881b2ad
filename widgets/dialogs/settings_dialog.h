#pragma once
#include <QDialog>

#include "adapters/workbench_settings.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace redit::gui {

// Edit > Settings: device, threads, dtype, data folders and language. CUDA is offered only when available.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const WorkbenchSettings& current, bool cudaAvailable, QWidget* parent = nullptr);
    WorkbenchSettings settings() const;

private:
    QLineEdit* folderField(const QString& value, const QString& tooltip);
    QWidget* withBrowseButton(QLineEdit* field);

    QComboBox* device_;
    QSpinBox* threads_;
    QSpinBox* compareProcesses_;
    QComboBox* dtype_;
    QLineEdit* models_;
    QLineEdit* data_;
    QComboBox* language_;
};

}  // namespace redit::gui
