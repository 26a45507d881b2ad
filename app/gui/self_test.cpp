#include "self_test.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QSet>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTranslator>
#include <cstdio>
#include <stdexcept>

#include "adapters/demo_project.h"
#include "adapters/store_project_controller.h"
#include "adapters/translation.h"
#include "main_window.h"
#include "models/synthetic_examples.h"
#include "views/circuit_compare_view.h"
#include "views/circuit_view.h"

namespace redit::gui {
namespace {

struct SelfTestFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void say(const QString& line) {
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

void require(bool condition, const QString& problem) {
    if (!condition) throw SelfTestFailure(problem.toStdString());
}

void checkTranslation() {
    QTranslator translator;
    require(installTranslation(QStringLiteral("zh_CN"), translator),
            QStringLiteral("no zh_CN translation (redit_zh_CN.qm) in %1").arg(QDir::toNativeSeparators(translationFolder())));
    QCoreApplication::removeTranslator(&translator);
    say(QStringLiteral("translations: %1").arg(QDir::toNativeSeparators(translationFolder())));
}

// Circuit drawings are laid out on a worker thread; a drawing taken earlier would be empty.
void waitForLayouts(const MainWindow& window) {
    QElapsedTimer clock;
    clock.start();
    auto layingOut = [&] {
        for (const CircuitView* view : window.findChildren<CircuitView*>())
            if (view->isLayingOut()) return true;
        return false;
    };
    while (layingOut()) {
        require(clock.elapsed() < 60000, QStringLiteral("a circuit layout did not finish within 60 s"));
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

// Draws `widget` into an image; a view that drew nothing is one flat colour.
void checkDrawn(QWidget* widget, const QString& name) {
    QCoreApplication::processEvents();
    const QImage image = widget->grab().toImage();
    require(!image.isNull() && image.width() > 0 && image.height() > 0, QStringLiteral("%1: nothing was drawn").arg(name));
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
    require(colours.size() >= 3, QStringLiteral("%1: the drawing is blank (%2 colours)").arg(name).arg(colours.size()));
    say(QStringLiteral("drew %1 (%2x%3, %4 colours)").arg(name).arg(image.width()).arg(image.height()).arg(colours.size()));
}

void openDemoProject(StoreProjectController& controller, MainWindow& window, const DemoProjectPaths& paths) {
    say(QStringLiteral("built-in model: %1").arg(QDir::toNativeSeparators(paths.modelFolder)));
    ProjectContents contents;
    try {
        contents = controller.openDemoProject();
    } catch (const std::exception& e) {
        throw SelfTestFailure(std::string("cannot open the demo project: ") + e.what());
    }
    require(!contents.models.isEmpty(), QStringLiteral("the demo project has no model: the built-in model folder %1 is missing")
                                            .arg(QDir::toNativeSeparators(paths.modelFolder)));
    require(!contents.datasets.isEmpty() && !contents.patterns.isEmpty(), QStringLiteral("the demo project has no dataset"));
    // The window opens it through the same controller (its errors would go to a message box, hence the check first).
    require(window.openDemoProject(), QStringLiteral("the window could not open the demo project"));
    say(QStringLiteral("opened the demo project: %1 model(s), %2 pattern(s)").arg(contents.models.size()).arg(contents.patterns.size()));
}

// The views that show results, filled with synthetic data (the fresh demo project has no runs yet).
void addResultViews(MainWindow& window) {
    window.showCircuit(QStringLiteral("Circuit"), syntheticCircuit(6, 4, 160, 1));
    CircuitComparison comparison{QStringLiteral("A"), QStringLiteral("B"), 0.3, syntheticCircuit(6, 4, 120, 1),
                                 syntheticCircuit(6, 4, 120, 2), {}};
    window.comparisonTab(QStringLiteral("Circuit compare"))->setComparison(comparison);
    window.showDistances(QStringLiteral("Distances"), syntheticDistances(2));
    window.showInterference(QStringLiteral("Interference"), syntheticInterference(3));
    window.showResults(QStringLiteral("Results"), syntheticResults(4));
}

}  // namespace

int runSelfTest(const StageRegistry& registry) {
    QTemporaryDir scratch;
    try {
        require(scratch.isValid(), QStringLiteral("cannot create a temporary folder"));
        // The window remembers recent projects and its layout: keep that away from the user's settings.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch.filePath(QStringLiteral("settings")));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, scratch.filePath(QStringLiteral("settings")));
        checkTranslation();

        const DemoProjectPaths paths{scratch.filePath(QStringLiteral("demo.redit")), builtinModelFolder()};
        StoreProjectController controller(registry, paths);
        MainWindow window;  // declared after the controller, so it goes first
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.resize(1280, 800);
        window.show();
        openDemoProject(controller, window, paths);

        addResultViews(window);
        waitForLayouts(window);
        QTabWidget* tabs = window.tabs();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            checkDrawn(tabs->widget(i), tabs->tabText(i));
        }
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            dock->show();
            checkDrawn(dock->widget(), dock->windowTitle());
        }
        checkDrawn(&window, QStringLiteral("the main window"));
    } catch (const std::exception& e) {  // SelfTestFailure, or an error of the store or a view
        std::fprintf(stderr, "redit-workbench: self-test failed: %s\n", e.what());
        return 1;
    }
    say(QStringLiteral("self-test passed"));
    return 0;
}

}  // namespace redit::gui
