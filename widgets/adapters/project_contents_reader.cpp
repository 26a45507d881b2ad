#include "adapters/project_contents_reader.h"

#include <QFileInfo>
#include <QRegularExpression>

#include "store/artifacts.h"
#include "store/circuits.h"
#include "store/models.h"
#include "store/patterns.h"
#include "store/project_store.h"
#include "store/runs.h"

namespace redit::gui {
namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

QString runLabel(qint64 id, const QString& name, const QString& status) {
    return QStringLiteral("#%1 %2 (%3)").arg(id).arg(name, status);
}

std::optional<qint64> runIdOfLabel(const QString& label) {
    static const QRegularExpression pattern(QStringLiteral("^#(\\d+) "));
    const QRegularExpressionMatch match = pattern.match(label);
    bool ok = false;
    const qint64 id = match.hasMatch() ? match.captured(1).toLongLong(&ok) : 0;
    if (!ok) return std::nullopt;
    return id;
}

QString circuitLabel(const QString& pattern, qint64 runId) {
    return QStringLiteral("%1 (#%2)").arg(pattern).arg(runId);
}

std::optional<CircuitEntry> circuitOfLabel(const QString& label) {
    static const QRegularExpression pattern(QStringLiteral("^(.+) \\(#(\\d+)\\)$"));
    const QRegularExpressionMatch match = pattern.match(label);
    bool ok = false;
    const qint64 id = match.hasMatch() ? match.captured(2).toLongLong(&ok) : 0;
    if (!ok || id <= 0) return std::nullopt;
    return CircuitEntry{match.captured(1), id};
}

ProjectContents readProjectContents(const ProjectStore& store) {
    ProjectContents contents;
    contents.path = q(store.path());
    contents.name = QFileInfo(contents.path).completeBaseName();
    for (const ModelRecord& model : listModels(store)) contents.models << q(model.name);
    for (const DatasetRecord& dataset : listDatasets(store)) contents.datasets << q(dataset.name);
    for (const PatternRecord& pattern : listPatterns(store)) contents.patterns << q(pattern.name);
    for (const RunRecord& run : listRuns(store)) {
        const QString name = q(run.name.empty() ? run.kind : run.name);
        contents.runs << runLabel(run.id, name, QString::fromLatin1(toString(run.status)));
        if (run.kind == "compare" && run.status == RunStatus::Finished) contents.hasEditResults = true;
        for (const StoredCircuit& circuit : listCircuits(store, run.id))
            contents.circuits << circuitLabel(q(circuit.name), run.id);
        for (const Artifact& artifact : listArtifacts(store, run.id)) {
            const bool figure = QString::fromStdString(artifact.mimeType).startsWith(QLatin1String("image/"));
            (figure ? contents.figures : contents.reports) << QStringLiteral("%1 (#%2)").arg(q(artifact.name)).arg(run.id);
        }
    }
    return contents;
}

}  // namespace redit::gui
