#include "adapters/project_edit_results.h"

#include <QCoreApplication>
#include <QStringList>
#include <functional>
#include <map>
#include <string>

#include "models/edit_results.h"
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

QString runList(const std::vector<qint64>& runs) {
    QStringList names;
    for (qint64 run : runs) names << QStringLiteral("#%1").arg(run);
    return names.join(QStringLiteral(", "));
}

}  // namespace

ProjectEditResults loadProjectEditResults(const ProjectStore& store) {
    std::map<int, std::map<qint64, std::vector<EditResult>, std::greater<>>> byLevel;  // level -> run (newest first)
    for (const RunRecord& run : listRuns(store)) {
        if (run.kind != "compare" || run.status != RunStatus::Finished) continue;
        for (EditResult& result : runEditResults(store, run.id))
            byLevel[result.level][run.id].push_back(std::move(result));
    }
    if (byLevel.empty())
        throw ConfigError(store.path() + " has no finished compare run with rows in its result table 'edit_outcomes' "
                                         "(run `redit compare` or `redit pipeline` first)");
    ProjectEditResults results;
    for (auto& [level, runs] : byLevel) {
        ProjectEditResults::Level source{level, runs.begin()->first, {}};
        for (auto it = std::next(runs.begin()); it != runs.end(); ++it) source.superseded.push_back(it->first);
        for (EditResult& result : runs.begin()->second) results.edits.push_back(std::move(result));
        results.levels.push_back(std::move(source));
    }
    return results;
}

QString projectEditResultsNote(const ProjectEditResults& results) {
    QStringList sources;
    QStringList superseded;
    for (const ProjectEditResults::Level& level : results.levels) {
        sources << QCoreApplication::translate("redit::gui::ProjectEditResults", "level %1 from run #%2")
                       .arg(level.level)
                       .arg(level.run);
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
