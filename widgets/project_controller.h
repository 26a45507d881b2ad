#pragma once
#include <QString>
#include <QStringList>

namespace redit::gui {

// What the project explorer lists: the names in each group of an open project.
struct ProjectContents {
    QString name;
    QString folder;
    QStringList models, datasets, patterns, circuits, runs, figures, reports;
};

// The window's File actions call this; the lead implements it against the project store.
// Every function throws redit::Error with a readable message when it fails.
class ProjectController {
public:
    virtual ~ProjectController() = default;
    virtual ProjectContents newProject(const QString& folder) = 0;
    virtual ProjectContents openProject(const QString& folder) = 0;
    virtual ProjectContents openDemoProject() = 0;
    // Copies the open project to `folder` and continues there.
    virtual ProjectContents saveProjectAs(const QString& folder) = 0;
    virtual void closeProject() = 0;
    virtual void cancelRun(const QString& runId) = 0;
};

}  // namespace redit::gui
