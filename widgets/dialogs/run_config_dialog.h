#pragma once
#include <QDialog>
#include <QList>
#include <QPointer>

#include <nlohmann/json.hpp>

#include "adapters/run_controller.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace redit::gui {

class ConfigForm;
class MethodChain;
class SweepOptions;

// Run > New Run…: the stage, name, seed and device; one model chooser and one dataset chooser (the project's
// models and datasets, or a typed folder or spec) that fill the stage's `model` and `data` params; the
// stage's other params as a form generated from its ConfigSchema (labels, units and tooltips from the schema,
// the rarely changed ones folded under Advanced); and the memory and time estimates beside Launch. Launch validates
// (errors beside the wrong field), then submits and queues the run through the controller. The stage chooser's
// last choice, "Whole method", launches every step of the method on the chosen model and dataset as linked
// runs (MethodChain), each with its defaults. "Run on" sends the run to this project's queue, or launches it
// as a sweep over seeds (and one more axis) on this machine or a Slurm cluster (SweepOptions, sweep_launch.h).
class RunConfigDialog : public QDialog {
    Q_OBJECT
public:
    explicit RunConfigDialog(RunController& controller, QWidget* parent = nullptr);

    // Fills the dialog from a stored run config (clone and edit) or a part of one (a run launched from an
    // explorer item: {"kind": …, "model_id": …, "dataset_id": …, "params": {…}}); what it leaves out keeps
    // its value.
    void setRequest(const nlohmann::json& request);
    // The run config as entered (params not yet validated).
    nlohmann::json request() const;
    // Validates and launches; on success the dialog is accepted and launchedRunId() is set.
    void launch();
    QString launchedRunId() const { return launchedRunId_; }
    // The spec of the sweep that was launched; empty otherwise.
    QString launchedSweep() const { return launchedSweep_; }
    SweepOptions* sweepOptions() const { return sweep_; }
    // The whole method's chain when that was launched (it runs on after the dialog closes); null otherwise.
    MethodChain* launchedChain() const;
    // The stage chooser's entry of the whole method.
    static QString wholeMethodLabel();

    ConfigForm* form() const { return form_; }
    QComboBox* modelChooser() const { return model_; }
    QComboBox* datasetChooser() const { return dataset_; }
    QLabel* memoryEstimate() const { return memory_; }
    QLabel* timeEstimate() const { return time_; }
    QLabel* errorLine() const { return error_; }

private:
    // A chooser's choice: a project item (its id and folder or spec) or typed text (id 0).
    struct Choice {
        qint64 id = 0;
        QString value;
    };
    static Choice choiceOf(const QComboBox* box);
    static void choose(QComboBox* box, qint64 id, const QString& value);
    // The current stage's field of that name; null when it has none.
    const FieldSpec* stageField(const std::string& field) const;
    // The chosen stage's kind; empty for the whole method.
    std::string currentKind() const;
    bool wholeMethodChosen() const;
    void stageChosen();
    void launchWholeMethod();
    void launchSweep();
    // Whether the stage takes a list of seeds (compare): a seed sweep then sets it, one seed per cell.
    bool stageHasSeedList() const;
    // The memory estimate of the chosen model and the time of the most alike finished run of the project.
    void updateEstimates();

    RunController& controller_;
    QComboBox* stage_;
    QLabel* stageDescription_;
    QLineEdit* name_;
    QSpinBox* seed_;
    QComboBox* device_;
    QComboBox* model_;
    QComboBox* dataset_;
    ConfigForm* form_;
    QLabel* memory_;
    QLabel* time_;
    QLabel* error_;
    SweepOptions* sweep_;
    QString launchedRunId_;
    QString launchedSweep_;
    QPointer<MethodChain> launchedChain_;
};

}  // namespace redit::gui
