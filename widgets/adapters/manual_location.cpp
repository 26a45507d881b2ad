#include "adapters/manual_location.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace redit::gui {

QStringList manualCandidates() {
    const QStringList folders = {
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/doc/redit-workbench")),
        QDir(QStringLiteral(REDIT_RESOURCE_DIR)).filePath(QStringLiteral("../docs")),
    };
    QStringList candidates;
    for (const QString& folder : folders)
        for (const QString& name : {QStringLiteral("manual.md"), QStringLiteral("gui.md")})
            candidates << QDir::cleanPath(QDir(folder).filePath(name));
    return candidates;
}

QString manualFile() {
    for (const QString& candidate : manualCandidates())
        if (QFileInfo(candidate).isFile()) return candidate;
    return {};
}

}  // namespace redit::gui
