// Every explorer entry opens its natural page with the stored data (double-click, as a user does), the entries'
// and runs' context menus, Help > Manual and Help > About. Torch-free: the pages read the store only.
#include <QBuffer>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QtTest>

#include "adapters/demo_project.h"
#include "adapters/project_contents_reader.h"
#include "adapters/store_project_controller.h"
#include "circuits/graph.h"
#include "dialogs/about_dialog.h"
#include "dialogs/run_config_dialog.h"
#include "gui_test_helpers.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "model/model_config.h"
#include "model/model_summary.h"
#include "models/explorer_workflow.h"
#include "models/run_workflow.h"
#include "results/circuit_records.h"
#include "store/artifacts.h"
#include "store/models.h"
#include "store/patterns.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "views/artifact_page.h"
#include "views/circuit_panel.h"
#include "views/dataset_page.h"
#include "views/model_page.h"
#include "views/pattern_page.h"
#include "views/project_explorer.h"
#include "views/run_monitor.h"

using namespace redit;
using namespace redit::gui;

namespace {

const QString kModelFolder = QStringLiteral(REDIT_SOURCE_DIR "/resources/models/logic-tiny");

QByteArray pngOf(int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

std::vector<unsigned char> bytesOf(const QByteArray& data) { return {data.begin(), data.end()}; }

// Two stages as New Run shows them (these tests launch nothing): one reads a model and a dataset, one a circuits run.
StageRegistry schemaOnlyRegistry() {
    using T = FieldSpec::Type;
    StageRegistry registry;
    registry.add({"circuits", "reads a model and a dataset",
                  ConfigSchema({{"model", T::String, "model folder", nullptr, {}, {}, {}},
                                {"data", T::String, "dataset spec", nullptr, {}, {}, {}}}),
                  [] { return std::unique_ptr<Job>(); }});
    registry.add({"distances", "reads a circuits run",
                  ConfigSchema({{"circuits_run", T::Integer, "circuits run", 0, 0.0, {}, {}}}),
                  [] { return std::unique_ptr<Job>(); }});
    return registry;
}

}  // namespace

class TestExplorerPages : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString project;
    StageRegistry registry = schemaOnlyRegistry();
    qint64 evalRun = 0, circuitsRun = 0;
    std::string firstPattern;

    QString path(const QString& name) const { return dir.filePath(name); }

    static QTreeWidgetItem* entry(MainWindow& window, ProjectExplorer::Group group, const QString& text) {
        QTreeWidgetItem* parent = window.projectExplorer()->group(group);
        for (int i = 0; i < parent->childCount(); ++i)
            if (parent->child(i)->text(0) == text) return parent->child(i);
        return nullptr;
    }

