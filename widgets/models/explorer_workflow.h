#pragma once
#include <QObject>
#include <QString>
#include <functional>

#include "views/project_explorer.h"

class QMenu;
class QWidget;

namespace redit {
class ProjectStore;
}

namespace redit::gui {

class ArtifactPage;
class DatasetPage;
class MainWindow;
class ModelPage;
class PatternPage;
class RunController;
class RunWorkflow;

// The natural page of every explorer entry the run workflow does not open itself (a circuit and a run open
// their views there): a model's info, a dataset's browser, a pattern's page, a stored figure or report. Each
// is read from the open project (a read-only connection) and opens in a central tab, reused when open.
// Also the context menus of the explorer's entries and of the Runs pane's runs: open, plus the actions that
// fit (a new run on the item, compare, clone, save).
class ExplorerWorkflow : public QObject {
    Q_OBJECT
public:
    ExplorerWorkflow(MainWindow& window, RunWorkflow& runs, RunController& controller);

    // Each opens (or brings back) the page of the named entry; null when it cannot be read (the log and a
    // message box say why).
    PatternPage* showPattern(const QString& name);
    ModelPage* showModel(const QString& name);
    DatasetPage* showDataset(const QString& name);
    ArtifactPage* showArtifact(const QString& label);

    // The context menu of an explorer entry or of a run (the caller owns it; empty for a group heading).
    QMenu* entryMenu(ProjectExplorer::Group group, const QString& name, QWidget* parent);
    QMenu* runMenu(const QString& runId, QWidget* parent);

private:
    void open(ProjectExplorer::Group group, const QString& name);
    // Runs `read` on a read-only connection to the open project; false (with the error in the log and a
    // message box) when it fails.
    bool readProject(const QString& what, const std::function<void(const ProjectStore&)>& read);
    // The tab of that title showing a Page, made when there is none.
    template <typename Page> Page* pageTab(const QString& title);
    qint64 inputId(bool model, const QString& name) const;
    void saveArtifact(const QString& label);

    MainWindow& window_;
    RunWorkflow& runs_;
    RunController& controller_;
};

}  // namespace redit::gui
