// `redit-workbench`: the Qt desktop workbench.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>
#include <QTabWidget>
#include <QElapsedTimer>
#include <QTimer>
#include <QTranslator>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "views/circuit_view.h"
#include "adapters/demo_project.h"
#include "views/demo_views.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "redit/build_info.h"
#include "export/report.h"
#include "models/run_workflow.h"
#include "self_test.h"
#include "startup_views.h"
#include "stages/builtin_stages.h"
#include "adapters/store_project_controller.h"
#include "adapters/translation.h"
#include "util/runtime_env.h"
#include "util/subprocess.h"
#include "util/torch_runtime.h"
#include "adapters/workbench_settings.h"

namespace {

// Saves a picture of the window once every circuit layout has finished and at least `delayMs` have passed,
// then quits; with a report path, writes the project's report (of the open views) first.
void screenshotWhenSettled(redit::gui::MainWindow& window, const QString& path, const QString& report, int delayMs) {
    auto* poll = new QTimer(&window);
    auto* clock = new QElapsedTimer;
    clock->start();
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, clock, path, report, delayMs] {
        if (clock->elapsed() < delayMs || (window.runWorkflow() && window.runWorkflow()->isLoading())) return;
        for (const auto* view : window.findChildren<redit::gui::CircuitView*>())
            if (view->isLayingOut()) return;
        poll->stop();
        delete clock;
        if (!report.isEmpty()) {
            try {
                redit::gui::writeReport(window.runWorkflow()->reportContent(), report);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "redit-workbench: %s\n", e.what());
                QCoreApplication::exit(1);
                return;
            }
        }
        const bool saved = window.grab().save(path);
        if (!saved) std::fprintf(stderr, "redit-workbench: cannot write %s\n", qPrintable(path));
        QCoreApplication::exit(saved ? 0 : 1);
    });
    poll->start(700);
}

// A project named on the command line, else with --demo or when no recent project exists the demo project,
// else the most recent project.
void openStartProject(redit::gui::MainWindow& window, const QStringList& arguments, bool demo) {
    const QStringList recent = redit::gui::MainWindow::recentProjects();
    if (!arguments.isEmpty()) window.openProjectFile(arguments.first());
    else if (demo || recent.isEmpty() || !QFileInfo::exists(recent.first())) window.openDemoProject();
    else window.openProjectFile(recent.first());
}

// The settings that decide how a comparison's chunks run; written on the GUI thread, read by a run's worker.
struct ChunkProcessSetting {
    std::atomic<int> processes{1};
    std::atomic<int> threads{0};  // 0: every core
};

// Registers the stages with the compare stage handing its chunks to `redit compare-chunk` processes (the CLI
// installed beside this program) when the settings ask for more than one; without that program, in turn.
void registerWorkbenchStages(redit::StageRegistry& registry, std::shared_ptr<const ChunkProcessSetting> setting) {
    const std::filesystem::path cli = std::filesystem::path(redit::currentExecutable()).parent_path() / "redit";
    redit::registerBuiltinStages(registry, [setting, cli] {
        const int processes = std::filesystem::exists(cli) ? setting->processes.load() : 1;
        const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
        const int threads = setting->threads.load() > 0 ? setting->threads.load() : cores;
        return redit::stages::ChunkProcessOptions{cli.string(), processes, std::max(1, threads / std::max(1, processes))};
    });
}

}  // namespace

