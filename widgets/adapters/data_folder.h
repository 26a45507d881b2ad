#pragma once
#include <QString>

namespace redit::gui {

// The workbench's read-only data (the built-in model, the translations) is installed under
// <prefix>/share/redit-workbench/, beside the executable's <prefix>/bin/ (docs/packaging.md). Returns
// `share/redit-workbench/<subfolder>` relative to the running executable when that folder exists, otherwise
// `buildTreeFolder` (where this build keeps it when run from the build tree, e.g. by the tests).
QString dataFolder(const QString& subfolder, const QString& buildTreeFolder);

}  // namespace redit::gui
