#include "models/edit_results.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <tuple>

#include "results/edit_methods.h"
#include "util/error.h"

namespace redit::gui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr QLatin1String kTransferSuffix(" (transfer)");

MeanStd meanStd(const std::vector<double>& values) {
    MeanStd m;
    for (double v : values)
        if (!std::isnan(v)) {
            m.mean += v;
            ++m.n;
        }
    if (m.n == 0) return m;
    m.mean /= m.n;
    double squares = 0;
    for (double v : values)
        if (!std::isnan(v)) squares += (v - m.mean) * (v - m.mean);
    m.std = m.n > 1 ? std::sqrt(squares / (m.n - 1)) : 0.0;
    return m;
}

// Where a label goes in the tables: the methods in their canonical order (results/edit_methods.h), then their
// transfer rows in the same order; a label naming no method last. Stored rows come in the order their chunks
// finished, which side-by-side processes make the costliest first.
std::pair<bool, std::size_t> labelOrder(const QString& label) {
    const QString method = editBaseMethod(label);
    const std::vector<results::EditMethod> methods = results::allEditMethods();
    std::size_t rank = 0;
    while (rank < methods.size() && QString::fromStdString(results::editMethodName(methods[rank])) != method) ++rank;
    return {method != label, rank};
}

}  // namespace

QString editMethodLabel(const QString& method, bool transfer) {
    return transfer ? method + kTransferSuffix : method;
}

QString editBaseMethod(const QString& label) {
    return label.endsWith(kTransferSuffix) ? label.chopped(kTransferSuffix.size()) : label;
}

std::vector<EditResult> editResultsOf(const std::vector<nlohmann::json>& outcomes) {
    return editResultsOf(results::editOutcomesFromJson(outcomes));
}

std::vector<EditResult> editResultsOf(const std::vector<results::EditOutcomeRow>& outcomes) {
    struct Sums {
        double generality = 0, locality = 0;
        int patterns = 0, localities = 0;
    };
    using Key = std::tuple<QString, int, int>;  // method label, level, seed
    std::vector<Key> order;
    std::map<Key, Sums> sums;
    for (const results::EditOutcomeRow& row : outcomes) {
        const Key key{editMethodLabel(QString::fromStdString(results::editMethodName(row.method)), row.transfer),
                      row.level, int(row.outcome.seed)};
        auto [it, added] = sums.try_emplace(key);
        if (added) order.push_back(key);
        it->second.generality += row.outcome.generality;
        ++it->second.patterns;
        if (row.outcome.locality) {
            it->second.locality += *row.outcome.locality;
            ++it->second.localities;
        }
    }
    std::vector<EditResult> results;
    for (const Key& key : order) {
        const Sums& s = sums[key];
        results.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), 100 * s.generality / s.patterns,
                           s.localities ? 100 * s.locality / s.localities : kNaN});
    }
    std::stable_sort(results.begin(), results.end(), [](const EditResult& a, const EditResult& b) {
        return std::make_tuple(labelOrder(a.method), a.level, a.seed) < std::make_tuple(labelOrder(b.method), b.level, b.seed);
    });
    return results;
}

std::vector<ResultsSummaryCell> summarizeResults(const std::vector<EditResult>& results) {
    std::vector<QString> methods;
    std::map<QString, std::map<int, std::pair<std::vector<double>, std::vector<double>>>> values;
    for (const EditResult& r : results) {
        if (!values.count(r.method)) methods.push_back(r.method);
        auto& cell = values[r.method][r.level];
        cell.first.push_back(r.generality);
        cell.second.push_back(r.locality);
    }
    std::stable_sort(methods.begin(), methods.end(),
                     [](const QString& a, const QString& b) { return labelOrder(a) < labelOrder(b); });
    std::vector<ResultsSummaryCell> cells;
    for (const QString& method : methods)
        for (const auto& [level, cell] : values[method])
            cells.push_back({method, level, meanStd(cell.first), meanStd(cell.second)});
    return cells;
}

}  // namespace redit::gui
