#include "adapters/data_folder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace redit::gui {

QString dataFolder(const QString& subfolder, const QString& buildTreeFolder) {
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral("../share/redit-workbench/") + subfolder);
    if (QFileInfo(installed).isDir()) return QDir::cleanPath(installed);
    return buildTreeFolder;
}

}  // namespace redit::gui
