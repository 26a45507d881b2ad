#pragma once
#include <QString>
#include <optional>

#include "adapters/project_controller.h"

namespace redit {
class ProjectStore;
}

namespace redit::gui {

// The explorer's lists from the store: models, datasets, patterns, circuits, runs ("#7 name (status)"),
// figures (artifacts with an image MIME type) and reports (every other artifact), and whether a finished compare
// run exists.
ProjectContents readProjectContents(const ProjectStore& store);

QString runLabel(qint64 id, const QString& name, const QString& status);
// The run id of a runLabel(); nothing for any other text.
std::optional<qint64> runIdOfLabel(const QString& label);

// A circuit as the explorer lists it: "pattern (#run)".
struct CircuitEntry {
    QString pattern;
    qint64 runId = 0;
};
QString circuitLabel(const QString& pattern, qint64 runId);
// The pattern and run of a circuitLabel(); nothing for any other text.
std::optional<CircuitEntry> circuitOfLabel(const QString& label);

}  // namespace redit::gui
