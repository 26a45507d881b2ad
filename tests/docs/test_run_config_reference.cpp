#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include "jobs/config_schema.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "stages/builtin_stages.h"
#include "stages/pipeline_config.h"
#include "util/json_file.h"

using namespace redit;

// docs/cli.md documents every key of a run config: the fields around "params", each stage's params with their
// defaults, and the pipeline config's keys. A key without a table row, or a row that misstates the default,
// fails; the message shows the row the code would write.
class TestRunConfigReference : public QObject {
    Q_OBJECT

    QString doc;

    // The lines under the heading line `heading`, up to the next heading; empty when the heading is missing.
    QStringList section(const QString& heading) const {
        const QStringList lines = doc.split(QLatin1Char('\n'));
        const int start = int(lines.indexOf(heading));
        if (start < 0) return {};
        QStringList out;
        for (int i = start + 1; i < lines.size() && !lines[i].startsWith(QLatin1Char('#')); ++i) out << lines[i];
        return out;
    }

    static QString expectedRow(const FieldSpec& f) {
        const QString value = f.defaultValue.is_null() ? QStringLiteral("required")
                                                       : QStringLiteral("`%1`").arg(QString::fromStdString(f.defaultValue.dump()));
        const QString type = QString::fromLatin1(toString(f.type)).remove(QRegularExpression(QStringLiteral("^an? ")));
        return QStringLiteral("| `%1` | %2 | %3 | %4 |").arg(QString::fromStdString(f.name), type, value, QString::fromStdString(f.description));
    }

    // One problem per field of `schema` whose row under `heading` is missing or states another default.
    QStringList problems(const QString& heading, const ConfigSchema& schema) const {
        const QStringList lines = section(heading);
        if (lines.isEmpty()) return {QStringLiteral("no section \"%1\"").arg(heading)};
        QStringList found;
        for (const FieldSpec& f : schema.fields()) {
            const QString start = QStringLiteral("| `%1` |").arg(QString::fromStdString(f.name));
            const QStringList rows = lines.filter(QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(start)));
            const QString value = f.defaultValue.is_null() ? QStringLiteral("required")
                                                           : QStringLiteral("`%1`").arg(QString::fromStdString(f.defaultValue.dump()));
            if (rows.size() != 1 || !rows.first().contains(QStringLiteral("| ") + value + QStringLiteral(" |")))
                found << QStringLiteral("%1: %2 row for %3, expected e.g.\n    %4")
                             .arg(heading, rows.isEmpty() ? QStringLiteral("no") : QStringLiteral("a wrong"),
                                  QString::fromStdString(f.name), expectedRow(f));
        }
        return found;
    }

    // QtTest cuts long failure messages: each problem goes to the log, the failure gives the count.
    static void report(const QStringList& found) {
        for (const QString& problem : found) qWarning().noquote() << problem;
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1 key(s) without a correct row in docs/cli.md (listed above)").arg(found.size())));
    }

private slots:
    void initTestCase() {
        QFile file(QStringLiteral(REDIT_SOURCE_DIR "/docs/cli.md"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "docs/cli.md is missing");
        doc = QString::fromUtf8(file.readAll());
        registerBuiltinStages(globalStageRegistry());
    }

    void runConfigFieldsHaveRows() {
        report(problems(QStringLiteral("### Run config"), runRequestSchema()));
    }

    void everyStageParamHasARowWithItsDefault() {
        QStringList found;
        for (const std::string& kind : globalStageRegistry().kinds())
            found << problems(QStringLiteral("### Stage `%1`").arg(QString::fromStdString(kind)), globalStageRegistry().get(kind).schema);
        report(found);
    }

    void everyPipelineKeyHasARow() {
        const QStringList lines = section(QStringLiteral("### Pipeline config"));
        QVERIFY2(!lines.isEmpty(), "no section \"### Pipeline config\"");
        QStringList missing;
        for (const std::string& key : stages::pipelineConfigKeys())
            if (lines.filter(QStringLiteral("| `%1` |").arg(QString::fromStdString(key))).isEmpty())
                missing << QString::fromStdString(key);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("pipeline config keys without a row: ") + missing.join(QStringLiteral(", "))));
    }

    // Every pipeline config in docs/examples is one `redit pipeline` accepts: known keys, params the compare
    // stage takes, and reshape options that are the reshape stage's (a typo in an example would only show when
    // someone ran it).
    void everyExamplePipelineConfigIsValid() {
        const QDir examples(QStringLiteral(REDIT_SOURCE_DIR "/docs/examples"));
        const QStringList files = examples.entryList({QStringLiteral("pipeline-*.json")}, QDir::Files);
        QVERIFY(files.size() >= 2);
        for (const QString& name : files) {
            try {
                const nlohmann::json config = readJsonFile(examples.filePath(name).toStdString());
                for (const nlohmann::json& request : stages::compareRunRequests(config)) {
                    const nlohmann::json params = globalStageRegistry().get("compare").schema.apply(request.at("params"));
                    nlohmann::json reshape = params.at("reshape");
                    reshape["model"] = "m";
                    reshape["data"] = "d";
                    globalStageRegistry().get("reshape").schema.apply(reshape);
                }
            } catch (const std::exception& e) {
                QFAIL(qPrintable(name + QStringLiteral(": ") + QString::fromUtf8(e.what())));
            }
        }
    }

    // The check itself: a key the document lacks and a misstated default are both reported.
    void anUndocumentedKeyOrDefaultIsReported() {
        const ConfigSchema made({{"no_such_key_anywhere", FieldSpec::Type::Integer, "made up", 3, {}, {}, {}}});
        QCOMPARE(problems(QStringLiteral("### Run config"), made).size(), 1);
        const ConfigSchema wrongDefault({{"seed", FieldSpec::Type::Integer, "random seed", 12345, {}, {}, {}}});
        QCOMPARE(problems(QStringLiteral("### Run config"), wrongDefault).size(), 1);
        QCOMPARE(problems(QStringLiteral("### No such section"), runRequestSchema()).size(), 1);
    }
};

QTEST_MAIN(TestRunConfigReference)
#include "test_run_config_reference.moc"
