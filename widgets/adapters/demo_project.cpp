#include "adapters/demo_project.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include "adapters/data_folder.h"
#include "data/dataset_spec.h"
#include "model/model_config.h"
#include "results/provenance.h"
#include "store/models.h"
#include "store/patterns.h"
#include "store/transaction.h"
#include "util/error.h"

namespace redit::gui {
namespace {

const QString kModelSubfolder = QStringLiteral("models/logic-tiny");

void addDemoDataset(ProjectStore& store) {
    const std::vector<data::Pattern> patterns = data::loadDataset(kDemoDatasetSpec);
    WriteTransaction tx(store);
    const std::string hash =
        results::datasetContentHash(patterns);
    const std::int64_t datasetId = addDataset(store, {0, kDemoDatasetSpec, {{"spec", kDemoDatasetSpec}}, hash});
    for (const data::Pattern& pattern : patterns) {
        const std::int64_t patternId = addPattern(store, datasetId, pattern.id, pattern.text);
        std::vector<InstanceRecord> instances;
        for (std::size_t i = 0; i < pattern.instances.size(); ++i) {
            const data::Instance& instance = pattern.instances[i];
            instances.push_back({0, std::to_string(i),
                                 {{"domain", instance.domain}, {"text", instance.text},
                                  {"label", data::truthName(instance.label)}}});
        }
        addInstances(store, patternId, instances);
    }
    tx.commit();
}

void recordModel(ProjectStore& store, const QString& folder) {
    const std::string configPath = QDir(folder).filePath(QStringLiteral("config.json")).toStdString();
    const ModelConfig config = loadModelConfig(configPath);
    addModel(store, {0, "logic-tiny", folder.toStdString(), config.toJson(), results::modelContentHash(folder.toStdString())});
}

}  // namespace

QString builtinModelFolder() {
    return dataFolder(kModelSubfolder, QDir(QStringLiteral(REDIT_RESOURCE_DIR)).filePath(kModelSubfolder));
}

DemoProjectPaths DemoProjectPaths::standard() {
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return {QDir(data).filePath(QStringLiteral("demo.redit")), builtinModelFolder()};
}

ProjectStore openOrCreateDemoProject(const DemoProjectPaths& paths, QStringList& notes) {
    const bool exists = QFileInfo::exists(paths.projectFile);
    if (!exists) QDir().mkpath(QFileInfo(paths.projectFile).absolutePath());
    ProjectStore store = exists ? ProjectStore::open(paths.projectFile.toStdString())
                                : ProjectStore::create(paths.projectFile.toStdString());
    if (listDatasets(store).empty()) addDemoDataset(store);
    if (QFileInfo(QDir(paths.modelFolder).filePath(QStringLiteral("config.json"))).isFile()) {
        recordModel(store, paths.modelFolder);
    } else {
        notes << QCoreApplication::translate("redit::gui::DemoProject",
                                             "The built-in model folder %1 does not exist yet; create it with "
                                             "`redit train-tiny --out resources/models/logic-tiny` (a few minutes on CPU).")
                     .arg(QDir::toNativeSeparators(paths.modelFolder));
    }
    return store;
}

}  // namespace redit::gui
