// Cost of edge attribution patching relative to one forward plus backward pass on the same batch.
// Prints one Markdown table row; see docs/performance.md. The passes are timed in turn (interleaved), in wall
// time and in the process's CPU time. With --split-reference it also times the
// split-forward computation EAP used before (tests/support/eap_split_reference.h) in the same process and
// prints how far the two float32 results are from each other and (in brackets) from float64 scores.
#include <cstdio>
#include <functional>
#include <vector>

#include "bench_common.h"
#include "circuits/eap.h"
#include "circuits/graph.h"
#include "eap_split_reference.h"
#include "model/decoder.h"
#include "util/runtime_env.h"
#include "util/torch_runtime.h"

int main(int argc, char** argv) {
    redit::ensureRuntimeEnvironment(argv);
    CLI::App app{"EAP cost relative to forward + backward"};
    redit::bench::ModelShapeOptions o;
    o.config = redit::bench::qwen2Shape(2000, 128, 384, 4, 4, 2);
    o.config.maxPositions = 1024;
    o.length = 64;
    redit::bench::addModelShapeOptions(app, o);
    bool splitReference = false;
    app.add_flag("--split-reference", splitReference, "also time the split-forward computation EAP used before");
    CLI11_PARSE(app, argc, argv);
    redit::bench::finish(o);
    const redit::ModelConfig& c = o.config;
    const int64_t batch = o.batch, length = o.length;
    redit::configureThreads(o.threads);

    redit::DecoderModel model(c, redit::randomDecoderWeights(c, 1, 0.05));
    at::Tensor clean = at::randint(c.vocabSize, {batch, length}, at::kLong);
    at::Tensor corrupted = clean.clone();
    corrupted.select(1, length / 2).random_(c.vocabSize);  // one token differs, as in a clean/corrupted pair
    at::Tensor mask = at::ones({batch, length}, at::kLong);
    redit::EapBatch eap{{clean, mask}, {corrupted, mask}, std::vector<int64_t>(size_t(batch), 3),
                        std::vector<int64_t>(size_t(batch), 4)};

    std::vector<at::Tensor> params = model.parameters();
    std::vector<std::function<void()>> passes{
        [&] { redit::computeEapScores(model, eap); },
        [&] {
            for (auto& p : params) p.set_requires_grad(true);
            at::Tensor logits = model.forward(clean, mask, {}, false, redit::LogitPositions::Last).logits;
            logits.select(2, 3).sum().backward();
            for (auto& p : params) {
                p.mutable_grad() = at::Tensor();
                p.set_requires_grad(false);
            }
        }};
    if (splitReference) passes.push_back([&] { redit::testing::splitReferenceEapScores(model, eap); });
    const std::vector<redit::bench::Timing> times = redit::bench::interleavedMedians(o.repeats, passes);
    const redit::bench::Timing& forwardBackward = times[1];
    std::vector<double> differences;  // after vs before, before vs float64, after vs float64 (max, relative)
    if (splitReference) {
        const at::Tensor before = redit::testing::splitReferenceEapScores(model, eap).to(at::kDouble);
        const at::Tensor after = redit::computeEapScores(model, eap)->to(at::kDouble);
        redit::DecoderModel model64 = model;
        model64.to(at::kCPU, at::kDouble);
        const at::Tensor exact = *redit::computeEapScores(model64, eap);
        auto relative = [](const at::Tensor& a, const at::Tensor& b) { return ((a - b).abs().max() / b.abs().max()).item<double>(); };
        differences = {relative(after, before), relative(before, exact), relative(after, exact)};
    }
    const redit::CircuitGraph graph(redit::GraphShape::of(c));
    std::printf("| %.2fM | %lld | %lldx%lld | %d |", double(c.parameterCount()) / 1e6,
                static_cast<long long>(graph.edgeCount()), static_cast<long long>(batch),
                static_cast<long long>(length), redit::runtimeInfo().threads);
    // Wall seconds, then the ratios to forward + backward in wall time and in CPU time (in brackets).
    auto cost = [&](const redit::bench::Timing& t) {
        std::printf(" %.3f s | %.2f (%.2f) |", t.wall, t.wall / forwardBackward.wall, t.cpu / forwardBackward.cpu);
    };
    if (splitReference) cost(times[2]);
    cost(times[0]);
    std::printf(" %.3f s |", forwardBackward.wall);
    if (splitReference) std::printf(" %.1e (%.1e, %.1e) |", differences[0], differences[1], differences[2]);
    std::printf("\n");
    return 0;
}
