#include <QtTest>

#include <cstdlib>
#include <filesystem>

#include "gguf_metadata_dump.h"
#include "model/gguf_tokenizer.h"
#include "model/tokenizer.h"
#include "util/error.h"
#include "util/json_file.h"

using nlohmann::json;
using redit::FileError;
using redit::GgufTokenizerMetadata;
using redit::Tokenizer;
using redit::tokenizerJsonFromGguf;

namespace {

const std::string kSource = "model.gguf";

// A tiny byte-level vocabulary: three control tokens, one user-defined token, the characters used below
// ('Ġ' is GPT-2's byte-level space) and the tokens the merges make, in merge order.
GgufTokenizerMetadata tinyMetadata() {
    GgufTokenizerMetadata m;
    m.model = "gpt2";
    m.pre = "smollm";
    m.tokens = {"<|endoftext|>", "<|im_start|>", "<|im_end|>", "<tool>",                                  // 0-3
                "h", "e", "l", "o", "\xC4\xA0", "w", "r", "d", "1", "2", "3", ".",                       // 4-15
                "he", "ll", "hell", "hello", "\xC4\xA0w", "or", "\xC4\xA0wor", "\xC4\xA0worl",          // 16-23
                "\xC4\xA0world", "12"};                                                                 // 24-25
    m.tokenTypes.assign(m.tokens.size(), 1);
    m.tokenTypes[0] = m.tokenTypes[1] = m.tokenTypes[2] = 3;  // CONTROL
    m.tokenTypes[3] = 4;                                      // USER_DEFINED
    m.merges = {"h e", "l l", "he ll", "hell o", "\xC4\xA0 w", "o r", "\xC4\xA0w or", "\xC4\xA0wor l",
                "\xC4\xA0worl d", "1 2"};
    m.bosId = 1;
    m.eosId = 2;
    m.unknownId = 0;
    m.paddingId = 2;
    m.addBos = false;
    m.addSpacePrefix = false;
    return m;
}

Tokenizer tokenizerOf(const GgufTokenizerMetadata& m) { return Tokenizer::fromJson(tokenizerJsonFromGguf(m, kSource), kSource); }

QString show(const std::vector<int32_t>& ids) {
    QStringList parts;
    for (int32_t id : ids) parts << QString::number(id);
    return "[" + parts.join(", ") + "]";
}

// The real model's metadata dump (scripts/reference/tokenizer_parity.py writes it there).
std::string realMetadataDump() {
    if (const char* path = std::getenv("REDIT_SMOLLM2_TOKENIZER_METADATA")) return path;
    return std::string(REDIT_BINARY_DIR) + "/parity/smollm2_tokenizer_metadata.json";
}

}  // namespace

