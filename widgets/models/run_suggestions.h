#pragma once
#include <QList>
#include <QStringList>

#include "adapters/run_controller.h"

namespace redit::gui {

// What New Run's dataset chooser completes: the project's datasets' specs and, with a data folder set in
// Settings, `contexthub:FOLDER`.
QStringList dataSuggestions(const QList<ProjectInput>& datasets, const QString& dataFolder);

// What New Run's model chooser completes: the project's model folders and, with a models folder set in
// Settings, each of its subfolders that holds a model (a config.json).
QStringList modelSuggestions(const QList<ProjectInput>& models, const QString& modelsFolder);

}  // namespace redit::gui