int main(int argc, char** argv) {
    redit::ensureRuntimeEnvironment(argv);
    auto chunkProcesses = std::make_shared<ChunkProcessSetting>();
    registerWorkbenchStages(redit::globalStageRegistry(), chunkProcesses);
    QApplication app(argc, argv);
    Q_INIT_RESOURCE(resources);  // the icons live in the static redit_widgets library
    QApplication::setOrganizationName(QStringLiteral("REdit"));
    QApplication::setApplicationName(QStringLiteral("REdit Workbench"));
    QApplication::setApplicationVersion(
        QStringLiteral("%1 (commit %2)").arg(QString::fromLatin1(redit::build_info::kVersion), QString::fromLatin1(redit::build_info::kGitDescribe)));
    QGuiApplication::setDesktopFileName(QStringLiteral(REDIT_APP_ID));  // the installed desktop entry and icon
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/redit.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("REdit Workbench: circuits, interference and reasoning edits"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .redit project file to open."),
                                 QStringLiteral("[project]"));
    QCommandLineOption demo(QStringLiteral("demo"),
                            QStringLiteral("Open the demo project (created in the user's data folder on first use)."));
    QCommandLineOption demoViews(QStringLiteral("demo-views"),
                                 QStringLiteral("Fill the views with a small synthetic example (labelled as such)."));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a picture of the window to FILE once it settles, then quit."),
                                  QStringLiteral("FILE"));
    QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Show the central tab with this index."),
                           QStringLiteral("INDEX"));
    QCommandLineOption language(QStringLiteral("language"), QStringLiteral("Override the language setting (en, zh_CN)."),
                                QStringLiteral("CODE"));
    QCommandLineOption show(QStringLiteral("show"), QStringLiteral("Open a view at start (see startup_views.h)."),
                            QStringLiteral("SPEC"));
    QCommandLineOption report(QStringLiteral("report"),
                              QStringLiteral("With --screenshot: write the project's report (.html, .pdf, .png) first."),
                              QStringLiteral("FILE"));
    QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                             QStringLiteral("With --screenshot: wait at least this many milliseconds."), QStringLiteral("MS"));
    QCommandLineOption selfTest(QStringLiteral("self-test"),
                                QStringLiteral("Open the demo project in a temporary folder, draw each view once and exit "
                                               "(0 when all worked; use with QT_QPA_PLATFORM=offscreen on a machine without display)."));
    for (QCommandLineOption* hidden : {&screenshot, &tab, &language, &show, &report, &delay})
        hidden->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({demo, demoViews, selfTest, screenshot, tab, language, show, report, delay});
    parser.process(app);
    if (parser.isSet(selfTest)) return redit::gui::runSelfTest(redit::globalStageRegistry());

    QTranslator translator;
    const QString chosenLanguage = parser.isSet(language) ? parser.value(language)
                                                          : redit::gui::WorkbenchSettings::load(QSettings()).language;
    if (!redit::gui::installTranslation(chosenLanguage, translator))
        std::fprintf(stderr, "redit-workbench: no translation for %s, using English\n", qPrintable(chosenLanguage));

    // Declared before the window, so the window (which uses it) goes first.
    redit::gui::StoreProjectController controller(redit::globalStageRegistry(), redit::gui::DemoProjectPaths::standard());
    redit::gui::MainWindow window;
    window.setProjectController(&controller);
    window.setRunController(&controller);
    // The thread setting applies at once: runs execute in this process (or, for a comparison's chunks, in the
    // processes the next run starts).
    auto applySettings = [chunkProcesses](const redit::gui::WorkbenchSettings& chosen) {
        redit::configureThreads(chosen.threads);
        chunkProcesses->threads = chosen.threads;
        chunkProcesses->processes = chosen.compareProcesses;
    };
    applySettings(redit::gui::WorkbenchSettings::load(QSettings()));
    const redit::RuntimeInfo runtime = redit::runtimeInfo();
    window.setCudaAvailable(runtime.cudaAvailable);
    window.setRuntimeSummary({QString::fromStdString(runtime.torchVersion), QString::fromStdString(runtime.blas),
                              runtime.cudaDevices, runtime.threads});
    QObject::connect(&window, &redit::gui::MainWindow::settingsChanged, &window, applySettings);
    if (parser.isSet(demoViews)) redit::gui::showDemoViews(window);
    else openStartProject(window, parser.positionalArguments(), parser.isSet(demo));
    window.show();  // views are laid out (charts sized) before --show and --report use them
    for (const QString& problem : redit::gui::openStartupViews(window, controller, parser.values(show))) {
        std::fprintf(stderr, "redit-workbench: %s\n", qPrintable(problem));
        window.appendLog(problem);
    }
    if (parser.isSet(tab)) window.tabs()->setCurrentIndex(parser.value(tab).toInt());
    if (parser.isSet(screenshot))
        screenshotWhenSettled(window, parser.value(screenshot), parser.value(report), parser.value(delay).toInt());
    return app.exec();
}
