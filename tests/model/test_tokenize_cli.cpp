// Acceptance runs of `redit tokenize` (issue #18): the CLI, run as a user runs it, gives the reference's ids on
// the conformance strings for tokenizers shaped like Llama 2 (SentencePiece-style BPE with byte fallback),
// Mistral (Metaspace), Gemma and SmolLM2 (byte-level BPE after Digits), all from the corpus that
// scripts/reference/conformance_corpus.py recorded with the `tokenizers` package, and for the real SmolLM2 GGUF
// when it is present. The GGUF's reference ids are those of SmolLM2's own tokenizer.json (smollm2.json.qz):
// transformers' GGUF tokenizer conversion (smollm2_gguf.json.qz) drops the Digits pre-tokenizer and so differs
// from it where a digit other than 0-9 follows a space; the test shows where.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "cli_process.h"
#include "conformance_corpus.h"
#include "temp_dir.h"

using nlohmann::json;
using redit::testing::loadCorpus;
using redit::testing::runRedit;
using redit::testing::Tally;

namespace {

// The cases a command line can carry (no NUL byte).
std::vector<json> passableCases(const json& cases) {
    std::vector<json> out;
    for (const json& c : cases)
        if (c.at("text").get<std::string>().find('\0') == std::string::npos && c.contains("ids")) out.push_back(c);
    return out;
}

// `redit tokenize MODEL --ids-only [--special] --text ... --text ...`: one line of ids per text.
std::vector<std::vector<int32_t>> cliIds(const QString& model, const std::vector<json>& cases, bool special) {
    QStringList args{"tokenize", model, "--ids-only"};
    if (special) args << "--special";
    for (const json& c : cases) args << "--text" << QString::fromStdString(c.at("text").get<std::string>());
    const redit::testing::CliResult r = runRedit(args);
    if (r.code != 0) return {};
    std::vector<std::vector<int32_t>> lines;
    for (const QString& line : r.out.split('\n')) {
        std::vector<int32_t> ids;
        for (const QString& id : line.split(' ', Qt::SkipEmptyParts)) ids.push_back(id.toInt());
        lines.push_back(ids);
    }
    lines.resize(cases.size());  // the last split piece is after the final newline
    return lines;
}

void compare(const std::string& name, const QString& model, const std::vector<json>& cases, Tally& tally) {
    for (bool special : {false, true}) {
        const auto lines = cliIds(model, cases, special);
        tally.check(lines.size() == cases.size(), name + ": redit tokenize failed");
        if (lines.size() != cases.size()) return;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const auto expected = cases[i].at(special ? "ids_special" : "ids").get<std::vector<int32_t>>();
            tally.check(lines[i] == expected, name + (special ? " --special" : "") + " on " +
                                                  cases[i].at("text").dump() + ": " + json(lines[i]).dump() +
                                                  ", reference " + json(expected).dump());
        }
    }
}

std::string smolPath() {
    if (const char* env = std::getenv("REDIT_SMOLLM2_GGUF")) return env;
    return std::string(REDIT_BINARY_DIR) + "/models/smollm2-135m-instruct.Q4_1.gguf";
}

}  // namespace

class TestTokenizeCli : public QObject {
    Q_OBJECT
private slots:
    void familyShapesGiveTheReferenceIds() {
        const json corpus = loadCorpus("tokenizers.json.qz");
        Tally tally;
        int families = 0;
        for (const json& entry : corpus.at("entries")) {
            const std::string name = entry.at("name");
            if (name != "llama2" && name != "mistral_metaspace_first" && name != "gemma" && name != "smollm2_shape")
                continue;
            ++families;
            QTemporaryDir dir;
            std::ofstream(redit::testing::pathIn(dir, "tokenizer.json")) << entry.at("tokenizer").dump();
            compare(name, dir.path(), passableCases(entry.at("cases")), tally);
        }
        tally.report("redit tokenize, family shapes");
        QCOMPARE(families, 4);
        QVERIFY(tally.cases > 300);
        QCOMPARE(int(tally.disagreements.size()), 0);
    }

    void smolLM2GgufGivesTheReferenceIds() {
        const std::string path = smolPath();
        if (!std::filesystem::exists(path))
            QSKIP(("no " + path + ": run `make models` (or set REDIT_SMOLLM2_GGUF) to run `redit tokenize` on the "
                   "real SmolLM2 GGUF").c_str());
        const json corpus = loadCorpus("smollm2_gguf.json.qz");
        const json tokenizerJson = loadCorpus("smollm2.json.qz");  // SmolLM2's tokenizer.json, `tokenizers`
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QVERIFY(hash.addData(&file));
        QCOMPARE(hash.result().toHex().toStdString(), corpus.at("sha256").get<std::string>());
        const std::vector<json> cases = passableCases(tokenizerJson.at("cases"));
        Tally tally;
        compare("SmolLM2 GGUF", QString::fromStdString(path), cases, tally);
        tally.report("redit tokenize, SmolLM2 GGUF against SmolLM2's tokenizer.json");
        QCOMPARE(int(tally.disagreements.size()), 0);
        QVERIFY(tally.cases > 90);

        // transformers' conversion of the same file: same ids except where it lost the Digits pre-tokenizer.
        Tally converted;
        const std::vector<json> convertedCases = passableCases(corpus.at("cases"));
        QCOMPARE(convertedCases.size(), cases.size());
        for (std::size_t i = 0; i < cases.size(); ++i)
            converted.check(cases[i].at("ids") == convertedCases[i].at("ids"),
                            "transformers' GGUF tokenizer on " + cases[i].at("text").dump());
        converted.report("transformers' GGUF conversion against SmolLM2's tokenizer.json");
        QCOMPARE(int(converted.disagreements.size()), 1);  // "Ünïcödé ünknown ǅ ﬁ ① ²": " ①", " ²" kept whole
    }
};

QTEST_GUILESS_MAIN(TestTokenizeCli)
#include "test_tokenize_cli.moc"
