#include <QtTest>

#include <filesystem>
#include <fstream>

#include "model/model_config.h"
#include "temp_dir.h"
#include "util/error.h"

using redit::FileError;
using redit::ModelConfig;

class TestModelConfig : public QObject {
    Q_OBJECT

    static nlohmann::json qwen3b() {
        // Qwen2.5-3B-Instruct's config.json (the fields the decoder reads).
        return {{"model_type", "qwen2"},          {"vocab_size", 151936},       {"hidden_size", 2048},
                {"intermediate_size", 11008},     {"num_hidden_layers", 36},    {"num_attention_heads", 16},
                {"num_key_value_heads", 2},       {"rms_norm_eps", 1e-6},       {"rope_theta", 1000000.0},
                {"max_position_embeddings", 32768}, {"tie_word_embeddings", true}, {"torch_dtype", "bfloat16"},
                {"hidden_act", "silu"},           {"rope_scaling", nullptr}};
    }

    static QString errorOf(const nlohmann::json& j) {
        try {
            redit::parseModelConfig(j, "m/config.json");
        } catch (const FileError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private slots:
    void parsesQwen25_3B() {
        ModelConfig c = redit::parseModelConfig(qwen3b(), "config.json");
        QCOMPARE(c.headDim, 128);
        QCOMPARE(c.groupSize(), 8);
        QVERIFY(c.attentionBias);
        QVERIFY(c.tieWordEmbeddings);
        // Published size of Qwen2.5-3B: 3.09B parameters.
        QCOMPARE(c.parameterCount(), int64_t(3085938688));
    }

    void parsesLlama3RopeScaling() {
        nlohmann::json j = qwen3b();
        j["model_type"] = "llama";
        j["rope_scaling"] = {{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 1.0},
                             {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 8192}};
        ModelConfig c = redit::parseModelConfig(j, "config.json");
        QVERIFY(!c.attentionBias);
        QCOMPARE(int(c.ropeScaling.kind), int(redit::RopeScaling::Kind::Llama3));
        QCOMPARE(c.ropeScaling.factor, 8.0);
    }

    // Defaults and checks as transformers' LlamaConfig / Qwen2Config (the conformance corpus covers the rest).
    void followsTheTransformersConfigClasses() {
        nlohmann::json j = qwen3b();
        j.erase("num_key_value_heads");
        j.erase("max_position_embeddings");
        j["num_attention_heads"] = 32;
        ModelConfig c = redit::parseModelConfig(j, "config.json");
        QCOMPARE(c.numKeyValueHeads, 32);  // Qwen2Config's default, not the number of heads
        QCOMPARE(c.maxPositions, 32768);
        j["model_type"] = "llama";
        c = redit::parseModelConfig(j, "config.json");
        QCOMPARE(c.numKeyValueHeads, 32);  // LlamaConfig: as many as the heads
        QCOMPARE(c.maxPositions, 2048);
        j["num_key_value_heads"] = nullptr;  // null: as many as the heads, for both
        QCOMPARE(redit::parseModelConfig(j, "config.json").numKeyValueHeads, 32);

        nlohmann::json q = qwen3b();  // Qwen2 uses hidden_size // heads even when they do not divide it
        q["num_attention_heads"] = 48;
        q["num_key_value_heads"] = 8;
        QCOMPARE(redit::parseModelConfig(q, "config.json").headDim, 42);
        q["model_type"] = "llama";
        QVERIFY(errorOf(q).contains("field 'num_attention_heads' (48) must divide hidden_size"));

        nlohmann::json e = qwen3b();
        e["rms_norm_eps"] = 1;
        QVERIFY(errorOf(e).contains("field 'rms_norm_eps' must be a floating-point number"));
        e["rms_norm_eps"] = nullptr;
        QVERIFY(errorOf(e).contains("field 'rms_norm_eps' is null"));
    }

    void roundTripsThroughJson() {
        ModelConfig c = redit::parseModelConfig(qwen3b(), "config.json");
        ModelConfig d = redit::parseModelConfig(c.toJson(), "again.json");
        QCOMPARE(d.parameterCount(), c.parameterCount());
        QCOMPARE(d.ropeTheta, c.ropeTheta);
    }

    void errorsNameFileAndField_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unsupported type") << "model_type" << "m/config.json: field 'model_type' 'bert' is not supported";
        QTest::newRow("missing field") << "hidden_size" << "m/config.json: field 'hidden_size' is missing";
        QTest::newRow("heads not dividing") << "num_key_value_heads" << "field 'num_key_value_heads' (3) must divide";
        QTest::newRow("wrong type") << "vocab_size" << "field 'vocab_size' must be an integer";
        QTest::newRow("negative") << "num_hidden_layers" << "field 'num_hidden_layers' must be a positive integer";
        // Sizes whose products would overflow 64 bits are refused before anything is computed from them.
        QTest::newRow("huge vocabulary") << "vocab_size huge"
                                         << "field 'vocab_size' (4611686018427387904) is larger than 16777216";
        QTest::newRow("huge hidden size") << "hidden_size huge" << "field 'hidden_size' (4611686018427387904) is larger than";
        QTest::newRow("huge head_dim") << "head_dim huge" << "field 'head_dim' (4611686018427387904) is larger than 4096";
        QTest::newRow("huge layer count") << "num_hidden_layers huge" << "field 'num_hidden_layers' (4611686018427387904) is larger";
    }
    void errorsNameFileAndField() {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        nlohmann::json j = qwen3b();
        if (field == "model_type") j["model_type"] = "bert";
        if (field == "hidden_size") j.erase("hidden_size");
        if (field == "num_key_value_heads") j["num_key_value_heads"] = 3;
        if (field == "vocab_size") j["vocab_size"] = "many";
        if (field == "num_hidden_layers") j["num_hidden_layers"] = -1;
        if (field.endsWith(" huge")) j[field.section(' ', 0, 0).toStdString()] = 1ll << 62;
        QString message = errorOf(j);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void aJsonFileLargerThanTheLimitIsRefusedUnread() {
        QTemporaryDir dir;
        const std::string path = redit::testing::pathIn(dir, "config.json");
        { std::ofstream(path) << "{}"; }
        std::filesystem::resize_file(path, (256ull << 20) + 1);  // sparse: no disk used
        try {
            redit::loadModelConfig(path);
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QVERIFY2(QString::fromStdString(e.problem()).contains("more than the 268435456 bytes a JSON file may have"),
                     e.what());
        }
    }

    void malformedFileIsAnErrorNotACrash() {
        QTemporaryDir dir;
        std::string path = redit::testing::pathIn(dir, "config.json");
        redit::testing::writeText(path, "{\"model_type\": \"qwen2\", ");
        try {
            redit::loadModelConfig(path);
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString::fromStdString(path));
            QVERIFY(QString::fromStdString(e.problem()).contains("not valid JSON"));
        }
        redit::testing::writeText(path, "[1, 2]");
        QVERIFY_THROWS_EXCEPTION(FileError, redit::loadModelConfig(path));
        // Found by fuzzing: a number beyond double's range escaped as nlohmann's out_of_range.
        redit::testing::writeText(path, "{\"model_type\": \"llama\", \"vocab_size\": 25E444}");
        try {
            redit::loadModelConfig(path);
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.problem()), QString("not valid JSON (a number is out of range)"));
        }
        QVERIFY_THROWS_EXCEPTION(FileError, redit::loadModelConfig(path + ".missing"));
    }
};

QTEST_GUILESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
