#include "adapters/method_overview_reader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <map>
#include <set>

#include "adapters/project_views.h"
#include "analysis/law_fit.h"
#include "models/edit_results.h"
#include "results/circuit_records.h"
#include "results/law_records.h"
#include "store/models.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"

namespace redit::gui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("redit::gui::MethodOverview", text); }
QString q(const std::string& text) { return QString::fromStdString(text); }

StepStatus::State stateOf(redit::RunStatus status) {
    switch (status) {
    case redit::RunStatus::Pending: return StepStatus::State::Queued;
    case redit::RunStatus::Running: return StepStatus::State::Running;
    case redit::RunStatus::Finished: return StepStatus::State::Finished;
    case redit::RunStatus::Cancelled: return StepStatus::State::Cancelled;
    case redit::RunStatus::Failed:
    case redit::RunStatus::Interrupted: break;
    }
    return StepStatus::State::Failed;
}

QString circuitsFigure(const ProjectStore& store, qint64 runId, MethodOverview& overview) {
    const results::CircuitRun run = results::loadCircuitRun(store, runId);
    if (run.patterns.empty()) return tr("no circuit: no pattern has a clean/corrupted pair");
    std::vector<size_t> edges;
    for (const results::PatternScores& pattern : run.patterns)
        edges.push_back(circuitGraphOf(run, pattern.patternId, kOverviewBudget).edges.size());
    overview.circuitPattern = q(run.patterns.front().patternId);
    overview.circuit = selectEdges(circuitGraphOf(run, run.patterns.front().patternId, kOverviewBudget),
                                   {EdgeSelection::Mode::TopN, double(kOverviewEdges)});
    std::sort(edges.begin(), edges.end());
    const size_t n = edges.size();
    const double median = n % 2 ? double(edges[n / 2]) : (double(edges[n / 2 - 1]) + double(edges[n / 2])) / 2;
    if (n == 1) return tr("1 circuit, %1 edges at budget %2").arg(median).arg(kOverviewBudget);
    return tr("%1 circuits, median %2 edges at budget %3").arg(n).arg(median).arg(kOverviewBudget);
}

QString distancesFigure(const ProjectStore& store, qint64 runId) {
    std::set<std::pair<std::string, std::string>> pairs;
    std::set<double> budgets;
    for (const results::DistanceRow& row : results::loadDistanceRows(store, runId)) {
        if (!row.samePattern()) pairs.insert(std::minmax(row.patternA, row.patternB));
        budgets.insert(row.budget);
    }
    QStringList budgetText;
    for (double budget : budgets) budgetText << QString::number(budget);
    return tr("pattern pairs: %1, at budgets %2").arg(pairs.size()).arg(budgetText.join(QStringLiteral(", ")));
}

QString interferenceFigure(const ProjectStore& store, qint64 runId) {
    const results::InterferenceResult result = results::loadInterferenceRun(store, runId);
    double sum = 0, largest = 0;
    int cells = 0;
    for (size_t i = 0; i < result.patterns.size(); ++i)
        for (size_t j = 0; j < result.patterns.size(); ++j) {
            if (i == j) continue;
            sum += result.delta(i, j);
            largest = std::max(largest, result.delta(i, j));
            ++cells;
        }
    return tr("%1 patterns edited; on the other patterns mean Δ %2, largest %3")
        .arg(result.patterns.size())
        .arg(cells ? sum / cells : 0.0, 0, 'f', 2)
        .arg(largest, 0, 'f', 2);
}

// The law's headline: the first cross-pattern fit in the stored order (the CLI's table order).
QString lawFigure(const ProjectStore& store, qint64 runId, MethodOverview& overview) {
    for (const ResultRow& stored : resultRows(store, runId, "law")) {
        const analysis::LawRow row = analysis::lawRowFromJson(stored.data);
        if (row.points != analysis::LawPointSet::CrossPattern || !row.problem.empty()) continue;
        overview.law = loadRunResults(store, runId).interference;
        overview.lawMetric = q(row.metric);
        overview.lawBudget = QString::number(row.budget);
        return tr("β = %1, p = %2 (%3 at budget %4, n = %5)")
            .arg(row.fit.slope, 0, 'f', 2)
            .arg(row.fit.slopeP, 0, 'g', 2)
            .arg(q(row.metric), QString::number(row.budget))
            .arg(row.n);
    }
    return tr("no fit: too few points or a constant distance");
}

QString reshapeFigure(const ProjectStore& store, qint64 runId) {
    for (const ResultRow& row : resultRows(store, runId, "model"))
        return tr("reshaped model %1").arg(QFileInfo(q(row.data.value("path", std::string()))).fileName());
    return tr("no model written");
}

