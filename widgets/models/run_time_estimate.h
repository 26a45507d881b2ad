#pragma once
#include <QList>
#include <QString>

namespace redit::gui {

// A finished run of the open project as New Run's time estimate uses it.
struct FinishedRunTime {
    qint64 id = 0;
    QString kind;
    QString model;  // its `model` param (folder), empty when it has none
    QString data;   // its `data` param (dataset spec), empty when it has none
    double seconds = 0;  // wall time summed over every attempt
};

// How long a new run of `kind` on `model` and `data` will take, from the project's own history: the newest
// finished run of the same stage, preferring one on the same model and dataset, then one on the same model,
// then any. The text names that run and how alike it is, so the researcher can judge the figure; empty when
// the project has no finished run of the stage.
QString runTimeEstimate(const QString& kind, const QString& model, const QString& data, const QList<FinishedRunTime>& runs);

// "45 s", "2 min 4 s", "3 h 12 min".
QString durationText(double seconds);

}  // namespace redit::gui
