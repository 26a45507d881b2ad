#include <QtTest>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

#include "model/safetensors.h"
#include "temp_dir.h"
#include "util/error.h"

namespace st = redit::safetensors;
using redit::FileError;
using redit::testing::pathIn;
using redit::testing::writeText;

namespace {

std::string le64(uint64_t value) {
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((value >> (8 * i)) & 0xff);
    return bytes;
}

// A safetensors file laid out by hand: length prefix, header exactly as given, data.
std::string rawFile(const std::string& header, const std::string& data = {}) {
    return le64(header.size()) + header + data;
}

QByteArray readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return QByteArray::fromStdString(buffer.str());
}

QByteArray bytes(const std::string& text) { return QByteArray::fromStdString(text); }

struct Failure {
    bool thrown = false;
    QString path;
    QString problem;
};

Failure fileErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const FileError& e) {
        return {true, QString::fromStdString(e.path()), QString::fromStdString(e.problem())};
    }
    return {};
}

const std::vector<st::DType> kAllDTypes = {st::DType::F64, st::DType::F32, st::DType::I64, st::DType::I32,
                                           st::DType::F16, st::DType::BF16, st::DType::I16, st::DType::I8,
                                           st::DType::U8,  st::DType::BOOL};

}  // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

private slots:
    void dtypeTable() {
        const std::vector<std::pair<std::string, std::size_t>> expected = {
            {"F64", 8}, {"F32", 4}, {"I64", 8}, {"I32", 4}, {"F16", 2},
            {"BF16", 2}, {"I16", 2}, {"I8", 1}, {"U8", 1}, {"BOOL", 1}};
        for (std::size_t i = 0; i < kAllDTypes.size(); ++i) {
            QCOMPARE(st::dtypeName(kAllDTypes[i]), expected[i].first);
            QCOMPARE(st::dtypeSize(kAllDTypes[i]), expected[i].second);
            QVERIFY(st::parseDType(expected[i].first) == kAllDTypes[i]);
        }
        QVERIFY_THROWS_EXCEPTION(redit::Error, st::parseDType("F128"));
        QVERIFY_THROWS_EXCEPTION(redit::Error, st::parseDType("f32"));
    }

    void roundTripsEveryDType() {
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "all.safetensors");
        std::vector<std::vector<uint8_t>> buffers;
        std::vector<st::TensorToWrite> tensors;
        for (std::size_t k = 0; k < kAllDTypes.size(); ++k) {
            const std::vector<int64_t> shape = {int64_t(k % 3 + 1), 3};
            const std::size_t nbytes = std::size_t(shape[0] * shape[1]) * st::dtypeSize(kAllDTypes[k]);
            std::vector<uint8_t> bytes(nbytes);
            for (std::size_t i = 0; i < nbytes; ++i) bytes[i] = uint8_t(i * 37 + k * 11 + 1);
            buffers.push_back(std::move(bytes));
            tensors.push_back({"t_" + st::dtypeName(kAllDTypes[k]), kAllDTypes[k], shape, nullptr, nbytes});
        }
        for (std::size_t k = 0; k < tensors.size(); ++k) tensors[k].data = buffers[k].data();
        const std::map<std::string, std::string> metadata = {{"format", "pt"}, {"note", "snow \xe2\x98\x83"}};
        st::write(path, tensors, metadata);

        auto file = st::File::open(path);
        QCOMPARE(file->path(), path);
        QCOMPARE(file->tensors().size(), kAllDTypes.size());
        QVERIFY(file->metadata() == metadata);
        for (std::size_t k = 0; k < tensors.size(); ++k) {
            const st::TensorInfo* info = file->find(tensors[k].name);
            QVERIFY2(info, tensors[k].name.c_str());
            QVERIFY(info->dtype == kAllDTypes[k]);
            QVERIFY(info->shape == tensors[k].shape);
            QCOMPARE(info->numel(), tensors[k].shape[0] * 3);
            QCOMPARE(info->end - info->begin, uint64_t(buffers[k].size()));
            QVERIFY(std::memcmp(file->data(*info), buffers[k].data(), buffers[k].size()) == 0);
            // Ordered by descending dtype as the reference writes it, every tensor is aligned to its element.
            QCOMPARE(reinterpret_cast<uintptr_t>(file->data(*info)) % st::dtypeSize(info->dtype), uintptr_t(0));
        }
        QVERIFY(file->find("absent") == nullptr);

        // File order is data order, with no gaps.
        uint64_t offset = 0;
        for (const auto& info : file->tensors()) {
            QCOMPARE(info.begin, offset);
            offset = info.end;
        }
        QCOMPARE(file->tensors().front().name, std::string("t_I64"));
        QCOMPARE(file->tensors().back().name, std::string("t_BOOL"));

        st::Archive archive = st::Archive::openFile(path);
        QCOMPARE(archive.path(), path);
        QCOMPARE(archive.totalBytes(), offset);
        std::vector<std::string> names = archive.names();
        QVERIFY(std::is_sorted(names.begin(), names.end()));
        QCOMPARE(names.size(), kAllDTypes.size());
    }

    void scalarAndEmptyTensor() {
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "small.safetensors");
        const double scalar = 3.5;
        st::write(path, {{"scalar", st::DType::F64, {}, &scalar, sizeof scalar},
                         {"empty", st::DType::F32, {0, 4}, nullptr, 0}});
        st::Archive archive = st::Archive::openFile(path);
        st::TensorView s = archive.get("scalar", st::DType::F64, {});
        QCOMPARE(s.info->numel(), int64_t(1));
        double read = 0;
        std::memcpy(&read, s.data, sizeof read);
        QCOMPARE(read, 3.5);
        st::TensorView e = archive.get("empty", st::DType::F32, {0, 4});
        QCOMPARE(e.info->numel(), int64_t(0));
        QCOMPARE(e.info->begin, e.info->end);
        QCOMPARE(archive.totalBytes(), uint64_t(8));
        QVERIFY(archive.contains("empty"));
        QVERIFY(!archive.contains("scalar2"));
    }

    void headerLayoutMatchesReference() {
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "layout.safetensors");

        const float two[] = {1.0f, 2.0f};
        st::write(path, {{"a", st::DType::F32, {2}, two, sizeof two}});
        std::string header = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";  // 54 bytes
        QCOMPARE(readAll(path), bytes(le64(56) + header + "  " + std::string("\x00\x00\x80\x3f\x00\x00\x00\x40", 8)));

        // The reference implementation's own serialization test: a 64-byte header needs no padding.
        const float six[] = {0, 1, 2, 3, 4, 5};
        st::write(path, {{"attn.0", st::DType::F32, {1, 2, 3}, six, sizeof six}});
        header = R"({"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}})";
        QCOMPARE(readAll(path), bytes(le64(64) + header + std::string(reinterpret_cast<const char*>(six), sizeof six)));

        st::write(path, {});
        QCOMPARE(readAll(path), bytes(le64(8) + "{}      "));

        // __metadata__ first; I64 before F16 (descending dtype) although "a" < "b".
        const uint16_t halfs[] = {0x3c00, 0x4000, 0x4200};
        const int64_t one = -2;
        st::write(path, {{"a", st::DType::F16, {3}, halfs, sizeof halfs}, {"b", st::DType::I64, {1}, &one, sizeof one}},
                  {{"format", "pt"}});
        header = R"({"__metadata__":{"format":"pt"},"b":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},)"
                 R"("a":{"dtype":"F16","shape":[3],"data_offsets":[8,14]}})";  // 139 bytes
        const std::string data =
            std::string("\xfe\xff\xff\xff\xff\xff\xff\xff", 8) + std::string("\x00\x3c\x00\x40\x00\x42", 6);
        QCOMPARE(readAll(path), bytes(le64(144) + header + "     " + data));
    }

    void readsFileLaidOutByHand() {
        // Another writer's layout: header not padded, keys in any order, tensors in the data out of name order.
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "hand.safetensors");
        writeText(path, rawFile(R"({"z":{"data_offsets":[0,2],"shape":[2],"dtype":"U8"},)"
                                R"("__metadata__":{"k":"v"},"y":{"dtype":"I8","shape":[1],"data_offsets":[2,3]}})",
                                "\x07\x08\x09"));
        auto file = st::File::open(path);
        QCOMPARE(file->tensors().size(), std::size_t(2));
        QCOMPARE(file->tensors()[0].name, std::string("z"));
        QCOMPARE(file->tensors()[1].name, std::string("y"));
        QCOMPARE(int(file->data(file->tensors()[1])[0]), 9);
        QCOMPARE(file->metadata().at("k"), std::string("v"));
    }

    void shardedCheckpoint() {
        QTemporaryDir dir;
        const std::string shard1 = pathIn(dir, "model-00001-of-00002.safetensors");
        const std::string shard2 = pathIn(dir, "model-00002-of-00002.safetensors");
        const float embed[] = {1, 2, 3, 4};
        const float head[] = {5, 6, 7, 8};
        const uint16_t norm[] = {0x3f80, 0x4000};
        st::write(shard1, {{"model.embed.weight", st::DType::F32, {2, 2}, embed, sizeof embed},
                           {"model.norm.weight", st::DType::BF16, {2}, norm, sizeof norm}});
        st::write(shard2, {{"lm_head.weight", st::DType::F32, {2, 2}, head, sizeof head},
                           {"unlisted", st::DType::F32, {1}, head, 4}});
        const std::string index = pathIn(dir, "model.safetensors.index.json");
        writeText(index, R"({"metadata": {"total_size": 36}, "weight_map": {
            "model.embed.weight": "model-00001-of-00002.safetensors",
            "model.norm.weight": "model-00001-of-00002.safetensors",
            "lm_head.weight": "model-00002-of-00002.safetensors"}})");

        std::optional<st::TensorView> head2;
        {
            st::Archive archive = st::Archive::openDirectory(dir.path().toStdString());
            QCOMPARE(archive.path(), index);
            // Every tensor of every listed shard, as transformers loads them (the index need not list them all).
            QVERIFY(archive.names() == (std::vector<std::string>{"lm_head.weight", "model.embed.weight",
                                                                 "model.norm.weight", "unlisted"}));
            QCOMPARE(archive.totalBytes(), uint64_t(40));
            QVERIFY(archive.contains("unlisted"));

            st::TensorView e = archive.get("model.embed.weight", st::DType::F32, {2, 2});
            QCOMPARE(e.file->path(), shard1);
            QVERIFY(std::memcmp(e.data, embed, sizeof embed) == 0);

            Failure missing = fileErrorOf([&] { archive.get("nope"); });
            QCOMPARE(missing.path, QString::fromStdString(index));
            QVERIFY2(missing.problem.contains("no tensor named 'nope'"), qPrintable(missing.problem));

            Failure shape = fileErrorOf([&] { archive.get("model.embed.weight", st::DType::F32, {4}); });
            QCOMPARE(shape.path, QString::fromStdString(shard1));
            QVERIFY2(shape.problem.contains("tensor 'model.embed.weight' is F32 [2, 2], expected F32 [4]"),
                     qPrintable(shape.problem));
            Failure dtype = fileErrorOf([&] { archive.get("model.norm.weight", st::DType::F16, {2}); });
            QVERIFY2(dtype.problem.contains("is BF16 [2], expected F16 [2]"), qPrintable(dtype.problem));

            head2 = archive.get("lm_head.weight");
        }
        // A view keeps its shard mapped after the archive is gone.
        QCOMPARE(head2->file->path(), shard2);
        QVERIFY(std::memcmp(head2->data, head, sizeof head) == 0);
    }

    void openDirectoryPrefersSingleFile() {
        QTemporaryDir dir;
        const int32_t value = 42;
        st::write(pathIn(dir, "model.safetensors"), {{"w", st::DType::I32, {1}, &value, sizeof value}});
        writeText(pathIn(dir, "model.safetensors.index.json"), R"({"weight_map": {"w": "gone.safetensors"}})");
        st::Archive archive = st::Archive::openDirectory(dir.path().toStdString());
        QCOMPARE(archive.path(), pathIn(dir, "model.safetensors"));
        QVERIFY(archive.contains("w"));
    }

    void openDirectoryWithoutCheckpoint() {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        Failure f = fileErrorOf([&] { st::Archive::openDirectory(folder); });
        QCOMPARE(f.path, QString::fromStdString(folder));
        QVERIFY2(f.problem.contains("contains neither model.safetensors nor model.safetensors.index.json"),
                 qPrintable(f.problem));
        f = fileErrorOf([&] { st::Archive::openDirectory(folder + "/missing"); });
        QVERIFY2(f.problem.contains("is not a folder"), qPrintable(f.problem));
    }

    void badFilesAreErrors_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const std::string& bytes, const char* expected) {
            QTest::newRow(name) << QByteArray(bytes.data(), qsizetype(bytes.size())) << QString(expected);
        };
        const std::string f32a = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        row("shorter than 8 bytes", "\x01\x02\x03", "file is 3 bytes, shorter than the 8-byte header length");
        row("empty file", "", "file is 0 bytes");
        row("header beyond file", le64(100) + "{}", "header length 100 exceeds the 2 bytes after the length field");
        row("absurd header length", le64(uint64_t(1) << 40) + "{}", "header length 1099511627776 is absurd");
        row("huge header length", le64(~uint64_t(0)) + "{}", "is absurd (more than 100000000 bytes)");
        row("not JSON", rawFile(R"({"a":)"), "header is not valid JSON");
        row("not UTF-8", rawFile("{\"\xff\":{}}"), "header is not valid JSON");
        row("not an object", rawFile("[1,2]"), "header must be a JSON object");
        row("entry not an object", rawFile(R"({"a":5})"), "tensor 'a' must be a JSON object");
        row("missing dtype", rawFile(R"({"a":{"shape":[2],"data_offsets":[0,8]}})", std::string(8, '\0')),
            "tensor 'a': field 'dtype' is missing");
        row("unknown dtype", rawFile(R"({"a":{"dtype":"F128","shape":[1],"data_offsets":[0,1]}})", "x"),
            "tensor 'a': field 'dtype' 'F128' is not a supported dtype");
        row("shape not a list", rawFile(R"({"a":{"dtype":"U8","shape":4,"data_offsets":[0,4]}})", "xxxx"),
            "tensor 'a': field 'shape' must be a list of non-negative integers");
        row("negative dimension", rawFile(R"({"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,0]}})"),
            "tensor 'a': field 'shape' must be a list of non-negative integers");
        row("fractional dimension", rawFile(R"({"a":{"dtype":"U8","shape":[1.5],"data_offsets":[0,1]}})", "x"),
            "tensor 'a': field 'shape' must be a list of non-negative integers");
        row("dimension beyond int64",
            rawFile(R"({"a":{"dtype":"U8","shape":[9223372036854775808],"data_offsets":[0,1]}})", "x"),
            "tensor 'a': field 'shape' must be a list of non-negative integers");
        row("offsets missing", rawFile(R"({"a":{"dtype":"U8","shape":[1]}})", "x"),
            "tensor 'a': field 'data_offsets' is missing");
        row("one offset", rawFile(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0]}})", "x"),
            "tensor 'a': field 'data_offsets' must be two non-negative integers");
        row("offset not an integer", rawFile(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":["0",1]}})", "x"),
            "tensor 'a': field 'data_offsets' must be two non-negative integers");
        row("negative offset", rawFile(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}})", "x"),
            "tensor 'a': field 'data_offsets' must be two non-negative integers");
        row("begin after end",
            rawFile(R"({"a":{"dtype":"U8","shape":[0],"data_offsets":[8,4]}})", std::string(8, 'x')),
            "tensor 'a': field 'data_offsets' [8, 4] has begin after end");
        row("end beyond data", rawFile(f32a, "1234"),
            "tensor 'a': field 'data_offsets' [0, 8] ends beyond the data section (4 bytes)");
        row("huge end",
            rawFile(R"({"a":{"dtype":"U8","shape":[1],)"
                    R"("data_offsets":[18446744073709551615,18446744073709551615]}})"),
            "ends beyond the data section (0 bytes)");
        row("size mismatch", rawFile(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", std::string(8, 'x')),
            "tensor 'a': field 'data_offsets' [0, 8] spans 8 bytes, but F32 [3] needs 12");
        row("element count overflows",
            rawFile(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}})"),
            "tensor 'a': field 'shape' [4294967296, 4294967296] of F32 has more elements than can be addressed");
        row("byte count overflows",
            rawFile(R"({"a":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,0]}})"),
            "has more elements than can be addressed");
        row("overlapping tensors",
            rawFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                    R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                    std::string(12, 'x')),
            "tensor 'b' starts at byte 4 instead of at the end of tensor 'a' (byte 8): tensors must tile");
        row("tensor inside another",
            rawFile(R"({"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]},)"
                    R"("b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}})",
                    std::string(8, 'x')),
            "tensor 'b' starts at byte 2 instead of at the end of tensor 'a' (byte 8)");
        row("empty tensor inside another",
            rawFile(R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},)"
                    R"("b":{"dtype":"U8","shape":[0],"data_offsets":[1,1]}})",
                    std::string(2, 'x')),
            "tensor 'b' starts at byte 1 instead of at the end of tensor 'a' (byte 2)");
        row("gap between tensors",
            rawFile(R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},)"
                    R"("b":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}})",
                    std::string(6, 'x')),
            "tensor 'b' starts at byte 4 instead of at the end of tensor 'a' (byte 2)");
        row("gap before the first tensor",
            rawFile(R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}})", std::string(4, 'x')),
            "tensor 'a' starts at byte 2 instead of at byte 0 of the data section");
        row("bytes after the last tensor", rawFile(f32a, std::string(16, 'x')),
            "the data section has 16 bytes but the tensors cover 8 (the file is truncated, has extra bytes");
        // The writer pads the header with spaces; a length one short still parses but shifts every tensor.
        row("header length one short", le64(f32a.size()) + f32a + " " + std::string(8, 'x'),
            "the data section has 9 bytes but the tensors cover 8");
        // JSON whitespace around the header is accepted (as the reference does), NUL padding is not.
        row("header padded with NUL bytes", le64(f32a.size() + 2) + f32a + std::string(2, '\0') + std::string(8, 'x'),
            "header contains a NUL byte");
        row("metadata value not a string", rawFile(R"({"__metadata__":{"k":1}})"),
            "__metadata__ must be an object mapping strings to strings (entry 'k' is not a string)");
        row("metadata not an object", rawFile(R"({"__metadata__":"pt"})"),
            "__metadata__ must be an object mapping strings to strings");
    }
    void badFilesAreErrors() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "bad.safetensors");
        writeText(path, bytes.toStdString());
        Failure f = fileErrorOf([&] { st::File::open(path); });
        QVERIFY2(f.thrown, "expected a FileError");
        QCOMPARE(f.path, QString::fromStdString(path));
        QVERIFY2(f.problem.contains(expected), qPrintable(f.problem));
        // The archive reports the same error.
        QCOMPARE(fileErrorOf([&] { st::Archive::openFile(path); }).problem, f.problem);
    }

    void emptyTensorsMayShareOffsets() {
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "empties.safetensors");
        writeText(path, rawFile(R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},)"
                                R"("b":{"dtype":"U8","shape":[0],"data_offsets":[2,2]},)"
                                R"("c":{"dtype":"F32","shape":[0,3],"data_offsets":[2,2]}})",
                                "xy"));
        QCOMPARE(st::File::open(path)->tensors().size(), std::size_t(3));
    }

    void badIndexesAreErrors_data() {
        QTest::addColumn<QString>("index");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed JSON") << R"({"weight_map": )" << "not valid JSON";
        QTest::newRow("not an object") << "[]" << "top level must be a JSON object";
        QTest::newRow("weight_map missing") << R"({"metadata": {}})" << "field 'weight_map' is missing";
        QTest::newRow("metadata missing") << R"({"weight_map": {"x": "shard.safetensors"}})"
                                          << "field 'metadata' is missing";
        QTest::newRow("metadata not an object") << R"({"metadata": [], "weight_map": {"x": "shard.safetensors"}})"
                                                << "field 'metadata' must be an object";
        QTest::newRow("weight_map not an object") << R"({"metadata": {}, "weight_map": ["x"]})"
                                                  << "field 'weight_map' must be an object mapping tensor names";
        QTest::newRow("shard not a string") << R"({"metadata": {}, "weight_map": {"x": 3}})"
                                            << "field 'weight_map' entry for tensor 'x' must be a file name";
        QTest::newRow("shard missing") << R"({"metadata": {}, "weight_map": {"x": "model-00002.safetensors"}})"
                                       << "shard 'model-00002.safetensors' does not exist";
        QTest::newRow("shard outside the folder") << R"({"metadata": {}, "weight_map": {"x": "../shard.safetensors"}})"
                                                  << "shard '../shard.safetensors' (listed for tensor 'x') is outside";
        QTest::newRow("tensor absent from every shard")
            << R"({"metadata": {}, "weight_map": {"x": "shard.safetensors", "y": "shard.safetensors"}})"
            << "tensor 'y' is listed in shard 'shard.safetensors', but no shard contains it";
        // Shards are files of the model's folder: an index cannot make the reader open files elsewhere.
        QTest::newRow("shard at an absolute path") << R"({"metadata": {}, "weight_map": {"x": "/etc/passwd"}})"
                                                   << "shard '/etc/passwd' (listed for tensor 'x') is outside";
        QTest::newRow("shard named by nothing") << R"({"metadata": {}, "weight_map": {"x": ""}})"
                                                << "shard '' (listed for tensor 'x') is outside";
    }
    void badIndexesAreErrors() {
        QFETCH(QString, index);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const uint8_t byte = 1;
        st::write(pathIn(dir, "shard.safetensors"), {{"x", st::DType::U8, {1}, &byte, 1}});
        const std::string indexPath = pathIn(dir, "model.safetensors.index.json");
        writeText(indexPath, index.toStdString());
        Failure f = fileErrorOf([&] { st::Archive::openDirectory(dir.path().toStdString()); });
        QVERIFY2(f.thrown, "expected a FileError");
        QCOMPARE(f.path, QString::fromStdString(indexPath));
        QVERIFY2(f.problem.contains(expected), qPrintable(f.problem));
    }

    void corruptShardIsNamed() {
        QTemporaryDir dir;
        const std::string shard = pathIn(dir, "shard.safetensors");
        writeText(shard, "garbage");
        writeText(pathIn(dir, "model.safetensors.index.json"),
                  R"({"metadata": {}, "weight_map": {"x": "shard.safetensors"}})");
        Failure f = fileErrorOf([&] { st::Archive::openDirectory(dir.path().toStdString()); });
        QCOMPARE(f.path, QString::fromStdString(shard));
        QVERIFY2(f.problem.contains("shorter than the 8-byte header length"), qPrintable(f.problem));
    }

    void writerRefusesBadTensors_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("expected");
        QTest::newRow("too few bytes") << 0 << "tensor 'w': 12 bytes given, but F32 [2, 2] needs 16";
        QTest::newRow("too many bytes") << 1 << "tensor 'w': 20 bytes given, but F32 [2, 2] needs 16";
        QTest::newRow("negative dimension") << 2 << "tensor 'w': shape [-1, 2] has a negative dimension";
        QTest::newRow("overflowing shape") << 3 << "tensor 'w': shape [4294967296, 4294967296] has";
        QTest::newRow("repeated name") << 4 << "tensor 'w' is given twice";
        QTest::newRow("reserved name") << 5 << "'__metadata__' is reserved";
        QTest::newRow("missing data") << 6 << "tensor 'w': no data given";
    }
    void writerRefusesBadTensors() {
        QFETCH(int, which);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "out.safetensors");
        const float data[5] = {};
        std::vector<st::TensorToWrite> tensors = {{"w", st::DType::F32, {2, 2}, data, 16}};
        switch (which) {
            case 0: tensors[0].nbytes = 12; break;
            case 1: tensors[0].nbytes = 20; break;
            case 2: tensors[0].shape = {-1, 2}; break;
            case 3: tensors[0].shape = {int64_t(1) << 32, int64_t(1) << 32}; break;
            case 4: tensors.push_back(tensors[0]); break;
            case 5: tensors[0].name = "__metadata__"; break;
            case 6: tensors[0].data = nullptr; break;
        }
        Failure f = fileErrorOf([&] { st::write(path, tensors); });
        QVERIFY2(f.thrown, "expected a FileError");
        QCOMPARE(f.path, QString::fromStdString(path));
        QVERIFY2(f.problem.contains(expected), qPrintable(f.problem));
        QVERIFY(!std::filesystem::exists(path));
        QVERIFY(!std::filesystem::exists(path + ".tmp"));
    }

    void writerReplacesAtomically() {
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "out.safetensors");
        const int8_t first = 1, second = 2;
        st::write(path, {{"v", st::DType::I8, {}, &first, 1}});
        st::write(path, {{"v", st::DType::I8, {}, &second, 1}});
        auto file = st::File::open(path);
        QCOMPARE(int(*file->data(*file->find("v"))), 2);
        QVERIFY(!std::filesystem::exists(path + ".tmp"));

        Failure f = fileErrorOf([&] { st::write(pathIn(dir, "no/such/dir.safetensors"), {}); });
        QVERIFY2(f.problem.contains("cannot open"), qPrintable(f.problem));
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
