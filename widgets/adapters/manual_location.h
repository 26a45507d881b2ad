#pragma once
#include <QString>
#include <QStringList>

namespace redit::gui {

// Where Help > Manual finds the user guide, in order: the installed docs (../share/doc/redit-workbench/ next
// to the executable), then the source tree's docs/ (REDIT_RESOURCE_DIR/../docs); in each, manual.md before
// gui.md.
QStringList manualCandidates();
// The first candidate that exists; empty when none does.
QString manualFile();

}  // namespace redit::gui
