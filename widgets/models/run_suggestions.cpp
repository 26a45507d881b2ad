#include "models/run_suggestions.h"

#include <QDir>
#include <QFileInfo>

namespace redit::gui {

QStringList dataSuggestions(const QList<ProjectInput>& datasets, const QString& dataFolder) {
    QStringList suggestions;
    for (const ProjectInput& dataset : datasets) suggestions << (dataset.path.isEmpty() ? dataset.label : dataset.path);
    if (!dataFolder.isEmpty()) suggestions << QStringLiteral("contexthub:") + QDir::cleanPath(dataFolder);
    suggestions.removeDuplicates();
    return suggestions;
}

QStringList modelSuggestions(const QList<ProjectInput>& models, const QString& modelsFolder) {
    QStringList suggestions;
    for (const ProjectInput& model : models)
        if (!model.path.isEmpty()) suggestions << model.path;
    if (!modelsFolder.isEmpty()) {
        const QDir folder(modelsFolder);
        for (const QString& name : folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            if (QFileInfo::exists(folder.filePath(name + QStringLiteral("/config.json"))))
                suggestions << QDir::cleanPath(folder.filePath(name));
    }
    suggestions.removeDuplicates();
    return suggestions;
}

}  // namespace redit::gui
