// `redit-workbench`: the Qt desktop workbench.
#include <QApplication>

#include "main_window.h"
#include "util/openmp_env.h"
#include "redit/build_info.h"

int main(int argc, char** argv) {
    redit::ensurePassiveOpenMpWait(argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("REdit"));
    QApplication::setApplicationName(QStringLiteral("REdit Workbench"));
    QApplication::setApplicationVersion(QString::fromLatin1(redit::build_info::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/redit.svg")));

    redit::gui::MainWindow window;
    window.show();
    return app.exec();
}
