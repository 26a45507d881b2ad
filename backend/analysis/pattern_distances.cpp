#include "analysis/pattern_distances.h"

#include "circuits/distance.h"
#include "util/error.h"

namespace redit::analysis {

using namespace redit::results;

const std::vector<std::string>& distanceMetricNames() {
    static const std::vector<std::string> names = {"jaccard", "weighted_edit", "ot_01", "ot_layers"};
    return names;
}

std::vector<double> circuitDistances(const CircuitGraph& graph, const Circuit& a, const Circuit& b) {
    return {jaccardDistance(a, b), weightedEditDistance(a, b), transportDistanceZeroOne(a, b),
            transportDistanceLayers(graph, a, b)};
}

std::vector<DistanceRow> patternDistances(const CircuitGraph& graph, const std::vector<PatternScores>& patterns,
                                          const std::vector<double>& budgets) {
    std::vector<DistanceRow> rows;
    for (const double budget : budgets) {
        if (!(budget > 0 && budget <= 1))
            throw ConfigError("budget " + std::to_string(budget) + " is not a fraction of the edges in (0, 1]");
        const SelectionOptions selection{SelectionMode::TopFraction, budget, true};
        std::vector<Circuit> whole, halfA, halfB;
        for (const PatternScores& p : patterns) {
            whole.push_back(selectCircuit(graph, p.all, selection));
            halfA.push_back(selectCircuit(graph, p.halfA, selection));
            halfB.push_back(selectCircuit(graph, p.halfB, selection));
        }
        auto add = [&](const std::string& a, const std::string& b, const Circuit& ca, const Circuit& cb) {
            if (ca.size() == 0 || cb.size() == 0)
                throw ConfigError("at budget " + std::to_string(budget) + " a circuit of pattern " +
                                  (ca.size() == 0 ? a : b) + " is empty after pruning dangling edges; use a larger budget");
            const std::vector<double> values = circuitDistances(graph, ca, cb);
            for (size_t m = 0; m < values.size(); ++m) rows.push_back({a, b, distanceMetricNames()[m], budget, values[m]});
        };
        for (size_t i = 0; i < patterns.size(); ++i) {
            add(patterns[i].patternId, patterns[i].patternId, halfA[i], halfB[i]);
            for (size_t j = i + 1; j < patterns.size(); ++j)
                add(patterns[i].patternId, patterns[j].patternId, whole[i], whole[j]);
        }
    }
    return rows;
}

}  // namespace redit::analysis
