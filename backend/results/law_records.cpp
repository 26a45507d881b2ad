#include "results/law_records.h"

#include <cmath>
#include <map>
#include <sstream>

#include "results/run_records.h"
#include "store/analysis.h"
#include "store/project_store.h"
#include "store/results.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit::results {

std::string distanceKey(const std::string& metric, double budget) {
    std::ostringstream key;
    key << metric << '@' << budget;
    return key.str();
}

double InterferenceResult::delta(size_t i, size_t j) const {
    return std::abs(editedAccuracy.at(i).at(j) - baseAccuracy.at(j));
}

void writeDistances(ProjectStore& store, int64_t runId, const CircuitRun& circuits, const std::vector<DistanceRow>& rows) {
    std::map<std::string, CircuitRun::Ids> ids;
    for (size_t i = 0; i < circuits.patterns.size(); ++i) ids[circuits.patterns[i].patternId] = circuits.circuitIds[i];
    auto idsOf = [&](const std::string& pattern) {
        auto it = ids.find(pattern);
        if (it == ids.end()) throw ConfigError("pattern " + pattern + " has no circuit in circuits run " + std::to_string(circuits.runId));
        return it->second;
    };
    std::vector<CircuitDistance> stored;
    std::vector<nlohmann::json> table;
    for (const DistanceRow& row : rows) {
        const CircuitRun::Ids a = idsOf(row.patternA), b = idsOf(row.patternB);
        stored.push_back(row.samePattern() ? CircuitDistance{a.halfA, a.halfB, distanceKey(row.metric, row.budget), row.value}
                                           : CircuitDistance{a.all, b.all, distanceKey(row.metric, row.budget), row.value});
        table.push_back({{"pattern_a", row.patternA}, {"pattern_b", row.patternB}, {"same_pattern", row.samePattern()},
                         {"metric", row.metric}, {"budget", row.budget}, {"value", row.value}});
    }
    saveDistances(store, runId, stored);
    appendResultRows(store, runId, "distances", table);
}

int64_t saveDistanceRun(ProjectStore& store, NewRun run, const CircuitRun& circuits, const std::vector<DistanceRow>& rows) {
    run.kind = "distances";
    run.config["circuits_run"] = circuits.runId;
    return recordRun(store, run, [&](int64_t runId) { writeDistances(store, runId, circuits, rows); });
}

std::vector<DistanceRow> loadDistanceRows(const ProjectStore& store, int64_t runId) {
    finishedRunOfKind(store, runId, "distances");
    std::vector<DistanceRow> rows;
    for (const ResultRow& r : resultRows(store, runId, "distances")) {
        const std::string source = store.path() + " (distances run " + std::to_string(runId) + ")";
        JsonFields f(r.data, source, "row " + std::to_string(r.index));
        rows.push_back({f.requiredString("pattern_a"), f.requiredString("pattern_b"), f.requiredString("metric"),
                        f.requiredNumber("budget"), f.requiredNumber("value")});
    }
    return rows;
}

void writeInterference(ProjectStore& store, int64_t runId, const InterferenceResult& result) {
    InterferenceMatrix matrix{0, runId, "delta", result.patterns, result.patterns, {}};
    std::vector<nlohmann::json> table;
    for (size_t i = 0; i < result.patterns.size(); ++i)
        for (size_t j = 0; j < result.patterns.size(); ++j) {
            matrix.values.push_back(float(result.delta(i, j)));
            table.push_back({{"edited", result.patterns[i]}, {"probed", result.patterns[j]},
                             {"base_accuracy", result.baseAccuracy[j]}, {"edited_accuracy", result.editedAccuracy[i][j]},
                             {"delta", result.delta(i, j)}});
        }
    saveInterferenceMatrix(store, matrix);
    appendResultRows(store, runId, "interference", table);
}

int64_t saveInterferenceRun(ProjectStore& store, NewRun run, const InterferenceResult& result) {
    run.kind = "interference";
    return recordRun(store, run, [&](int64_t runId) { writeInterference(store, runId, result); });
}

InterferenceResult loadInterferenceRun(const ProjectStore& store, int64_t runId) {
    finishedRunOfKind(store, runId, "interference");
    const std::string source = store.path() + " (interference run " + std::to_string(runId) + ")";
    const std::vector<ResultRow> rows = resultRows(store, runId, "interference");
    InterferenceResult result;
    std::map<std::string, size_t> index;
    for (const ResultRow& r : rows) {
        const std::string edited = JsonFields(r.data, source, "row " + std::to_string(r.index)).requiredString("edited");
        if (index.emplace(edited, result.patterns.size()).second) result.patterns.push_back(edited);
    }
    const size_t n = result.patterns.size();
    if (rows.size() != n * n)
        throw FileError(source, std::to_string(rows.size()) + " cells for " + std::to_string(n) + " patterns (expected " +
                                    std::to_string(n * n) + ")");
    result.baseAccuracy.assign(n, 0);
    result.editedAccuracy.assign(n, std::vector<double>(n, 0));
    std::vector<std::vector<bool>> seen(n, std::vector<bool>(n, false));
    for (const ResultRow& r : rows) {
        JsonFields f(r.data, source, "row " + std::to_string(r.index));
        auto probed = index.find(f.requiredString("probed"));
        if (probed == index.end()) f.fail("probed", "names a pattern that was never edited");
        const size_t i = index.at(f.requiredString("edited")), j = probed->second;
        if (seen[i][j]) f.fail("probed", "repeats the cell (" + result.patterns[i] + ", " + result.patterns[j] + ")");
        seen[i][j] = true;
        result.baseAccuracy[j] = f.requiredNumber("base_accuracy");
        result.editedAccuracy[i][j] = f.requiredNumber("edited_accuracy");
    }
    return result;
}

}  // namespace redit::results
