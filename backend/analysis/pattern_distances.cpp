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
                                          const std::vector<double>& budgets, std::vector<std::string>* skipped) {
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
        // A circuit left empty by pruning has no distance to anything. Leaving its pattern out of this budget
        // (its same-pattern row too, so that the law does not use it) keeps the rest of the run; without
        // `skipped` it is an error.
        auto empty = [&](const std::string& pattern, const char* which) {
            const std::string note = "at budget " + std::to_string(budget) + " the " + which + " of pattern " + pattern +
                                     " is empty after pruning dangling edges";
            if (!skipped) throw ConfigError(note + "; use a larger budget");
            skipped->push_back(note + ": its distances at this budget are left out");
        };
        std::vector<bool> usable(patterns.size(), true);
        for (size_t i = 0; i < patterns.size(); ++i) {
            if (whole[i].size() == 0) empty(patterns[i].patternId, "circuit");
            else if (halfA[i].size() == 0 || halfB[i].size() == 0) empty(patterns[i].patternId, "half circuit");
            usable[i] = whole[i].size() > 0 && halfA[i].size() > 0 && halfB[i].size() > 0;
        }
        auto add = [&](const std::string& a, const std::string& b, const Circuit& ca, const Circuit& cb) {
            const std::vector<double> values = circuitDistances(graph, ca, cb);
            for (size_t m = 0; m < values.size(); ++m) rows.push_back({a, b, distanceMetricNames()[m], budget, values[m]});
        };
        for (size_t i = 0; i < patterns.size(); ++i) {
            if (!usable[i]) continue;
            add(patterns[i].patternId, patterns[i].patternId, halfA[i], halfB[i]);
            for (size_t j = i + 1; j < patterns.size(); ++j)
                if (usable[j]) add(patterns[i].patternId, patterns[j].patternId, whole[i], whole[j]);
        }
    }
    if (rows.empty() && !patterns.empty())
        throw ConfigError("no pattern has a non-empty circuit at any of the budgets; use larger budgets");
    return rows;
}

}  // namespace redit::analysis
