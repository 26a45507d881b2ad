#include "results/circuit_records.h"

#include <map>

#include "results/run_records.h"
#include "store/circuits.h"
#include "store/project_store.h"
#include "store/results.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit::results {

nlohmann::json graphSpecJson(const GraphShape& shape) {
    return {{"granularity", granularityName(Granularity::Edge)},
            {"layers", shape.layers},
            {"heads", shape.heads},
            {"key_value_heads", shape.keyValueHeads}};
}

GraphShape graphShapeFromSpec(const nlohmann::json& spec, const std::string& source) {
    if (!spec.is_object()) throw FileError(source, "the graph spec is not a JSON object");
    JsonFields fields(spec, source, "graph");
    if (fields.requiredString("granularity") != granularityName(Granularity::Edge))
        fields.fail("granularity", "must be 'edge'");
    GraphShape shape{fields.requiredPositiveInt("layers"), fields.requiredPositiveInt("heads"),
                     fields.requiredPositiveInt("key_value_heads")};
    if (shape.heads % shape.keyValueHeads != 0) fields.fail("key_value_heads", "must divide 'heads'");
    return shape;
}

namespace {

std::vector<float> toFloat(const std::vector<double>& v) { return std::vector<float>(v.begin(), v.end()); }
std::vector<double> toDouble(const std::vector<float>& v) { return std::vector<double>(v.begin(), v.end()); }

}  // namespace

void writeCircuits(ProjectStore& store, int64_t runId, std::optional<int64_t> modelId, const GraphShape& shape,
                   const std::vector<PatternScores>& patterns) {
    const int64_t spec = addGraphSpec(store, graphSpecJson(shape), CircuitGraph(shape).edgeCount(), modelId);
    for (const PatternScores& p : patterns) {
        saveCircuit(store, {0, runId, spec, p.patternId, std::nullopt, toFloat(p.all)});
        saveCircuit(store, {0, runId, spec, p.patternId + "/A", std::nullopt, toFloat(p.halfA)});
        saveCircuit(store, {0, runId, spec, p.patternId + "/B", std::nullopt, toFloat(p.halfB)});
    }
    putResultRow(store, runId, "circuit_graph", 0,
                 {{"graph", graphSpecJson(shape)}, {"pairs", patterns.empty() ? 0 : patterns.front().pairs}});
}

int64_t saveCircuitRun(ProjectStore& store, NewRun run, const GraphShape& shape, const std::vector<PatternScores>& patterns) {
    run.kind = "circuits";
    return recordRun(store, run, [&](int64_t runId) { writeCircuits(store, runId, run.modelId, shape, patterns); });
}

CircuitRun loadCircuitRun(const ProjectStore& store, int64_t runId) {
    finishedRunOfKind(store, runId, "circuits");
    const std::string source = store.path() + " (circuits run " + std::to_string(runId) + ")";
    const std::vector<ResultRow> graphRows = resultRows(store, runId, "circuit_graph");
    if (graphRows.size() != 1) throw FileError(source, "the result table 'circuit_graph' must have one row");
    const JsonFields graphRow(graphRows.front().data, source, "circuit_graph");
    CircuitRun run{runId, graphShapeFromSpec(graphRow.at("graph"), source), {}, {}};
    const int64_t pairs = graphRow.requiredInt("pairs");
    const int64_t edges = CircuitGraph(run.shape).edgeCount();

    std::map<std::string, int64_t> idByName;
    std::vector<std::string> patternIds;  // circuits without a half suffix, in saved order
    for (const StoredCircuit& c : listCircuits(store, runId)) {
        idByName[c.name] = c.id;
        if (c.name.size() < 2 || (c.name.compare(c.name.size() - 2, 2, "/A") != 0 && c.name.compare(c.name.size() - 2, 2, "/B") != 0))
            patternIds.push_back(c.name);
    }
    auto load = [&](const std::string& name, int64_t& id) {
        auto it = idByName.find(name);
        if (it == idByName.end()) throw FileError(source, "circuit '" + name + "' is missing");
        id = it->second;
        StoredCircuit c = loadCircuit(store, id);
        if (int64_t(c.scores.size()) != edges)
            throw FileError(source, "circuit '" + name + "' has " + std::to_string(c.scores.size()) +
                                        " edge scores, the run's graph has " + std::to_string(edges));
        return toDouble(c.scores);
    };
    for (const std::string& id : patternIds) {
        PatternScores p;
        p.patternId = id;
        CircuitRun::Ids ids;
        p.all = load(id, ids.all);
        p.halfA = load(id + "/A", ids.halfA);
        p.halfB = load(id + "/B", ids.halfB);
        p.pairs = pairs;
        run.patterns.push_back(std::move(p));
        run.circuitIds.push_back(ids);
    }
    return run;
}

}  // namespace redit::results
