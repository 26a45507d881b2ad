// The run-model loader (stages/run_model.h): one place for every stage that loads a model. Paths resolve
// against the project file's folder whatever the working directory, the run's device is honoured (a clear
// error for CUDA without a CUDA device), and the model is recorded with the one content hash.
#include <QtTest>

#include <filesystem>

#include <torch/cuda.h>

#include "../pipeline/pipeline_fixture.h"
#include "jobs/cancel_token.h"
#include "jobs/job_context.h"
#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "model/model_folder.h"
#include "results/provenance.h"
#include "stages/builtin_stages.h"
#include "stages/run_model.h"
#include "store/models.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;

class TestRunModel : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    std::string project, folder;

    static bool hasCuda() { return torch::cuda::is_available() && torch::cuda::device_count() > 0; }

private slots:
    void initTestCase() {
        QVERIFY(dir.isValid());
        const testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
        std::filesystem::create_directories(testing::pathIn(dir, "work/models"));
        folder = testing::pathIn(dir, "work/models/tiny");
        saveModelFolder(folder, *tiny.model, tiny.tokenizerJson);
        project = testing::pathIn(dir, "work/p.redit");
        ProjectStore::create(project);
    }

    void devicesAreParsedAndCudaIsCheckedForPresence() {
        QVERIFY(runDevice("cpu") == at::Device(at::kCPU));
        QVERIFY_THROWS_EXCEPTION(ConfigError, runDevice("gpu"));
        QVERIFY_THROWS_EXCEPTION(ConfigError, runDevice("cuda:x"));
        if (hasCuda()) {
            QVERIFY(runDevice("cuda") == at::Device(at::kCUDA, 0));
            QVERIFY_THROWS_EXCEPTION(ConfigError, runDevice("cuda:" + std::to_string(torch::cuda::device_count())));
        } else {
            try {
                runDevice("cuda");
                QFAIL("no error for cuda without a CUDA device");
            } catch (const ConfigError& e) {
                QVERIFY2(QString(e.what()).contains("CUDA") && QString(e.what()).contains("device to cpu"), e.what());
            }
        }
    }

    void pathsResolveAgainstTheProjectAndTheModelIsRecordedOnce() {
        const std::filesystem::path before = std::filesystem::current_path();
        std::filesystem::current_path(dir.path().toStdString());  // not the project's folder
        ProjectStore store = ProjectStore::open(project);
        NewRun run;
        run.kind = "eval";
        const int64_t runId = createRun(store, run);
        CancelToken token;
        JobContext context(store, runId, {{"model", "models/tiny"}}, 0, "cpu", token, {});
        const RunModel loaded = loadRunModel(context);
        std::filesystem::current_path(before);
        QCOMPARE(loaded.folder, std::filesystem::path(folder).lexically_normal().string());
        QVERIFY(loaded.device == at::Device(at::kCPU));
        QVERIFY(loaded.loaded.model != nullptr);
        // Recorded as the run's model, with the one content hash; loading it again finds the same row.
        QCOMPARE(loadRun(store, runId).modelId.value_or(0), loaded.modelId);
        const std::vector<ModelRecord> models = listModels(store);
        QCOMPARE(models.size(), size_t(1));
        QCOMPARE(models[0].contentHash, results::modelContentHash(folder));
        QCOMPARE(results::registerModel(store, folder), loaded.modelId);
    }

    void aRunOnCudaFailsClearlyWithoutOne() {
        if (hasCuda()) QSKIP("a CUDA device is present");
        StageRegistry registry;
        registerBuiltinStages(registry);
        ProjectStore store = ProjectStore::open(project);
        const int64_t runId = submitRun(store, registry,
                                        {{"kind", "eval"}, {"device", "cuda"},
                                         {"params", {{"model", "models/tiny"}, {"data", testing::kTinyDataSpec}}}});
        CancelToken token;
        QCOMPARE(executeRun(store, registry, runId, token), RunStatus::Failed);
        QVERIFY2(QString::fromStdString(loadRun(store, runId).error).contains("asks for a CUDA GPU"),
                 loadRun(store, runId).error.c_str());
    }
};

QTEST_MAIN(TestRunModel)
#include "test_run_model.moc"
