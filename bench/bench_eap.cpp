// Cost of edge attribution patching relative to one forward plus backward pass on the same batch.
// Prints one Markdown table row; see docs/performance.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "circuits/eap.h"
#include "circuits/graph.h"
#include "model/decoder.h"
#include "util/openmp_env.h"
#include "util/torch_runtime.h"

namespace {

template <typename Fn>
double medianSeconds(int repeats, Fn fn) {
    fn();  // warm-up
    std::vector<double> s;
    for (int i = 0; i < repeats; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        fn();
        s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(s.begin(), s.end());
    return s[s.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    redit::ensurePassiveOpenMpWait(argv);
    CLI::App app{"EAP cost relative to forward + backward"};
    redit::ModelConfig c;
    c.modelType = "qwen2";
    c.attentionBias = true;
    c.vocabSize = 2000;
    c.hiddenSize = 128;
    c.intermediateSize = 384;
    c.numLayers = 4;
    c.numHeads = 4;
    c.numKeyValueHeads = 2;
    c.maxPositions = 1024;
    int64_t batch = 8, length = 64;
    int threads = 0, repeats = 5;
    app.add_option("--vocab", c.vocabSize);
    app.add_option("--hidden", c.hiddenSize);
    app.add_option("--intermediate", c.intermediateSize);
    app.add_option("--layers", c.numLayers);
    app.add_option("--heads", c.numHeads);
    app.add_option("--kv-heads", c.numKeyValueHeads);
    app.add_option("--batch", batch);
    app.add_option("--length", length);
    app.add_option("--threads", threads);
    app.add_option("--repeats", repeats);
    CLI11_PARSE(app, argc, argv);
    c.headDim = c.hiddenSize / c.numHeads;
    redit::configureThreads(threads);

    redit::DecoderModel model(c, redit::randomDecoderWeights(c, 1, 0.05));
    at::Tensor clean = at::randint(c.vocabSize, {batch, length}, at::kLong);
    at::Tensor corrupted = clean.clone();
    corrupted.select(1, length / 2).random_(c.vocabSize);  // one token differs, as in a clean/corrupted pair
    at::Tensor mask = at::ones({batch, length}, at::kLong);
    redit::EapBatch eap{{clean, mask}, {corrupted, mask}, std::vector<int64_t>(size_t(batch), 3),
                        std::vector<int64_t>(size_t(batch), 4)};

    const double eapSeconds = medianSeconds(repeats, [&] { redit::computeEapScores(model, eap); });
    std::vector<at::Tensor> params = model.parameters();
    for (auto& p : params) p.set_requires_grad(true);
    const double forwardBackward = medianSeconds(repeats, [&] {
        at::Tensor logits = model.forward(clean, mask, {}, false, redit::LogitPositions::Last).logits;
        logits.select(2, 3).sum().backward();
        for (auto& p : params) p.mutable_grad() = at::Tensor();
    });
    const redit::CircuitGraph graph(redit::GraphShape::of(c));
    std::printf("| %.2fM | %lld | %lldx%lld | %d | %.3f s | %.3f s | %.2f |\n", double(c.parameterCount()) / 1e6,
                static_cast<long long>(graph.edgeCount()), static_cast<long long>(batch), static_cast<long long>(length),
                redit::runtimeInfo().threads, eapSeconds, forwardBackward, eapSeconds / forwardBackward);
    return 0;
}
