// Circuit view timings for docs/performance.md "Circuit view": the edge graph of a model shaped like
// SmolLM2-135M (30 layers, 9 query / 3 key-value heads: 70,651 edges) with random heavy-tailed scores, read
// into the view's form as a circuits run is (circuitGraphOf), and its strongest 2,000 / 10,000 / all edges
// laid out and drawn by the real CircuitView, offscreen. Layout, scene construction and the first paint are
// timed separately; the longest wait of the event loop while the view draws shows whether the window froze.
#include <CLI/CLI.hpp>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGraphicsScene>
#include <QHash>
#include <QPixmap>
#include <QTimer>
#include <cmath>
#include <cstdio>
#include <random>

#include "adapters/project_views.h"
#include "bench_common.h"
#include "circuits/graph.h"
#include "models/circuit_layout.h"
#include "views/circuit_edge_layer.h"
#include "views/circuit_items.h"
#include "views/circuit_view.h"

using namespace redit;
using namespace redit::gui;

namespace {

DrawnCircuit smolShapedCircuit(quint32 seed) {
    const GraphShape shape{30, 9, 3};
    results::CircuitRun run;
    run.shape = shape;
    results::PatternScores pattern;
    pattern.patternId = "bench";
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (int64_t e = 0; e < CircuitGraph(shape).edgeCount(); ++e) {
        const double z = normal(rng);
        pattern.all.push_back(z * std::abs(z) * 1e-3);
    }
    run.patterns.push_back(std::move(pattern));
    return circuitGraphOf(run, "bench", 1.0);
}

// The scene CircuitView builds, without the view: node and edge items for a finished layout.
double sceneSeconds(const DrawnCircuit& circuit, const CircuitLayout& layout) {
    QElapsedTimer clock;
    clock.start();
    QGraphicsScene scene;
    double maxAbs = 0;
    QHash<QString, double> totals;
    for (const CircuitEdge& e : circuit.edges) {
        maxAbs = std::max(maxAbs, std::abs(e.score));
        totals[e.from] += std::abs(e.score);
        totals[e.to] += std::abs(e.score);
    }
    for (size_t i = 0; i < circuit.nodes.size(); ++i)
        if (!layout.nodes[i].box.isEmpty())
            scene.addItem(new CircuitNodeItem(circuit.nodes[i], layout.nodes[i].box, totals.value(circuit.nodes[i].name), int(i)));
    for (size_t j = 0; j < circuit.edges.size(); ++j)
        if (!layout.edges[j].spline.isEmpty()) scene.addItem(new CircuitEdgeItem(circuit.edges[j], layout.edges[j], maxAbs, int(j)));
    return double(clock.nsecsElapsed()) * 1e-9;
}

struct ViewTiming {
    double total = 0;         // setCircuit until the last edge item is in the scene
    double firstPaint = 0;    // then painting the fitted view once (the event loop waits for it too)
    qint64 longestGapMs = 0;  // the longest the event loop waited while the view laid out and built the scene
    double layerRender = 0;   // a large drawing: then until its edge layer's render is shown (off the GUI thread)
    double zoomRepaint = 0;   // a zoom by 1.25: the repaint (GUI thread), the rescaled layer or every edge item
    double zoomRender = 0;    // then until the layer's render at the new scale is shown
};

// Waits, turning the event loop, until the view's edge layer has shown its render; the seconds waited.
double waitForLayer(CircuitView& view) {
    QElapsedTimer clock;
    clock.start();
    while (view.edgeLayer() && view.edgeLayer()->isRendering()) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    QCoreApplication::processEvents();  // the repaint the finished render asked for
    return double(clock.nsecsElapsed()) * 1e-9;
}

ViewTiming viewTiming(CircuitView& view, const DrawnCircuit& circuit) {
    ViewTiming t;
    QEventLoop loop;
    QObject::connect(&view, &CircuitView::layoutFinished, &loop, &QEventLoop::quit);
    QElapsedTimer clock, sinceTick;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] { t.longestGapMs = std::max(t.longestGapMs, sinceTick.restart()); });
    clock.start();
    sinceTick.start();
    ticker.start(0);
    view.setCircuit(circuit);
    loop.exec();
    ticker.stop();
    t.longestGapMs = std::max(t.longestGapMs, sinceTick.elapsed());
    t.total = double(clock.nsecsElapsed()) * 1e-9;
    clock.restart();
    view.viewport()->repaint();  // the paint the finished drawing asked for, now rather than in the next turn
    t.firstPaint = double(clock.nsecsElapsed()) * 1e-9;
    t.layerRender = waitForLayer(view);
    clock.restart();
    view.scale(1.25, 1.25);
    view.viewport()->repaint();
    t.zoomRepaint = double(clock.nsecsElapsed()) * 1e-9;
    t.zoomRender = waitForLayer(view);
    view.scale(0.8, 0.8);
    waitForLayer(view);
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    CLI::App cli{"Times the circuit view's layouts and drawing on a SmolLM2-shaped circuit"};
    std::vector<int> sizes{2000, 10000, 70651};
    int repeats = 3;
    bool graphviz = false;
    cli.add_option("--edges", sizes, "top-n edge counts to draw");
    cli.add_option("--repeats", repeats, "median of this many runs (layout, scene)");
    cli.add_flag("--graphviz", graphviz, "also time Graphviz dot (for circuits within its 3,000-edge budget)");
    CLI11_PARSE(cli, argc, argv);

    const DrawnCircuit full = smolShapedCircuit(7);
    std::printf("graph: %zu nodes, %zu edges (30 layers, 9/3 heads)\n\n", full.nodes.size(), full.edges.size());
    std::printf("| edges | nodes | layered layout | scene items | view: layout + items | first paint | longest event-loop wait before the paint | edge layer rendered | repaint after a zoom | layer at the new zoom | Graphviz dot |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
    CircuitView view;
    view.setEdgeBudget(int(full.edges.size()));
    view.resize(1400, 900);
    view.show();
    for (int n : sizes) {
        const DrawnCircuit circuit = selectEdges(full, {EdgeSelection::Mode::TopN, double(n)});
        CircuitLayout layout;
        const double layered = bench::medianSeconds(repeats, [&] { layout = layoutCircuit(circuit, CircuitLayoutKind::Layered); });
        const double scene = bench::medianSeconds(repeats, [&] { sceneSeconds(circuit, layout); });
        std::vector<double> totals, paints, layers, zooms, zoomRenders;
        qint64 longestGapMs = 0;
        for (int r = 0; r < std::max(1, repeats); ++r) {
            const ViewTiming t = viewTiming(view, circuit);
            totals.push_back(t.total);
            paints.push_back(t.firstPaint);
            layers.push_back(t.layerRender);
            zooms.push_back(t.zoomRepaint);
            zoomRenders.push_back(t.zoomRender);
            longestGapMs = std::max(longestGapMs, t.longestGapMs);
        }
        const auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        QString dot = QStringLiteral("-");
        if (graphviz && circuit.edges.size() <= size_t(CircuitView::kGraphvizEdgeBudget)) {
            QElapsedTimer clock;
            clock.start();
            layoutCircuit(circuit, CircuitLayoutKind::Graphviz);
            dot = QStringLiteral("%1 s").arg(double(clock.nsecsElapsed()) * 1e-9, 0, 'f', 2);
        }
        std::printf("| %zu | %zu | %.3f s | %.3f s | %.3f s | %.3f s | %lld ms (max) | %.3f s | %.3f s | %.3f s | %s |\n",
                    circuit.edges.size(), circuit.nodes.size(), layered, scene, median(totals), median(paints),
                    longestGapMs, median(layers), median(zooms), median(zoomRenders), qPrintable(dot));
        std::fflush(stdout);
    }
    return 0;
}
