#include "main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QTime>
#include <QVBoxLayout>

#include "adapters/manual_location.h"
#include "dialogs/about_dialog.h"
#include "views/circuit_compare_view.h"
#include "views/circuit_panel.h"
#include "views/distance_heatmap.h"
#include "export/figure_export.h"
#include "views/interference_scatter.h"
#include "views/metric_chart.h"
#include "views/project_explorer.h"
#include "views/results_view.h"
#include "adapters/run_controller.h"
#include "views/run_monitor.h"
#include "views/sweep_monitor.h"
#include "models/sweep_workflow.h"
#include "models/run_monitor_model.h"
#include "models/overview_workflow.h"
#include "models/run_workflow.h"
#include "dialogs/settings_dialog.h"
#include "util/error.h"

namespace redit::gui {
namespace {

constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("mainWindow/recentProjects");

QString projectFilter() { return MainWindow::tr("REdit project (*.redit)"); }

QString withProjectSuffix(const QString& path) {
    return path.endsWith(QLatin1String(".redit"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".redit");
}

bool confirm(QWidget* parent, const QString& title, const QString& question) {
    return QMessageBox::question(parent, title, question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
           QMessageBox::Yes;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), tabs_(new QTabWidget(this)), notice_(new QLabel(this)), welcome_(new QLabel(this)) {
    setWindowTitle(tr("REdit Workbench"));
    setObjectName(QStringLiteral("MainWindow"));
    tabs_->setObjectName(QStringLiteral("centralTabs"));
    tabs_->setDocumentMode(true);
    tabs_->setTabsClosable(true);
    tabs_->setMovable(true);
    welcome_->setObjectName(QStringLiteral("welcomePage"));
    welcome_->setText(tr("<h2>REdit Workbench</h2><p>Open a project or the demo project to begin.</p>"));
    welcome_->setAlignment(Qt::AlignCenter);
    showWelcome(true);
    connect(tabs_, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget* page = tabs_->widget(index);
        tabs_->removeTab(index);
        if (page != welcome_) page->deleteLater();
    });
    notice_->setVisible(false);
    notice_->setAlignment(Qt::AlignCenter);
    notice_->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 6px; font-weight: bold; }"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(notice_);
    layout->addWidget(tabs_, 1);
    setCentralWidget(central);

    createDocks();
    createMenus();
    statusBar()->showMessage(tr("Ready"));
    resize(1300, 850);
    defaultState_ = saveState();
    restoreLayout();
}

void MainWindow::createDocks() {
    auto dock = [this](const QString& title, const QString& name, QWidget* content, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(content);
        addDockWidget(area, d);
        return d;
    };
    explorer_ = new ProjectExplorer(this);
    runMonitor_ = new RunMonitor(this);
    metricChart_ = new MetricChart(this);
    auto* runsPane = new QSplitter(Qt::Horizontal, this);
    runsPane->addWidget(runMonitor_);
    runsPane->addWidget(metricChart_);
    runsPane->setStretchFactor(0, 3);
    runsPane->setStretchFactor(1, 2);
    log_ = new QPlainTextEdit(this);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(10000);
    log_->setToolTip(tr("Messages of this session"));
    sweepMonitor_ = new SweepMonitor(this);
    dock(tr("Project"), QStringLiteral("projectDock"), explorer_, Qt::LeftDockWidgetArea);
    QDockWidget* runs = dock(tr("Runs"), QStringLiteral("runsDock"), runsPane, Qt::BottomDockWidgetArea);
    sweepsDock_ = dock(tr("Sweeps"), QStringLiteral("sweepsDock"), sweepMonitor_, Qt::BottomDockWidgetArea);
    QDockWidget* log = dock(tr("Log"), QStringLiteral("logDock"), log_, Qt::BottomDockWidgetArea);
    tabifyDockWidget(runs, sweepsDock_);
    tabifyDockWidget(runs, log);
    runs->raise();
    resizeDocks({runs}, {240}, Qt::Vertical);
    connect(runMonitor_, &RunMonitor::cancelRequested, this, &MainWindow::cancelRun);
}

void MainWindow::createMenus() {
    auto add = [this](QMenu* menu, const QString& text, const QKeySequence& keys, const QString& tip, auto slot) {
        QAction* action = menu->addAction(text, this, slot);
        action->setShortcut(keys);
        action->setStatusTip(tip);
        action->setToolTip(tip);
        return action;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setToolTipsVisible(true);
    add(file, tr("&New Project…"), QKeySequence::New, tr("Create a new .redit project file"), &MainWindow::newProject);
    add(file, tr("&Open Project…"), QKeySequence::Open, tr("Open a .redit project file"), &MainWindow::openProject);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    add(file, tr("Open &Demo Project"), QKeySequence(QStringLiteral("Ctrl+Shift+D")),
        tr("Open the demo project (built-in logic-tiny model, synthetic deductive level-1 data)"),
        [this] { openDemoProject(); });
    add(file, tr("Save Project &As…"), QKeySequence(QStringLiteral("Ctrl+Shift+S")), tr("Copy the open project to another file and continue there"),
        &MainWindow::saveProjectAs);
    add(file, tr("&Close Project"), QKeySequence(QStringLiteral("Ctrl+Shift+W")), tr("Close the open project"),
        &MainWindow::closeProject);
    file->addSeparator();
    add(file, tr("&Export Figure…"), QKeySequence(QStringLiteral("Ctrl+E")),
        tr("Save the current view as PNG, SVG or PDF"), &MainWindow::exportFigure);
    add(file, tr("Export &Report…"), QKeySequence(QStringLiteral("Ctrl+Shift+E")),
        tr("Write a report of the project or of one run (HTML or PDF): tables, figures, configs and provenance"),
        &MainWindow::exportReport);
    add(file, tr("&Settings…"), QKeySequence(QStringLiteral("Ctrl+,")),
        tr("Device, threads, number format, folders and language"), &MainWindow::showSettings);
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence(QStringLiteral("Ctrl+Q")), tr("Quit the workbench"), &QWidget::close);
    rebuildRecentMenu();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->setToolTipsVisible(true);
    const QList<QDockWidget*> docks = findChildren<QDockWidget*>();
    for (int i = 0; i < docks.size(); ++i) {
        QAction* toggle = docks[i]->toggleViewAction();
        toggle->setShortcut(QKeySequence(QStringLiteral("Alt+%1").arg(i + 1)));
        toggle->setStatusTip(tr("Show or hide the %1 pane").arg(docks[i]->windowTitle()));
        view->addAction(toggle);
    }
    view->addSeparator();
    add(view, tr("&Overview"), QKeySequence(QStringLiteral("Ctrl+0")),
        tr("Show the project's overview: the method's steps, their state and key figures"), [this] {
            if (overview_ && projectOpen_) overview_->showOverview();
            else statusBar()->showMessage(tr("Open a project first"), 5000);
        });
    add(view, tr("Project Re&sults"), QKeySequence(),
        tr("Show the generality and locality of every level of the project's compare runs in one table and chart"),
        [this] { runAction([](RunWorkflow& runs, const QString&) { runs.showProjectResults(); }, false); });
    view->addSeparator();
    add(view, tr("&Reset Layout"), QKeySequence(), tr("Put every pane back where it started"), &MainWindow::resetLayout);
    add(view, tr("C&lear Log"), QKeySequence(), tr("Remove all messages from the log pane"), &MainWindow::clearLog);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->setObjectName(QStringLiteral("runMenu"));
    run->setToolTipsVisible(true);
    add(run, tr("&New Run…"), QKeySequence(QStringLiteral("Ctrl+R")), tr("Configure a run of a pipeline stage and queue it"),
        [this] { runAction([](RunWorkflow& runs, const QString&) { runs.newRun(); }, false); });
    add(run, tr("&Clone and Edit Run…"), QKeySequence(QStringLiteral("Ctrl+Shift+R")),
        tr("Open New Run with the configuration of the run selected in the Runs pane"),
        [this] { runAction([](RunWorkflow& runs, const QString& id) { runs.newRun(id); }, true); });
    add(run, tr("Run &Details"), QKeySequence(QStringLiteral("Ctrl+I")),
        tr("Show the configuration, provenance and log of the selected run"),
        [this] { runAction([](RunWorkflow& runs, const QString& id) { runs.showDetails(id); }, true); });
    add(run, tr("Com&pare Runs…"), QKeySequence(QStringLiteral("Ctrl+Shift+K")),
        tr("Show two runs' configurations side by side (differences highlighted) and their metric curves"),
        [this] { runAction([](RunWorkflow& runs, const QString&) { runs.compareRuns(); }, false); });
    add(run, tr("Compare C&ircuits…"), QKeySequence(QStringLiteral("Ctrl+Shift+I")),
        tr("Show two circuits (two patterns, or one pattern of two circuits runs) as shared and separate edges"),
        [this] { runAction([](RunWorkflow& runs, const QString&) { runs.chooseCircuitComparison(); }, false); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    add(help, tr("&Manual"), QKeySequence::HelpContents, tr("The user guide: the workbench's pages and the method's steps"),
        [this] { showManual(); });
    add(help, tr("&About REdit Workbench"), QKeySequence(), tr("Version, licence, LibTorch, BLAS and device"),
        &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QStringList MainWindow::recentProjects() { return QSettings().value(kRecentKey).toStringList(); }

void MainWindow::setRunController(RunController* controller) {
    delete runWorkflow_;
    delete overview_;
    delete sweepWorkflow_;
    runWorkflow_ = controller ? new RunWorkflow(*this, *controller) : nullptr;
    overview_ = controller ? new OverviewWorkflow(*this, *controller) : nullptr;
    sweepWorkflow_ = controller ? new SweepWorkflow(*this, *controller, *sweepMonitor_) : nullptr;
    if (runWorkflow_ && sweepWorkflow_)
        connect(runWorkflow_, &RunWorkflow::sweepLaunched, this, [this](const QString& spec) {
            sweepWorkflow_->launched(spec);
            sweepsDock_->show();
            sweepsDock_->raise();
        });
}

void MainWindow::runAction(const std::function<void(RunWorkflow&, const QString&)>& action, bool needsSelection) {
    if (!runWorkflow_) {
        statusBar()->showMessage(tr("No job engine is connected"), 5000);
        return;
    }
    if (!projectOpen_) {
        statusBar()->showMessage(tr("Open a project first"), 5000);
        return;
    }
    const QString selected = runWorkflow_->selectedRun();
    if (needsSelection && selected.isEmpty()) {
        statusBar()->showMessage(tr("Select a run in the Runs pane first"), 5000);
        return;
    }
    action(*runWorkflow_, selected);
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = recentProjects();
    for (const QString& path : recent)
        recentMenu_->addAction(QDir::toNativeSeparators(path), this, [this, path] { openProjectFile(path); });
    if (recent.isEmpty()) recentMenu_->addAction(tr("(none)"))->setEnabled(false);
    recentMenu_->addSeparator();
    QAction* clear = recentMenu_->addAction(tr("Clear List"), this, [this] {
        QSettings().remove(kRecentKey);
        rebuildRecentMenu();
    });
    clear->setEnabled(!recent.isEmpty());
}

void MainWindow::appendLog(const QString& line) {
    log_->appendPlainText(QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

void MainWindow::setNotice(const QString& text) {
    notice_->setText(text);
    notice_->setVisible(!text.isEmpty());
}

void MainWindow::showWelcome(bool show) {
    const int index = tabs_->indexOf(welcome_);
    if (show && index < 0) tabs_->insertTab(0, welcome_, tr("Welcome"));
    if (!show && index >= 0) tabs_->removeTab(index);
    welcome_->setVisible(show);
}

void MainWindow::addViewTab(QWidget* page, const QString& title) {
    showWelcome(false);
    tabs_->setCurrentIndex(tabs_->addTab(page, title));
}

template <typename View>
View* MainWindow::tabFor(const QString& title) {
    for (int i = 0; i < tabs_->count(); ++i) {
        if (tabs_->tabText(i) != title) continue;
        if (auto* view = qobject_cast<View*>(tabs_->widget(i))) {
            tabs_->setCurrentIndex(i);
            return view;
        }
    }
    auto* view = new View(tabs_);
    addViewTab(view, title);
    return view;
}

CircuitPanel* MainWindow::showCircuit(const QString& title, DrawnCircuit graph) {
    CircuitPanel* panel = tabFor<CircuitPanel>(title);
    panel->setCircuit(std::move(graph));
    return panel;
}

DistanceHeatmap* MainWindow::showDistances(const QString& title, PatternDistances distances) {
    DistanceHeatmap* view = tabFor<DistanceHeatmap>(title);
    view->setDistances(std::move(distances));
    return view;
}

InterferenceScatter* MainWindow::showInterference(const QString& title, std::vector<InterferenceSet> sets) {
    InterferenceScatter* view = tabFor<InterferenceScatter>(title);
    view->setSets(std::move(sets));
    return view;
}

ResultsView* MainWindow::showResults(const QString& title, std::vector<EditResult> results) {
    ResultsView* view = tabFor<ResultsView>(title);
    view->setResults(std::move(results));
    return view;
}

CircuitCompareView* MainWindow::comparisonTab(const QString& title) { return tabFor<CircuitCompareView>(title); }

bool MainWindow::callController(const QString& what, const std::function<ProjectContents()>& call) {
    if (!controller_) {
        appendLog(tr("%1: no project store is connected to this window").arg(what));
        statusBar()->showMessage(tr("No project store is connected"), 5000);
        return false;
    }
    try {
        projectIsOpen(call());
        return true;
    } catch (const std::exception& e) {  // redit::Error, or SQLite's from a file damaged deep inside
        const QString message = QString::fromStdString(e.what());
        appendLog(tr("%1 failed: %2").arg(what, message));
        QMessageBox::critical(this, what, message);
        return false;
    }
}

void MainWindow::projectIsOpen(const ProjectContents& contents) {
    projectOpen_ = true;
    projectPath_ = contents.path;
    showWelcome(false);
    if (runWorkflow_) runWorkflow_->clear();
    explorer_->setContents(contents);
    setWindowTitle(tr("%1 – REdit Workbench").arg(contents.name));
    appendLog(tr("Opened project %1").arg(QDir::toNativeSeparators(contents.path)));
    if (!contents.path.isEmpty()) {
        QStringList recent = recentProjects();
        recent.removeAll(contents.path);
        recent.prepend(contents.path);
        QSettings().setValue(kRecentKey, recent.mid(0, kMaxRecent));
        rebuildRecentMenu();
    }
    emit projectOpened(contents.path);
}

void MainWindow::newProject() {
    // The store refuses an existing file, so the dialog does not offer to overwrite one.
    const QString path = QFileDialog::getSaveFileName(this, tr("New project"), QString(), projectFilter(), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty()) return;
    callController(tr("New Project"), [&] { return controller_->newProject(withProjectSuffix(path)); });
}

void MainWindow::openProject() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(), projectFilter());
    if (!path.isEmpty()) openProjectFile(path);
}

bool MainWindow::openProjectFile(const QString& path) {
    return callController(tr("Open Project"), [&] { return controller_->openProject(path); });
}

bool MainWindow::openDemoProject() {
    const bool opened = callController(tr("Open Demo Project"), [&] { return controller_->openDemoProject(); });
    if (opened) emit demoProjectOpened();
    return opened;
}

void MainWindow::saveProjectAs() {
    if (!projectOpen_) {
        statusBar()->showMessage(tr("No project is open"), 5000);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Save project as"), QString(), projectFilter());
    if (path.isEmpty()) return;
    callController(tr("Save Project As"), [&] { return controller_->saveProjectAs(withProjectSuffix(path)); });
}

void MainWindow::closeProject() {
    if (!projectOpen_) return;
    if (!confirm(this, tr("Close Project"), tr("Close the project? Its open views are closed too."))) return;
    if (controller_) controller_->closeProject();
    projectOpen_ = false;
    explorer_->clearContents();
    if (runWorkflow_) runWorkflow_->clear();
    while (tabs_->count() > 0) {
        QWidget* page = tabs_->widget(tabs_->count() - 1);
        tabs_->removeTab(tabs_->count() - 1);
        if (page != welcome_) page->deleteLater();
    }
    showWelcome(true);
    setWindowTitle(tr("REdit Workbench"));
    appendLog(tr("Closed the project"));
    emit projectClosed();
}

void MainWindow::cancelRun(const QString& runId) {
    if (!controller_) {
        appendLog(tr("Cancel run %1: no job engine is connected").arg(runId));
        return;
    }
    try {
        controller_->cancelRun(runId);
        appendLog(tr("Cancelling run %1").arg(runId));
    } catch (const std::exception& e) {
        appendLog(tr("Cancel run %1 failed: %2").arg(runId, QString::fromStdString(e.what())));
    }
}

void MainWindow::exportFigure() {
    QWidget* page = tabs_->currentWidget();
    auto* figure = dynamic_cast<FigureSource*>(page);
    if (!figure) {
        statusBar()->showMessage(tr("This view has no figure to export"), 5000);
        return;
    }
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export figure"), tabs_->tabText(tabs_->currentIndex()),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"),
                                                      &filter);
    if (path.isEmpty()) return;
    int dpi = 300;
    if (!path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        bool ok = false;
        dpi = QInputDialog::getInt(this, tr("Export figure"), tr("Resolution (dots per inch):"), 300, 36, 1200, 1, &ok);
        if (!ok) return;
    }
    try {
        redit::gui::exportFigure(*figure, path, dpi);
        appendLog(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
    } catch (const redit::Error& e) {
        QMessageBox::critical(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportReport() {
    runAction([](RunWorkflow& runs, const QString&) { runs.exportReport(); }, false);
}

void MainWindow::showSettings() {
    QSettings settings;
    SettingsDialog dialog(WorkbenchSettings::load(settings), cudaAvailable_, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const WorkbenchSettings chosen = dialog.settings();
    chosen.save(settings);
    appendLog(tr("Settings saved"));
    emit settingsChanged(chosen);
}

void MainWindow::showAbout() {
    AboutDialog dialog(runtime_, this);
    dialog.exec();
}

QTextBrowser* MainWindow::showManual() {
    const QString file = manualFile();
    if (file.isEmpty()) {
        QMessageBox::warning(this, tr("Manual"),
                             tr("The manual was not found; looked for:\n%1").arg(manualCandidates().join(QLatin1Char('\n'))));
        return nullptr;
    }
    QTextBrowser* manual = nullptr;
    for (int i = 0; i < tabs_->count() && !manual; ++i)
        if (tabs_->widget(i)->objectName() == QLatin1String("manualView")) manual = qobject_cast<QTextBrowser*>(tabs_->widget(i));
    if (!manual) {
        manual = new QTextBrowser(tabs_);
        manual->setObjectName(QStringLiteral("manualView"));
        manual->setOpenExternalLinks(true);
        addViewTab(manual, tr("Manual"));
    }
    manual->setSource(QUrl::fromLocalFile(file), QTextDocument::MarkdownResource);
    tabs_->setCurrentWidget(manual);
    appendLog(tr("Manual: %1").arg(QDir::toNativeSeparators(file)));
    return manual;
}

void MainWindow::resetLayout() {
    if (confirm(this, tr("Reset Layout"), tr("Put every pane back in its original place?"))) restoreState(defaultState_);
}

void MainWindow::clearLog() {
    if (confirm(this, tr("Clear Log"), tr("Remove all messages from the log?"))) log_->clear();
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
    const int active = runMonitor_->model()->activeRunCount();
    if (active > 0 && !confirm(this, tr("Quit"), tr("%n run(s) still running will be stopped. Quit anyway?", nullptr, active))) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

}  // namespace redit::gui
