#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>

#include "gguf_writer.h"
#include "model/gguf_dequant.h"
#include "model/gguf_file.h"
#include "model/safetensors.h"
#include "temp_dir.h"
#include "util/error.h"

namespace gguf = redit::gguf;
using namespace redit::testing;
using redit::FileError;

namespace {

const std::string kGoldenDir = std::string(REDIT_SOURCE_DIR) + "/tests/model/golden/";

struct Failure {
    bool thrown = false;
    std::string path, problem;
};

Failure fileErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const FileError& e) {
        return {true, e.path(), e.problem()};
    }
    return {};
}

// A small valid file: metadata of a few types and two tensors.
GgufBuilder validBuilder() {
    GgufBuilder b;
    b.addString("general.architecture", "llama");
    b.addU32("llama.block_count", 2);
    b.addF32("llama.rope.freq_base", 10000.0f);
    b.addStringArray("tokenizer.ggml.tokens", {"a", "b"});
    b.addF32Tensor("a", {4, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
    b.addF32Tensor("b", {3}, {-1, -2, -3});
    return b;
}

}  // namespace

class TestGguf : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    std::string writeBytes(const std::string& name, const std::string& bytes) {
        const std::string path = pathIn(dir_, name);
        writeText(path, bytes);
        return path;
    }

    // Opening `bytes` must fail with a FileError naming the file whose problem contains `needle`.
    void expectRejected(const std::string& bytes, const std::string& needle) {
        const std::string path = writeBytes("bad.gguf", bytes);
        const Failure f = fileErrorOf([&] { gguf::File::open(path); });
        QVERIFY2(f.thrown, ("accepted a file that should fail with: " + needle).c_str());
        QCOMPARE(f.path, path);
        QVERIFY2(f.problem.find(needle) != std::string::npos, ("problem was: " + f.problem).c_str());
    }

private slots:
    void goldenDequantisationIsExact() {
        auto file = gguf::File::open(kGoldenDir + "golden.gguf");
        auto expected = redit::safetensors::Archive::openFile(kGoldenDir + "golden_expected.safetensors");
        QCOMPARE(file->tensors().size(), std::size_t(8));
        const std::vector<std::pair<std::string, gguf::TensorType>> types = {
            {"f32", gguf::TensorType::F32},   {"f16", gguf::TensorType::F16},   {"bf16", gguf::TensorType::BF16},
            {"q8_0", gguf::TensorType::Q8_0}, {"q4_0", gguf::TensorType::Q4_0}, {"q4_1", gguf::TensorType::Q4_1},
            {"q4_k", gguf::TensorType::Q4_K}, {"q6_k", gguf::TensorType::Q6_K}};
        for (const auto& [name, type] : types) {
            const gguf::TensorInfo& t = file->tensor(name);
            QVERIFY(t.type == type);
            auto view = expected.get(name);
            QCOMPARE(t.torchShape(), view.info->shape);
            const std::vector<float> values = gguf::dequantize(*file, t);
            QCOMPARE(uint64_t(values.size()) * 4, view.info->end - view.info->begin);
            for (std::size_t i = 0; i < values.size(); ++i) {
                float e;
                std::memcpy(&e, view.data + 4 * i, 4);
                // Bitwise: the reference is plain float arithmetic, rounded the same way.
                QVERIFY2(std::memcmp(&values[i], &e, 4) == 0,
                         (name + "[" + std::to_string(i) + "] = " + std::to_string(values[i]) + ", expected " +
                          std::to_string(e)).c_str());
            }
        }
    }

    void goldenMetadataReadsBack() {
        auto f = gguf::File::open(kGoldenDir + "golden.gguf");
        QCOMPARE(f->version(), 3u);
        QCOMPARE(f->alignment(), uint64_t(32));
        QCOMPARE(f->getString("general.architecture"), std::string("llama"));
        QCOMPARE(f->getInt("test.u8"), int64_t(200));
        QCOMPARE(f->getInt("test.i8"), int64_t(-100));
        QCOMPARE(f->getInt("test.u16"), int64_t(60000));
        QCOMPARE(f->getInt("test.i16"), int64_t(-30000));
        QCOMPARE(f->getU32("test.u32"), 4000000000u);
        QCOMPARE(f->getInt("test.i32"), int64_t(-2000000000));
        QCOMPARE(f->getF32("test.f32"), 0.125f);
        QCOMPARE(f->value("test.u64").integer, (uint64_t(1) << 63) + 5);
        QCOMPARE(f->getInt("test.i64"), -(int64_t(1) << 62));
        QCOMPARE(f->getNumber("test.f64"), -2.5e-300);
        QCOMPARE(f->getBool("test.bool"), true);
        QCOMPARE(f->getString("test.string"), std::string("Grüße, GGUF"));
        QCOMPARE(f->getStringArray("test.strings"), (std::vector<std::string>{"a", "", "ünï"}));
        QCOMPARE(f->getIntArray("test.i32s"), (std::vector<int64_t>{1, -2, 3}));
        QCOMPARE(f->getF32Array("test.f32s"), (std::vector<float>{0.5f, -1.0f}));
        QCOMPARE(f->keys().front(), std::string("general.architecture"));  // file order kept
    }

    void typedAccessorsNameKeyAndFile() {
        auto f = gguf::File::open(kGoldenDir + "golden.gguf");
        const std::string path = kGoldenDir + "golden.gguf";
        auto missing = fileErrorOf([&] { f->getString("no.such.key"); });
        QVERIFY(missing.thrown);
        QCOMPARE(missing.path, path);
        QVERIFY(missing.problem.find("'no.such.key' is missing") != std::string::npos);
        auto wrong = fileErrorOf([&] { f->getU32("test.string"); });
        QVERIFY(wrong.thrown);
        QVERIFY2(wrong.problem.find("'test.string' is string, expected u32") != std::string::npos, wrong.problem.c_str());
        auto wrongArray = fileErrorOf([&] { f->getStringArray("test.i32s"); });
        QVERIFY(wrongArray.problem.find("array of i32, expected array of string") != std::string::npos);
        QVERIFY(fileErrorOf([&] { f->getF32("test.f64"); }).thrown);
        QVERIFY(fileErrorOf([&] { f->getInt("test.u64"); }).problem.find("too large") != std::string::npos);
        QVERIFY(!f->optionalString("absent"));
        QVERIFY(fileErrorOf([&] { f->optionalBool("test.u8"); }).thrown);
        QVERIFY(fileErrorOf([&] { f->tensor("nope"); }).problem.find("no tensor 'nope'") != std::string::npos);
    }

    void halfConversionIsExact() {
        QCOMPARE(gguf::halfToFloat(0x3C00), 1.0f);
        QCOMPARE(gguf::halfToFloat(0xC000), -2.0f);
        QCOMPARE(gguf::halfToFloat(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
        QCOMPARE(gguf::halfToFloat(0x03FF), std::ldexp(1023.0f, -24));
        QCOMPARE(gguf::halfToFloat(0x7BFF), 65504.0f);
        QVERIFY(std::isinf(gguf::halfToFloat(0x7C00)));
        QVERIFY(std::isnan(gguf::halfToFloat(0x7E00)));
        QVERIFY(std::signbit(gguf::halfToFloat(0x8000)));
        QCOMPARE(gguf::bfloat16ToFloat(0x3F80), 1.0f);
    }

    void validFileReads() {
        const std::string path = writeBytes("ok.gguf", validBuilder().bytes());
        auto f = gguf::File::open(path);
        QCOMPARE(f->tensors().size(), std::size_t(2));
        QCOMPARE(f->tensor("a").torchShape(), (std::vector<int64_t>{2, 4}));
        QCOMPARE(gguf::dequantize(*f, f->tensor("b")), (std::vector<float>{-1, -2, -3}));
        QCOMPARE(f->tensor("b").offset, uint64_t(32));
    }

    void version2Reads() {
        GgufBuilder b = validBuilder();
        b.version = 2;
        QCOMPARE(gguf::File::open(writeBytes("v2.gguf", b.bytes()))->version(), 2u);
    }

    void everyTruncationFails() {
        const std::string full = validBuilder().bytes();
        for (std::size_t n = 0; n < full.size(); ++n) {
            const std::string path = writeBytes("cut.gguf", full.substr(0, n));
            const Failure f = fileErrorOf([&] { gguf::File::open(path); });
            QVERIFY2(f.thrown, ("a file cut to " + std::to_string(n) + " bytes was accepted").c_str());
            QCOMPARE(f.path, path);
        }
    }

    // Every header byte replaced by 0x00, 0x7F or 0xFF: a FileError or a valid file, never a crash.
    void corruptedHeaderBytesNeverCrash() {
        const std::string full = validBuilder().bytes();
        const std::size_t headerBytes = validBuilder().header().size();
        for (std::size_t i = 0; i < headerBytes; ++i) {
            for (char c : {'\x00', '\x7f', '\xff'}) {
                std::string bytes = full;
                bytes[i] = c;
                const std::string path = writeBytes("flip.gguf", bytes);
                try {
                    auto f = gguf::File::open(path);
                    for (const auto& t : f->tensors())
                        if (gguf::canDequantize(t.type)) gguf::dequantize(*f, t);
                } catch (const FileError& e) {
                    QCOMPARE(e.path(), path);
                }
            }
        }
    }

    void rejectsBadMagicAndVersion() {
        std::string bytes = validBuilder().bytes();
        bytes[0] = 'X';
        expectRejected(bytes, "not a GGUF file");
        for (uint32_t v : {1u, 4u}) {
            GgufBuilder b = validBuilder();
            b.version = v;
            expectRejected(b.bytes(), "GGUF version " + std::to_string(v) + " is not supported");
        }
    }

    void rejectsImpossibleCounts() {
        GgufBuilder b = validBuilder();
        b.tensorCountOverride = uint64_t(1) << 62;
        expectRejected(b.bytes(), "tensor count 4611686018427387904 is impossible");
        GgufBuilder k = validBuilder();
        k.kvCountOverride = ~uint64_t(0);
        expectRejected(k.bytes(), "metadata count");
        GgufBuilder a;
        a.addRaw("huge", kGgufArray, le32(kGgufU64) + le64(uint64_t(1) << 61));
        expectRejected(a.bytes(), "metadata 'huge': array length 2305843009213693952 is impossible");
    }

    void rejectsStringPastEnd() {
        GgufBuilder b;
        b.addRaw("s", kGgufString, le64(1000) + "short");
        expectRejected(b.bytes(), "string length 1000 runs past the end of the file");
        // One key whose length is near 2^64.
        expectRejected("GGUF" + le32(3) + le64(0) + le64(1) + le64(~uint64_t(0) - 3) + "12345678",
                       "metadata key length");
    }

    void rejectsBadValues() {
        GgufBuilder t;
        t.addRaw("x", 13, le32(0));
        expectRejected(t.bytes(), "metadata 'x' has unknown value type 13");
        GgufBuilder b;  // a bool byte other than 0 or 1 reads as true, as in the gguf package and llama.cpp
        b.addRaw("flag", kGgufBool, std::string(1, '\x02'));
        QCOMPARE(gguf::File::open(writeBytes("bool2.gguf", b.bytes()))->getBool("flag"), true);
        GgufBuilder d;
        d.addU32("k", 1);
        d.addU32("k", 2);
        expectRejected(d.bytes(), "metadata key 'k' appears twice");
        // Arrays of arrays (llama.cpp refuses them).
        GgufBuilder n;
        n.addRaw("nested", kGgufArray, le32(kGgufArray) + le64(1) + le32(kGgufU8) + le64(0));
        expectRejected(n.bytes(), "metadata 'nested' is an array of arrays");
        GgufBuilder u;
        u.addU32("bad\xff", 1);
        expectRejected(u.bytes(), "a metadata key is not valid UTF-8");
    }

    void rejectsBadAlignment() {
        GgufBuilder b = validBuilder();
        b.addU32("general.alignment", 24);
        expectRejected(b.bytes(), "general.alignment 24 is not a power of two");
        GgufBuilder w = validBuilder();
        w.addString("general.alignment", "32");
        expectRejected(w.bytes(), "'general.alignment' is string, expected u32");
        // A legal alignment of 64 is honoured: offsets and data start move.
        GgufBuilder ok;
        ok.alignment = 64;
        ok.addU32("general.alignment", 64);
        ok.addF32Tensor("a", {2}, {1, 2});
        ok.addF32Tensor("b", {2}, {3, 4});
        auto f = gguf::File::open(writeBytes("a64.gguf", ok.bytes()));
        QCOMPARE(f->alignment(), uint64_t(64));
        QCOMPARE(f->dataStart() % 64, uint64_t(0));
        QCOMPARE(gguf::dequantize(*f, f->tensor("b")), (std::vector<float>{3, 4}));
    }

    void rejectsBadTensorInfos() {
        const std::string four = f32Bytes(1) + f32Bytes(2) + f32Bytes(3) + f32Bytes(4);
        {
            GgufBuilder b;
            b.addTensor("past", kGgmlF32, {4}, "", 64);
            expectRejected(b.bytes(), "tensor 'past' starts at offset 64 of the data section, expected 0");
        }
        {
            GgufBuilder b;
            b.addTensor("odd", kGgmlF32, {4}, four + four, 4);
            expectRejected(b.bytes() + four + four, "tensor 'odd' starts at offset 4 of the data section, expected 0");
        }
        {
            GgufBuilder b;
            b.addTensor("short", kGgmlF32, {8}, four);
            expectRejected(b.bytes(), "tensor 'short' data [0, +32) ends beyond the data section (16 bytes)");
        }
        {
            GgufBuilder b;
            b.addTensor("q", kGgmlQ4_0, {20, 2}, std::string(36, '\0'));
            expectRejected(b.bytes(), "tensor 'q' row length 20 (dims [20, 2]) is not a multiple of the Q4_0 block size 32");
        }
        {
            GgufBuilder b;
            b.addTensor("u", 99, {4}, four);
            expectRejected(b.bytes(), "tensor 'u' has unknown tensor type 99");
        }
        {
            GgufBuilder b;
            b.addTensor("t", kGgmlF32, {4}, four);
            b.addTensor("t", kGgmlF32, {4}, four);
            expectRejected(b.bytes(), "tensor name 't' appears twice");
        }
        {
            GgufBuilder b;
            b.addTensor("a", kGgmlF32, {8}, four + four);
            b.addTensor("b", kGgmlF32, {4}, four, 0);
            expectRejected(b.bytes(), "tensor 'b' starts at offset 0 of the data section, expected 32");
        }
        {
            GgufBuilder b;
            b.addTensor(std::string(64, 'x'), kGgmlF32, {4}, four);
            expectRejected(b.bytes(), "name is 64 bytes long (llama.cpp allows at most 63)");
        }
        {
            GgufBuilder b;  // no dimensions: a scalar
            b.addTensor("scalar", kGgmlF32, {}, f32Bytes(7));
            auto f = gguf::File::open(writeBytes("scalar.gguf", b.bytes()));
            QCOMPARE(f->tensor("scalar").numel, uint64_t(1));
            QCOMPARE(f->tensor("scalar").torchShape(), std::vector<int64_t>{});
        }
        {
            GgufBuilder b;
            b.addTensor("five", kGgmlF32, {1, 1, 1, 1, 1}, f32Bytes(1));
            expectRejected(b.bytes(), "tensor 'five' has 5 dimensions (at most 4 allowed)");
        }
        {
            GgufBuilder b;
            b.addTensor("huge", kGgmlF32, {uint64_t(1) << 40, uint64_t(1) << 40}, four);
            expectRejected(b.bytes(), "more elements than can be addressed");
        }
        {
            GgufBuilder b;
            b.addTensor("big", kGgmlF32, {uint64_t(1) << 62}, four);
            expectRejected(b.bytes(), "need more bytes than can be addressed");
        }
    }

    void unsupportedTypeIsNamedWhenDequantising() {
        GgufBuilder b;
        b.addTensor("k5", 13, {256}, std::string(176, '\0'));  // Q5_K: valid to read, not to dequantise
        const std::string path = writeBytes("q5k.gguf", b.bytes());
        auto f = gguf::File::open(path);
        const Failure fail = fileErrorOf([&] { gguf::dequantize(*f, f->tensor("k5")); });
        QVERIFY(fail.thrown);
        QVERIFY2(fail.problem.find("tensor 'k5' has type Q5_K, which cannot be dequantised") != std::string::npos,
                 fail.problem.c_str());
    }
};

QTEST_GUILESS_MAIN(TestGguf)
#include "test_gguf.moc"
