#include "adapters/translation.h"

#include <QCoreApplication>
#include <QTranslator>

#include "adapters/data_folder.h"

namespace redit::gui {

QString translationFolder() {
    return dataFolder(QStringLiteral("translations"), QStringLiteral(REDIT_TRANSLATIONS_BUILD_DIR));
}

bool installTranslation(const QString& language, QTranslator& translator) {
    if (language == QLatin1String("en")) return true;
    if (!translator.load(QStringLiteral("redit_%1").arg(language), translationFolder())) return false;
    return QCoreApplication::installTranslator(&translator);
}

}  // namespace redit::gui
