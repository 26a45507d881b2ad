#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QStringListModel>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>
#include <chrono>
#include <thread>

#include "dialogs/config_form.h"
#include "gui_test_helpers.h"
#include "jobs/job_context.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "views/metric_chart.h"
#include "model/memory_estimate.h"
#include "views/project_explorer.h"
#include "dialogs/run_config_dialog.h"
#include "views/run_details_view.h"
#include "models/run_eta.h"
#include "views/run_monitor.h"
#include "models/run_monitor_model.h"
#include "models/run_suggestions.h"
#include "models/run_workflow.h"
#include "store/models.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "adapters/store_project_controller.h"
#include "adapters/workbench_settings.h"

using namespace redit;
using namespace redit::gui;
using redit::testing::answerNextMessageBox;

namespace {

// Ticks for `seconds`, reporting progress and a falling "loss" every 50 ms and stopping when cancelled.
class TickJob : public Job {
public:
    void run(JobContext& ctx) override {
        const double seconds = ctx.params()["seconds"].get<double>();
        const auto start = std::chrono::steady_clock::now();
        for (std::int64_t step = 0;; ++step) {
            ctx.checkCancelled();
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (elapsed >= seconds) return;
            ctx.report({elapsed / seconds, "ticking", {{"loss", 1.0 / double(step + 1)}}}, step);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
};

StageRegistry tickRegistry() {
    using T = FieldSpec::Type;
    StageRegistry registry;
    registry.add({"tick",
                  "Waits, reporting progress",
                  ConfigSchema({{"seconds", T::Number, "how long the run takes", 3.0, 0.1, 60.0, {}},
                                {"pace", T::String, "reporting pace", "steady", {}, {}, {"steady", "bursty"}},
                                {"verbose", T::Boolean, "log every step", false, {}, {}, {}},
                                {"batch", T::Integer, "examples per step", 1, 1.0, 512.0, {}},
                                {"model", T::String, "model folder", "", {}, {}, {}},
                                {"data", T::String, "dataset spec", "", {}, {}, {}}}),
                  [] { return std::make_unique<TickJob>(); }});
    return registry;
}

QAction* actionNamed(const QMainWindow& window, const QString& text) {
    for (QAction* action : window.findChildren<QAction*>())
        if (action->text() == text) return action;
    return nullptr;
}

QLineEdit* lineField(const RunConfigDialog& dialog, const std::string& name) {
    return qobject_cast<QLineEdit*>(dialog.form()->editor(name));
}

// The text a details tab shows beside a provenance label ("Status"); empty when it has no such row.
QString shownField(const RunDetailsView& view, const QString& label) {
    const auto* form = view.findChild<QFormLayout*>();
    for (int row = 0; form && row < form->rowCount(); ++row) {
        const auto* name = qobject_cast<QLabel*>(form->itemAt(row, QFormLayout::LabelRole)->widget());
        if (name && name->text() == label + QLatin1Char(':'))
            return qobject_cast<QLabel*>(form->itemAt(row, QFormLayout::FieldRole)->widget())->text();
    }
    return {};
}

}  // namespace

class TestGuiRuns : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    StageRegistry registry_ = tickRegistry();

    QString path(const QString& name) const { return dir_.filePath(name); }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_gui_runs");
        QSettings().clear();
        QVERIFY(dir_.isValid());
    }

    void cleanupTestCase() { QSettings().clear(); }

    void dialogHasOneFieldPerSchemaField() {
        StoreProjectController controller(registry_, {path("demo.redit"), path("none")});
        controller.newProject(path("fields.redit"));
        RunConfigDialog dialog(controller);
        const ConfigSchema& schema = registry_.get("tick").schema;
        // The model and dataset choosers fill `model` and `data`: they get no field of their own.
        QCOMPARE(dialog.form()->findChildren<QLabel*>(QRegularExpression("^error_")).size(), qsizetype(schema.fields().size() - 2));
        QVERIFY(!dialog.form()->editor("model") && !dialog.form()->editor("data"));
        for (const FieldSpec& field : schema.fields()) {
            if (field.name == "model" || field.name == "data") continue;
            QWidget* editor = dialog.form()->editor(field.name);
            QVERIFY2(editor, field.name.c_str());
            QVERIFY(editor->toolTip().contains(QString::fromStdString(field.description)));
            QVERIFY(editor->toolTip().contains("Default:"));
        }
        QVERIFY(lineField(dialog, "seconds")->toolTip().contains("Range: 0.1 to 60"));
        QCOMPARE(lineField(dialog, "seconds")->text(), QString("3.0"));
        auto* pace = qobject_cast<QComboBox*>(dialog.form()->editor("pace"));
        QVERIFY(pace);
        QCOMPARE(pace->count(), 2);
        QCOMPARE(pace->currentText(), QString("steady"));
        QVERIFY(qobject_cast<QCheckBox*>(dialog.form()->editor("verbose")));
        QCOMPARE(dialog.request()["params"]["batch"], nlohmann::json(1));
    }

