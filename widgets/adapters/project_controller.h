#pragma once
#include <QString>
#include <QStringList>

namespace redit::gui {

// What the project explorer lists: the names in each group of an open project.
struct ProjectContents {
    QString name;
    QString path;  // the .redit project file
    QStringList models, datasets, patterns, circuits, runs, figures, reports;
    bool hasEditResults = false;  // a finished compare run exists: the explorer offers the project's Results
};

// The window's File actions call this (StoreProjectController implements it with the project store).
// Every function throws redit::Error with a readable message when it fails.
class ProjectController {
public:
    virtual ~ProjectController() = default;
    virtual ProjectContents newProject(const QString& path) = 0;
    virtual ProjectContents openProject(const QString& path) = 0;
    virtual ProjectContents openDemoProject() = 0;
    // Copies the open project to the file `path` and continues there.
    virtual ProjectContents saveProjectAs(const QString& path) = 0;
    virtual void closeProject() = 0;
    virtual void cancelRun(const QString& runId) = 0;
};

}  // namespace redit::gui
