#include <QtTest>

#include <array>
#include <thread>

#include "model/tokenizer.h"
#include "model/tokenizer_byte_level.h"
#include "model/tokenizer_normalizer.h"
#include "model/tokenizer_pre_tokenizer.h"
#include "temp_dir.h"
#include "util/error.h"

using nlohmann::json;
using redit::FileError;
using redit::Tokenizer;

namespace {

const char* const kGpt2Regex = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
const char* const kLlama3Regex =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
const char* const kQwen2Regex =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// GPT-2's bytes_to_unicode(), written out independently of the implementation (Python original:
// printable Latin-1 bytes map to themselves, the others to 256, 257, ... in byte order).
std::array<std::string, 256> gpt2ByteChars() {
    std::vector<int> bytes;
    for (int b = '!'; b <= '~'; ++b) bytes.push_back(b);
    for (int b = 0xA1; b <= 0xAC; ++b) bytes.push_back(b);
    for (int b = 0xAE; b <= 0xFF; ++b) bytes.push_back(b);
    std::vector<char32_t> chars(bytes.begin(), bytes.end());
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
        if (std::find(bytes.begin(), bytes.end(), b) == bytes.end()) {
            bytes.push_back(b);
            chars.push_back(next++);
        }
    }
    std::array<std::string, 256> out;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        out[std::size_t(bytes[i])] = QString::fromUcs4(&chars[i], 1).toStdString();
    }
    return out;
}

// The byte-level form of raw bytes.
std::string byteLevel(const std::string& raw) {
    static const auto chars = gpt2ByteChars();
    std::string out;
    for (unsigned char b : raw) out += chars[b];
    return out;
}

json byteLevelPreTokenizer(bool addPrefixSpace = false) {
    return {{"type", "ByteLevel"}, {"add_prefix_space", addPrefixSpace}, {"trim_offsets", false}, {"use_regex", true}};
}

json splitThenByteLevel(const std::string& regex) {  // Qwen2 and Llama 3
    return {{"type", "Sequence"},
            {"pretokenizers",
             {{{"type", "Split"}, {"pattern", {{"Regex", regex}}}, {"behavior", "Isolated"}, {"invert", false}},
              {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}}}};
}

// A byte-level BPE tokenizer.json: byte b has id b, merged tokens follow from 256 in merge order.
// Merges are given in byte-level form as "left right".
json byteLevelBpe(const std::vector<std::string>& merges, const json& preTokenizer = byteLevelPreTokenizer()) {
    json vocab = json::object();
    const auto chars = gpt2ByteChars();
    for (int b = 0; b < 256; ++b) vocab[chars[std::size_t(b)]] = b;
    int next = 256;
    for (const std::string& merge : merges) {
        const std::string merged = merge.substr(0, merge.find(' ')) + merge.substr(merge.find(' ') + 1);
        if (!vocab.contains(merged)) vocab[merged] = next++;
    }
    return {{"version", "1.0"},
            {"added_tokens", json::array()},
            {"normalizer", nullptr},
            {"pre_tokenizer", preTokenizer},
            {"post_processor", {{"type", "ByteLevel"}}},
            {"decoder", {{"type", "ByteLevel"}}},
            {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}, {"ignore_merges", false}}}};
}

// "Ġ t", "h e", "Ġt he", "e m", "Ġthe m" (byte-level forms).
std::vector<std::string> theMerges() {
    const std::string g = byteLevel(" ");
    return {g + " t", "h e", g + "t he", "e m", g + "the m"};
}

json addedToken(int id, const std::string& content, bool special, bool lstrip = false, bool rstrip = false,
                bool singleWord = false, bool normalized = false) {
    return {{"id", id},         {"content", content}, {"special", special},      {"lstrip", lstrip},
            {"rstrip", rstrip}, {"single_word", singleWord}, {"normalized", normalized}};
}

QString show(const std::vector<int32_t>& ids) {
    QStringList parts;
    for (int32_t id : ids) parts << QString::number(id);
    return "[" + parts.join(", ") + "]";
}

QString showPieces(const std::vector<std::string>& pieces) {
    QStringList parts;
    for (const std::string& p : pieces) parts << "'" + QString::fromStdString(p) + "'";
    return "[" + parts.join(", ") + "]";
}

std::vector<int32_t> idsOf(const Tokenizer& t, const std::vector<std::string>& tokens) {
    std::vector<int32_t> ids;
    for (const std::string& token : tokens) {
        auto id = t.tokenToId(token);
        if (!id) qFatal("fixture token '%s' is missing", token.c_str());
        ids.push_back(*id);
    }
    return ids;
}

std::vector<int32_t> bytesOf(const std::string& raw) {
    std::vector<int32_t> ids;
    for (unsigned char b : raw) ids.push_back(b);
    return ids;
}