QString compareFigure(const ProjectStore& store, qint64 runId) {
    std::vector<nlohmann::json> outcomes;
    for (const ResultRow& row : resultRows(store, runId, "edit_outcomes")) outcomes.push_back(row.data);
    std::map<QString, std::pair<double, double>> sums;  // method: generality, locality summed over levels and seeds
    std::map<QString, int> counts;
    std::set<QString> methods;  // each counted once, whether or not it also has transfer rows
    for (const EditResult& result : editResultsOf(outcomes)) {
        methods.insert(editBaseMethod(result.method));
        sums[result.method].first += result.generality;
        sums[result.method].second += result.locality;
        ++counts[result.method];
    }
    if (sums.empty()) return tr("no edit outcomes");
    const QString shown = sums.count(QStringLiteral("REdit")) ? QStringLiteral("REdit") : sums.begin()->first;
    const int n = counts[shown];
    return tr("%1 methods; %2: generality %3%, locality %4%")
        .arg(methods.size())
        .arg(shown)
        .arg(sums[shown].first / n, 0, 'f', 1)
        .arg(sums[shown].second / n, 0, 'f', 1);
}

QString figureOf(const ProjectStore& store, MethodStep step, qint64 runId, MethodOverview& overview) {
    switch (step) {
    case MethodStep::Circuits: return circuitsFigure(store, runId, overview);
    case MethodStep::Distances: return distancesFigure(store, runId);
    case MethodStep::Interference: return interferenceFigure(store, runId);
    case MethodStep::Law: return lawFigure(store, runId, overview);
    case MethodStep::Reshape: return reshapeFigure(store, runId);
    case MethodStep::Compare: return compareFigure(store, runId);
    }
    return {};
}

// The inputs of the newest finished circuits run, else the project's first model and dataset.
void readInputs(const ProjectStore& store, MethodOverview& overview) {
    const std::vector<ModelRecord> models = listModels(store);
    const std::vector<DatasetRecord> datasets = listDatasets(store);
    if (!models.empty()) overview.model = q(models.front().path), overview.modelId = models.front().id;
    if (!datasets.empty()) overview.data = q(datasets.front().name), overview.datasetId = datasets.front().id;
    const qint64 circuits = overview.status(MethodStep::Circuits).finishedRunId;
    if (circuits == 0) return;
    const RunRecord run = loadRun(store, circuits);
    const nlohmann::json& params = run.config.contains("params") ? run.config.at("params") : run.config;
    if (params.contains("model")) overview.model = q(params.at("model").get<std::string>());
    if (params.contains("data")) overview.data = q(params.at("data").get<std::string>());
    overview.splitSeed = params.value("split_seed", qint64(0));
    overview.modelId = run.modelId.value_or(overview.modelId);
    overview.datasetId = run.datasetId.value_or(overview.datasetId);
}

}  // namespace

const char* stageOf(MethodStep step) {
    switch (step) {
    case MethodStep::Circuits: return "circuits";
    case MethodStep::Distances: return "distances";
    case MethodStep::Interference: return "interference";
    case MethodStep::Law: return "law";
    case MethodStep::Reshape: return "reshape";
    case MethodStep::Compare: return "compare";
    }
    return "";
}

bool MethodOverview::busy() const {
    return std::any_of(steps.begin(), steps.end(), [](const StepStatus& s) {
        return s.state == StepStatus::State::Queued || s.state == StepStatus::State::Running;
    });
}

MethodOverview loadMethodOverview(const ProjectStore& store) {
    MethodOverview overview;
    const std::vector<RunRecord> runs = listRuns(store);
    for (MethodStep step : kMethodSteps) {
        StepStatus status;
        status.step = step;
        for (const RunRecord& run : runs) {  // oldest first: the last match is the newest
            if (run.kind != stageOf(step)) continue;
            status.runId = run.id;
            status.state = stateOf(run.status);
            status.progress = run.status == redit::RunStatus::Finished ? 1.0 : run.progress;
            status.message = q(run.error.empty() ? run.progressMessage : run.error);
            if (run.status == redit::RunStatus::Finished) status.finishedRunId = run.id;
        }
        overview.steps.push_back(status);
    }
    for (StepStatus& status : overview.steps) {
        if (status.finishedRunId == 0) continue;
        try {
            status.figure = figureOf(store, status.step, status.finishedRunId, overview);
        } catch (const std::exception& e) {  // redit::Error, or SQLite's from a damaged file
            status.figure = tr("the results cannot be read: %1").arg(q(e.what()));
        }
    }
    readInputs(store, overview);
    return overview;
}

}  // namespace redit::gui
