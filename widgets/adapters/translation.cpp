#include "adapters/translation.h"

#include <QCoreApplication>
#include <QTranslator>

namespace redit::gui {

bool installTranslation(const QString& language, QTranslator& translator) {
    if (language == QLatin1String("en")) return true;
    if (!translator.load(QStringLiteral(":/i18n/redit_%1.qm").arg(language))) return false;
    return QCoreApplication::installTranslator(&translator);
}

}  // namespace redit::gui
