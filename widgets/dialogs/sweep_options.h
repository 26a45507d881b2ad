#pragma once
#include <QObject>

#include <nlohmann/json.hpp>

#include "adapters/sweep_launch.h"

class QComboBox;
class QFormLayout;
class QWidget;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace redit::gui {

// The axes a researcher types in New Run, as a sweep spec's `axes` (docs/cluster.md). Seeds: "0, 1, 2" or
// "0-2"; a stage with a `seeds` list (compare) sweeps `params.seeds` with one seed per cell, the others
// `seed`. Another axis: "params.lora_lr = 0.001, 0.01" (each value JSON, or a plain word as a string).
// ConfigError saying what is wrong; an empty text gives no axis.
nlohmann::json seedAxis(const QString& text, bool stageHasSeedList);
nlohmann::json otherAxis(const QString& text);
// The cells of the axes: the product of their lengths.
int cellCount(const nlohmann::json& axes);

// New Run's "Run on" choice and the sweep's axes and executor: one run in this project, or a sweep over seeds
// (and one more axis) on this machine (N processes) or on a Slurm cluster (a site config). Its fields are rows
// of the dialog's form; those a choice does not use are hidden.
class SweepOptions : public QObject {
    Q_OBJECT
public:
    // The fields are children of `parent`.
    explicit SweepOptions(QWidget* parent);
    void addRows(QFormLayout* form);

    bool isSweep() const;
    SweepExecution execution() const;
    // The axes as entered (ConfigError for a bad entry or for a sweep of one cell).
    nlohmann::json axes(bool stageHasSeedList) const;
    // Shows the cell count, or what is wrong with the axes.
    void updateSummary(bool stageHasSeedList);

    QComboBox* runOn() const { return runOn_; }
    QLineEdit* seeds() const { return seeds_; }
    QLineEdit* axis() const { return axis_; }
    QSpinBox* processes() const { return processes_; }
    QLineEdit* siteFile() const { return site_; }
    QLabel* summary() const { return summary_; }

signals:
    void changed();

private:
    void showFields();

    QComboBox* runOn_;
    QLineEdit* seeds_;
    QLineEdit* axis_;
    QSpinBox* processes_;
    QLineEdit* site_;
    QLabel* summary_;
    QFormLayout* form_ = nullptr;
};

}  // namespace redit::gui
