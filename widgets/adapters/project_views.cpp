#include "adapters/project_views.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "analysis/confidence_band.h"
#include "analysis/law_fit.h"
#include "analysis/pattern_distances.h"
#include "circuits/circuit.h"
#include "models/edit_results.h"
#include "results/circuit_records.h"
#include "results/law_records.h"
#include "results/run_records.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"

namespace redit::gui {
namespace {

constexpr int kBandPoints = 21;

QString q(const std::string& text) { return QString::fromStdString(text); }

NodeKind upstreamKind(UpstreamNodeKind kind) {
    switch (kind) {
    case UpstreamNodeKind::Input: return NodeKind::Input;
    case UpstreamNodeKind::Mlp: return NodeKind::Mlp;
    case UpstreamNodeKind::Head: break;
    }
    return NodeKind::Head;
}

NodeKind downstreamKind(DownstreamNodeKind kind) {
    switch (kind) {
    case DownstreamNodeKind::Mlp: return NodeKind::Mlp;
    case DownstreamNodeKind::Logits: return NodeKind::Logits;
    default: return NodeKind::Head;  // a head's query, key or value input
    }
}

HeadPort headPort(DownstreamNodeKind kind) {
    switch (kind) {
    case DownstreamNodeKind::Query: return HeadPort::Query;
    case DownstreamNodeKind::Key: return HeadPort::Key;
    case DownstreamNodeKind::Value: return HeadPort::Value;
    default: return HeadPort::Output;  // node-level graphs: a head reads and writes as one node
    }
}

// The 95% confidence band of the fitted mean alpha + beta d over the distances the fit used.
std::vector<InterferenceFit::BandPoint> confidenceBand(const LinearFit& fit, const std::vector<double>& x) {
    std::vector<InterferenceFit::BandPoint> band;
    for (const analysis::BandPoint& b : analysis::confidenceBand(fit, x, kBandPoints)) band.push_back({b.x, b.low, b.high});
    return band;
}

InterferenceSet interferenceSet(const std::vector<analysis::LawPoint>& points, const analysis::LawRow& row,
                                bool referenceFilter) {
    InterferenceSet set;
    set.metric = q(row.metric);
    set.budget = QString::number(row.budget);
    set.referenceFilter = referenceFilter;
    std::vector<double> fitted;  // the distances of the cross-pattern points the fit used
    for (const analysis::LawPoint& p : points) {
        if (referenceFilter && p.delta < kReferenceDeltaFloor) continue;
        set.points.push_back({p.distance, p.delta, q(p.edited), q(p.probed)});
        if (!p.samePattern()) fitted.push_back(p.distance);
    }
    set.fit.n = int(row.n);
    if (!row.problem.empty()) return set;  // no line: fewer than three points or a constant distance
    set.fit.alpha = row.fit.intercept;
    set.fit.beta = row.fit.slope;
    set.fit.r = row.pearson.r;
    set.fit.p = row.pearson.p;
    set.fit.band = confidenceBand(row.fit, fitted);
    return set;
}

int64_t runFromConfig(const ProjectStore& store, const RunRecord& run, const char* field, const char* kind) {
    return results::inputRunOf(store, run, field, kind);
}

}  // namespace

namespace {

const results::PatternScores& patternOf(const results::CircuitRun& run, const std::string& patternId) {
    const auto pattern = std::find_if(run.patterns.begin(), run.patterns.end(),
                                      [&](const results::PatternScores& p) { return p.patternId == patternId; });
    if (pattern == run.patterns.end())
        throw ConfigError("circuits run #" + std::to_string(run.runId) + " has no pattern '" + patternId + "'");
    return *pattern;
}

Circuit selectedCircuit(const redit::CircuitGraph& graph, const results::PatternScores& pattern, double budget) {
    SelectionOptions options;
    options.mode = SelectionMode::TopFraction;
    options.value = budget;
    return selectCircuit(graph, pattern.all, options);
}

DrawnCircuit viewOf(const redit::CircuitGraph& graph, const Circuit& circuit) {
    DrawnCircuit view;
    std::map<std::string, CircuitNode> nodes;  // an MLP reads and writes under one name: one node
    for (size_t i = 0; i < circuit.size(); ++i) {
        const Edge edge = graph.edge(circuit.edges[i]);
        const std::string& from = graph.upstreamName(edge.upstream);
        const std::string& to = graph.downstreamName(edge.downstream);
        nodes.emplace(from, CircuitNode{q(from), upstreamKind(graph.upstreamKind(edge.upstream)),
                                        int(graph.upstreamLayer(edge.upstream)), int(graph.upstreamHead(edge.upstream)),
                                        HeadPort::Output});
        nodes.emplace(to, CircuitNode{q(to), downstreamKind(graph.downstreamKind(edge.downstream)),
                                      int(graph.downstreamLayer(edge.downstream)),
                                      int(graph.downstreamHead(edge.downstream)),
                                      headPort(graph.downstreamKind(edge.downstream))});
        view.edges.push_back({q(from), q(to), circuit.weights[i]});
    }
    for (auto& [name, node] : nodes) view.nodes.push_back(std::move(node));
    return view;
}

// The circuits run a distances run was computed from; 0 when it is gone (its view then offers no compare).
int64_t circuitsRunOf(const ProjectStore& store, const RunRecord& distancesRun) {
    try {
        return runFromConfig(store, distancesRun, "circuits_run", "circuits");
    } catch (const ConfigError&) {
        return 0;
    }
}

}  // namespace

DrawnCircuit circuitGraphOf(const results::CircuitRun& run, const std::string& patternId, double budget) {
    const redit::CircuitGraph graph(run.shape);
    return viewOf(graph, selectedCircuit(graph, patternOf(run, patternId), budget));
}

PatternDistances patternDistancesOf(const std::vector<results::DistanceRow>& rows) {
    PatternDistances distances;
    std::vector<std::string> keys;
    for (const results::DistanceRow& row : rows) {
        for (const std::string* name : {&row.patternA, &row.patternB})
            if (!distances.patterns.contains(q(*name))) distances.patterns << q(*name);
        const std::string key = results::distanceKey(row.metric, row.budget);
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
    const size_t n = size_t(distances.patterns.size());
    for (const std::string& key : keys)
        distances.metrics.push_back({q(key), std::vector<double>(n * n, std::numeric_limits<double>::quiet_NaN())});
    for (const results::DistanceRow& row : rows) {
        const size_t m = size_t(std::find(keys.begin(), keys.end(), results::distanceKey(row.metric, row.budget)) - keys.begin());
        const size_t a = size_t(distances.patterns.indexOf(q(row.patternA)));
        const size_t b = size_t(distances.patterns.indexOf(q(row.patternB)));
        distances.metrics[m].values[a * n + b] = row.value;
        distances.metrics[m].values[b * n + a] = row.value;
    }
    return distances;
}

std::vector<InterferenceSet> interferenceSetsOf(const std::vector<results::DistanceRow>& rows,
                                                const results::InterferenceResult& interference) {
    std::vector<InterferenceSet> sets;
    for (bool referenceFilter : {false, true}) {
        InterferenceFilterOptions reference;
        if (referenceFilter) reference.dropInterferenceBelow = kReferenceDeltaFloor;
        for (const analysis::LawRow& row : analysis::fitLaw(rows, interference, reference)) {
            if (row.points != analysis::LawPointSet::CrossPattern) continue;
            sets.push_back(interferenceSet(analysis::lawPoints(rows, interference, row.metric, row.budget), row,
                                           referenceFilter));
        }
    }
    return sets;
}

RunResults loadRunResults(const ProjectStore& store, int64_t runId) {
    const RunRecord run = loadRun(store, runId);
    RunResults results;
    if (run.status != redit::RunStatus::Finished) return results;
    if (run.kind == "circuits") {
        results.view = RunResults::View::Circuit;
        for (const results::PatternScores& p : results::loadCircuitRun(store, runId).patterns)
            results.patterns << q(p.patternId);
    } else if (run.kind == "distances") {
        results.view = RunResults::View::Distances;
        results.distances = patternDistancesOf(results::loadDistanceRows(store, runId));
        results.circuitsRun = circuitsRunOf(store, run);
    } else if (run.kind == "compare") {
        results.view = RunResults::View::Results;
        std::vector<nlohmann::json> outcomes;
        for (const ResultRow& row : resultRows(store, runId, "edit_outcomes")) outcomes.push_back(row.data);
        if (outcomes.empty())
            throw ConfigError("compare run #" + std::to_string(runId) + " has no rows in its result table 'edit_outcomes'");
        results.edits = editResultsOf(outcomes);
    } else if (run.kind == "interference" || run.kind == "law") {
        const int64_t distancesRun = runFromConfig(store, run, "distances_run", "distances");
        const int64_t interferenceRun =
            run.kind == "law" ? runFromConfig(store, run, "interference_run", "interference") : runId;
        results.view = RunResults::View::Interference;
        results.interference = interferenceSetsOf(results::loadDistanceRows(store, distancesRun),
                                                  results::loadInterferenceRun(store, interferenceRun));
        results.circuitsRun = circuitsRunOf(store, loadRun(store, distancesRun));
    }
    return results;
}

DrawnCircuit loadRunCircuit(const ProjectStore& store, int64_t runId, const std::string& patternId, double budget) {
    return circuitGraphOf(results::loadCircuitRun(store, runId), patternId, budget);
}

CircuitComparison loadCircuitComparison(const ProjectStore& store, int64_t runA, const std::string& patternA,
                                        int64_t runB, const std::string& patternB, double budget) {
    const results::CircuitRun a = results::loadCircuitRun(store, runA);
    const results::CircuitRun b = runB == runA ? a : results::loadCircuitRun(store, runB);
    const redit::CircuitGraph graph(a.shape);
    if (a.shape.layers != b.shape.layers || a.shape.heads != b.shape.heads || a.shape.keyValueHeads != b.shape.keyValueHeads)
        throw ConfigError("circuits runs #" + std::to_string(runA) + " and #" + std::to_string(runB) +
                          " come from models of different shapes; their circuits cannot be compared");
    const Circuit circuitA = selectedCircuit(graph, patternOf(a, patternA), budget);
    const Circuit circuitB = selectedCircuit(graph, patternOf(b, patternB), budget);
    CircuitComparison comparison;
    comparison.labelA = QStringLiteral("Run #%1: %2").arg(runA).arg(q(patternA));
    comparison.labelB = QStringLiteral("Run #%1: %2").arg(runB).arg(q(patternB));
    comparison.budget = budget;
    comparison.a = viewOf(graph, circuitA);
    comparison.b = viewOf(graph, circuitB);
    const std::vector<double> values = analysis::circuitDistances(graph, circuitA, circuitB);
    for (size_t m = 0; m < values.size(); ++m)
        comparison.distances.emplace_back(q(analysis::distanceMetricNames()[m]), values[m]);
    return comparison;
}

}  // namespace redit::gui
