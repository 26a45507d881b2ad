#include "adapters/project_item_reader.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

#include "data/dataset_spec.h"
#include "model/model_summary.h"
#include "store/artifacts.h"
#include "store/circuits.h"
#include "store/models.h"
#include "store/patterns.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"

namespace redit::gui {
namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

QString jsonText(const nlohmann::json& data, const char* key) {
    if (!data.is_object() || !data.contains(key)) return {};
    const nlohmann::json& value = data[key];
    return value.is_string() ? q(value.get<std::string>()) : q(value.dump());
}

InstanceRow instanceRow(const InstanceRecord& record) {
    return {jsonText(record.data, "domain"), jsonText(record.data, "text"), jsonText(record.data, "label"), {}, -1};
}

// The instances of `pattern` that eval run `runId` scored, each with the model's answer; empty when it stored none.
QList<InstanceRow> answeredInstances(const ProjectStore& store, qint64 runId, const QString& pattern) {
    QList<InstanceRow> rows;
    for (const ResultRow& row : resultRows(store, runId, "instance_answers")) {
        if (jsonText(row.data, "pattern") != pattern || !row.data.contains("answers")) continue;
        for (const nlohmann::json& answer : row.data["answers"])
            rows << InstanceRow{jsonText(answer, "domain"), jsonText(answer, "text"), jsonText(answer, "label"),
                                jsonText(answer, "answer"), answer.value("probability", -1.0)};
    }
    return rows;
}

QString datasetName(const ProjectStore& store, std::int64_t id) {
    for (const DatasetRecord& dataset : listDatasets(store))
        if (dataset.id == id) return q(dataset.name);
    return {};
}

std::string datasetSpec(const DatasetRecord& dataset) {
    if (dataset.spec.is_object() && dataset.spec.contains("spec") && dataset.spec["spec"].is_string())
        return dataset.spec["spec"].get<std::string>();
    return dataset.name;
}

[[noreturn]] void noSuch(const char* kind, const QString& name) {
    throw ConfigError(std::string("the project has no ") + kind + " '" + name.toStdString() + "'");
}

}  // namespace

PatternPageData readPatternPage(const ProjectStore& store, const QString& name, int maxInstances) {
    const std::vector<PatternRecord> patterns = listPatterns(store);
    const auto pattern = std::find_if(patterns.begin(), patterns.end(),
                                      [&](const PatternRecord& p) { return q(p.name) == name; });
    if (pattern == patterns.end()) noSuch("pattern", name);
    PatternPageData page;
    page.name = name;
    page.rule = q(pattern->description);
    page.dataset = datasetName(store, pattern->datasetId);
    const std::vector<InstanceRecord> instances = listInstances(store, pattern->id);
    page.instanceCount = int(instances.size());
    QList<InstanceRow> answered;
    for (const RunRecord& run : listRuns(store)) {
        if (run.status != RunStatus::Finished) continue;
        for (const StoredCircuit& circuit : listCircuits(store, run.id))
            if (q(circuit.name) == name && !page.circuitRuns.contains(run.id)) page.circuitRuns << run.id;
        if (run.kind != "eval") continue;
        const nlohmann::json params = run.config.value("params", nlohmann::json::object());
        const QString part = q(params.value("instances", std::string("all")));
        if (QList<InstanceRow> rows = answeredInstances(store, run.id, name); !rows.isEmpty() && run.id > page.answersRun) {
            answered = std::move(rows);
            page.answersRun = run.id;
            page.answersPart = part;
        }
        for (const ResultRow& row : resultRows(store, run.id, "pattern_accuracy")) {
            if (jsonText(row.data, "pattern") != name) continue;
            page.accuracy << PatternAccuracyRow{run.id, part,
                                                row.data.value("correct", 0), row.data.value("total", 0),
                                                row.data.value("accuracy", 0.0)};
        }
    }
    page.answeredCount = int(answered.size());
    if (page.answersRun != 0) {
        page.instances = answered.mid(0, maxInstances);
    } else {
        for (int i = 0; i < std::min(maxInstances, page.instanceCount); ++i) page.instances << instanceRow(instances[i]);
    }
    return page;
}

DatasetPageData readDatasetPage(const ProjectStore& store, const QString& name) {
    const std::vector<DatasetRecord> datasets = listDatasets(store);
    const auto dataset = std::find_if(datasets.begin(), datasets.end(),
                                      [&](const DatasetRecord& d) { return q(d.name) == name; });
    if (dataset == datasets.end()) noSuch("dataset", name);
    DatasetPageData page{name, q(datasetSpec(*dataset)), q(dataset->contentHash), {}};
    for (const PatternRecord& pattern : listPatterns(store)) {
        if (pattern.datasetId != dataset->id) continue;
        DatasetPattern row{q(pattern.name), q(pattern.description), {}};
        for (const InstanceRecord& instance : listInstances(store, pattern.id)) row.instances << instanceRow(instance);
        page.patterns << row;
    }
    if (!page.patterns.isEmpty()) return page;
    for (const data::Pattern& pattern : data::loadDataset(datasetSpec(*dataset))) {
        DatasetPattern row{q(pattern.id), q(pattern.text), {}};
        for (const data::Instance& instance : pattern.instances)
            row.instances << InstanceRow{q(instance.domain), q(instance.text), q(data::truthName(instance.label)), {}, -1};
        page.patterns << row;
    }
    return page;
}

ModelPageData readModelPage(const ProjectStore& store, const QString& name) {
    const std::vector<ModelRecord> models = listModels(store);
    const auto model = std::find_if(models.begin(), models.end(), [&](const ModelRecord& m) { return q(m.name) == name; });
    if (model == models.end()) noSuch("model", name);
    ModelPageData page{name, q(model->path), q(model->contentHash), {}, {}};
    const QString folder = QDir(QFileInfo(q(store.path())).absolutePath()).absoluteFilePath(page.path);
    try {
        for (const auto& [label, value] : modelSummary(folder.toStdString())) page.summary << qMakePair(q(label), q(value));
    } catch (const Error& e) {
        page.error = q(e.what());
    }
    return page;
}

StoredArtifactData readArtifact(const ProjectStore& store, const QString& label) {
    static const QRegularExpression pattern(QStringLiteral("^(.+) \\(#(\\d+)\\)$"));
    const QRegularExpressionMatch match = pattern.match(label);
    if (!match.hasMatch()) noSuch("figure or report", label);
    const qint64 runId = match.captured(2).toLongLong();
    for (const Artifact& artifact : listArtifacts(store, runId)) {
        if (q(artifact.name) != match.captured(1)) continue;
        const Artifact loaded = loadArtifact(store, artifact.id);
        return {q(loaded.name), q(loaded.mimeType), runId,
                QByteArray(reinterpret_cast<const char*>(loaded.data.data()), qsizetype(loaded.data.size()))};
    }
    noSuch("figure or report", label);
}

}  // namespace redit::gui
