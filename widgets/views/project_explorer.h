#pragma once
#include <QTreeWidget>

#include "adapters/project_controller.h"

namespace redit::gui {

// The project tree: one group each for models, datasets, patterns, circuits, runs, figures and reports, and a
// Results entry (the editing results of all the project's compare runs) while it has a finished compare run.
class ProjectExplorer : public QTreeWidget {
    Q_OBJECT
public:
    enum Group { Models, Datasets, Patterns, Circuits, Runs, Figures, Reports, GroupCount };

    explicit ProjectExplorer(QWidget* parent = nullptr);
    void setContents(const ProjectContents& contents);
    void clearContents();
    QTreeWidgetItem* group(Group g) const { return topLevelItem(int(g)); }
    QTreeWidgetItem* resultsEntry() const { return results_; }

signals:
    void entryActivated(redit::gui::ProjectExplorer::Group group, const QString& name);
    void projectResultsActivated();

private:
    QTreeWidgetItem* results_ = nullptr;  // the Results entry, after the groups
};

}  // namespace redit::gui
