#pragma once

namespace redit::gui {
class MainWindow;

// Fills the window's views with synthetic example data (labelled as such) for screenshots and trying the GUI.
void showDemoViews(MainWindow& window);

}  // namespace redit::gui
