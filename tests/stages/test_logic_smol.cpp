// The logic-smol recipe without the real model: the corpus in the pretrained style (suffix, answers,
// deficits, same draws as the demo style), the recipe's JSON round trip, and the CLI's refusal of a bad base.
#include <QProcess>
#include <QtTest>
#include <map>

#include "data/prompt_style.h"
#include "demo/logic_smol.h"
#include "demo/logic_tiny_corpus.h"
#include "util/error.h"

using namespace redit;

class TestLogicSmol : public QObject {
    Q_OBJECT
private slots:
    void pretrainedStyleCorpus() {
        demo::LogicTinyCorpusOptions o;
        o.level1PerPattern = 200;
        o.level2PerPattern = 0;
        o.underSampleRate = 0.01;
        const data::PromptStyle style = data::pretrainedPromptStyle();
        auto smol = demo::buildLogicTinyCorpus(o, style);
        auto tiny = demo::buildLogicTinyCorpus(o);  // the demo style stays the default
        QCOMPARE(smol.size(), tiny.size());
        std::map<std::string, int> perPattern;
        for (size_t i = 0; i < smol.size(); ++i) {
            const auto& e = smol[i];
            QVERIFY(e.prompt.size() > style.suffix.size());
            QCOMPARE(e.prompt.substr(e.prompt.size() - style.suffix.size()), style.suffix);
            QVERIFY(e.answer == " True" || e.answer == " False" || e.answer == " N");
            // Same draws: only the suffix and the answer spelling differ.
            const std::string demoSuffix = data::demoPromptStyle().suffix;
            QCOMPARE(e.prompt.substr(0, e.prompt.size() - style.suffix.size()),
                     tiny[i].prompt.substr(0, tiny[i].prompt.size() - demoSuffix.size()));
            QCOMPARE(e.answer.substr(1), tiny[i].answer);
            QCOMPARE(e.patternId.substr(0, 3), std::string("sd1"));  // no level 2 when its count is 0
            ++perPattern[e.patternId];
        }
        QCOMPARE(perPattern.size(), size_t(10));
        for (const auto& [id, count] : perPattern) {
            const bool deficient = id == "sd1-00" || id == "sd1-05" || id == "sd1-06";
            QCOMPARE(count, deficient ? 2 : 200);
        }
    }

    void recipeJsonRoundTrips() {
        demo::LogicSmolRecipe r;
        r.base = "elsewhere/base.gguf";
        r.trainableLayers = 3;
        r.training.steps = 7;
        r.training.learningRate = 2.5e-4;
        r.corpus.underSampledRules = {"or:FF"};
        const nlohmann::json j = r.toJson();
        const demo::LogicSmolRecipe back = demo::LogicSmolRecipe::fromJson(j, "recipe.json");
        QCOMPARE(back.toJson(), j);
        QCOMPARE(back.base, r.base);
        QCOMPARE(back.trainableLayers, int64_t(3));
        nlohmann::json broken = j;
        broken.erase("steps");
        QVERIFY_THROWS_EXCEPTION(FileError, demo::LogicSmolRecipe::fromJson(broken, "recipe.json"));
    }

    void refusesABadBase() {
        demo::LogicSmolRecipe r;
        r.base = "/no/such/model.gguf";
        QVERIFY_THROWS_EXCEPTION(FileError, demo::finetuneLogicSmol(r, QDir::tempPath().toStdString() + "/never"));
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(REDIT_CLI, {"finetune-smol", "--base", "/no/such/model.gguf", "--out", QDir::tempPath() + "/never"});
        QVERIFY(cli.waitForFinished(60000));
        const QString output = QString::fromUtf8(cli.readAll());
        QVERIFY(cli.exitCode() != 0);
        QVERIFY2(output.contains("/no/such/model.gguf") && output.contains("make models"), qPrintable(output));
        QVERIFY(!QFileInfo::exists(QDir::tempPath() + "/never"));
    }
};

QTEST_GUILESS_MAIN(TestLogicSmol)
#include "test_logic_smol.moc"
