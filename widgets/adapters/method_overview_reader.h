#pragma once
// The project overview's data, read from the stored results layer (backend/results, torch-free).
#include "models/method_overview.h"

namespace redit {
class ProjectStore;
}

namespace redit::gui {

// Each method step's newest run, its state and the newest finished run's key figure; the inputs a launched
// step would use; the first circuit and the law's points for the overview's figures. A finished run whose
// results cannot be read says so in its figure (the other steps are still read).
MethodOverview loadMethodOverview(const ProjectStore& store);

}  // namespace redit::gui
