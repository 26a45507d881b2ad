#include "main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "about_dialog.h"

namespace redit::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("REdit Workbench"));
    setObjectName(QStringLiteral("MainWindow"));
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("centralTabs"));
    tabs->setDocumentMode(true);
    auto* welcome = new QLabel(tr("<h2>REdit Workbench</h2><p>Open a project or the demo project to begin.</p>"), tabs);
    welcome->setAlignment(Qt::AlignCenter);
    tabs->addTab(welcome, tr("Welcome"));
    setCentralWidget(tabs);
    createMenus();
    statusBar()->showMessage(tr("Ready"));
    resize(1200, 800);
    restoreLayout();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    menuBar()->addMenu(tr("&View"))->setObjectName(QStringLiteral("viewMenu"));
    menuBar()->addMenu(tr("&Run"))->setObjectName(QStringLiteral("runMenu"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About REdit Workbench"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

void MainWindow::saveLayout() {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    event->accept();
}

}  // namespace redit::gui
