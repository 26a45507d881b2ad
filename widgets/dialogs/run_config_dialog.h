#pragma once
#include <QDialog>
#include <QList>

#include <nlohmann/json.hpp>

#include "adapters/run_controller.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace redit::gui {

class ConfigForm;

// Run > New Run…: the stage, name, seed, device, model and dataset, and the stage's params as a form
// generated from its ConfigSchema, with a memory estimate when the run names a model folder. Launch
// validates (errors beside the wrong field), then submits and queues the run through the controller.
class RunConfigDialog : public QDialog {
    Q_OBJECT
public:
    explicit RunConfigDialog(RunController& controller, QWidget* parent = nullptr);

    // Fills the dialog from a stored run config (clone and edit).
    void setRequest(const nlohmann::json& request);
    // The run config as entered (params not yet validated).
    nlohmann::json request() const;
    // Validates and launches; on success the dialog is accepted and launchedRunId() is set.
    void launch();
    QString launchedRunId() const { return launchedRunId_; }

    ConfigForm* form() const { return form_; }
    QLabel* memoryEstimate() const { return memory_; }
    QLabel* errorLine() const { return error_; }

private:
    void stageChosen();
    void updateMemoryEstimate();
    void selectData(QComboBox* box, qint64 id);
    // Offers `suggestions` as completions in the text editor of a stage field, if the stage has that field.
    void suggest(const std::string& field, const QStringList& suggestions);

    RunController& controller_;
    QList<ProjectInput> models_;  // the project's models, in the order of the model list after "(none)"
    QComboBox* stage_;
    QLabel* stageDescription_;
    QLineEdit* name_;
    QSpinBox* seed_;
    QComboBox* device_;
    QComboBox* model_;
    QComboBox* dataset_;
    ConfigForm* form_;
    QLabel* memory_;
    QLabel* error_;
    QString launchedRunId_;
};

}  // namespace redit::gui