std::vector<std::string> splitWith(const json& preTokenizer, const std::string& text) {
    return redit::tok::PreTokenizer::parse(preTokenizer, "t.json", "pre_tokenizer").split(text);
}

json splitOnly(const std::string& regex) {
    return {{"type", "Split"}, {"pattern", {{"Regex", regex}}}, {"behavior", "Isolated"}, {"invert", false}};
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

private slots:
    void byteMapMatchesGpt2() {
        // Hand-checked values: printable ASCII and Latin-1 stay, the rest count up from U+0100.
        const auto& map = redit::tok::ByteLevelMap::instance();
        auto mapped = [&](std::string raw) {
            std::string out;
            map.encode(raw, out);
            return QString::fromStdString(out);
        };
        QCOMPARE(mapped("a"), QString("a"));
        QCOMPARE(mapped(" "), QString(QChar(0x0120)));              // Ġ
        QCOMPARE(mapped("\n"), QString(QChar(0x010A)));             // Ċ
        QCOMPARE(mapped(std::string(1, '\0')), QString(QChar(0x0100)));  // Ā
        QCOMPARE(mapped("\x7F"), QString(QChar(0x0121)));           // 33 unprintable bytes come before it
        QCOMPARE(mapped("\xAD"), QString(QChar(0x0143)));           // the last one: Ń
        QCOMPARE(mapped("\xE4\xB8\xAD"), QString::fromUtf8("ä¸Ń"));  // 中
        // Every byte agrees with the independent implementation, and maps back.
        const auto chars = gpt2ByteChars();
        for (int b = 0; b < 256; ++b) {
            std::string raw(1, char(b)), out, back;
            map.encode(raw, out);
            QCOMPARE(QByteArray::fromStdString(out), QByteArray::fromStdString(chars[std::size_t(b)]));
            QVERIFY(map.decode(out, back));
            QCOMPARE(QByteArray::fromStdString(back), QByteArray::fromStdString(raw));
        }
        std::string untouched = "x";
        QVERIFY(!map.decode("<|im_start|> ", untouched));  // a space is not a byte-level character
        QCOMPARE(QString::fromStdString(untouched), QString("x"));
    }

    void lowerRankMergeWins_data() {
        QTest::addColumn<QStringList>("merges");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        // "abc": both pairs can merge; the one listed first has the lower rank.
        QTest::newRow("b c first") << QStringList{"b c", "a b"} << "abc" << QStringList{"a", "bc"};
        QTest::newRow("a b first") << QStringList{"a b", "b c"} << "abc" << QStringList{"ab", "c"};
        // "abcd": c+d (0), then b+cd (1) beats a+b (2); "a bcd" is no merge.
        QTest::newRow("chain") << QStringList{"c d", "b cd", "a b"} << "abcd" << QStringList{"a", "bcd"};
        // "aaaaa": a+a merges leftmost first: aa a a a -> aa aa a -> aaaa a.
        QTest::newRow("ties leftmost") << QStringList{"a a", "aa aa"} << "aaaaa" << QStringList{"aaaa", "a"};
        QTest::newRow("odd run") << QStringList{"a a"} << "aaa" << QStringList{"aa", "a"};
    }
    void lowerRankMergeWins() {
        QFETCH(QStringList, merges);
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        std::vector<std::string> mergeList, expectedTokens;
        for (const QString& m : merges) mergeList.push_back(m.toStdString());
        for (const QString& e : expected) expectedTokens.push_back(e.toStdString());

        Tokenizer asStrings = Tokenizer::fromJson(byteLevelBpe(mergeList), "strings.json");
        QCOMPARE(show(asStrings.encode(text.toStdString())), show(idsOf(asStrings, expectedTokens)));

        // The same merges as ["left", "right"] pairs.
        json pairs = byteLevelBpe(mergeList);
        json list = json::array();
        for (const QString& m : merges) list.push_back({m.section(' ', 0, 0).toStdString(), m.section(' ', 1).toStdString()});
        pairs["model"]["merges"] = list;
        Tokenizer asPairs = Tokenizer::fromJson(pairs, "pairs.json");
        QCOMPARE(show(asPairs.encode(text.toStdString())), show(idsOf(asPairs, expectedTokens)));
    }

    void ignoreMergesKeepsVocabularyWords() {
        // "abc" is in the vocabulary, but the merges only reach "ab c".
        json j = byteLevelBpe({"a b"});
        j["model"]["vocab"]["abc"] = 1000;
        Tokenizer merging = Tokenizer::fromJson(j, "t.json");
        QCOMPARE(show(merging.encode("abc")), show(idsOf(merging, {"ab", "c"})));
        j["model"]["ignore_merges"] = true;
        Tokenizer llama3 = Tokenizer::fromJson(j, "t.json");
        // " abd" ("Ġabd") is not in the vocabulary: it is merged as usual.
        QCOMPARE(show(llama3.encode("abc abd")), show({1000, ' ', idsOf(llama3, {"ab"})[0], 'd'}));
    }

    void byteFallbackAndUnk() {
        // A BPE without byte-level pre-tokenization (Llama 2 style): unknown characters fall back to
        // <0xAB> byte tokens where the vocabulary has them, otherwise to unk_token.
        json j = {{"model", {{"type", "BPE"},
                             {"vocab", {{"<unk>", 0}, {"<0xC3>", 1}, {"<0xA9>", 2}, {"a", 3}, {"b", 4}, {"ab", 5}}},
                             {"merges", {"a b"}},
                             {"unk_token", "<unk>"},
                             {"byte_fallback", true},
                             {"fuse_unk", false}}}};
        QCOMPARE(show(Tokenizer::fromJson(j, "t.json").encode("abé")), show({5, 1, 2}));
        QCOMPARE(show(Tokenizer::fromJson(j, "t.json").encode("azzb")), show({3, 0, 0, 4}));
        j["model"]["fuse_unk"] = true;
        QCOMPARE(show(Tokenizer::fromJson(j, "t.json").encode("azzb")), show({3, 0, 4}));
        j["model"]["byte_fallback"] = false;
        QCOMPARE(show(Tokenizer::fromJson(j, "t.json").encode("é")), show({0}));
        // Without unk_token, Hugging Face drops the character.
        j["model"].erase("unk_token");
        QCOMPARE(show(Tokenizer::fromJson(j, "t.json").encode("abz")), show({5}));
        // An unk_token outside the vocabulary fails only when a character needs it, as in Hugging Face.
        j["model"]["unk_token"] = "<nope>";
        QCOMPARE(show(Tokenizer::fromJson(j, "t.json").encode("ab")), show({5}));
        QVERIFY_THROWS_EXCEPTION(redit::Error, Tokenizer::fromJson(j, "t.json").encode("abz"));
        QCOMPARE(QString::fromStdString(Tokenizer::fromJson(j, "t.json").kind()), QString("BPE (1 merge)"));
    }

    void multiByteCharactersGoThroughTheByteMap() {
        Tokenizer t = Tokenizer::fromJson(byteLevelBpe({}), "t.json");
        QCOMPARE(show(t.encode("é")), show({0xC3, 0xA9}));
        QCOMPARE(show(t.encode("中文")), show({0xE4, 0xB8, 0xAD, 0xE6, 0x96, 0x87}));
        QCOMPARE(show(t.encode("😀")), show({0xF0, 0x9F, 0x98, 0x80}));
        for (const char* text : {"é", "中文", "😀", "naïve café 中文 😀!"}) {
            QCOMPARE(QString::fromStdString(t.decode(t.encode(text))), QString::fromUtf8(text));
        }
        // With a merge of the two bytes of "é" ("Ã" + "©" in byte-level form) it is one token.
        Tokenizer merged = Tokenizer::fromJson(byteLevelBpe({byteLevel("\xC3") + " " + byteLevel("\xA9")}), "t.json");
        QCOMPARE(show(merged.encode("é")), show({256}));
        QCOMPARE(QString::fromStdString(merged.idToToken(256)), QString::fromUtf8("Ã©"));
        QCOMPARE(QString::fromStdString(merged.decode({256})), QString::fromUtf8("é"));
    }

    void partialCharactersDecodeToReplacement() {
        Tokenizer t = Tokenizer::fromJson(byteLevelBpe({}), "t.json");
        const QByteArray replacement("\xEF\xBF\xBD");
        QCOMPARE(QByteArray::fromStdString(t.decode({0xE4})), replacement);
        QCOMPARE(QByteArray::fromStdString(t.decode({0xE4, 0xB8})), replacement);  // one truncated character
        QCOMPARE(QByteArray::fromStdString(t.decode({0xB8})), replacement);        // a lone continuation byte
        QCOMPARE(QByteArray::fromStdString(t.decode({0xE4, 'a', 0xFF})), replacement + "a" + replacement);
        QCOMPARE(QByteArray::fromStdString(t.decode({0xE4, 0xB8, 0xAD})), QByteArray("\xE4\xB8\xAD"));
        QCOMPARE(QString::fromStdString(t.decode({-1, 99999, 'o', 'k'})), QString("ok"));  // unknown ids skipped
    }

    void preTokenizerRegexSplits_data() {
        QTest::addColumn<QString>("regex");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("pieces");
        const QString gpt2 = kGpt2Regex, qwen2 = kQwen2Regex;
        // Hand-derived from the alternatives in order; \s+(?!\S) leaves the last space for the next word.
        QTest::newRow("gpt2 spaces and newlines")
            << gpt2 << "Hello  world\n\nfoo   bar"
            << QStringList{"Hello", " ", " world", "\n", "\n", "foo", "  ", " bar"};
        QTest::newRow("qwen2 spaces and newlines")
            << qwen2 << "Hello  world\n\nfoo   bar" << QStringList{"Hello", " ", " world", "\n\n", "foo", "  ", " bar"};
        QTest::newRow("gpt2 spaces before newline") << gpt2 << "a  \n b" << QStringList{"a", "  \n", " b"};
        QTest::newRow("qwen2 spaces before newline") << qwen2 << "a  \n b" << QStringList{"a", "  \n", " b"};
        // GPT-2 lets only a space lead a word; Qwen2 any one non-newline, non-letter character.
        QTest::newRow("gpt2 crlf") << gpt2 << "a\r\nb\t\tc" << QStringList{"a", "\r", "\n", "b", "\t", "\t", "c"};
        QTest::newRow("qwen2 crlf") << qwen2 << "a\r\nb\t\tc" << QStringList{"a", "\r\n", "b", "\t", "\tc"};
        QTest::newRow("gpt2 numbers") << gpt2 << "x 2024" << QStringList{"x", " 2024"};
        QTest::newRow("qwen2 single digits") << qwen2 << "x 2024" << QStringList{"x", " ", "2", "0", "2", "4"};
        QTest::newRow("llama3 digit triples") << QString(kLlama3Regex) << "x 2024" << QStringList{"x", " ", "202", "4"};
        QTest::newRow("gpt2 case-sensitive 's") << gpt2 << "IT'S ok" << QStringList{"IT", "'", "S", " ok"};
        QTest::newRow("qwen2 case-insensitive 's") << qwen2 << "IT'S ok" << QStringList{"IT", "'S", " ok"};
        QTest::newRow("qwen2 punctuation with newline") << qwen2 << "end.\n\nNext" << QStringList{"end", ".\n\n", "Next"};
        QTest::newRow("unicode letters") << qwen2 << "中文 é!" << QStringList{"中文", " é", "!"};
    }
    void preTokenizerRegexSplits() {
        QFETCH(QString, regex);
        QFETCH(QString, text);
        QFETCH(QStringList, pieces);
        std::vector<std::string> expected;
        for (const QString& p : pieces) expected.push_back(p.toStdString());
        QCOMPARE(showPieces(splitWith(splitOnly(regex.toStdString()), text.toStdString())), showPieces(expected));
        // Through Split + ByteLevel (Qwen2's layout) the same pieces come out in byte-level form.
        for (std::string& p : expected) p = byteLevel(p);
        QCOMPARE(showPieces(splitWith(splitThenByteLevel(regex.toStdString()), text.toStdString())), showPieces(expected));
    }

    void digitsPreTokenizer() {
        const json individual = {{"type", "Digits"}, {"individual_digits", true}};
        const json runs = {{"type", "Digits"}, {"individual_digits", false}};
        // Any Unicode number counts (Arabic-Indic three, superscript two), as in Hugging Face's char::is_numeric.
        QCOMPARE(showPieces(splitWith(individual, "ab 123 x\u0663" "4\u00B2.")),
                 showPieces({"ab ", "1", "2", "3", " x", "\u0663", "4", "\u00B2", "."}));
        QCOMPARE(showPieces(splitWith(runs, "ab 123 x\u0663" "4\u00B2.")),
                 showPieces({"ab ", "123", " x", "\u0663" "4\u00B2", "."}));
        QCOMPARE(showPieces(splitWith({{"type", "Digits"}}, "v2024")), showPieces({"v", "2024"}));  // default: runs
        QCOMPARE(showPieces(splitWith(individual, "no digits")), showPieces({"no digits"}));
        // SmolLM2's layout: digits one by one, then GPT-2's regex; " 3.14" keeps its space as a piece of its own.
        const json smollm = {{"type", "Sequence"}, {"pretokenizers", {individual, byteLevelPreTokenizer()}}};
        QCOMPARE(showPieces(splitWith(smollm, "pi 3.14")),
                 showPieces({"pi", byteLevel(" "), "3", ".", "1", "4"}));
    }

    void byteLevelPreTokenizerUsesGpt2Regex() {
        QCOMPARE(showPieces(splitWith(byteLevelPreTokenizer(), "Hello  world\n")),
                 showPieces({"Hello", byteLevel(" "), byteLevel(" world"), byteLevel("\n")}));
        QCOMPARE(showPieces(splitWith(byteLevelPreTokenizer(true), "hi there")), showPieces({byteLevel(" hi"), byteLevel(" there")}));
        QCOMPARE(showPieces(splitWith(byteLevelPreTokenizer(true), " hi")), showPieces({byteLevel(" hi")}));
        json noRegex = byteLevelPreTokenizer();
        noRegex["use_regex"] = false;
        QCOMPARE(showPieces(splitWith(noRegex, "a b")), showPieces({byteLevel("a b")}));
    }

    void splitBehaviors_data() {
        QTest::addColumn<QString>("behavior");
        QTest::addColumn<bool>("invert");
        QTest::addColumn<QStringList>("pieces");
        // "a-b--c" split on the string "-" (Hugging Face's documented examples).
        QTest::newRow("Removed") << "Removed" << false << QStringList{"a", "b", "c"};
        QTest::newRow("Isolated") << "Isolated" << false << QStringList{"a", "-", "b", "-", "-", "c"};
        QTest::newRow("MergedWithPrevious") << "MergedWithPrevious" << false << QStringList{"a-", "b-", "-", "c"};
        QTest::newRow("MergedWithNext") << "MergedWithNext" << false << QStringList{"a", "-b", "-", "-c"};
        QTest::newRow("Contiguous") << "Contiguous" << false << QStringList{"a", "-", "b", "--", "c"};
        QTest::newRow("Removed inverted") << "Removed" << true << QStringList{"-", "-", "-"};
    }
    void splitBehaviors() {
        QFETCH(QString, behavior);
        QFETCH(bool, invert);
        QFETCH(QStringList, pieces);
        std::vector<std::string> expected;
        for (const QString& p : pieces) expected.push_back(p.toStdString());
        json split = {{"type", "Split"}, {"pattern", {{"String", "-"}}}, {"behavior", behavior.toStdString()},
                      {"invert", invert}};
        QCOMPARE(showPieces(splitWith(split, "a-b--c")), showPieces(expected));
    }

    void whitespacePreTokenizers() {
        QCOMPARE(showPieces(splitWith({{"type", "Whitespace"}}, "Hello, world! it's")),
                 showPieces({"Hello", ",", "world", "!", "it", "'", "s"}));
        QCOMPARE(showPieces(splitWith({{"type", "WhitespaceSplit"}}, "  a b,\t c\n")), showPieces({"a", "b,", "c"}));
        // A string pattern is literal: "." is not a wildcard.
        json dots = {{"type", "Split"}, {"pattern", {{"String", "."}}}, {"behavior", "Removed"}};
        QCOMPARE(showPieces(splitWith(dots, "a.b.c")), showPieces({"a", "b", "c"}));
        QCOMPARE(showPieces(splitWith(nullptr, "a b")), showPieces({"a b"}));
        QCOMPARE(showPieces(splitWith({{"type", "Whitespace"}}, "")), showPieces({}));
    }

    void addedTokensAreSplitOutFirst() {
        json j = byteLevelBpe({});
        j["added_tokens"] = {addedToken(300, "<|im_start|>", true), addedToken(301, "<|im_end|>", true),
                             addedToken(302, "[A]", false), addedToken(303, "[A][B]", false)};
        Tokenizer t = Tokenizer::fromJson(j, "t.json");
        const std::string text = "hi<|im_start|>user\n[A][B]x[A]<|im_end|>";
        std::vector<int32_t> expected = {'h', 'i', 300, 'u', 's', 'e', 'r', '\n', 303, 'x', 302, 301};
        QCOMPARE(show(t.encode(text)), show(expected));
        QCOMPARE(QString::fromStdString(t.decode(expected)), QString::fromStdString(text));
        QCOMPARE(QString::fromStdString(t.decode(expected, true)), QString("hiuser\n[A][B]x[A]"));
        QVERIFY(t.isSpecial(300));
        QVERIFY(!t.isSpecial(302));
        QVERIFY(!t.isSpecial('h'));
        QVERIFY(t.tokenToId("<|im_end|>") == 301);
        QCOMPARE(QString::fromStdString(t.idToToken(303)), QString("[A][B]"));
        QCOMPARE(t.vocabSize(), 304);
        // An unfinished token is plain text.
        QCOMPARE(show(t.encode("<|im_")), show(bytesOf("<|im_")));
    }

    void addedTokenOptions() {
        json j = byteLevelBpe({});
        j["normalizer"] = {{"type", "NFC"}};
        j["added_tokens"] = {addedToken(300, "<mask>", true, true, true),
                             addedToken(301, "cat", false, false, false, true),
                             addedToken(302, "é", false, false, false, false, true)};
        Tokenizer t = Tokenizer::fromJson(j, "t.json");
        // lstrip and rstrip take the spaces around the token.
        QCOMPARE(show(t.encode("a <mask>  b")), show({'a', 300, 'b'}));
        // single_word: "cat" inside "concat" is no match.
        QCOMPARE(show(t.encode("cat concat")), show({301, ' ', 'c', 'o', 'n', 'c', 'a', 't'}));
        // normalized: the NFC form of "e" + combining acute matches the token "é".
        QCOMPARE(show(t.encode("e\xCC\x81")), show({302}));
    }

    void templateProcessingPrependsBos() {
        json j = byteLevelBpe({}, splitThenByteLevel(kGpt2Regex));
        j["added_tokens"] = {addedToken(310, "<|begin_of_text|>", true)};
        j["post_processor"] = {
            {"type", "Sequence"},
            {"processors",
             {{{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", false}, {"use_regex", true}},
              {{"type", "TemplateProcessing"},
               {"single", {{{"SpecialToken", {{"id", "<|begin_of_text|>"}, {"type_id", 0}}}},
                           {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}}},
               {"pair", json::array()},
               {"special_tokens",
                {{"<|begin_of_text|>",
                  {{"id", "<|begin_of_text|>"}, {"ids", {310}}, {"tokens", {"<|begin_of_text|>"}}}}}}}}}};
        Tokenizer t = Tokenizer::fromJson(j, "t.json");
        QCOMPARE(show(t.encode("hi", true)), show({310, 'h', 'i'}));
        QCOMPARE(show(t.encode("hi")), show({'h', 'i'}));
        QCOMPARE(show(t.encode("", true)), show({310}));
        QCOMPARE(QString::fromStdString(t.decode(t.encode("hi", true), true)), QString("hi"));
        QCOMPARE(QString::fromStdString(t.decode(t.encode("hi", true))), QString("<|begin_of_text|>hi"));
    }

    void wordLevelWithUnk() {
        json j = {{"normalizer", nullptr},
                  {"pre_tokenizer", {{"type", "Whitespace"}}},
                  {"decoder", nullptr},
                  {"model", {{"type", "WordLevel"},
                             {"vocab", {{"<unk>", 0}, {"the", 1}, {"cat", 2}, {"sat", 3}, {".", 4}}},
                             {"unk_token", "<unk>"}}}};
        Tokenizer t = Tokenizer::fromJson(j, "words.json");
        QCOMPARE(show(t.encode("the cat  sat on the mat.")), show({1, 2, 3, 0, 1, 0, 4}));
        QCOMPARE(QString::fromStdString(t.decode({1, 2, 3, 0, 4})), QString("the cat sat <unk> ."));
        QCOMPARE(QString::fromStdString(t.kind()), QString("WordLevel"));
        QCOMPARE(t.vocabSize(), 5);

        j["model"]["vocab"].erase("<unk>");
        Tokenizer strict = Tokenizer::fromJson(j, "words.json");
        QCOMPARE(show(strict.encode("the cat")), show({1, 2}));
        try {
            strict.encode("the dog");
            QFAIL("expected an error for a word without unk");
        } catch (const redit::Error& e) {
            QVERIFY2(QString(e.what()).contains("words.json: the word 'dog' is not in the vocabulary"), e.what());
        }
    }

    void decodeEncodeRoundTrips_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("words") << "hello world, the theme";
        QTest::newRow("spaces") << "  leading and trailing  ";
        QTest::newRow("newlines") << "tabs\tand\nnewlines\r\n\n  \n";
        QTest::newRow("multi-byte") << "é中文😀 naïve";
        QTest::newRow("digits") << "IT'S 2024! x=3.14";
        QTest::newRow("added tokens") << "<|im_start|>user\nhi<|im_end|>\n";
    }
    void decodeEncodeRoundTrips() {
        QFETCH(QString, text);
        const std::string s = text.toStdString();
        const std::vector<std::string> merges = theMerges();
        for (const json& pre : {byteLevelPreTokenizer(), splitThenByteLevel(kQwen2Regex), splitThenByteLevel(kGpt2Regex)}) {
            json j = byteLevelBpe(merges, pre);
            j["normalizer"] = {{"type", "Sequence"}, {"normalizers", {{{"type", "NFC"}}}}};
            j["added_tokens"] = {addedToken(400, "<|im_start|>", true), addedToken(401, "<|im_end|>", true)};
            Tokenizer t = Tokenizer::fromJson(j, "t.json");
            QCOMPARE(QString::fromStdString(t.decode(t.encode(s))), text);
        }
    }

    void mergesAreAppliedInTheRoundTripFixture() {
        const std::vector<std::string> merges = theMerges();
        Tokenizer t = Tokenizer::fromJson(byteLevelBpe(merges), "t.json");
        // " them": Ġ+t (0), h+e (1), Ġt+he (2), then Ġthe+m (4) ("e m" (3) no longer has an "e" to merge).
        QCOMPARE(show(t.encode(" them")), show(idsOf(t, {byteLevel(" them")})));
        QCOMPARE(show(t.encode("hem")), show(idsOf(t, {"he", "m"})));
        QCOMPARE(QString::fromStdString(t.kind()), QString("byte-level BPE (5 merges)"));
    }

    void normalizers() {
        using redit::tok::Normalizer;
        auto apply = [](const char* type, const char* text) {
            return QString::fromStdString(Normalizer::parse({{"type", type}}, "t.json", "normalizer").apply(text));
        };
        QCOMPARE(apply("NFC", "e\xCC\x81"), QString::fromUtf8("é"));
        QCOMPARE(apply("NFD", "é"), QString::fromUtf8("e\xCC\x81"));
        QCOMPARE(apply("NFKC", "ﬁ²"), QString("fi2"));
        QCOMPARE(apply("NFKD", "ﬁé"), QString::fromUtf8("fie\xCC\x81"));
        QCOMPARE(apply("NFC", "plain ascii"), QString("plain ascii"));
        QCOMPARE(QString::fromStdString(Normalizer::parse(nullptr, "t.json", "normalizer").apply("e\xCC\x81")),
                 QString::fromUtf8("e\xCC\x81"));
    }

    void invalidUtf8TextIsAnError() {
        Tokenizer t = Tokenizer::fromJson(byteLevelBpe({}), "t.json");
        try {
            t.encode("ok\xC3");
            QFAIL("expected an error");
        } catch (const redit::Error& e) {
            QVERIFY2(QString(e.what()).contains("not valid UTF-8 (byte 2)"), e.what());
        }
    }

    void copiesShareAndEncodeConcurrently() {
        const std::vector<std::string> merges = {"a b", "ab c", byteLevel(" ") + " ab"};
        const Tokenizer t = Tokenizer::fromJson(byteLevelBpe(merges), "t.json");
        const std::vector<std::string> texts = {"abc ab abcabc", " ab ab", "中文 abc", "aaaa bbbb cccc"};
        std::vector<std::vector<int32_t>> serial;
        for (const auto& text : texts) serial.push_back(Tokenizer(t).encode(text));
        std::vector<std::vector<std::vector<int32_t>>> results(4);
        std::vector<std::thread> threads;
        for (std::size_t k = 0; k < results.size(); ++k) {
            threads.emplace_back([&, k] {
                for (int round = 0; round < 50; ++round) {
                    for (const auto& text : texts) results[k].push_back(t.encode(text));
                }
            });
        }
        for (auto& thread : threads) thread.join();
        for (const auto& r : results) {
            for (std::size_t i = 0; i < r.size(); ++i) QCOMPARE(show(r[i]), show(serial[i % texts.size()]));
        }
    }

    void malformedTokenizerIsAFileError_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an object") << "top array" << "t.json: top level must be a JSON object";
        QTest::newRow("missing model") << "no model" << "t.json: field 'model' is missing";
        QTest::newRow("unknown model type") << "unigram" << "t.json: model type 'Bogus' is not supported";
        QTest::newRow("vocab not an object") << "vocab list" << "t.json: model.vocab must be an object";
        QTest::newRow("negative id") << "negative id" << "model.vocab: id of token 'a' must be an integer from 0";
        QTest::newRow("repeated id") << "repeated id" << "have the same id 98";
        QTest::newRow("merge of unknown token") << "merge unknown" << "model.merges[1] ('a zz'): token 'zz' is not in the vocabulary";
        QTest::newRow("merge result unknown") << "merge result" << "model.merges[1] ('a c'): token 'ac' is not in the vocabulary";
        QTest::newRow("merge without space") << "merge text" << "model.merges[1] must be \"left right\"";
        QTest::newRow("merges not a list") << "merges object" << "model: field 'merges' must be a list";
        QTest::newRow("dropout") << "dropout" << "model: field 'dropout' is not supported";
        QTest::newRow("bad regex") << "regex" << "pre_tokenizer.pretokenizers[0]: pattern '(ab' is not a valid regular "
                                                 "expression: missing closing parenthesis at offset 3";
        QTest::newRow("bad behavior") << "behavior" << "field 'behavior' 'Sideways' is not a split behavior";
        QTest::newRow("unknown pre-tokenizer") << "metaspace" << "pre_tokenizer: pre-tokenizer type 'FixedLength' is not supported";
        QTest::newRow("unknown normalizer") << "lowercase" << "normalizer.normalizers[1]: normalizer type 'Nmt' is not supported";
        QTest::newRow("charsmap too short") << "charsmap" << "normalizer.normalizers[1]: precompiled_charsmap is shorter than its 4-byte trie size";
        QTest::newRow("charsmap not base64") << "charsmap base64" << "normalizer: precompiled_charsmap is not valid base64";
        QTest::newRow("unknown decoder") << "wordpiece" << "decoder: decoder type 'CTC' is not supported";
        QTest::newRow("roberta without cls") << "roberta" << "post_processor: field 'cls' is missing";
        QTest::newRow("metaspace scheme") << "scheme" << "field 'prepend_scheme' 'sometimes' is not a prepend scheme";
        QTest::newRow("undefined special token") << "template" << "special token '<s>' is not defined in special_tokens";
        QTest::newRow("empty added token") << "empty added" << "added_tokens[0]: field 'content' must not be empty";
        QTest::newRow("nesting without end") << "deep" << "Sequences are nested too deeply";
        QTest::newRow("added token without id") << "added id" << "added_tokens[0]: field 'id' is missing";
    }
    void malformedTokenizerIsAFileError() {
        QFETCH(QString, change);
        QFETCH(QString, expected);
        json j = byteLevelBpe({"a b", "ab c"});
        const std::string c = change.toStdString();
        if (c == "top array") j = json::array({1, 2});
        if (c == "no model") j.erase("model");
        if (c == "unigram") j["model"]["type"] = "Bogus";
        if (c == "vocab list") j["model"]["vocab"] = json::array({"a", "b"});
        if (c == "negative id") j["model"]["vocab"]["a"] = -5;
        if (c == "repeated id") j["model"]["vocab"]["a"] = 98;
        if (c == "merge unknown") j["model"]["merges"][1] = "a zz";
        if (c == "merge result") j["model"]["merges"][1] = "a c";
        if (c == "merge text") j["model"]["merges"][1] = "abc";
        if (c == "merges object") j["model"]["merges"] = json::object();
        if (c == "dropout") j["model"]["dropout"] = 0.1;
        if (c == "regex") j["pre_tokenizer"] = splitThenByteLevel("(ab");
        if (c == "behavior") {
            j["pre_tokenizer"] = splitThenByteLevel(kQwen2Regex);
            j["pre_tokenizer"]["pretokenizers"][0]["behavior"] = "Sideways";
        }
        if (c == "metaspace") j["pre_tokenizer"] = {{"type", "FixedLength"}, {"length", 5}};
        if (c == "scheme") {
            j["pre_tokenizer"] = {{"type", "Metaspace"}, {"replacement", "_"}, {"prepend_scheme", "sometimes"}};
        }
        if (c == "lowercase") {
            j["normalizer"] = {{"type", "Sequence"},
                               {"normalizers", {{{"type", "NFC"}}, {{"type", "Nmt"}}}}};
        }
        if (c == "charsmap") {
            j["normalizer"] = {{"type", "Sequence"},
                               {"normalizers", {{{"type", "NFC"}}, {{"type", "Precompiled"}, {"precompiled_charsmap", "AA=="}}}}};
        }
        if (c == "charsmap base64") {
            j["normalizer"] = {{"type", "Precompiled"}, {"precompiled_charsmap", "A*=="}};
        }
        if (c == "wordpiece") j["decoder"] = {{"type", "CTC"}};
        if (c == "roberta") j["post_processor"] = {{"type", "RobertaProcessing"}};
        if (c == "template") {
            j["post_processor"] = {{"type", "TemplateProcessing"},
                                   {"single", {{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}}}},
                                   {"special_tokens", json::object()}};
        }
        if (c == "deep") {
            for (int level = 0; level < 100; ++level) {
                j["pre_tokenizer"] = {{"type", "Sequence"}, {"pretokenizers", json::array({j["pre_tokenizer"]})}};
            }
        }
        if (c == "empty added") j["added_tokens"] = {addedToken(300, "", true)};
        if (c == "added id") {
            j["added_tokens"] = {addedToken(300, "<s>", true)};
            j["added_tokens"][0].erase("id");
        }
        try {
            Tokenizer::fromJson(j, "t.json");
            QFAIL("expected a FileError");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString("t.json"));
            QVERIFY2(QString(e.what()).contains(expected), e.what());
        }
    }

    void malformedFileIsAnErrorNotACrash() {
        QTemporaryDir dir;
        const std::string path = redit::testing::pathIn(dir, "tokenizer.json");
        redit::testing::writeText(path, "{\"model\": {\"type\": \"BPE\", ");
        try {
            Tokenizer::fromFile(path);
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString::fromStdString(path));
            QVERIFY(QString::fromStdString(e.problem()).contains("not valid JSON"));
        }
        QVERIFY_THROWS_EXCEPTION(FileError, Tokenizer::fromFile(path + ".missing"));
        // A valid file loads, and errors name it.
        json j = byteLevelBpe({"a b"});
        redit::testing::writeText(path, j.dump());
        QCOMPARE(show(Tokenizer::fromFile(path).encode("ab")), show({256}));
        j["model"]["merges"][0] = "a q!";
        redit::testing::writeText(path, j.dump());
        try {
            Tokenizer::fromFile(path);
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString::fromStdString(path));
        }
    }

    void lookupsOutOfRange() {
        Tokenizer t = Tokenizer::fromJson(byteLevelBpe({"a b"}), "t.json");
        QCOMPARE(t.vocabSize(), 257);
        QCOMPARE(QString::fromStdString(t.idToToken(-1)), QString());
        QCOMPARE(QString::fromStdString(t.idToToken(257)), QString());
        QCOMPARE(QString::fromStdString(t.idToToken(256)), QString("ab"));
        QVERIFY(!t.tokenToId("zzz"));
        QVERIFY(!t.isSpecial(-7));
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
