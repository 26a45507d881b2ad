#pragma once
#include <QStringList>
#include <QtGlobal>
#include <vector>

#include "models/analysis_data.h"

namespace redit::gui {

// What activating a finished run opens: a circuit (after choosing one of its patterns), a distance heatmap,
// an interference scatter or the editing results of a compare run. None for runs of other kinds and runs that
// have not finished.
struct RunResults {
    enum class View { None, Circuit, Distances, Interference, Results };
    View view = View::None;
    QStringList patterns;  // Circuit: the patterns with a circuit, in stored order
    PatternDistances distances;
    std::vector<InterferenceSet> interference;
    std::vector<EditResult> edits;  // Results: per method, level and seed, the mean over patterns
    qint64 circuitsRun = 0;         // Distances, Interference: the circuits run the distances came from
};

}  // namespace redit::gui
