// Wall time of REdit meta-iterations (pipeline::reshapeOnPatterns) on the level-1 synthetic patterns, with
// the peak resident memory (getrusage high-water mark) and estimateReshapeBytes. The model is logic-tiny,
// or with --hidden/--layers a random Qwen2-layout model of that size using logic-tiny's tokenizer.
// Prints one Markdown table row; see docs/performance.md.
#include <chrono>
#include <cstdio>

#include "bench_common.h"
#include "data/dataset_spec.h"
#include "model/model_folder.h"
#include "reshape/reshape_patterns.h"
#include "util/runtime_env.h"
#include "util/process_memory.h"
#include "util/torch_runtime.h"

int main(int argc, char** argv) {
    redit::ensureRuntimeEnvironment(argv);
    CLI::App app{"REdit circuit reshaping cost"};
    std::string folder = std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny";
    std::string dataset = "synthetic:deductive:level1";
    std::string granularity = "node";
    int64_t hidden = 0, layers = 0, iterations = 0;
    int threads = 0;
    app.add_option("--model", folder, "model folder (its tokenizer is used in any case)");
    app.add_option("--data", dataset);
    app.add_option("--granularity", granularity)->check(CLI::IsMember({"edge", "node"}));
    app.add_option("--hidden", hidden, "with --layers: a random model of this size instead");
    app.add_option("--layers", layers);
    app.add_option("--iterations", iterations, "meta-iterations (0: the default)");
    app.add_option("--threads", threads, "0 = all cores");
    CLI11_PARSE(app, argc, argv);
    redit::configureThreads(threads);

    redit::LoadedModel loaded = redit::loadModelFolder(folder);
    redit::DecoderModel* model = loaded.model.get();
    std::unique_ptr<redit::DecoderModel> random;
    if (hidden > 0 && layers > 0) {
        redit::ModelConfig c = redit::bench::qwen2Shape(loaded.model->config().vocabSize, hidden, 3 * hidden, layers,
                                                        hidden / 64, hidden / 128);
        c.headDim = 64;
        random = std::make_unique<redit::DecoderModel>(c, redit::randomDecoderWeights(c, 1, 0.05));
        model = random.get();
    }
    redit::ReshapeOptions options;
    options.granularity = granularity == "edge" ? redit::Granularity::Edge : redit::Granularity::Node;
    if (iterations > 0) options.metaIterations = iterations;
    const std::vector<redit::data::Pattern> patterns = redit::data::loadDataset(dataset);
    const redit::data::SplitOptions split;

    int64_t longest = 0;
    for (const auto& pool : redit::pipeline::reshapeDataFor(loaded.tokenizer, patterns, split, 0, 0).pools)
        for (const auto& pair : pool) longest = std::max<int64_t>(longest, int64_t(pair.clean.size()));

    const auto start = std::chrono::steady_clock::now();
    // Per iteration on stderr, so the table row on stdout stays clean.
    const auto report = [](const redit::ReshapeProgress& p) {
        std::fprintf(stderr, "iteration %lld/%lld: InfoNCE %.4f, KL %.5f, cos+ %.3f, cos- %.3f, projected %.3f\n",
                     static_cast<long long>(p.iteration), static_cast<long long>(p.iterations), p.contrastiveLoss,
                     p.predictionKl, p.positiveCosine, p.negativeCosine, p.projectionShare);
    };
    redit::pipeline::reshapeOnPatterns(*model, loaded.tokenizer, patterns, split, options, report, {});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double peakMiB = double(redit::peakResidentBytes()) / (1024.0 * 1024.0);
    const double estimateMiB =
        double(redit::estimateReshapeBytes(model->config(), options, 4, longest, model->config().parameterCount())) / (1024.0 * 1024.0);
    std::printf("| %.2fM | %s | %zu | %lld | %d | %.1f s | %.2f s | %.0f MiB | %.0f MiB |\n",
                double(model->config().parameterCount()) / 1e6, granularity.c_str(), patterns.size(),
                static_cast<long long>(options.metaIterations), redit::runtimeInfo().threads, seconds,
                seconds / double(options.metaIterations), peakMiB, estimateMiB);
    return 0;
}
