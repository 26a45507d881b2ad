#include "startup_views.h"

#include <QFile>

#include "views/circuit_compare_view.h"
#include "main_window.h"
#include "adapters/run_controller.h"
#include "models/run_workflow.h"

namespace redit::gui {
namespace {

void openView(MainWindow& window, RunController& controller, const QString& spec) {
    const QStringList f = spec.split(QLatin1Char(':'));
    const QString kind = f.value(0);
    RunWorkflow* runs = window.runWorkflow();
    auto need = [&](int fields) {
        if (f.size() != fields) throw std::runtime_error("expected " + std::to_string(fields - 1) + " fields after '" + kind.toStdString() + ":'");
    };
    if (kind == QLatin1String("run")) {
        need(2);
        runs->showResults(f[1]);
    } else if (kind == QLatin1String("project-results")) {
        need(1);
        runs->showProjectResults();
    } else if (kind == QLatin1String("circuit")) {
        need(4);
        runs->showCircuit(f[1], f[2], f[3].toDouble());
    } else if (kind == QLatin1String("compare")) {
        need(6);
        runs->compareCircuits(f[1], f[2], f[3], f[4], f[5].toDouble());
    } else if (kind == QLatin1String("runs")) {
        need(3);
        if (!runs->showRunComparison(f[1], f[2])) throw std::runtime_error("cannot compare these runs (see the log)");
    } else if (kind == QLatin1String("details")) {
        need(2);
        runs->showDetails(f[1]);
    } else if (kind == QLatin1String("launch")) {
        QFile file(spec.mid(int(kind.size()) + 1));
        if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + file.fileName().toStdString());
        controller.launchRun(nlohmann::json::parse(file.readAll().toStdString()));
    } else {
        throw std::runtime_error("unknown kind (use run, project-results, circuit, compare, runs, details or launch)");
    }
}

}  // namespace

QStringList openStartupViews(MainWindow& window, RunController& controller, const QStringList& specs) {
    QStringList problems;
    for (const QString& spec : specs) {
        try {
            openView(window, controller, spec);
        } catch (const std::exception& e) {  // redit::Error, JSON or SQLite errors
            problems << QStringLiteral("--show %1: %2").arg(spec, QString::fromStdString(e.what()));
        }
    }
    return problems;
}

}  // namespace redit::gui
