#pragma once
// `redit-workbench --self-test`: checks that a workbench (an installed one in particular) finds its data and
// draws, with no display and without touching the user's settings or data. It loads the zh_CN translation,
// opens the demo project (created in a temporary folder from the built-in model), draws each view once and
// prints one line per step. Returns 0 when every step passed, otherwise 1 with the failure on stderr.
namespace redit {
class StageRegistry;
}

namespace redit::gui {

int runSelfTest(const StageRegistry& registry);

}  // namespace redit::gui