    void outOfRangeValueIsRefusedBesideItsField() {
        StoreProjectController controller(registry_, {path("demo.redit"), path("none")});
        controller.newProject(path("range.redit"));
        RunConfigDialog dialog(controller);
        lineField(dialog, "seconds")->setText("1000");
        lineField(dialog, "batch")->setText("two");
        dialog.launch();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QLabel* seconds = dialog.form()->errorLabel("seconds");
        QVERIFY(!seconds->isHidden());
        QCOMPARE(seconds->text(), QString("config field 'seconds' must be between 0.1 and 60 (got 1000.0)"));
        QVERIFY(dialog.form()->errorLabel("batch")->text().contains("'batch' must be an integer"));
        QVERIFY(dialog.form()->errorLabel("pace")->isHidden());
        QVERIFY(listRuns(ProjectStore::open(path("range.redit").toStdString(), ProjectStore::Mode::ReadOnly)).empty());

        lineField(dialog, "seconds")->setText("0.2");
        lineField(dialog, "batch")->setText("2");
        dialog.launch();
        QVERIFY(seconds->isHidden());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.launchedRunId(), QString("1"));
        const RunRecord run = loadRun(ProjectStore::open(path("range.redit").toStdString(), ProjectStore::Mode::ReadOnly), 1);
        QCOMPARE(run.config["params"]["seconds"], nlohmann::json(0.2));
        QCOMPARE(run.config["params"]["batch"], nlohmann::json(2));
    }

    void memoryEstimateForANamedModelFolder() {
        QDir().mkpath(path("model"));
        redit::testing::writeTinyModelConfig(path("model").toStdString());
        {
            ProjectStore store = ProjectStore::create(path("memory.redit").toStdString());
            addModel(store, {0, "tiny", path("model").toStdString(), nlohmann::json::object(), "h"});
        }
        StoreProjectController controller(registry_, {path("demo.redit"), path("none")});
        controller.openProject(path("memory.redit"));
        RunConfigDialog dialog(controller);
        // The chosen model's folder, when no param names one.
        auto* model = dialog.findChild<QComboBox*>("modelBox");
        QCOMPARE(model->count(), 1);
        QCOMPARE(model->currentIndex(), 0);  // the project's only model is preselected
        QVERIFY(!dialog.memoryEstimate()->isHidden());
        QVERIFY(dialog.memoryEstimate()->text().contains(QDir::toNativeSeparators(path("model"))));
        QCOMPARE(dialog.request()["model_id"], nlohmann::json(1));
        QCOMPARE(dialog.request()["params"]["model"], nlohmann::json(path("model").toStdString()));
        model->setCurrentIndex(-1);
        model->setEditText(QString());
        QVERIFY(dialog.memoryEstimate()->isHidden());
        lineField(dialog, "batch")->setText("8");
        model->setEditText(path("model"));  // a typed folder
        QVERIFY(!dialog.memoryEstimate()->isHidden());
        const ModelConfig config = loadModelConfig(path("model/config.json").toStdString());
        const MemoryEstimate expected = estimateMemory(config, 4, 8, 256, ForwardMode::Inference);
        const QString text = dialog.memoryEstimate()->text();
        QVERIFY2(text.contains("batch 8, length 256, inference"), qPrintable(text));
        QVERIFY2(text.endsWith(QString::fromStdString(formatBytes(expected.totalBytes()))), qPrintable(text));
    }

    void settingsFoldersSuggestDataAndModels() {
        QCOMPARE(dataSuggestions({{1, "synthetic:deductive:level1", {}}}, "/data/hub/"),
                 QStringList({"synthetic:deductive:level1", "contexthub:/data/hub"}));
        QCOMPARE(dataSuggestions({}, {}), QStringList());
        QVERIFY(QDir(path("models/m1")).mkpath("."));
        QVERIFY(QDir(path("models/empty")).mkpath("."));  // no config.json: not a model
        testing::writeTinyModelConfig(path("models/m1").toStdString());
        QCOMPARE(modelSuggestions({{1, "tiny (/p/tiny)", "/p/tiny"}}, path("models")),
                 QStringList({"/p/tiny", path("models/m1")}));

        // New Run offers them as completions of the stage's `data` and `model` fields.
        WorkbenchSettings settings;
        settings.dataFolder = path("hub");
        settings.modelsFolder = path("models");
        QSettings stored;
        settings.save(stored);
        StoreProjectController controller(registry_, {path("demo.redit"), path("none")});
        controller.newProject(path("suggest.redit"));
        RunConfigDialog dialog(controller);
        auto completions = [&](const QComboBox* chooser) {
            const QCompleter* completer = chooser->completer();
            return completer ? qobject_cast<QStringListModel*>(completer->model())->stringList() : QStringList();
        };
        QCOMPARE(completions(dialog.datasetChooser()), QStringList({"contexthub:" + path("hub")}));
        QCOMPARE(completions(dialog.modelChooser()), QStringList({path("models/m1")}));
        QVERIFY(!lineField(dialog, "pace"));  // not a text field
        stored.clear();
    }

    void etaFromProgressOverTime() {
        EtaEstimator eta;
        QCOMPARE(eta.update("a", 0.1, 10.0), -1);  // first report: no rate yet
        QCOMPARE(eta.update("a", 0.5, 30.0), 25);   // 0.4 in 20 s: 0.5 left takes 25 s
        QCOMPARE(eta.update("a", 0.55, 30.0), 20);  // still measured from the first report: 0.45 in 20 s
        QCOMPARE(eta.update("a", 0.6, 10.0), -1);   // no time since the first report
        QCOMPARE(eta.update("b", 0.2, 5.0), -1);    // runs are separate
        eta.forget("a");
        QCOMPARE(eta.update("a", 0.75, 100.0), -1);
        QCOMPARE(eta.update("a", 0.875, 110.0), 10);  // 0.125 in 10 s: 0.125 left
    }

    void newRunPreselectsTheOnlyModelAndDataset() {
        qint64 modelId = 0, datasetId = 0;
        {
            ProjectStore store = ProjectStore::create(path("single.redit").toStdString());
            modelId = addModel(store, {0, "tiny", path("tiny-model").toStdString(), nlohmann::json::object(), "h"});
            datasetId = addDataset(store, {0, "synthetic:deductive:level1", nlohmann::json::object(), "d"});
            ProjectStore two = ProjectStore::create(path("two-models.redit").toStdString());
            addModel(two, {0, "a", path("model-a").toStdString(), nlohmann::json::object(), "ha"});
            addModel(two, {0, "b", path("model-b").toStdString(), nlohmann::json::object(), "hb"});
            addDataset(two, {0, "synthetic:deductive:level1", nlohmann::json::object(), "d"});
            addDataset(two, {0, "synthetic:deductive:level2", nlohmann::json::object(), "d2"});
        }
        StoreProjectController controller(registry_, {path("demo.redit"), path("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();
        QString model, dataset;
        qint64 shownModelId = -1, shownDatasetId = -1;
        connect(window.runWorkflow(), &RunWorkflow::dialogOpened, this, [&](RunConfigDialog* dialog) {
            QTimer::singleShot(0, dialog, [&, dialog] {
                auto* modelBox = dialog->findChild<QComboBox*>("modelBox");
                auto* datasetBox = dialog->findChild<QComboBox*>("datasetBox");
                model = modelBox->currentText();
                dataset = datasetBox->currentText();
                shownModelId = modelBox->currentData().toLongLong();
                shownDatasetId = datasetBox->currentData().toLongLong();
                QTest::keyClick(dialog, Qt::Key_Escape);
            });
        });

        QVERIFY(window.openProjectFile(path("single.redit")));
        actionNamed(window, "&New Run…")->trigger();
        const ProjectStore store = ProjectStore::open(path("single.redit").toStdString(), ProjectStore::Mode::ReadOnly);
        const ModelRecord stored = listModels(store).at(0);
        QCOMPARE(shownModelId, modelId);
        QCOMPARE(model, QStringLiteral("%1 (%2)").arg(QString::fromStdString(stored.name), QString::fromStdString(stored.path)));
        QCOMPARE(shownDatasetId, datasetId);
        QCOMPARE(dataset, QString::fromStdString(listDatasets(store).at(0).name));

        // With two of each the choice is the user's: both stay empty.
        QVERIFY(window.openProjectFile(path("two-models.redit")));
        actionNamed(window, "&New Run…")->trigger();
        QCOMPARE(shownModelId, 0);
        QCOMPARE(model, QString());
        QCOMPARE(shownDatasetId, 0);
        QCOMPARE(dataset, QString());
    }

    void runsDockListsTheProjectsStoredRuns() {
        struct Stored {
            qint64 id;
            redit::RunStatus status;
            redit::gui::MonitoredRun::State shown;
        };
        std::vector<Stored> runs;
        {
            ProjectStore store = ProjectStore::create(path("stored-runs.redit").toStdString());
            const std::pair<redit::RunStatus, redit::gui::MonitoredRun::State> states[] = {
                {redit::RunStatus::Finished, redit::gui::MonitoredRun::State::Finished},
                {redit::RunStatus::Failed, redit::gui::MonitoredRun::State::Failed},
                {redit::RunStatus::Cancelled, redit::gui::MonitoredRun::State::Cancelled},
                {redit::RunStatus::Finished, redit::gui::MonitoredRun::State::Finished}};
            for (const auto& [status, shown] : states) {
                NewRun run;
                run.kind = "tick";
                run.name = "stored " + std::to_string(runs.size());
                const qint64 id = createRun(store, run);
                setRunStatus(store, id, status, status == redit::RunStatus::Failed ? "boom" : "");
                runs.push_back({id, status, shown});
            }
        }
        StoreProjectController controller(registry_, {path("demo.redit"), path("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();
        QVERIFY(window.openProjectFile(path("stored-runs.redit")));

        // One row per stored run, newest first, with its stored state, as the dock's table shows it.
        const ProjectStore store = ProjectStore::open(path("stored-runs.redit").toStdString(), ProjectStore::Mode::ReadOnly);
        RunMonitorModel* monitor = window.runMonitor()->model();
        QTableView* table = window.runMonitor()->table();
        QCOMPARE(table->model()->rowCount(), int(runs.size()));
        for (int row = 0; row < int(runs.size()); ++row) {
            const Stored& expected = runs[runs.size() - 1 - size_t(row)];
            const RunRecord record = loadRun(store, expected.id);
            QCOMPARE(record.status, expected.status);
            QCOMPARE(monitor->runAt(row)->id, QString::number(expected.id));
            QCOMPARE(table->model()->index(row, RunMonitorModel::Name).data().toString(), QString::fromStdString(record.name));
            QCOMPARE(table->model()->index(row, RunMonitorModel::State).data().toString(), runStateName(expected.shown));
            QCOMPARE(monitor->runAt(row)->state, expected.shown);
        }
        QCOMPARE(monitor->activeRunCount(), 0);

        // The filter above the table: by state, by name, by number; filtered-out runs are hidden rows.
        auto visibleIds = [&] {
            QStringList ids;
            for (int row = 0; row < monitor->rowCount(); ++row)
                if (!table->isRowHidden(row)) ids << monitor->runAt(row)->id;
            return ids;
        };
        QComboBox* states = window.runMonitor()->stateFilter();
        states->setCurrentIndex(states->findData(int(redit::gui::MonitoredRun::State::Finished)));
        QCOMPARE(visibleIds(), QStringList({QString::number(runs[3].id), QString::number(runs[0].id)}));
        states->setCurrentIndex(states->findData(int(redit::gui::MonitoredRun::State::Failed)));
        QCOMPARE(visibleIds(), QStringList({QString::number(runs[1].id)}));
        states->setCurrentIndex(0);  // every state
        window.runMonitor()->textFilter()->setText("STORED 2");
        QCOMPARE(visibleIds(), QStringList({QString::number(runs[2].id)}));
        window.runMonitor()->textFilter()->setText(QStringLiteral("#%1").arg(runs[0].id));
        QCOMPARE(visibleIds(), QStringList({QString::number(runs[0].id)}));
        window.runMonitor()->textFilter()->clear();
        QCOMPARE(visibleIds().size(), qsizetype(runs.size()));

        // Another project replaces them; a new empty one leaves the dock empty.
        controller.newProject(path("no-runs.redit"));
        QVERIFY(window.openProjectFile(path("no-runs.redit")));
        QCOMPARE(table->model()->rowCount(), 0);
    }

    void launchAndCancelARunThroughTheWindow() {
        StoreProjectController controller(registry_, {path("demo.redit"), path("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();
        controller.newProject(path("runs.redit"));
        window.openProjectFile(path("runs.redit"));

        connect(window.runWorkflow(), &RunWorkflow::dialogOpened, this, [](RunConfigDialog* dialog) {
            QTimer::singleShot(0, dialog, [dialog] {
                dialog->findChild<QLineEdit*>("runName")->setText("long tick");
                qobject_cast<QLineEdit*>(dialog->form()->editor("seconds"))->setText("30");
                dialog->findChild<QPushButton*>("launchButton")->click();
            });
        });
        actionNamed(window, "&New Run…")->trigger();
        RunMonitorModel* monitor = window.runMonitor()->model();
        QCOMPARE(monitor->rowCount(), 1);
        QCOMPARE(monitor->runAt(0)->name, QString("long tick"));
        QTRY_COMPARE_WITH_TIMEOUT(monitor->runAt(0)->state, redit::gui::MonitoredRun::State::Running, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(monitor->runAt(0)->progress > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(monitor->runAt(0)->etaSeconds > 0, 10000);

        // The chart follows the selected run's loss.
        QCOMPARE(window.metricChart()->title(), QString("Select a run to plot its metrics"));
        window.runMonitor()->table()->selectRow(0);
        QCOMPARE(window.metricChart()->currentMetric(), QString("loss"));
        QTRY_VERIFY_WITH_TIMEOUT(window.metricChart()->pointCount() >= 3, 10000);

        answerNextMessageBox(nullptr, QMessageBox::Yes);
        window.runMonitor()->findChild<QPushButton*>()->click();
        QTRY_COMPARE_WITH_TIMEOUT(monitor->index(0, RunMonitorModel::State).data().toString(), QString("cancelled"), 10000);
        const RunRecord run = loadRun(ProjectStore::open(path("runs.redit").toStdString(), ProjectStore::Mode::ReadOnly), 1);
        QCOMPARE(run.status, redit::RunStatus::Cancelled);
        QTRY_COMPARE(window.projectExplorer()->group(ProjectExplorer::Runs)->child(0)->text(0),
                     QString("#1 long tick (cancelled)"));

        // Details in a tab, and Clone and Edit opens the dialog with the run's config.
        window.runWorkflow()->showDetails("1");
        auto* details = qobject_cast<RunDetailsView*>(window.tabs()->currentWidget());
        QVERIFY(details);
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), QString("Run #1"));
        QVERIFY(details->findChild<QPlainTextEdit*>("runConfig")->toPlainText().contains("\"seconds\": 30"));
        QString clonedSeconds, clonedName;
        disconnect(window.runWorkflow(), &RunWorkflow::dialogOpened, this, nullptr);
        connect(window.runWorkflow(), &RunWorkflow::dialogOpened, this, [&](RunConfigDialog* dialog) {
            QTimer::singleShot(0, dialog, [&, dialog] {
                clonedSeconds = qobject_cast<QLineEdit*>(dialog->form()->editor("seconds"))->text();
                clonedName = dialog->findChild<QLineEdit*>("runName")->text();
                dialog->reject();
            });
        });
        auto* clone = details->findChild<QPushButton*>("cloneButton");
        QVERIFY(clone && clone->isEnabled());
        clone->click();
        QCOMPARE(clonedSeconds, QString("30.0"));  // stored as a number
        QCOMPARE(clonedName, QString("long tick"));
    }

    void openDetailsFollowTheRun() {
        StoreProjectController controller(registry_, {path("demo.redit"), path("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();
        controller.newProject(path("details.redit"));
        window.openProjectFile(path("details.redit"));

        const QString id = controller.launchRun({{"kind", "tick"}, {"name", "short tick"}, {"params", {{"seconds", 1.5}}}});
        window.runWorkflow()->showDetails(id);
        auto* details = qobject_cast<RunDetailsView*>(window.tabs()->currentWidget());
        QVERIFY(details);
        QVERIFY(shownField(*details, "Status") != "finished");
        QVERIFY(shownField(*details, "Finished").isEmpty());
        QVERIFY(!details->findChild<QPushButton*>("cloneButton")->isEnabled());

        // The same tab, not reopened, shows the run's end: status, times, progress and the enabled clone.
        QTRY_COMPARE_WITH_TIMEOUT(shownField(*details, "Status"), QString("finished"), 15000);
        QCOMPARE(window.tabs()->currentWidget(), details);
        QVERIFY(!shownField(*details, "Started").isEmpty());
        QVERIFY(!shownField(*details, "Finished").isEmpty());
        QVERIFY(!shownField(*details, "Progress").startsWith("0%"));  // the last reported progress
        QVERIFY(details->findChild<QPushButton*>("cloneButton")->isEnabled());
    }
};

QTEST_MAIN(TestGuiRuns)
#include "test_gui_runs.moc"
