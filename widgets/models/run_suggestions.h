#pragma once
#include <QList>
#include <QStringList>

#include "adapters/run_controller.h"

namespace redit::gui {

// What New Run offers as completions for a stage's `data` field: the project's datasets (their names are
// dataset specs) and, with a data folder set in Settings, `contexthub:FOLDER`.
QStringList dataSuggestions(const QList<ProjectInput>& datasets, const QString& dataFolder);

// Completions for a stage's `model` field: the project's model folders and, with a models folder set in
// Settings, each of its subfolders that holds a model (a config.json).
QStringList modelSuggestions(const QList<ProjectInput>& models, const QString& modelsFolder);

}  // namespace redit::gui
