// Differential conformance of the model-file readers (issue #18): replays the GGUF, config.json and sharded
// checkpoint corpora of scripts/reference/conformance_corpus.py. GGUF: REdit accepts a file exactly when both
// the `gguf` package and llama.cpp's loader rules accept it, and then reads the metadata and tensors the `gguf`
// package reads. config.json: REdit refuses what transformers refuses and reads what it accepts with the same
// architecture values, except the refusals the corpus marks as deliberate (which must name the field).
// Sharded checkpoints: REdit loads the tensors transformers loads, and refuses where transformers would load a
// weight at random or by file order.
#include <QtTest>

#include <cstring>

#include "conformance_corpus.h"
#include "model/gguf_file.h"
#include "model/model_config.h"
#include "model/safetensors.h"
#include "temp_dir.h"
#include "util/error.h"

using nlohmann::json;
using redit::testing::bytesOfHex;
using redit::testing::loadCorpus;
using redit::testing::pathIn;
using redit::testing::sha256Hex;
using redit::testing::Tally;
using redit::testing::writeText;

namespace {

namespace gguf = redit::gguf;

// The raw little-endian bytes of a scalar as hex, the way the corpus records what the gguf package read.
std::string rawHex(const gguf::Value& v) {
    std::string bytes;
    auto little = [&](uint64_t bits, int width) {
        for (int i = 0; i < width; ++i) bytes.push_back(char((bits >> (8 * i)) & 0xff));
    };
    switch (v.type) {
        case gguf::ValueType::U8: case gguf::ValueType::I8: little(v.integer, 1); break;
        case gguf::ValueType::U16: case gguf::ValueType::I16: little(v.integer, 2); break;
        case gguf::ValueType::U32: case gguf::ValueType::I32: little(v.integer, 4); break;
        case gguf::ValueType::U64: case gguf::ValueType::I64: little(v.integer, 8); break;
        case gguf::ValueType::F32: {
            const float f = float(v.real);
            uint32_t bits;
            std::memcpy(&bits, &f, 4);
            little(bits, 4);
            break;
        }
        case gguf::ValueType::F64: {
            uint64_t bits;
            std::memcpy(&bits, &v.real, 8);
            little(bits, 8);
            break;
        }
        case gguf::ValueType::String: bytes = v.string; break;
        default: break;
    }
    return QByteArray::fromStdString(bytes).toHex().toStdString();
}

json scalarJson(const gguf::Value& v) {
    return v.type == gguf::ValueType::Bool ? json(v.boolean) : json(rawHex(v));
}

json ggufRead(const gguf::File& f) {
    json metadata = json::array();
    for (const std::string& key : f.keys()) {
        const gguf::Value& v = f.value(key);
        json m = {{"key", key}, {"type", gguf::valueTypeName(v.type)}};
        if (v.type == gguf::ValueType::Array) {
            m["element"] = gguf::valueTypeName(v.elementType);
            m["items"] = json::array();
            for (const auto& item : v.items) m["items"].push_back(scalarJson(item));
        } else {
            m["value"] = scalarJson(v);
        }
        metadata.push_back(m);
    }
    json tensors = json::array();
    for (const auto& t : f.tensors())
        tensors.push_back({{"name", t.name},
                           {"type", static_cast<uint32_t>(t.type)},
                           {"dims", t.dims},
                           {"offset", t.offset},
                           {"sha256", sha256Hex(f.data(t), t.bytes)}});
    return {{"metadata", metadata}, {"tensors", tensors}};
}

void replayGguf(const json& entry, const QTemporaryDir& dir, Tally& tally) {
    const std::string name = entry.at("name");
    const std::string path = pathIn(dir, "case.gguf");
    writeText(path, bytesOfHex(entry.at("file")));
    std::shared_ptr<const gguf::File> file;
    std::string error;
    try {
        file = gguf::File::open(path);
    } catch (const redit::FileError& e) {
        error = e.what();
        tally.check(e.path() == path, name + ": the error does not name the file: " + error);
    }
    const json& py = entry.at("gguf_py");
    const json& cpp = entry.at("llama_cpp");
    const bool accepts = py.at("accepts").get<bool>() && cpp.at("accepts").get<bool>();
    const std::string verdicts = std::string("gguf package ") + (py.at("accepts").get<bool>() ? "accepts" : "refuses") +
                                 ", llama.cpp " + (cpp.at("accepts").get<bool>() ? "accepts" : "refuses: " +
                                                   cpp.at("error").get<std::string>());
    tally.check(accepts == bool(file), name + ": " + verdicts + "; ours " + (file ? "accepts" : "refuses: " + error));
    if (!accepts || !file) return;
    const json ours = ggufRead(*file);
    tally.check(ours.at("metadata") == py.at("metadata"),
                name + ": metadata " + ours.at("metadata").dump() + ", reference " + py.at("metadata").dump());
    tally.check(ours.at("tensors") == py.at("tensors"),
                name + ": tensors " + ours.at("tensors").dump() + ", reference " + py.at("tensors").dump());
}

json configValues(const redit::ModelConfig& c) {
    json v = {{"model_type", c.modelType},
              {"vocab_size", c.vocabSize},
              {"hidden_size", c.hiddenSize},
              {"intermediate_size", c.intermediateSize},
              {"num_hidden_layers", c.numLayers},
              {"num_attention_heads", c.numHeads},
              {"num_key_value_heads", c.numKeyValueHeads},
              {"max_position_embeddings", c.maxPositions},
              {"rms_norm_eps", c.rmsNormEps},
              {"tie_word_embeddings", c.tieWordEmbeddings},
              {"head_dim", c.headDim},
              {"rope_theta", c.ropeTheta}};
    switch (c.ropeScaling.kind) {
        case redit::RopeScaling::Kind::None: v["rope_type"] = "default"; break;
        case redit::RopeScaling::Kind::Linear: v["rope_type"] = "linear"; break;
        case redit::RopeScaling::Kind::Llama3: v["rope_type"] = "llama3"; break;
    }
    if (c.ropeScaling.kind != redit::RopeScaling::Kind::None) v["rope_factor"] = c.ropeScaling.factor;
    return v;
}

void replayConfig(const json& entry, const QTemporaryDir& dir, Tally& tally) {
    const std::string name = entry.at("name");
    const std::string path = pathIn(dir, "config.json");
    writeText(path, entry.at("config").get<std::string>());
    std::optional<redit::ModelConfig> ours;
    std::string error;
    try {
        ours = redit::loadModelConfig(path);
    } catch (const redit::FileError& e) {
        error = e.what();
        tally.check(e.path() == path, name + ": the error does not name the file: " + error);
    }
    const bool accepts = entry.at("accepts");
    if (!accepts) {
        tally.check(!ours, name + ": transformers refuses (" + entry.at("error").get<std::string>() + "), ours accepts");
        return;
    }
    if (entry.contains("ours_refuses")) {  // deliberate: the error must name the field
        const std::string field = entry.at("ours_refuses").at("field");
        tally.check(!ours && error.find("'" + field + "'") != std::string::npos,
                    name + ": REdit must refuse naming '" + field + "' (" +
                        entry.at("ours_refuses").at("why").get<std::string>() + "); ours " +
                        (ours ? "accepts" : "refuses: " + error));
        return;
    }
    tally.check(bool(ours), name + ": transformers accepts, ours refuses: " + error);
    if (!ours) return;
    const json values = configValues(*ours);
    tally.check(values == entry.at("values"), name + ": values " + values.dump() + ", reference " +
                                                  entry.at("values").dump());
}

std::string numpyDtype(redit::safetensors::DType d) {
    const std::string n = redit::safetensors::dtypeName(d);
    return n == "F32" ? "float32" : n == "F16" ? "float16" : n;
}

void replayShards(const json& entry, Tally& tally) {
    namespace st = redit::safetensors;
    const std::string name = entry.at("name");
    QTemporaryDir dir;
    for (const auto& [file, hex] : entry.at("files").items()) writeText(pathIn(dir, file), bytesOfHex(hex));
    const std::string indexPath = pathIn(dir, "model.safetensors.index.json");
    writeText(indexPath, entry.at("index").get<std::string>());
    std::optional<st::Archive> ours;
    std::string error;
    try {
        ours = st::Archive::openDirectory(dir.path().toStdString());
    } catch (const redit::FileError& e) {
        error = e.what();
    }
    const bool accepts = entry.at("accepts");
    if (!accepts) {
        tally.check(!ours, name + ": transformers refuses (" + entry.at("error").get<std::string>() + "), ours accepts");
        return;
    }
    // Deliberate refusals: a listed tensor no shard holds (transformers: random weights and a warning), a tensor
    // in two shards (transformers: the last file wins).
    if (!entry.at("missing").empty()) {
        tally.check(!ours && error.find("no shard contains it") != std::string::npos,
                    name + ": must refuse the tensors no shard holds; ours " + (ours ? "accepts" : "refuses: " + error));
        return;
    }
    if (!entry.at("duplicates").empty()) {
        tally.check(!ours && error.find("is in two shards") != std::string::npos,
                    name + ": must refuse a tensor in two shards; ours " + (ours ? "accepts" : "refuses: " + error));
        return;
    }
    tally.check(bool(ours), name + ": transformers accepts, ours refuses: " + error);
    if (!ours) return;
    json tensors = json::array();
    for (const std::string& t : ours->names()) {
        const st::TensorView view = ours->get(t);
        tensors.push_back({{"name", t},
                           {"dtype", numpyDtype(view.info->dtype)},
                           {"shape", view.info->shape},
                           {"sha256", sha256Hex(view.data, std::size_t(view.info->end - view.info->begin))}});
    }
    tally.check(tensors == entry.at("tensors"), name + ": tensors " + tensors.dump() + ", reference " +
                                                    entry.at("tensors").dump());
}

}  // namespace

