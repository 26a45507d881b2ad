// New Run over the real stages: one model and one dataset chooser instead of `model`/`data` fields, every
// other field labelled, explained and folded as its stage's schema says (the schema the CLI validates
// against), and the choosers preselected from the project or from the item a run was launched from.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QToolButton>
#include <QtTest>

#include "adapters/stage_field_text.h"
#include "adapters/store_project_controller.h"
#include "dialogs/config_form.h"
#include "dialogs/run_config_dialog.h"
#include "jobs/stage_registry.h"
#include "stages/builtin_stages.h"
#include "models/method_chain.h"
#include "models/run_time_estimate.h"
#include "store/models.h"
#include "store/runs.h"
#include "store/project_store.h"

using namespace redit;
using namespace redit::gui;

namespace {

const QString kModelFolder = QStringLiteral(REDIT_SOURCE_DIR "/resources/models/logic-tiny");

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

class TestRunDialog : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    StageRegistry registry;

    QString path(const QString& name) const { return dir.filePath(name); }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_run_dialog");
        QSettings().clear();
        QVERIFY(dir.isValid());
        registerBuiltinStages(registry);
    }

    void cleanupTestCase() { QSettings().clear(); }

    void everyFieldIsLabelledExplainedAndFoldedAsItsSchemaSays() {
        StoreProjectController controller(registry, {path("demo.redit"), path("none")});
        controller.newProject(path("labels.redit"));
        RunConfigDialog dialog(controller);
        dialog.show();
        auto* stage = dialog.findChild<QComboBox*>("stageBox");
        const QStringList translated = translatedStageFieldTexts();
        QVERIFY(registry.kinds().size() >= 6);
        for (const std::string& kind : registry.kinds()) {
            stage->setCurrentIndex(stage->findText(q(kind)));
            QCoreApplication::processEvents();  // a layout shows the rows it gets on the next pass of the event loop
            ConfigForm* form = dialog.form();
            bool anyAdvanced = false;
            for (const FieldSpec& field : registry.get(kind).schema.fields()) {
                const QString where = q(kind + "." + field.name);
                QVERIFY2(!field.label.empty(), qPrintable(where + " has no label"));
                QVERIFY2(translated.contains(q(field.label)), qPrintable(where + " label missing in stage_field_text.cpp"));
                QVERIFY2(field.unit.empty() || translated.contains(q(field.unit)), qPrintable(where + " unit"));
                if (field.name == "model" || field.name == "data") {
                    QVERIFY2(!form->editor(field.name), qPrintable(where));  // the choosers fill them
                    QVERIFY((field.name == "model" ? dialog.modelChooser() : dialog.datasetChooser())->isEnabled());
                    continue;
                }
                QLabel* label = form->label(field.name);
                QVERIFY2(label, qPrintable(where));
                const QString text = q(field.label) + (field.unit.empty() ? QString() : " (" + q(field.unit) + ")") +
                                     (field.defaultValue.is_null() ? " *:" : ":");
                QCOMPARE(label->text(), text);
                const QString tip = form->editor(field.name)->toolTip();
                QVERIFY2(tip.contains(q(field.description)), qPrintable(where));
                QVERIFY2(tip.contains("Config key: " + q(field.name)), qPrintable(where));
                if (field.minimum && field.maximum) QVERIFY2(tip.contains("Range: "), qPrintable(where));
                QCOMPARE(label->toolTip(), tip);
                QCOMPARE(form->isAdvanced(field.name), field.advanced);
                // Advanced fields are folded away until the fold is opened.
                QCOMPARE(form->editor(field.name)->isVisibleTo(&dialog), !field.advanced);
                anyAdvanced = anyAdvanced || field.advanced;
            }
            QCOMPARE(form->advancedToggle()->isVisibleTo(&dialog), anyAdvanced);
            if (anyAdvanced) {
                form->advancedToggle()->click();
                for (const FieldSpec& field : registry.get(kind).schema.fields())
                    if (form->editor(field.name)) QVERIFY(form->editor(field.name)->isVisibleTo(&dialog));
                form->advancedToggle()->click();
            }
        }
        // A stage that reads no model or dataset leaves the choosers off and the run without them.
        stage->setCurrentIndex(stage->findText("law"));
        QVERIFY(!dialog.modelChooser()->isEnabled() && !dialog.datasetChooser()->isEnabled());
        QCOMPARE(dialog.request()["model_id"], nlohmann::json(0));
        QVERIFY(!dialog.request()["params"].contains("model"));
    }

    void anAdvancedFieldWithAnErrorOpensTheFold() {
        StoreProjectController controller(registry, {path("demo.redit"), path("none")});
        controller.newProject(path("fold.redit"));
        RunConfigDialog dialog(controller);
        dialog.show();
        dialog.setRequest({{"kind", "circuits"}, {"params", {{"model", kModelFolder.toStdString()}, {"data", "synthetic:deductive:level1"}}}});
        QVERIFY(dialog.form()->isAdvanced("memory_mb"));
        qobject_cast<QLineEdit*>(dialog.form()->editor("memory_mb"))->setText("0");
        dialog.launch();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.form()->advancedToggle()->isChecked());
        QVERIFY(dialog.form()->errorLabel("memory_mb")->isVisibleTo(&dialog));
    }

    void theTimeEstimateIsTheMostAlikeFinishedRun() {
        const QString other = QStringLiteral("/models/other");
        const QList<FinishedRunTime> runs = {
            {1, "circuits", kModelFolder, "synthetic:deductive:level1", 124.4},
            {2, "circuits", other, "synthetic:deductive:level1", 9000},
            {3, "circuits", kModelFolder, "synthetic:deductive:level2", 3725},
            {4, "interference", kModelFolder, "synthetic:deductive:level1", 7},
        };
        QCOMPARE(runTimeEstimate("circuits", kModelFolder, "synthetic:deductive:level1", runs),
                 QString("Time: about 2 min 4 s, as run #1 of this stage on the same model and dataset took"));
        QCOMPARE(runTimeEstimate("circuits", kModelFolder + "/", "synthetic:deductive:level3", runs),  // newest on the model
                 QString("Time: about 1 h 2 min, as run #3 of this stage on the same model (another dataset) took"));
        QCOMPARE(runTimeEstimate("circuits", "/models/third", "synthetic:deductive:level1", runs),
                 QString("Time: run #3 of this stage took 1 h 2 min on another model; this one may differ a lot"));
        QCOMPARE(runTimeEstimate("reshape", kModelFolder, "synthetic:deductive:level1", runs), QString());
        QCOMPARE(durationText(44.6), QString("45 s"));
    }

    void theDialogShowsTheTimeOfTheProjectsAlikeRun() {
        std::int64_t finished = 0;
        {
            ProjectStore store = ProjectStore::create(path("timed.redit").toStdString());
            const nlohmann::json params = {{"model", kModelFolder.toStdString()}, {"data", "synthetic:deductive:level1"}};
            finished = createRun(store, {"circuits", "done", {{"kind", "circuits"}, {"params", params}}});
            addRunTime(store, finished, 61);
            setRunStatus(store, finished, RunStatus::Finished);
            const std::int64_t failed = createRun(store, {"circuits", "failed", {{"kind", "circuits"}, {"params", params}}});
            addRunTime(store, failed, 5);
            setRunStatus(store, failed, RunStatus::Failed, "stopped");
        }
        StoreProjectController controller(registry, {path("demo.redit"), path("none")});
        controller.openProject(path("timed.redit"));
        RunConfigDialog dialog(controller);
        dialog.setRequest({{"kind", "circuits"}, {"params", {{"model", kModelFolder.toStdString()}, {"data", "synthetic:deductive:level1"}}}});
        QCOMPARE(dialog.timeEstimate()->text(),
                 QString("Time: about 1 min 1 s, as run #%1 of this stage on the same model and dataset took").arg(finished));
        dialog.setRequest({{"kind", "reshape"}});  // no finished reshape: no estimate shown
        QVERIFY(dialog.timeEstimate()->text().isEmpty());
        QVERIFY(dialog.timeEstimate()->isHidden());
    }

    void choosersArePreselectedAndFillTheParams() {
        qint64 modelId = 0, datasetId = 0;
        {
            ProjectStore store = ProjectStore::create(path("one-each.redit").toStdString());
            modelId = addModel(store, {0, "logic-tiny", kModelFolder.toStdString(), nlohmann::json::object(), "h"});
            datasetId = addDataset(store, {0, "level 1", {{"spec", "synthetic:deductive:level1"}}, "d"});
        }
        StoreProjectController controller(registry, {path("demo.redit"), path("none")});
        controller.openProject(path("one-each.redit"));
        RunConfigDialog dialog(controller);
        dialog.setRequest({{"kind", "circuits"}});
        QCOMPARE(dialog.modelChooser()->currentData().toLongLong(), modelId);
        QCOMPARE(dialog.datasetChooser()->currentText(), QString("level 1"));
        nlohmann::json request = dialog.request();
        QCOMPARE(request["model_id"], nlohmann::json(modelId));
        QCOMPARE(request["dataset_id"], nlohmann::json(datasetId));
        QCOMPARE(request["params"]["model"], nlohmann::json(kModelFolder.toStdString()));
        QCOMPARE(request["params"]["data"], nlohmann::json("synthetic:deductive:level1"));  // the spec, not the name
        QVERIFY(dialog.memoryEstimate()->text().contains("attribution"));  // circuits: EAP's memory

        // A typed spec is used as typed; a cloned run's folder selects its project model.
        dialog.datasetChooser()->setEditText("synthetic:deductive:level2:n=4");
        request = dialog.request();
        QCOMPARE(request["dataset_id"], nlohmann::json(0));
        QCOMPARE(request["params"]["data"], nlohmann::json("synthetic:deductive:level2:n=4"));
        dialog.setRequest({{"kind", "interference"}, {"params", {{"model", kModelFolder.toStdString()}}}});
        QCOMPARE(dialog.modelChooser()->currentData().toLongLong(), modelId);

        // Nothing chosen: Launch says what is missing and stores nothing.
        dialog.modelChooser()->setCurrentIndex(-1);
        dialog.modelChooser()->setEditText(QString());
        dialog.launch();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.errorLine()->text(), QString("Choose the model the run loads"));
    }

    // "Whole method" launches circuits on the chosen model and dataset, then each next step when the one before
    // it finished, reading the chain's own runs; cancelling a step ends the chain with nothing launched after it.
    void wholeMethodLaunchesTheStepsAsLinkedRuns() {
        {
            ProjectStore store = ProjectStore::create(path("chain.redit").toStdString());
            addModel(store, {0, "logic-tiny", kModelFolder.toStdString(), nlohmann::json::object(), "h"});
            addDataset(store, {0, "level 1", {{"spec", "synthetic:deductive:level1"}}, "d"});
        }
        StoreProjectController controller(registry, {path("demo.redit"), path("none")});
        controller.openProject(path("chain.redit"));
        RunConfigDialog dialog(controller);
        auto* stage = dialog.findChild<QComboBox*>("stageBox");
        stage->setCurrentIndex(stage->findText(RunConfigDialog::wholeMethodLabel()));
        QVERIFY(dialog.findChild<QLabel*>("stageDescription")->text().contains("Interference"));
        QVERIFY(dialog.memoryEstimate()->isHidden());
        dialog.setRequest({{"seed", 1}});
        dialog.launch();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QPointer<MethodChain> chain = dialog.launchedChain();
        QVERIFY(chain);
        QStringList ids{dialog.launchedRunId()};
        bool completed = true;
        QString endMessage;
        connect(chain, &MethodChain::stepLaunched, this, [&](MethodStep, const QString& id) { ids << id; });
        connect(chain, &MethodChain::ended, this, [&](bool done, const QString& message) {
            completed = done;
            endMessage = message;
        });

        const nlohmann::json circuits = controller.runDetails(ids[0]).config;
        QCOMPARE(circuits["kind"], nlohmann::json("circuits"));
        QCOMPARE(circuits["seed"], nlohmann::json(1));
        QCOMPARE(circuits["params"]["model"], nlohmann::json(kModelFolder.toStdString()));
        QCOMPARE(circuits["params"]["data"], nlohmann::json("synthetic:deductive:level1"));
        // Distances wait for circuits and read them; interference waits for distances.
        QTRY_VERIFY_WITH_TIMEOUT(ids.size() >= 2, 240000);
        QCOMPARE(controller.runDetails(ids[1]).config["params"]["circuits_run"], nlohmann::json(ids[0].toLongLong()));
        QTRY_VERIFY_WITH_TIMEOUT(ids.size() >= 3, 240000);
        QCOMPARE(controller.runDetails(ids[2]).config["kind"], nlohmann::json("interference"));
        QVERIFY(controller.runDetails(ids[1]).ended);
        controller.cancelRun(ids[2]);
        QTRY_VERIFY_WITH_TIMEOUT(!endMessage.isEmpty(), 240000);
        QVERIFY(!completed);
        QVERIFY2(endMessage.contains("Interference") && endMessage.contains("#" + ids[2]), qPrintable(endMessage));
        QTRY_VERIFY(!chain);  // it deletes itself when it ends
        QCOMPARE(controller.projectRuns().size(), 3);  // nothing launched after the cancelled step
    }
};

QTEST_MAIN(TestRunDialog)
#include "test_run_dialog.moc"
