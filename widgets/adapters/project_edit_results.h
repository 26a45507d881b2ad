#pragma once
// The Results view of a whole project: the `edit_outcomes` rows of its finished `compare` runs together (the
// pipeline writes one compare run per level), so that every level appears in one paper table and chart. The
// cells of a sweep over seeds, collected into the project (docs/cluster.md), count as one run: their seeds are
// pooled, so the table shows the mean and spread over the swept seeds.
#include <QString>
#include <QtGlobal>
#include <vector>

#include "models/analysis_data.h"

namespace redit {
class ProjectStore;
}

namespace redit::gui {

struct ProjectEditResults {
    // Where one level's rows come from.
    struct Level {
        int level = 1;
        qint64 run = 0;                  // the newest finished compare run with rows at this level
        std::vector<qint64> pooled;      // other cells of run's sweep whose seeds are pooled with run's, newest first
        std::string sweep;               // the name of run's sweep when cells are pooled
        std::vector<qint64> superseded;  // older finished compare runs with rows at this level, newest first
    };
    std::vector<EditResult> edits;  // the per-seed means (editResultsOf) of each level's run, levels ascending
    std::vector<Level> levels;      // ascending
};

// Per level, the rows of the newest (highest id) finished compare run that has rows at that level, together
// with those of the other cells of its sweep when it was collected from one: cells whose values differ only
// in the seed keys (`seed`, `params.seeds`) and whose seeds are new. Other runs are never averaged. ConfigError when no finished compare run has rows, or naming the run for a bad row.
ProjectEditResults loadProjectEditResults(const ProjectStore& store);

// The view's note: which run each level comes from and, for a level with several runs, that the older ones are
// not shown.
QString projectEditResultsNote(const ProjectEditResults& results);

}  // namespace redit::gui