class TestConformanceFiles : public QObject {
    Q_OBJECT
private slots:
    void ggufAgreesWithTheReferences() {
        const json corpus = loadCorpus("gguf.json.qz");
        QTemporaryDir dir;
        Tally tally;
        for (const json& entry : corpus.at("entries")) replayGguf(entry, dir, tally);
        tally.report("GGUF");
        QVERIFY(tally.cases > 300);
        QCOMPARE(int(tally.disagreements.size()), 0);
    }

    void configAgreesWithTransformers() {
        const json corpus = loadCorpus("config.json.qz");
        QTemporaryDir dir;
        Tally tally;
        for (const json& entry : corpus.at("entries")) replayConfig(entry, dir, tally);
        tally.report("config.json");
        QVERIFY(tally.cases > 100);
        QCOMPARE(int(tally.disagreements.size()), 0);
    }

    void shardedCheckpointsAgreeWithTransformers() {
        const json corpus = loadCorpus("shards.json.qz");
        Tally tally;
        for (const json& entry : corpus.at("entries")) replayShards(entry, tally);
        tally.report("sharded safetensors");
        QVERIFY(tally.cases > 20);
        QCOMPARE(int(tally.disagreements.size()), 0);
    }
};

QTEST_GUILESS_MAIN(TestConformanceFiles)
#include "test_conformance_files.moc"