class TestGgufTokenizer : public QObject {
    Q_OBJECT

private slots:
    void encodesAsHandComputed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("ids");
        QTest::newRow("merges") << "hello world" << "[19, 24]";
        // smollm isolates every digit first, so the merge "1 2" never applies and " " stays a piece alone.
        QTest::newRow("digits one by one") << "hello 123" << "[19, 8, 12, 13, 14]";
        QTest::newRow("number with point") << "3.12" << "[14, 15, 12, 13]";
        QTest::newRow("control tokens") << "<|im_start|>hello<|im_end|>" << "[1, 19, 2]";
        QTest::newRow("user-defined token") << "hello<tool>" << "[19, 3]";
    }
    void encodesAsHandComputed() {
        QFETCH(QString, text);
        QFETCH(QString, ids);
        QCOMPARE(show(tokenizerOf(tinyMetadata()).encode(text.toStdString())), ids);
    }

    void gpt2PreTokenizerKeepsDigitRuns() {
        GgufTokenizerMetadata m = tinyMetadata();
        m.pre = "gpt-2";
        QCOMPARE(show(tokenizerOf(m).encode("hello 123")), QString("[19, 8, 25, 14]"));  // " 123": Ġ 12 3
    }

    void specialTokensAndDecoding() {
        const Tokenizer t = tokenizerOf(tinyMetadata());
        QVERIFY(t.isSpecial(0) && t.isSpecial(1) && t.isSpecial(2));
        QVERIFY(!t.isSpecial(3));  // user-defined: matched in text, but not special
        QVERIFY(!t.isSpecial(19));
        QCOMPARE(t.vocabSize(), 26);
        QCOMPARE(QString::fromStdString(t.decode({1, 19, 24, 2}, true)), QString("hello world"));
        QCOMPARE(QString::fromStdString(t.decode({19, 8, 12, 13, 14})), QString("hello 123"));
    }

    void bosAndEosFollowTheFlags() {
        GgufTokenizerMetadata m = tinyMetadata();
        QCOMPARE(show(tokenizerOf(m).encode("hello", true)), QString("[19]"));
        QVERIFY(tokenizerJsonFromGguf(m, kSource)["post_processor"].is_null());
        m.addBos = true;
        QCOMPARE(show(tokenizerOf(m).encode("hello", true)), QString("[1, 19]"));
        QCOMPARE(show(tokenizerOf(m).encode("hello", false)), QString("[19]"));
        m.addEos = true;
        QCOMPARE(show(tokenizerOf(m).encode("hello", true)), QString("[1, 19, 2]"));
        // Without the flag, llama.cpp's default for the type: Llama 3 adds bos (and keeps vocabulary words whole).
        m.addBos.reset();
        m.addEos.reset();
        m.pre = "llama-bpe";
        const json j = tokenizerJsonFromGguf(m, kSource);
        QVERIFY(j["model"]["ignore_merges"].get<bool>());
        QCOMPARE(show(Tokenizer::fromJson(j, kSource).encode("hello", true)), QString("[1, 19]"));
    }

    // Every pre-tokenizer type in the table gives a tokenizer.json our reader accepts (all regexes compile).
    void everySupportedPreTokenizerLoads() {
        const QStringList names = {"gpt-2", "smollm", "starcoder", "refact", "command-r", "codeshell", "exaone",
                                   "minerva-7b", "qwen2", "stablelm2", "llama-bpe", "llama3", "dbrx",
                                   "falcon", "default", "", "deepseek-coder", "deepseek-v3", "bloom", "viking"};
        for (const QString& name : names) {
            GgufTokenizerMetadata m = tinyMetadata();
            m.pre = name.toStdString();
            try {
                const std::vector<int32_t> ids = tokenizerOf(m).encode("hello world.");
                QVERIFY2(!ids.empty(), qPrintable(name));
            } catch (const std::exception& e) {
                QFAIL(qPrintable(name + ": " + e.what()));
            }
        }
    }

    void badMetadataIsAFileError_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("sentencepiece") << 0 << "tokenizer.ggml.model 'llama' is not supported";
        QTest::newRow("unknown pre") << 1 << "tokenizer.ggml.pre 'mystery' is not a supported pre-tokenizer type";
        QTest::newRow("merge of unknown token") << 2 << "tokenizer.ggml.merges[10] 'h x': token 'x' is not in";
        QTest::newRow("merge result unknown") << 3 << "token 'el' is not in tokenizer.ggml.tokens";
        QTest::newRow("merge without space") << 4 << "'hx' is not two tokens separated by one space";
        QTest::newRow("token types length") << 5 << "tokenizer.ggml.token_type has 3 entries for 26 tokens";
        QTest::newRow("bos out of range") << 6 << "tokenizer.ggml.bos_token_id 26 is out of range (26 tokens)";
        QTest::newRow("bos missing") << 7 << "tokenizer.ggml.bos_token_id is missing";
        QTest::newRow("repeated token") << 8 << "tokenizer.ggml.tokens[25] 'he' repeats token 16";
        QTest::newRow("bad token type") << 9 << "tokenizer.ggml.token_type[4] 9 is not a token type";
        QTest::newRow("invalid utf-8") << 10 << "tokenizer.ggml.tokens[4] is not valid UTF-8";
        QTest::newRow("no tokens") << 11 << "tokenizer.ggml.tokens is empty";
        QTest::newRow("scores length") << 12 << "tokenizer.ggml.scores has 1 entries for 26 tokens";
    }
    void badMetadataIsAFileError() {
        QFETCH(int, which);
        QFETCH(QString, message);
        GgufTokenizerMetadata m = tinyMetadata();
        switch (which) {
        case 0: m.model = "llama"; break;
        case 1: m.pre = "mystery"; break;
        case 2: m.merges.push_back("h x"); break;
        case 3: m.merges.push_back("e l"); break;
        case 4: m.merges.push_back("hx"); break;
        case 5: m.tokenTypes.resize(3); break;
        case 6: m.bosId = 26; break;
        case 7: m.addBos = true; m.bosId.reset(); break;
        case 8: m.tokens[25] = "he"; break;
        case 9: m.tokenTypes[4] = 9; break;
        case 10: m.tokens[4] = "\xFF"; break;
        case 11: m.tokens.clear(); m.tokenTypes.clear(); break;
        case 12: m.scores = {0.5f}; break;
        }
        try {
            tokenizerJsonFromGguf(m, kSource);
            QFAIL("expected a FileError");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString::fromStdString(kSource));
            QVERIFY2(QString::fromStdString(e.problem()).contains(message), e.what());
        }
    }

    // The real SmolLM2-135M-Instruct tokenizer against llama.cpp's ids (tests/model/golden, from
    // scripts/reference/tokenizer_parity.py).
    void realModelMatchesLlamaCpp() {
        const std::string dump = realMetadataDump();
        if (!std::filesystem::exists(dump)) {
            QSKIP(qPrintable(QString("needs the SmolLM2-135M-Instruct GGUF tokenizer metadata at %1: run `make models`, "
                                     "then scripts/reference/tokenizer_parity.py (see its header)")
                                 .arg(QString::fromStdString(dump))));
        }
        const Tokenizer t = tokenizerOf(redit::testing::ggufMetadataFromDump(redit::readJsonFile(dump), dump));
        const json golden = redit::readJsonFile(std::string(REDIT_SOURCE_DIR) + "/tests/model/golden/smollm2_token_ids.json");
        int agreeing = 0;
        for (const json& c : golden.at("cases")) {
            const std::string text = c.at("string").get<std::string>();
            const auto expected = c.at("ids").get<std::vector<int32_t>>();
            const auto ids = t.encode(text);
            if (ids == expected) {
                ++agreeing;
            } else {
                qWarning("%s: ours %s, llama.cpp %s", c.at("string").dump().c_str(), qPrintable(show(ids)),
                         qPrintable(show(expected)));
            }
        }
        QCOMPARE(agreeing, int(golden.at("cases").size()));
    }
};

QTEST_GUILESS_MAIN(TestGgufTokenizer)
#include "test_gguf_tokenizer.moc"
