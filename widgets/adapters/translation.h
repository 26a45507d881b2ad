#pragma once
#include <QString>

class QTranslator;

namespace redit::gui {

// The folder of the compiled translations (redit_<language>.qm): the installed
// share/redit-workbench/translations, otherwise this build's (dataFolder).
QString translationFolder();

// Loads the translation for `language` ("en" needs none, "zh_CN") from translationFolder() into `translator`
// and installs it in the application. Returns false when there is no such translation. Widgets built
// afterwards use it, so the language is chosen before the main window is created (a change applies on restart).
bool installTranslation(const QString& language, QTranslator& translator);

}  // namespace redit::gui
