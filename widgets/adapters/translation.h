#pragma once
#include <QString>

class QTranslator;

namespace redit::gui {

// Loads the embedded translation for `language` ("en" needs none, "zh_CN") into `translator` and installs
// it in the application. Returns false when there is no such translation. Widgets built afterwards use it,
// so the language is chosen before the main window is created (a change applies on restart).
bool installTranslation(const QString& language, QTranslator& translator);

}  // namespace redit::gui
