#pragma once
// Shared by the conformance replay tests (issue #18): reading the corpora scripts/reference/conformance_corpus.py
// writes, and tallying disagreements with the reference implementations.
#include <QCryptographicHash>
#include <QFile>
#include <QtGlobal>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace redit::testing {

// tests/model/golden/conformance/NAME: JSON, zlib-compressed behind a 4-byte big-endian length (qUncompress).
inline nlohmann::json loadCorpus(const QString& name) {
    QFile file(QStringLiteral(REDIT_SOURCE_DIR "/tests/model/golden/conformance/") + name);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(file.fileName()));
    const QByteArray text = qUncompress(file.readAll());
    if (text.isEmpty()) qFatal("%s is not a qCompress'ed file", qPrintable(file.fileName()));
    return nlohmann::json::parse(text.constData(), text.constData() + text.size());
}

inline std::string sha256Hex(const void* data, std::size_t size) {
    return QCryptographicHash::hash(QByteArrayView(static_cast<const char*>(data), qsizetype(size)),
                                    QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

// A file of the corpus stored as hex.
inline std::string bytesOfHex(const nlohmann::json& hex) {
    return QByteArray::fromHex(QByteArray::fromStdString(hex.get<std::string>())).toStdString();
}

// Disagreements, reported together at the end.
struct Tally {
    int cases = 0;
    int skipped = 0;  // cases the reference could not decide (it panicked)
    std::vector<std::string> disagreements;
    void check(bool agree, const std::string& what) {
        ++cases;
        if (!agree) disagreements.push_back(what);
    }
    void report(const char* format) const {
        for (std::size_t i = 0; i < disagreements.size() && i < 40; ++i) qWarning("%s", disagreements[i].c_str());
        qInfo("%s: %d checks, %d disagreements, %d skipped (the reference panicked)", format, cases,
              int(disagreements.size()), skipped);
    }
};

}  // namespace redit::testing
