#pragma once
#include <QStringList>
#include <vector>

#include "analysis_data.h"

namespace redit::gui {

// What activating a finished run opens: a circuit (after choosing one of its patterns), a distance heatmap
// or an interference scatter. None for runs of other kinds and runs that have not finished.
struct RunResults {
    enum class View { None, Circuit, Distances, Interference };
    View view = View::None;
    QStringList patterns;  // Circuit: the patterns with a circuit, in stored order
    PatternDistances distances;
    std::vector<InterferenceSet> interference;
};

}  // namespace redit::gui
