// The workbench's event loop while a run writes to the project and the user browses a large circuit
// (issue #15, docs/reliability.md "The GUI while a run writes"): the real MainWindow and controller, offscreen.
// A train-tiny run (checkpoints, metrics and progress every step, written by the job queue's worker thread)
// is launched and selected in the run monitor, so that its loss chart reloads from the project as it
// reports; meanwhile a circuit of N edges is opened and browsed: its top-n budget changed (a new layout and
// drawing), zoomed, scrolled, an edge selected in the table, every `--action-ms`. A zero-interval timer
// measures how long the event loop goes without turning; the figures are the longest gap and the gaps over
// 100 ms, during the run and in all.
#include <CLI/CLI.hpp>
#include <QApplication>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include "adapters/store_project_controller.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "models/run_monitor_model.h"
#include "models/synthetic_examples.h"
#include "stages/builtin_stages.h"
#include "views/circuit_panel.h"
#include "views/circuit_selection_widget.h"
#include "views/circuit_view.h"
#include "views/run_monitor.h"

using namespace redit;
using namespace redit::gui;

namespace {

// CPU time of the calling thread, in ms: a wall-clock gap much longer than the thread's CPU time in it was
// spent waiting (for a core on a loaded machine, or for a lock), not computing.
double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Gaps {
    std::vector<qint64> all;  // ms between consecutive turns of the event loop
    double longestCpu = 0;    // the most GUI-thread CPU time spent between two turns
    qint64 longest() const { return all.empty() ? 0 : *std::max_element(all.begin(), all.end()); }
    int over(qint64 ms) const { return int(std::count_if(all.begin(), all.end(), [ms](qint64 g) { return g > ms; })); }
    qint64 percentile(double p) const {
        if (all.empty()) return 0;
        std::vector<qint64> sorted = all;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, size_t(p * double(sorted.size())))];
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    CLI::App cli{"Event-loop gaps of the workbench while a run writes to the project and a large circuit is browsed"};
    int edges = 10000;
    int steps = 400;
    int actionMs = 250;
    cli.add_option("--edges", edges, "edges of the browsed circuit (30 layers, 9 heads)");
    cli.add_option("--steps", steps, "train-tiny steps of the writing run");
    cli.add_option("--action-ms", actionMs, "milliseconds between browsing actions");
    CLI11_PARSE(cli, argc, argv);

    StageRegistry registry;
    registerBuiltinStages(registry);
    QTemporaryDir dir;
    StoreProjectController controller(registry, {dir.filePath("demo.redit"), dir.filePath("none")});
    MainWindow window;
    window.setProjectController(&controller);
    window.setRunController(&controller);
    window.resize(1400, 900);
    window.show();
    const QString project = dir.filePath("browse.redit");
    controller.newProject(project);
    if (!window.openProjectFile(project)) return 1;

    // The run: a tiny model trained for `steps` steps, a checkpoint every 10 and metrics every step.
    const nlohmann::json request = {
        {"kind", "train-tiny"}, {"name", "writer"}, {"seed", 0}, {"device", "cpu"},
        {"params", {{"output", "tiny-out"}, {"checkpoint_every", 10}, {"level1_per_pattern", 20}, {"level2_per_pattern", 2},
                    {"layers", 1}, {"hidden", 16}, {"heads", 2}, {"key_value_heads", 1}, {"intermediate", 32},
                    {"steps", steps}, {"batch_size", 16}, {"learning_rate", 1e-2}, {"threads", 1}}}};
    const QString runId = controller.launchRun(request);
    bool runEnded = false;
    int updates = 0;
    QObject::connect(&controller, &RunController::runUpdated, [&](const RunUpdate& update) {
        ++updates;
        if (update.id == runId && update.state != MonitoredRun::State::Queued && update.state != MonitoredRun::State::Running)
            runEnded = true;
    });
    window.runMonitor()->table()->selectRow(0);  // its loss chart follows the run

    Gaps duringRun, total;
    QElapsedTimer sinceTurn, clock;
    QTimer ticker;
    double cpuAtTurn = threadCpuMs();
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 gap = sinceTurn.restart();
        const double cpu = threadCpuMs();
        total.all.push_back(gap);
        total.longestCpu = std::max(total.longestCpu, cpu - cpuAtTurn);
        if (!runEnded) {
            duringRun.all.push_back(gap);
            duringRun.longestCpu = std::max(duringRun.longestCpu, cpu - cpuAtTurn);
        }
        cpuAtTurn = cpu;
    });
    clock.start();
    sinceTurn.start();
    ticker.start(0);

    CircuitPanel* panel = window.showCircuit(QStringLiteral("browsed"), syntheticCircuit(30, 9, edges, 11));
    int actions = 0;
    const char* kinds[] = {"new budget (layout and drawing)", "zoom in", "scroll", "select an edge in the table", "fit all"};
    qint64 longestAction[5] = {}, longestGapAfter[5] = {};
    int lastKind = -1;  // the action whose effects the next turns of the event loop carry (painting, batches)
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        if (lastKind >= 0) longestGapAfter[lastKind] = std::max(longestGapAfter[lastKind], total.all.back());
    });
    QTimer browse;
    QObject::connect(&browse, &QTimer::timeout, [&] {
        CircuitView* view = panel->view();
        QElapsedTimer took;
        took.start();
        lastKind = actions % 5;
        switch (actions++ % 5) {
            case 0: {  // a new budget: relayout and redraw
                EdgeSelection selection = panel->selectionWidget()->selection();
                selection.mode = EdgeSelection::Mode::TopN;
                selection.value = actions % 2 ? edges / 2 : edges;
                panel->selectionWidget()->setSelection(selection);
                break;
            }
            case 1: view->scale(1.6, 1.6); break;
            case 2: view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->maximum() / 2); break;
            case 3: panel->edgeTable()->selectRow(actions % 50); break;
            default: view->fitAll(); break;
        }
        longestAction[lastKind] = std::max(longestAction[lastKind], took.elapsed());
    });
    browse.start(actionMs);
    while (!runEnded || clock.elapsed() < 5000) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const double seconds = double(clock.elapsed()) / 1000.0;
    browse.stop();
    ticker.stop();

    std::printf("| phase | event-loop turns | longest gap | most GUI-thread CPU time in one gap | 99.9th percentile | gaps over 100 ms | gaps over 50 ms |\n|---|---|---|---|---|---|---|\n");
    std::printf("| while the run writes | %zu | %lld ms | %.0f ms | %lld ms | %d | %d |\n", duringRun.all.size(), duringRun.longest(),
                duringRun.longestCpu, duringRun.percentile(0.999), duringRun.over(100), duringRun.over(50));
    std::printf("| in all (%.1f s) | %zu | %lld ms | %.0f ms | %lld ms | %d | %d |\n", seconds, total.all.size(), total.longest(),
                total.longestCpu, total.percentile(0.999), total.over(100), total.over(50));
    std::printf("\n| browsing action | longest call | longest event-loop gap until the next action |\n|---|---|---|\n");
    for (int k = 0; k < 5; ++k) std::printf("| %s | %lld ms | %lld ms |\n", kinds[k], longestAction[k], longestGapAfter[k]);
    std::printf("\nrun #%s: %d progress updates; %d browsing actions on a %d-edge circuit\n", qPrintable(runId), updates,
                actions, edges);
    return 0;
}
