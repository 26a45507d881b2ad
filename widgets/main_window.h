#pragma once
#include <QMainWindow>

namespace redit::gui {

// The workbench's main window: menus, dockable panes (added by later views) and the central tab area.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void showAbout();
    void restoreLayout();
    void saveLayout();
};

}  // namespace redit::gui
