#include "views/demo_views.h"

#include <QCoreApplication>

#include "views/circuit_panel.h"
#include "main_window.h"
#include "views/project_explorer.h"
#include "views/run_monitor.h"
#include "models/run_monitor_model.h"
#include "models/synthetic_examples.h"

namespace redit::gui {

void showDemoViews(MainWindow& window) {
    window.setNotice(QCoreApplication::translate(
        "redit::gui::DemoViews", "Synthetic example data for illustration only: these are not results."));
    window.projectExplorer()->setContents(syntheticProject());
    for (const MonitoredRun& run : syntheticRuns()) window.runMonitor()->model()->upsertRun(run);
    window.appendLog(QCoreApplication::translate("redit::gui::DemoViews", "Filled the views with synthetic example data"));
    window.showResults(QCoreApplication::translate("redit::gui::DemoViews", "Results (synthetic)"), syntheticResults(4));
    window.showInterference(QCoreApplication::translate("redit::gui::DemoViews", "Interference (synthetic)"),
                            syntheticInterference(3));
    window.showDistances(QCoreApplication::translate("redit::gui::DemoViews", "Distances (synthetic)"),
                         syntheticDistances(2));
    window.showCircuit(QCoreApplication::translate("redit::gui::DemoViews", "Circuit (synthetic)"),
                       syntheticCircuit(6, 4, 160, 1));
}

}  // namespace redit::gui
