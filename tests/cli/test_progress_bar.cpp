#include <QtTest>
#include <chrono>
#include <cstdio>
#include <string>

#include "cli/progress_bar.h"

using redit::cli::ProgressBar;
using namespace std::chrono;

// What a progress bar prints into a log file (not a terminal), with a clock the test moves.
class TestProgressBar : public QObject {
    Q_OBJECT

    static std::string contents(std::FILE* file) {
        std::fflush(file);
        std::rewind(file);
        std::string text;
        for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) text += char(c);
        return text;
    }

private slots:
    void aLogGetsALineEveryTenthAndAtMostOneAMinuteBetween() {
        std::FILE* log = std::tmpfile();
        QVERIFY(log);
        steady_clock::time_point now{};
        ProgressBar bar("run 1 compare", log, [&] { return now; });
        bar.update(0.0, "0 of 4 chunks done; running: a (0%)");
        QCOMPARE(QString::fromStdString(contents(log)).count('\n'), 1);

        now += seconds(10);  // the detail changes within the minute: no line
        bar.update(0.01, "0 of 4 chunks done; running: a (4%)");
        QCOMPARE(QString::fromStdString(contents(log)).count('\n'), 1);

        now += seconds(55);  // a minute since the last line, and the detail changed: a line
        bar.update(0.02, "0 of 4 chunks done; running: a (8%)");
        QCOMPARE(QString::fromStdString(contents(log)).count('\n'), 2);

        now += seconds(120);  // nothing changed: no line, however long it has been
        bar.update(0.02, "0 of 4 chunks done; running: a (8%)");
        QCOMPARE(QString::fromStdString(contents(log)).count('\n'), 2);

        now += seconds(1);  // a new tenth: a line at once
        bar.update(0.25, "1 of 4 chunks done");
        const std::string text = contents(log);
        QCOMPARE(QString::fromStdString(text).count('\n'), 3);
        QVERIFY(text.find("run 1 compare  25%  3:06 elapsed, ETA 9:18  1 of 4 chunks done\n") != std::string::npos);
        bar.finish("done");
        QVERIFY(contents(log).find("run 1 compare 100%") != std::string::npos);
        std::fclose(log);
    }
};

QTEST_MAIN(TestProgressBar)
#include "test_progress_bar.moc"
