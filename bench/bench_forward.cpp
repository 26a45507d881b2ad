// Forward throughput of the decoder: tokens per second for a random model of a given shape.
// Prints one Markdown table row; bench/run-benchmarks.sh collects rows for docs/performance.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "model/decoder.h"
#include "model/memory_estimate.h"
#include "util/blas_info.h"
#include "util/openmp_env.h"
#include "util/torch_runtime.h"

int main(int argc, char** argv) {
    redit::ensurePassiveOpenMpWait(argv);
    CLI::App app{"Decoder forward throughput"};
    redit::ModelConfig c;
    c.modelType = "qwen2";
    c.attentionBias = true;
    c.vocabSize = 32000;
    c.hiddenSize = 256;
    c.intermediateSize = 704;
    c.numLayers = 4;
    c.numHeads = 8;
    c.numKeyValueHeads = 2;
    c.maxPositions = 4096;
    c.ropeTheta = 1e6;
    int64_t batch = 8, length = 128;
    int threads = 0, repeats = 5;
    bool bf16 = false, hooked = false;
    app.add_option("--vocab", c.vocabSize);
    app.add_option("--hidden", c.hiddenSize);
    app.add_option("--intermediate", c.intermediateSize);
    app.add_option("--layers", c.numLayers);
    app.add_option("--heads", c.numHeads);
    app.add_option("--kv-heads", c.numKeyValueHeads);
    app.add_option("--batch", batch);
    app.add_option("--length", length);
    app.add_option("--threads", threads, "0 = all cores");
    app.add_option("--repeats", repeats);
    app.add_flag("--bf16", bf16);
    app.add_flag("--hooked", hooked, "capture upstream outputs and split downstream inputs (no backward)");
    CLI11_PARSE(app, argc, argv);
    c.headDim = c.hiddenSize / c.numHeads;

    redit::configureThreads(threads);
    at::InferenceMode inference;
    redit::DecoderModel model(c, redit::randomDecoderWeights(c, 1, 0.02, bf16 ? at::kBFloat16 : at::kFloat));
    at::Tensor ids = at::randint(c.vocabSize, {batch, length}, at::kLong);
    redit::HookOptions hooks;
    hooks.captureUpstream = hooked;
    hooks.splitDownstream = hooked;

    model.forward(ids, {}, hooks);  // warm-up
    std::vector<double> seconds;
    for (int i = 0; i < repeats; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        model.forward(ids, {}, hooks);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    std::printf("| %.1fM | %lldx%lld | %s | %s | %d | %s | %.0f |\n", double(c.parameterCount()) / 1e6,
                static_cast<long long>(batch), static_cast<long long>(length), bf16 ? "bf16" : "fp32",
                hooked ? "hooked" : "plain", redit::runtimeInfo().threads, redit::loadedBlas().name.c_str(),
                double(batch * length) / median);
    return 0;
}
