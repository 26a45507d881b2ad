#include "adapters/project_edit_results.h"

#include <QCoreApplication>
#include <QStringList>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "models/edit_results.h"
#include "store/project_merge.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"

namespace redit::gui {
namespace {

// The per-seed means of one compare run; a bad row is named with its run.
std::vector<EditResult> runEditResults(const ProjectStore& store, int64_t runId) {
    std::vector<nlohmann::json> outcomes;
    for (const ResultRow& row : resultRows(store, runId, "edit_outcomes")) outcomes.push_back(row.data);
    try {
        return editResultsOf(outcomes);
    } catch (const ConfigError& e) {
        throw ConfigError("compare run #" + std::to_string(runId) + ": " + e.what());
    }
}

// A compare run with rows at a level, and what pooling needs to know of the sweep it came from.
struct LevelRun {
    qint64 id = 0;
    std::vector<EditResult> results;
    std::string sweepId, sweepName;
    nlohmann::json otherValues;  // the cell's values without its seed keys
};

LevelRun levelRun(const ProjectStore& store, qint64 id) {
    LevelRun run{id, {}, {}, {}, nullptr};
    const nlohmann::json origin = runOrigin(store, id);
    if (!origin.is_object() || !origin.contains("sweep_id") || !origin["sweep_id"].is_string()) return run;
    run.sweepId = origin["sweep_id"].get<std::string>();
    run.sweepName = origin.value("sweep", std::string());
    run.otherValues = origin.value("values", nlohmann::json::object());
    if (run.otherValues.is_object())
        for (const char* seedKey : {"seed", "params.seeds"}) run.otherValues.erase(seedKey);
    return run;
}

using SeedKey = std::pair<QString, int>;  // method label, seed

std::set<SeedKey> seedsOf(const std::vector<EditResult>& results) {
    std::set<SeedKey> seeds;
    for (const EditResult& r : results) seeds.insert({r.method, r.seed});
    return seeds;
}

QString runList(const std::vector<qint64>& runs) {
    QStringList names;
    for (qint64 run : runs) names << QStringLiteral("#%1").arg(run);
    return names.join(QStringLiteral(", "));
}

}  // namespace

ProjectEditResults loadProjectEditResults(const ProjectStore& store) {
    std::map<int, std::map<qint64, LevelRun, std::greater<>>> byLevel;  // level -> run (newest first)
    for (const RunRecord& run : listRuns(store)) {
        if (run.kind != "compare" || run.status != RunStatus::Finished) continue;
        for (EditResult& result : runEditResults(store, run.id)) {
            auto [it, added] = byLevel[result.level].try_emplace(run.id);
            if (added) it->second = levelRun(store, run.id);
            it->second.results.push_back(std::move(result));
        }
    }
    if (byLevel.empty())
        throw ConfigError(store.path() + " has no finished compare run with rows in its result table 'edit_outcomes' "
                                         "(run `redit compare` or `redit pipeline` first)");
    ProjectEditResults results;
    for (auto& [level, runs] : byLevel) {
        LevelRun& newest = runs.begin()->second;
        ProjectEditResults::Level source{level, newest.id, {}, {}, {}};
        std::set<SeedKey> seeds = seedsOf(newest.results);
        std::vector<EditResult> shown = std::move(newest.results);
        for (auto it = std::next(runs.begin()); it != runs.end(); ++it) {
            LevelRun& other = it->second;
            bool sameCell = !newest.sweepId.empty() && other.sweepId == newest.sweepId &&
                            other.otherValues == newest.otherValues;
            const std::set<SeedKey> otherSeeds = seedsOf(other.results);
            for (const SeedKey& seed : otherSeeds) sameCell = sameCell && !seeds.count(seed);
            if (!sameCell) {
                source.superseded.push_back(other.id);
                continue;
            }
            seeds.insert(otherSeeds.begin(), otherSeeds.end());
            source.pooled.push_back(other.id);
            for (EditResult& result : other.results) shown.push_back(std::move(result));
        }
        if (!source.pooled.empty()) source.sweep = newest.sweepName;
        for (EditResult& result : shown) results.edits.push_back(std::move(result));
        results.levels.push_back(std::move(source));
    }
    return results;
}

QString projectEditResultsNote(const ProjectEditResults& results) {
    QStringList sources;
    QStringList superseded;
    for (const ProjectEditResults::Level& level : results.levels) {
        if (level.pooled.empty())
            sources << QCoreApplication::translate("redit::gui::ProjectEditResults", "level %1 from run #%2")
                           .arg(level.level)
                           .arg(level.run);
        else
            sources << QCoreApplication::translate("redit::gui::ProjectEditResults",
                                                   "level %1 from the %2 cells of sweep \"%3\" (runs %4, seeds pooled)")
                           .arg(level.level)
                           .arg(level.pooled.size() + 1)
                           .arg(QString::fromStdString(level.sweep))
                           .arg(runList([&] {
                               std::vector<qint64> all{level.run};
                               all.insert(all.end(), level.pooled.begin(), level.pooled.end());
                               return all;
                           }()));
        if (!level.superseded.empty())
            superseded << QCoreApplication::translate("redit::gui::ProjectEditResults",
                                                      "Level %1 is also in the older run(s) %2, not shown: each level "
                                                      "shows its newest compare run, runs are never averaged.")
                              .arg(level.level)
                              .arg(runList(level.superseded));
    }
    const QString shown = QCoreApplication::translate("redit::gui::ProjectEditResults", "Compare runs shown: %1.")
                              .arg(sources.join(QStringLiteral(", ")));
    return (QStringList{shown} + superseded).join(QLatin1Char(' '));
}

}  // namespace redit::gui
