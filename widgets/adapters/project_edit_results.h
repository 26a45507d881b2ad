#pragma once
// The Results view of a whole project: the `edit_outcomes` rows of its finished `compare` runs together (the
// pipeline writes one compare run per level), so that every level appears in one paper table and chart.
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
        std::vector<qint64> superseded;  // older finished compare runs with rows at this level, newest first
    };
    std::vector<EditResult> edits;  // the per-seed means (editResultsOf) of each level's run, levels ascending
    std::vector<Level> levels;      // ascending
};

// Per level, the rows of the newest (highest id) finished compare run that has rows at that level; runs are
// never averaged. ConfigError when no finished compare run has rows, or naming the run for a bad row.
ProjectEditResults loadProjectEditResults(const ProjectStore& store);

// The view's note: which run each level comes from and, for a level with several runs, that the older ones are
// not shown.
QString projectEditResultsNote(const ProjectEditResults& results);

}  // namespace redit::gui