    static void doubleClick(MainWindow& window, QTreeWidgetItem* item) {
        ProjectExplorer* explorer = window.projectExplorer();
        explorer->expandItem(item->parent());
        explorer->scrollToItem(item);
        const QPoint at = explorer->visualItemRect(item).center();
        // QTest's double click does not carry the press the view needs first (as a real double click does).
        QTest::mousePress(explorer->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(explorer->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(explorer->viewport(), Qt::LeftButton, {}, at);
    }

    template <typename Page>
    static Page* currentPage(MainWindow& window) {
        return qobject_cast<Page*>(window.tabs()->currentWidget());
    }

    static QStringList actionTexts(const QMenu* menu) {
        QStringList texts;
        for (const QAction* action : menu->actions()) texts << action->text();
        return texts;
    }

    static QAction* actionOf(const QMenu* menu, const QString& text) {
        for (QAction* action : menu->actions())
            if (action->text() == text) return action;
        return nullptr;
    }

    struct Window {
        StoreProjectController controller;
        MainWindow window;
        Window(const StageRegistry& registry, const QString& demo) : controller(registry, {demo, "none"}) {
            window.setProjectController(&controller);
            window.setRunController(&controller);
            window.show();
        }
    };

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_explorer_pages");
        QSettings().clear();
        QVERIFY(dir.isValid());
        QVERIFY2(QFileInfo(kModelFolder + "/config.json").isFile(), qPrintable(kModelFolder));
        project = path("pages.redit");
        // The demo project's contents: the logic-tiny model, the synthetic dataset with its patterns.
        QStringList notes;
        ProjectStore store = openOrCreateDemoProject({project, kModelFolder}, notes);
        QVERIFY(notes.isEmpty());
        const std::vector<PatternRecord> patterns = listPatterns(store);
        QVERIFY(patterns.size() >= 2);
        firstPattern = patterns[0].name;
        // A finished eval run that scored the first pattern on its test instances.
        NewRun eval;
        eval.kind = "eval";
        eval.config = {{"kind", "eval"}, {"params", {{"instances", "test"}}}};
        evalRun = createRun(store, eval);
        appendResultRows(store, evalRun, "pattern_accuracy",
                         {{{"pattern", firstPattern}, {"level", 1}, {"label", "True"}, {"correct", 3}, {"total", 4},
                           {"accuracy", 0.75}}});
        appendResultRows(store, evalRun, "instance_answers",
                         {{{"pattern", firstPattern},
                           {"answers",
                            {{{"domain", "cooking"}, {"text", "If the oven is hot, the bread rises."}, {"label", "True"},
                              {"answer", "False"}, {"probability", 0.61}},
                             {{"domain", "sports"}, {"text", "If the ball is red, the team wins."}, {"label", "True"},
                              {"answer", "True"}, {"probability", 0.9}}}}}});
        setRunStatus(store, evalRun, RunStatus::Finished);
        saveArtifact(store, evalRun, "accuracy.png", "image/png", bytesOf(pngOf(8, 6)));
        saveArtifact(store, evalRun, "summary.md", "text/markdown", bytesOf("# Summary\n\nall patterns scored\n"));
        // A circuits run holding the first pattern's circuit (made-up edge scores of a small graph).
        const GraphShape shape{2, 2, 1};
        const int64_t edges = CircuitGraph(shape).edgeCount();
        results::PatternScores scores{firstPattern, 4, {}, {}, {}};
        for (int64_t e = 0; e < edges; ++e) {
            scores.all.push_back(double((e * 7) % 11) - 5.0);
            scores.halfA.push_back(double((e * 5) % 13) - 6.0);
            scores.halfB.push_back(double((e * 3) % 7) - 3.0);
        }
        circuitsRun = results::saveCircuitRun(store, NewRun{}, shape, {scores});
    }

    void cleanupTestCase() { QSettings().clear(); }

    void patternOpensItsRuleInstancesAccuracyAndCircuit() {
        Window w(registry, path("demo.redit"));
        QVERIFY(w.window.openProjectFile(project));
        const ProjectStore store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
        const PatternRecord stored = listPatterns(store).at(0);

        QTreeWidgetItem* item = entry(w.window, ProjectExplorer::Patterns, QString::fromStdString(firstPattern));
        QVERIFY(item);
        doubleClick(w.window, item);
        auto* page = currentPage<PatternPage>(w.window);
        QVERIFY(page);
        QCOMPARE(w.window.tabs()->tabText(w.window.tabs()->currentIndex()), "Pattern " + QString::fromStdString(firstPattern));
        QCOMPARE(page->ruleLabel()->text(), QString::fromStdString(stored.description));
        // The instances the eval run answered, with the model's answer and its probability.
        QTableWidget* shown = page->instanceTable();
        QCOMPARE(shown->rowCount(), 2);
        QVERIFY(!shown->isColumnHidden(2) && !shown->isColumnHidden(3));
        QCOMPARE(shown->item(0, 0)->text(), QString("cooking"));
        QCOMPARE(shown->item(0, 1)->text(), QString("True"));
        QCOMPARE(shown->item(0, 2)->text(), QString("False"));
        QCOMPARE(shown->item(0, 3)->text(), QString("0.610"));
        QCOMPARE(shown->item(0, 4)->text(), QString("If the oven is hot, the bread rises."));
        QVERIFY(shown->item(0, 2)->toolTip().contains("True"));  // a wrong answer names the gold label
        QCOMPARE(shown->item(1, 3)->text(), QString("0.900"));
        QVERIFY(shown->item(1, 2)->toolTip().isEmpty());
        QTableWidget* accuracy = page->accuracyTable();
        QCOMPARE(accuracy->rowCount(), 1);
        QCOMPARE(accuracy->item(0, 0)->text(), QStringLiteral("#%1").arg(evalRun));
        QCOMPARE(accuracy->item(0, 1)->text(), QString("test"));
        QCOMPARE(accuracy->item(0, 4)->text(), QString("0.750"));

        // Its circuit button opens the circuit view of that run.
        auto* open = page->findChild<QPushButton*>(QStringLiteral("openCircuit_%1").arg(circuitsRun));
        QVERIFY(open);
        open->click();
        QTRY_VERIFY(currentPage<CircuitPanel>(w.window));  // read on a worker thread
        QCOMPARE(w.window.tabs()->tabText(w.window.tabs()->currentIndex()),
                 QStringLiteral("Run #%1: %2").arg(circuitsRun).arg(QString::fromStdString(firstPattern)));

        // A pattern without an eval run or a circuit says so, and lists its stored instances without answers.
        const PatternRecord second = listPatterns(store).at(1);
        const std::vector<InstanceRecord> instances = listInstances(store, second.id);
        doubleClick(w.window, entry(w.window, ProjectExplorer::Patterns, QString::fromStdString(second.name)));
        page = currentPage<PatternPage>(w.window);
        QVERIFY(page && page->accuracyTable()->isHidden());
        shown = page->instanceTable();
        QCOMPARE(shown->rowCount(), int(std::min<size_t>(12, instances.size())));
        QVERIFY(shown->isColumnHidden(2) && shown->isColumnHidden(3));
        QCOMPARE(shown->item(0, 4)->text(), QString::fromStdString(instances[0].data["text"].get<std::string>()));
        QCOMPARE(shown->item(0, 1)->text(), QString::fromStdString(instances[0].data["label"].get<std::string>()));
        QVERIFY(page->findChild<QLabel*>("noCircuit"));
    }

    void modelOpensWhatModelInfoPrints() {
        Window w(registry, path("demo.redit"));
        QVERIFY(w.window.openProjectFile(project));
        doubleClick(w.window, entry(w.window, ProjectExplorer::Models, "logic-tiny"));
        auto* page = currentPage<ModelPage>(w.window);
        QVERIFY(page);
        QVERIFY(page->errorLabel()->isHidden());
        const auto expected = modelSummary(kModelFolder.toStdString());
        QTableWidget* table = page->summaryTable();
        QCOMPARE(table->rowCount(), int(expected.size()));
        QMap<QString, QString> shown;
        for (int r = 0; r < table->rowCount(); ++r) shown[table->item(r, 0)->text()] = table->item(r, 1)->text();
        const ModelConfig config = loadModelConfig((kModelFolder + "/config.json").toStdString());
        QCOMPARE(shown.value("architecture"), QString::fromStdString(config.modelType));
        QCOMPARE(shown.value("layers"), QString::number(config.numLayers));
        QCOMPARE(shown.value("parameters"), QString::fromStdString(humanCount(double(config.parameterCount()))));
        QVERIFY(shown.value("tokenizer").contains("ids"));
        QVERIFY(!shown.value("memory, inference (batch 8 x length 256, fp32)").isEmpty());
    }

    void modelWithAMissingFolderSaysWhy() {
        {
            ProjectStore store = ProjectStore::create(path("lost-model.redit").toStdString());
            addModel(store, {0, "gone", path("no-such-model").toStdString(), nlohmann::json::object(), "h"});
        }
        Window w(registry, path("demo.redit"));
        QVERIFY(w.window.openProjectFile(path("lost-model.redit")));
        doubleClick(w.window, entry(w.window, ProjectExplorer::Models, "gone"));
        auto* page = currentPage<ModelPage>(w.window);
        QVERIFY(page);
        QVERIFY(!page->errorLabel()->isHidden());
        QVERIFY2(page->errorLabel()->text().contains(path("no-such-model")), qPrintable(page->errorLabel()->text()));
        QVERIFY(page->summaryTable()->isHidden());
    }

    void datasetBrowsesItsPatternsAndInstances() {
        Window w(registry, path("demo.redit"));
        QVERIFY(w.window.openProjectFile(project));
        doubleClick(w.window, entry(w.window, ProjectExplorer::Datasets, kDemoDatasetSpec));
        auto* page = currentPage<DatasetPage>(w.window);
        QVERIFY(page);
        const ProjectStore store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
        const std::vector<PatternRecord> patterns = listPatterns(store);
        QCOMPARE(page->patternList()->count(), int(patterns.size()));
        page->patternList()->setCurrentRow(1);
        QCOMPARE(page->ruleLabel()->text(), QString::fromStdString(patterns[1].description));
        const std::vector<InstanceRecord> instances = listInstances(store, patterns[1].id);
        QCOMPARE(page->instanceTable()->rowCount(), int(instances.size()));
        QCOMPARE(page->instanceTable()->item(0, 0)->text(),
                 QString::fromStdString(instances[0].data["domain"].get<std::string>()));
    }

    void datasetARunOnlyRecordedIsReadFromItsSpec() {
        {
            ProjectStore store = ProjectStore::create(path("recorded.redit").toStdString());
            addDataset(store, {0, "synthetic:deductive:level1:n=3", {{"spec", "synthetic:deductive:level1:n=3"}}, "d"});
        }
        Window w(registry, path("demo.redit"));
        QVERIFY(w.window.openProjectFile(path("recorded.redit")));
        doubleClick(w.window, entry(w.window, ProjectExplorer::Datasets, "synthetic:deductive:level1:n=3"));
        auto* page = currentPage<DatasetPage>(w.window);
        QVERIFY(page);
        QCOMPARE(page->patternList()->count(), 3);
        QVERIFY(page->instanceTable()->rowCount() > 0);
    }

    void figureAndReportOpen() {
        Window w(registry, path("demo.redit"));
        QVERIFY(w.window.openProjectFile(project));
        const QString figure = QStringLiteral("accuracy.png (#%1)").arg(evalRun);
        doubleClick(w.window, entry(w.window, ProjectExplorer::Figures, figure));
        auto* page = currentPage<ArtifactPage>(w.window);
        QVERIFY(page);
        QCOMPARE(page->image()->pixmap().size(), QSize(8, 6));
        QVERIFY(page->text()->isHidden());
        QString error;
        QVERIFY(page->saveTo(path("saved.png"), &error));
        QCOMPARE(testing::fileBytes(path("saved.png")), pngOf(8, 6));

        doubleClick(w.window, entry(w.window, ProjectExplorer::Reports, QStringLiteral("summary.md (#%1)").arg(evalRun)));
        page = currentPage<ArtifactPage>(w.window);
        QVERIFY(page && !page->text()->isHidden());
        QVERIFY(page->text()->toPlainText().contains("all patterns scored"));
        QVERIFY(!page->saveTo(path("no-such-folder/x.md"), &error));
        QVERIFY(error.contains("no-such-folder"));
    }

    void contextMenusOfferOpenAndTheActionsThatFit() {
        Window w(registry, path("demo.redit"));
        QVERIFY(w.window.openProjectFile(project));
        auto* explorer = w.window.findChild<ExplorerWorkflow*>();
        QVERIFY(explorer);
        QWidget* parent = w.window.projectExplorer();
        std::unique_ptr<QMenu> model(explorer->entryMenu(ProjectExplorer::Models, "logic-tiny", parent));
        QCOMPARE(actionTexts(model.get()), QStringList({"&Open", "&New Run with This Model…"}));
        std::unique_ptr<QMenu> pattern(
            explorer->entryMenu(ProjectExplorer::Patterns, QString::fromStdString(firstPattern), parent));
        QCOMPARE(actionTexts(pattern.get()), QStringList({"&Open", "Open Its &Circuit", "&New Run on Its Dataset…"}));
        std::unique_ptr<QMenu> circuit(explorer->entryMenu(
            ProjectExplorer::Circuits, circuitLabel(QString::fromStdString(firstPattern), circuitsRun), parent));
        QCOMPARE(actionTexts(circuit.get()),
                 QStringList({"&Open", "&Compare with Another Circuit…", "Measure &Distances…"}));
        std::unique_ptr<QMenu> run(explorer->entryMenu(ProjectExplorer::Runs, runLabel(evalRun, "eval", "finished"), parent));
        QCOMPARE(actionTexts(run.get()), QStringList({"&Open Results", "&Details", "&Clone and Edit…", "Com&pare with…"}));
        std::unique_ptr<QMenu> figure(
            explorer->entryMenu(ProjectExplorer::Figures, QStringLiteral("accuracy.png (#%1)").arg(evalRun), parent));
        QCOMPARE(actionTexts(figure.get()), QStringList({"&Open", "&Save As…"}));

        // The Runs pane's runs offer the same as the explorer's.
        std::unique_ptr<QMenu> paneRun(explorer->runMenu(QString::number(evalRun), w.window.runMonitor()->table()));
        QCOMPARE(actionTexts(paneRun.get()), actionTexts(run.get()));
        actionOf(paneRun.get(), "&Details")->trigger();
        QCOMPARE(w.window.tabs()->tabText(w.window.tabs()->currentIndex()), QStringLiteral("Run #%1").arg(evalRun));

        // A run launched from a model or a dataset has it chosen; from a circuit, the distances stage on its run.
        const ProjectStore store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
        QString chosenModel, chosenDataset, stage, circuitsParam;
        connect(w.window.runWorkflow(), &RunWorkflow::dialogOpened, this, [&](RunConfigDialog* dialog) {
            QTimer::singleShot(0, dialog, [&, dialog] {
                chosenModel = dialog->modelChooser()->currentData().toString();
                chosenDataset = dialog->datasetChooser()->currentData().toString();
                stage = QString::fromStdString(dialog->request()["kind"].get<std::string>());
                circuitsParam = QString::fromStdString(dialog->request()["params"].value("circuits_run", nlohmann::json()).dump());
                dialog->reject();
            });
        });
        actionOf(model.get(), "&New Run with This Model…")->trigger();
        QCOMPARE(chosenModel, QString::number(listModels(store).at(0).id));
        std::unique_ptr<QMenu> dataset(explorer->entryMenu(ProjectExplorer::Datasets, kDemoDatasetSpec, parent));
        actionOf(dataset.get(), "&New Run on This Dataset…")->trigger();
        QCOMPARE(chosenDataset, QString::number(listDatasets(store).at(0).id));
        actionOf(circuit.get(), "Measure &Distances…")->trigger();
        QCOMPARE(stage, QString("distances"));
        QCOMPARE(circuitsParam, QString::number(circuitsRun));
    }

    void helpManualAndAbout() {
        Window w(registry, path("demo.redit"));
        QTextBrowser* manual = w.window.showManual();
        QVERIFY(manual);  // docs/manual.md or docs/gui.md of the source tree
        QCOMPARE(w.window.tabs()->currentWidget(), manual);
        QVERIFY(manual->source().toLocalFile().endsWith(".md"));
        QVERIFY(!manual->toPlainText().trimmed().isEmpty());
        QFile file(manual->source().toLocalFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString firstHeading = QString::fromUtf8(file.readLine()).remove(QRegularExpression("^#+\\s*")).trimmed();
        QVERIFY2(manual->toPlainText().contains(firstHeading), qPrintable(firstHeading));

        QSettings().setValue("settings/device", "cpu");
        AboutDialog about({"2.1.0", "OpenBLAS 0.3.21 (openmp)", 0, 2});
        QString text;
        for (const QLabel* label : about.findChildren<QLabel*>()) text += label->text();
        QVERIFY(text.contains("GPL-3.0-or-later"));
        QVERIFY(text.contains("2.1.0"));
        QVERIFY(text.contains("OpenBLAS 0.3.21 (openmp)"));
        QVERIFY(text.contains("cpu (no CUDA device)"));
    }
};

QTEST_MAIN(TestExplorerPages)
#include "test_explorer_pages.moc"
