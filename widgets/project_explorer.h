#pragma once
#include <QTreeWidget>

#include "project_controller.h"

namespace redit::gui {

// The project tree: one group each for models, datasets, patterns, circuits, runs, figures and reports.
class ProjectExplorer : public QTreeWidget {
    Q_OBJECT
public:
    enum Group { Models, Datasets, Patterns, Circuits, Runs, Figures, Reports, GroupCount };

    explicit ProjectExplorer(QWidget* parent = nullptr);
    void setContents(const ProjectContents& contents);
    void clearContents();
    QTreeWidgetItem* group(Group g) const { return topLevelItem(int(g)); }

signals:
    void entryActivated(redit::gui::ProjectExplorer::Group group, const QString& name);
};

}  // namespace redit::gui
