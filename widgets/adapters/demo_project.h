#pragma once
#include <QString>
#include <QStringList>

#include "store/project_store.h"

namespace redit::gui {

inline constexpr char kDemoDatasetSpec[] = "synthetic:deductive:level1";

// Where the demo project file and the built-in `logic-tiny` model folder are.
struct DemoProjectPaths {
    QString projectFile;
    QString modelFolder;

    // <AppDataLocation>/demo.redit, and builtinModelFolder().
    static DemoProjectPaths standard();
};

// The installed `models/logic-tiny` (dataFolder), otherwise the source tree's (REDIT_RESOURCE_DIR).
QString builtinModelFolder();

// Opens the demo project, creating it first when it does not exist (the dataset kDemoDatasetSpec with its
// patterns and instances). The model folder is recorded once it exists; otherwise `notes` says how to
// create it. Errors of the store propagate (FileError naming the file).
ProjectStore openOrCreateDemoProject(const DemoProjectPaths& paths, QStringList& notes);

}  // namespace redit::gui
