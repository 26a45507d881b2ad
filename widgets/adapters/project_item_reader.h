#pragma once
// What the explorer's pages show of a model, dataset, pattern, figure or report, read from the project store
// (torch-free). Each function throws ConfigError naming the item when the project has none of that name, and
// the store's errors (FileError naming the file) when it cannot be read.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace redit {
class ProjectStore;
}

namespace redit::gui {

struct InstanceRow {
    QString domain, text, label;
    QString answer;           // the model's answer as an eval run stored it; empty when none did
    double probability = -1;  // of that answer among the three; -1 when none
};

// A pattern's accuracy as one finished eval run stored it (its `pattern_accuracy` table).
struct PatternAccuracyRow {
    qint64 runId = 0;
    QString instances;  // the run's `instances` param: all, test or probe
    int correct = 0, total = 0;
    double accuracy = 0;
};

struct PatternPageData {
    QString name, rule, dataset;
    int instanceCount = 0;
    QList<InstanceRow> instances;  // the first few, with the model's answers when answersRun is set
    qint64 answersRun = 0;  // the newest finished eval run that stored this pattern's answers; 0 when none
    QString answersPart;  // that run's `instances` param
    int answeredCount = 0;  // how many instances that run scored
    QList<PatternAccuracyRow> accuracy;  // by run, oldest first
    QList<qint64> circuitRuns;  // the runs that stored a circuit of this pattern, oldest first
};
// The first pattern of that name (a pattern id is unique within a dataset), with at most `maxInstances`
// instances: those the newest eval run answered (its `instance_answers` table), else the stored ones.
PatternPageData readPatternPage(const ProjectStore& store, const QString& name, int maxInstances = 12);

struct DatasetPattern {
    QString name, rule;
    QList<InstanceRow> instances;
};
struct DatasetPageData {
    QString name, spec, contentHash;
    QList<DatasetPattern> patterns;
};
// The patterns and instances stored for the dataset; a dataset a run only recorded (its patterns are not in
// the project) is read from its spec.
DatasetPageData readDatasetPage(const ProjectStore& store, const QString& name);

struct ModelPageData {
    QString name, path, contentHash;
    QList<QPair<QString, QString>> summary;  // modelSummary's rows; empty when the folder cannot be read
    QString error;  // why the folder could not be read
};
// The model's record and what `redit model info` says about its folder (resolved against the project file's
// folder when relative); a folder that cannot be read gives `error` instead of the summary.
ModelPageData readModelPage(const ProjectStore& store, const QString& name);

struct StoredArtifactData {
    QString name, mimeType;
    qint64 runId = 0;
    QByteArray data;
};
// A figure or report as the explorer labels it: "name (#run)".
StoredArtifactData readArtifact(const ProjectStore& store, const QString& label);

}  // namespace redit::gui
