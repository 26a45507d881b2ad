#include "analysis/law_fit.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "results/run_records.h"
#include "store/results.h"
#include "util/error.h"

namespace redit::analysis {

using namespace redit::results;

std::vector<LawPoint> lawPoints(const std::vector<DistanceRow>& distances, const InterferenceResult& interference,
                                const std::string& metric, double budget) {
    std::map<std::pair<std::string, std::string>, double> d;
    for (const DistanceRow& row : distances)
        if (row.metric == metric && row.budget == budget) {
            d[{row.patternA, row.patternB}] = row.value;
            d[{row.patternB, row.patternA}] = row.value;
        }
    auto distance = [&](const std::string& a, const std::string& b) {
        auto it = d.find({a, b});
        if (it == d.end())
            throw ConfigError("no " + distanceKey(metric, budget) + " distance between patterns " + a + " and " + b +
                              " (the circuits and the interference were measured on different patterns)");
        return it->second;
    };
    std::vector<size_t> withCircuit;  // indices into interference.patterns
    for (size_t i = 0; i < interference.patterns.size(); ++i)
        if (d.count({interference.patterns[i], interference.patterns[i]})) withCircuit.push_back(i);
    const std::vector<std::string>& names = interference.patterns;
    std::vector<LawPoint> points;
    for (const size_t i : withCircuit)
        for (const size_t j : withCircuit)
            if (i != j) points.push_back({names[i], names[j], distance(names[i], names[j]), interference.delta(i, j)});
    for (const size_t i : withCircuit) points.push_back({names[i], names[i], d.at({names[i], names[i]}), interference.delta(i, i)});
    return points;
}

const char* lawPointSetName(LawPointSet set) {
    return set == LawPointSet::CrossPattern ? "cross-pattern" : "cross+same-pattern";
}

namespace {

LawRow fitPoints(const std::vector<LawPoint>& points, LawPointSet set, const InterferenceFilterOptions& reference) {
    LawRow row;
    row.points = set;
    row.reference = describeReferenceFigureOptions(reference);
    InterferencePoints raw;
    for (const LawPoint& p : points)
        if (set == LawPointSet::WithSamePattern || !p.samePattern()) {
            raw.distance.push_back(p.distance);
            raw.interference.push_back(p.delta);
        }
    row.n = int64_t(raw.distance.size());
    try {
        const InterferencePoints used = applyReferenceFigureOptions(raw, reference);
        row.n = int64_t(used.distance.size());
        row.fit = fitLine(used.distance, used.interference);
        row.pearson = redit::pearson(used.distance, used.interference);
        row.spearman = redit::spearman(used.distance, used.interference);
    } catch (const ConfigError& e) {
        row.problem = e.what();
    }
    return row;
}

std::string number(double v) {
    std::ostringstream out;
    out.precision(6);
    out << v;
    return out.str();
}

}  // namespace

std::vector<LawRow> fitLaw(const std::vector<DistanceRow>& distances, const InterferenceResult& interference,
                           const InterferenceFilterOptions& reference) {
    std::vector<double> budgets;
    for (const DistanceRow& row : distances)
        if (std::find(budgets.begin(), budgets.end(), row.budget) == budgets.end()) budgets.push_back(row.budget);
    std::vector<LawRow> rows;
    for (const std::string& metric : distanceMetricNames())
        for (const double budget : budgets) {
            const std::vector<LawPoint> points = lawPoints(distances, interference, metric, budget);
            for (const LawPointSet set : {LawPointSet::CrossPattern, LawPointSet::WithSamePattern}) {
                LawRow row = fitPoints(points, set, reference);
                row.metric = metric;
                row.budget = budget;
                rows.push_back(std::move(row));
            }
        }
    return rows;
}

nlohmann::json lawRowJson(const LawRow& row) {
    nlohmann::json j = {{"metric", row.metric}, {"budget", row.budget}, {"points", lawPointSetName(row.points)},
                        {"reference", row.reference}, {"n", row.n}};
    if (!row.problem.empty()) {
        j["problem"] = row.problem;
        return j;
    }
    j.update({{"alpha", row.fit.intercept},
              {"beta", row.fit.slope},
              {"beta_se", row.fit.slopeStdError},
              {"beta_p", row.fit.slopeP},
              {"beta_ci95", {row.fit.slope95.low, row.fit.slope95.high}},
              {"pearson_r", row.pearson.r},
              {"pearson_p", row.pearson.p},
              {"spearman_rho", row.spearman.r},
              {"spearman_p", row.spearman.p}});
    return j;
}

LawRow lawRowFromJson(const nlohmann::json& j) {
    try {
        LawRow row;
        row.metric = j.at("metric").get<std::string>();
        row.budget = j.at("budget").get<double>();
        const std::string points = j.at("points").get<std::string>();
        row.points = points == lawPointSetName(LawPointSet::WithSamePattern) ? LawPointSet::WithSamePattern
                                                                            : LawPointSet::CrossPattern;
        row.reference = j.at("reference").get<std::string>();
        row.n = j.at("n").get<int64_t>();
        row.fit.n = row.n;
        if (j.contains("problem")) {
            row.problem = j.at("problem").get<std::string>();
            return row;
        }
        row.fit.intercept = j.at("alpha").get<double>();
        row.fit.slope = j.at("beta").get<double>();
        row.fit.slopeStdError = j.at("beta_se").get<double>();
        row.fit.slopeP = j.at("beta_p").get<double>();
        row.fit.slope95 = {j.at("beta_ci95").at(0).get<double>(), j.at("beta_ci95").at(1).get<double>()};
        row.pearson = {j.at("pearson_r").get<double>(), j.at("pearson_p").get<double>()};
        row.spearman = {j.at("spearman_rho").get<double>(), j.at("spearman_p").get<double>()};
        return row;
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(std::string("malformed law row: ") + e.what());
    }
}

std::vector<std::string> lawCsvHeader() {
    return {"metric", "budget", "points", "reference", "n", "alpha", "beta", "beta_se", "beta_p", "beta_ci95_low",
            "beta_ci95_high", "pearson_r", "pearson_p", "spearman_rho", "spearman_p", "problem"};
}

std::vector<std::string> lawCsvFields(const LawRow& row) {
    std::vector<std::string> fields = {row.metric, number(row.budget), lawPointSetName(row.points), row.reference,
                                       std::to_string(row.n)};
    if (row.problem.empty()) {
        for (const double v : {row.fit.intercept, row.fit.slope, row.fit.slopeStdError, row.fit.slopeP,
                               row.fit.slope95.low, row.fit.slope95.high, row.pearson.r, row.pearson.p, row.spearman.r,
                               row.spearman.p})
            fields.push_back(number(v));
    } else {
        fields.resize(fields.size() + 10);
    }
    fields.push_back(row.problem);
    return fields;
}

std::string lawCsv(const std::vector<LawRow>& rows) {
    // Fields may hold commas (the reference label, a problem); quote every text field that does.
    auto quoted = [](const std::string& field) {
        if (field.find_first_of(",\"\n") == std::string::npos) return field;
        std::string out = "\"";
        for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    };
    std::ostringstream out;
    auto line = [&](const std::vector<std::string>& fields) {
        for (size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << quoted(fields[i]);
        out << '\n';
    };
    line(lawCsvHeader());
    for (const LawRow& row : rows) line(lawCsvFields(row));
    return out.str();
}

void writeLaw(ProjectStore& store, int64_t runId, const std::vector<LawRow>& rows) {
    std::vector<nlohmann::json> table;
    for (const LawRow& row : rows) table.push_back(lawRowJson(row));
    appendResultRows(store, runId, "law", table);
}

int64_t saveLawRun(ProjectStore& store, NewRun run, const std::vector<LawRow>& rows) {
    run.kind = "law";
    return results::recordRun(store, run, [&](int64_t runId) { writeLaw(store, runId, rows); });
}

}  // namespace redit::analysis
