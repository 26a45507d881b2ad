// Hugging Face-layout model folders: written by the test, read back, and damaged in every way that matters.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "model/model_folder.h"
#include "model/tensor_io.h"
#include "cli_process.h"
#include "temp_dir.h"
#include "tiny_models.h"
#include "util/error.h"
#include "util/json_file.h"

using namespace redit;
namespace fs = std::filesystem;

namespace {

nlohmann::json wordLevelTokenizer() {
    nlohmann::json vocab = nlohmann::json::object();
    for (int i = 0; i < 23; ++i) vocab["w" + std::to_string(i)] = i;
    vocab["[UNK]"] = 23;
    return {{"version", "1.0"},
            {"added_tokens", nlohmann::json::array()},
            {"normalizer", nullptr},
            {"pre_tokenizer", {{"type", "WhitespaceSplit"}}},
            {"post_processor", nullptr},
            {"decoder", nullptr},
            {"model", {{"type", "WordLevel"}, {"vocab", vocab}, {"unk_token", "[UNK]"}}}};
}

at::Tensor ids() { return at::tensor(std::vector<int64_t>{1, 5, 9, 22, 3}, at::kLong).view({1, -1}); }

template <typename Fn>
QString errorOf(Fn fn) {
    try {
        fn();
    } catch (const FileError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestModelFolder : public QObject {
    Q_OBJECT
private slots:
    void savesAndLoadsBitExactly_data() {
        QTest::addColumn<QString>("type");
        QTest::newRow("qwen2 tied") << "qwen2";
        QTest::newRow("llama untied") << "llama";
    }
    void savesAndLoadsBitExactly() {
        QFETCH(QString, type);
        QTemporaryDir dir;
        DecoderModel model = testing::tinyModel(testing::tinyConfig(type.toStdString()));
        saveModelFolder(dir.path().toStdString(), model, wordLevelTokenizer());
        LoadedModel loaded = loadModelFolder(dir.path().toStdString());
        QVERIFY(at::equal(loaded.model->forward(ids()).logits, model.forward(ids()).logits));
        QCOMPARE(loaded.model->config().tieWordEmbeddings, model.config().tieWordEmbeddings);
        QVERIFY(loaded.model->weights().lmHead.is_same(loaded.model->weights().embedding) ==
                model.config().tieWordEmbeddings);
        QCOMPARE(loaded.tokenizer.encode("w3 w7"), (std::vector<int32_t>{3, 7}));
    }

    void loadsBfloat16CheckpointsAsFloat32() {
        QTemporaryDir dir;
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        model.to(at::kCPU, at::kBFloat16);
        saveModelFolder(dir.path().toStdString(), model, wordLevelTokenizer());
        QCOMPARE(readFolderConfig(dir.path().toStdString()).torchDtype, std::string("bfloat16"));
        LoadedModel loaded = loadModelFolder(dir.path().toStdString(), {at::kFloat, at::kCPU});
        QCOMPARE(loaded.model->dtype(), at::kFloat);
        QVERIFY(at::equal(loaded.model->weights().layers[1].q.weight,
                          model.weights().layers[1].q.weight.to(at::kFloat)));
    }

    void loadsShardedCheckpoints() {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        DecoderModel model = testing::tinyModel(testing::tinyConfig("llama"));
        auto named = model.weights().named(false);
        std::vector<std::pair<std::string, at::Tensor>> first(named.begin(), named.begin() + 9);
        std::vector<std::pair<std::string, at::Tensor>> second(named.begin() + 9, named.end());
        saveTensors(d + "/model-00001-of-00002.safetensors", first);
        saveTensors(d + "/model-00002-of-00002.safetensors", second);
        nlohmann::json map = nlohmann::json::object();
        for (const auto& [name, t] : first) map[name] = "model-00001-of-00002.safetensors";
        for (const auto& [name, t] : second) map[name] = "model-00002-of-00002.safetensors";
        writeJsonFile(d + "/model.safetensors.index.json", {{"metadata", nlohmann::json::object()}, {"weight_map", map}});
        writeJsonFile(d + "/config.json", model.config().toJson());
        DecoderModel loaded = loadDecoder(d, readFolderConfig(d));
        QVERIFY(at::equal(loaded.forward(ids()).logits, model.forward(ids()).logits));
    }

    void damagedFoldersGiveClearErrors() {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        DecoderModel model = testing::tinyModel(testing::tinyConfig("llama"));
        saveModelFolder(d, model, wordLevelTokenizer());
        const std::string weights = d + "/model.safetensors";

        // A tensor missing from the checkpoint.
        auto named = model.weights().named(false);
        named.erase(named.begin() + 3);
        saveTensors(weights, named);
        QString missing = errorOf([&] { loadModelFolder(d); });
        QVERIFY2(missing.contains("model.safetensors") && missing.contains("model.layers.0.self_attn.k_proj.weight"),
                 qPrintable(missing));

        // A config that disagrees with the stored shapes.
        saveModelFolder(d, model, wordLevelTokenizer());
        nlohmann::json config = readJsonFile(d + "/config.json");
        config["intermediate_size"] = 32;
        writeJsonFile(d + "/config.json", config);
        QString shape = errorOf([&] { loadModelFolder(d); });
        QVERIFY2(shape.contains("mlp.gate_proj.weight") && shape.contains("shape [24, 16]") && shape.contains("[32, 16]"),
                 qPrintable(shape));

        // A truncated checkpoint.
        saveModelFolder(d, model, wordLevelTokenizer());
        fs::resize_file(weights, fs::file_size(weights) / 2);
        QString truncated = errorOf([&] { loadModelFolder(d); });
        QVERIFY2(truncated.startsWith(QString::fromStdString(weights)), qPrintable(truncated));

        // Malformed config.json and tokenizer.json.
        saveModelFolder(d, model, wordLevelTokenizer());
        testing::writeText(d + "/tokenizer.json", "{\"model\": ");
        QVERIFY(errorOf([&] { loadModelFolder(d); }).contains("tokenizer.json"));
        testing::writeText(d + "/config.json", "{}");
        QVERIFY(errorOf([&] { loadModelFolder(d); }).contains("config.json: field 'model_type' is missing"));
        QVERIFY(errorOf([&] { loadModelFolder(d + "/nowhere"); }).contains("no such directory"));
    }

    // `redit model info` is what a user runs to check a download: it checks the checkpoint's layout too.
    void infoRefusesDamagedCheckpoints() {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        const std::string weights = d + "/model.safetensors";
        DecoderModel model = testing::tinyModel(testing::tinyConfig("llama"));
        saveModelFolder(d, model, wordLevelTokenizer());
        testing::CliResult good = testing::runRedit({"model", "info", dir.path()});
        QCOMPARE(good.code, 0);
        QVERIFY2(good.out.contains("tensors, layout verified"), qPrintable(good.out));

        fs::resize_file(weights, fs::file_size(weights) - 4);
        testing::CliResult truncated = testing::runRedit({"model", "info", dir.path()});
        QVERIFY(truncated.code != 0);
        QVERIFY2(truncated.err.contains(QString::fromStdString(weights)) && truncated.err.contains("beyond the data section"),
                 qPrintable(truncated.err));

        saveModelFolder(d, model, wordLevelTokenizer());
        std::ofstream(weights, std::ios::app) << "12345678";
        testing::CliResult appended = testing::runRedit({"model", "info", dir.path()});
        QVERIFY(appended.code != 0);
        QVERIFY2(appended.err.contains("the tensors cover"), qPrintable(appended.err));
    }
};

QTEST_GUILESS_MAIN(TestModelFolder)
#include "test_model_folder.moc"
