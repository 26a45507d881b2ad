#include <QFile>
#include <QMenuBar>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include "main_window.h"
#include "adapters/translation.h"

using namespace redit::gui;

class TestTranslation : public QObject {
    Q_OBJECT

    static QString fileMenuTitle(const MainWindow& window) { return window.menuBar()->actions().first()->text(); }

private slots:
    void chineseChangesVisibleStrings() {
        {
            MainWindow english;
            QCOMPARE(fileMenuTitle(english), QString("&File"));
        }
        QTranslator translator;
        QVERIFY(installTranslation("zh_CN", translator));
        MainWindow chinese;
        QCOMPARE(fileMenuTitle(chinese), QString::fromUtf8("文件(&F)"));
        QCOMPARE(chinese.windowTitle(), QString::fromUtf8("REdit 工作台"));
        QCoreApplication::removeTranslator(&translator);
    }

    void unknownLanguageIsRefusedAndEnglishNeedsNone() {
        QTranslator translator;
        QVERIFY(!installTranslation("xx", translator));
        QVERIFY(installTranslation("en", translator));
        QVERIFY(translator.isEmpty());
    }

    void everyStringIsTranslated() {
        QFile ts(REDIT_SOURCE_DIR "/translations/redit_zh_CN.ts");
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QString source;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
                ++messages;
            } else if (xml.name() == QLatin1String("translation")) {
                QVERIFY2(xml.attributes().value("type") != QLatin1String("unfinished"), qPrintable(source));
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                QVERIFY2(!text.trimmed().isEmpty(), qPrintable(source));
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 150);
    }
};

QTEST_MAIN(TestTranslation)
#include "test_translation.moc"
