#pragma once
// Helpers for the GUI tests that drive modal dialogs and write small fixtures.
#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QTimer>
#include <string>

#include "model/model_config.h"
#include "temp_dir.h"

namespace redit::testing {

// Answers the next message box with `button` once it is shown, recording its text in `text`.
inline void answerNextMessageBox(QString* text, QMessageBox::StandardButton button = QMessageBox::Yes) {
    auto* poll = new QTimer(qApp);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, text, button] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) return;
        if (text) *text = box->text();
        QAbstractButton* answer = box->button(button);
        if (answer) answer->click();
        else box->reject();
        poll->deleteLater();
    });
    poll->start(20);
}

inline QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A Qwen2 config.json of a tiny model (the memory estimate reads only the config).
inline void writeTinyModelConfig(const std::string& folder) {
    ModelConfig c;
    c.modelType = "qwen2";
    c.vocabSize = 100;
    c.hiddenSize = 64;
    c.intermediateSize = 128;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKeyValueHeads = 2;
    c.headDim = 16;
    c.maxPositions = 256;
    writeText(folder + "/config.json", c.toJson().dump());
}

}  // namespace redit::testing
