#include <QtTest>

#include "jobs/config_schema.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;
using T = FieldSpec::Type;

class TestConfigSchema : public QObject {
    Q_OBJECT

    static ConfigSchema schema() {
        return ConfigSchema({
            {"steps", T::Integer, "training steps", 100, 1.0, 1e6, {}},
            {"lr", T::Number, "learning rate", 1e-3, 0.0, 1.0, {}},
            {"method", T::String, "attribution", "eap", {}, {}, {"eap", "eap-ig"}},
            {"layers", T::Array, "layers to edit", nullptr, {}, {}, {}},
        });
    }

    static QString errorOf(const nlohmann::json& config) {
        try {
            schema().apply(config);
        } catch (const ConfigError& e) {
            return e.what();
        }
        return {};
    }

private slots:
    void fillsDefaults() {
        nlohmann::json filled = schema().apply({{"layers", {3, 4}}, {"steps", 5.0}});
        QCOMPARE(filled["steps"], nlohmann::json(5));
        QVERIFY(filled["steps"].is_number_integer());
        QCOMPARE(filled["lr"].get<double>(), 1e-3);
        QCOMPARE(filled["method"].get<std::string>(), std::string("eap"));
        QCOMPARE(schema().defaults().size(), std::size_t(3));
    }

    void errorsNameTheField_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << R"({})" << "config field 'layers' is missing";
        QTest::newRow("type") << R"({"layers": [], "lr": "fast"})" << "config field 'lr' must be a number (got \"fast\")";
        QTest::newRow("fraction") << R"({"layers": [], "steps": 2.5})" << "config field 'steps' must be an integer";
        QTest::newRow("range") << R"({"layers": [], "lr": 2})" << "config field 'lr' must be between 0 and 1 (got 2)";
        QTest::newRow("minimum") << R"({"layers": [], "steps": 0})" << "config field 'steps' must be between 1 and 1000000";
        QTest::newRow("enum") << R"({"layers": [], "method": "ig"})" << "config field 'method' must be one of eap, eap-ig";
        QTest::newRow("unknown") << R"({"layers": [], "lrate": 1})" << "config field 'lrate' is not a known field";
        QTest::newRow("huge") << R"({"layers": [], "steps": 1e300})" << "config field 'steps' must be an integer";
    }
    void errorsNameTheField() {
        QFETCH(QString, config);
        QFETCH(QString, expected);
        QString message = errorOf(nlohmann::json::parse(config.toStdString()));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    // The label, unit and Advanced flag the front ends show: set by name, described for `redit` and the GUI.
    void presentationIsSetByNameAndDescribed() {
        ConfigSchema presented = schema();
        presented.present({{"steps", "Training steps", "steps"}, {"lr", "Learning rate", "", true}});
        const std::vector<FieldSpec>& fields = presented.fields();
        QCOMPARE(fields[0].label, std::string("Training steps"));
        QCOMPARE(fields[0].unit, std::string("steps"));
        QVERIFY(!fields[0].advanced && fields[1].advanced);
        QVERIFY(fields[2].label.empty());
        const nlohmann::json described = presented.describe();
        QCOMPARE(described[0]["label"], nlohmann::json("Training steps"));
        QCOMPARE(described[0]["unit"], nlohmann::json("steps"));
        QCOMPARE(described[1]["advanced"], nlohmann::json(true));
        QCOMPARE(described[2]["label"], nlohmann::json("method"));  // no label: the name
        QVERIFY(!described[2].contains("unit"));
        QCOMPARE(presented.apply({{"layers", {1}}}), schema().apply({{"layers", {1}}}));  // validation is unchanged
        try {
            presented.present({{"stpes", "Typo"}});
            QFAIL("an unknown field must be refused");
        } catch (const ConfigError& e) {
            QCOMPARE(QString(e.what()), QString("config field 'stpes' is not a field of the schema"));
        }
    }

    void submitValidatesAgainstTheStageSchema() {
        StageRegistry registry;
        registry.add({"eval", "evaluate accuracy", schema(), [] { return std::unique_ptr<Job>(); }});
        registry.addLibraryVersion("torch", "9.9.9");
        QTemporaryDir dir;
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "p.redit"));

        std::int64_t id = submitRun(store, registry, {{"kind", "eval"}, {"seed", 9}, {"params", {{"layers", {1}}}}});
        RunRecord run = loadRun(store, id);
        QCOMPARE(run.seed, std::int64_t(9));
        // The registry's libraries are recorded with the run, beside the ones the store adds.
        QCOMPARE(run.libraryVersions.at("torch").get<std::string>(), std::string("9.9.9"));
        QVERIFY(run.libraryVersions.contains("sqlite"));
        QCOMPARE(run.config["params"]["steps"].get<int>(), 100);

        try {
            submitRun(store, registry, {{"kind", "eval"}, {"params", {{"layers", {1}}, {"lr", -1}}}});
            QFAIL("expected a ConfigError");
        } catch (const ConfigError& e) {
            QVERIFY2(QString(e.what()).contains("params of stage 'eval': config field 'lr' must be between"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(ConfigError, submitRun(store, registry, {{"kind", "eval"}, {"sead", 1}}));
        try {
            submitRun(store, registry, {{"kind", "reshape"}});
            QFAIL("expected a ConfigError");
        } catch (const ConfigError& e) {
            QVERIFY2(QString(e.what()).contains("stage kind 'reshape' has no implementation"), e.what());
        }
        try {
            submitRun(store, registry, {{"kind", "dance"}});
            QFAIL("expected a ConfigError");
        } catch (const ConfigError& e) {
            QVERIFY2(QString(e.what()).contains("unknown stage kind 'dance' (known kinds: train-tiny,"), e.what());
        }
        QCOMPARE(listRuns(store).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestConfigSchema)
#include "test_config_schema.moc"
