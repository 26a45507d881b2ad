#pragma once
// The workbench's hidden --show options: views opened at start (scripted screenshots and demonstrations).
#include <QStringList>

namespace redit::gui {

class MainWindow;
class RunController;

// Opens, in the open project, one view per spec:
//   run:ID                             the view a double-click on the run opens (not for circuits runs)
//   project-results                    the Results of all the project's compare runs (View > Project Results)
//   circuit:ID:PATTERN:BUDGET          one pattern's circuit of a circuits run
//   compare:ID:PATTERN:ID:PATTERN:BUDGET  two circuits in the compare view
//   runs:ID:ID                         two runs side by side
//   details:ID                         a run's details tab
//   launch:FILE                        queues the run request in the JSON file (as New Run does)
// Returns one message per spec that failed, naming it.
QStringList openStartupViews(MainWindow& window, RunController& controller, const QStringList& specs);

}  // namespace redit::gui
