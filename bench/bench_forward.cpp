// Forward throughput of the decoder: tokens per second for a random model of a given shape.
// Prints one Markdown table row; bench/run-benchmarks.sh collects rows for docs/performance.md. With
// --matmul-rate it also times this machine's matrix multiply on the model's largest projection (the MLP's,
// tokens x hidden x intermediate, same dtype and threads) and prints the forward's arithmetic rate as a
// fraction of it (docs/performance.md, "Forward against the matrix-multiply rate").
#include <cstdio>

#include "bench_common.h"
#include "model/decoder.h"
#include "model/memory_estimate.h"
#include "util/blas_info.h"
#include "util/runtime_env.h"
#include "util/torch_runtime.h"

int main(int argc, char** argv) {
    redit::ensureRuntimeEnvironment(argv);
    CLI::App app{"Decoder forward throughput"};
    redit::bench::ModelShapeOptions o;
    o.config = redit::bench::qwen2Shape(32000, 256, 704, 4, 8, 2);
    bool bf16 = false, hooked = false, matmulRate = false;
    redit::bench::addModelShapeOptions(app, o);
    app.add_flag("--bf16", bf16);
    app.add_flag("--hooked", hooked, "capture upstream outputs and split downstream inputs (no backward)");
    app.add_flag("--matmul-rate", matmulRate, "also the forward's GFLOP/s as a fraction of one matmul's");
    CLI11_PARSE(app, argc, argv);
    redit::bench::finish(o);
    const redit::ModelConfig& c = o.config;

    redit::configureThreads(o.threads);
    at::InferenceMode inference;
    redit::DecoderModel model(c, redit::randomDecoderWeights(c, 1, 0.02, bf16 ? at::kBFloat16 : at::kFloat));
    at::Tensor ids = at::randint(c.vocabSize, {o.batch, o.length}, at::kLong);
    redit::HookOptions hooks;
    hooks.captureUpstream = hooked;
    hooks.splitDownstream = hooked;

    const double median = redit::bench::medianSeconds(o.repeats, [&] { model.forward(ids, {}, hooks); });
    std::printf("| %.1fM | %lldx%lld | %s | %s | %d | %s | %.0f |\n", double(c.parameterCount()) / 1e6,
                static_cast<long long>(o.batch), static_cast<long long>(o.length), bf16 ? "bf16" : "fp32",
                hooked ? "hooked" : "plain", redit::runtimeInfo().threads, redit::loadedBlas().name.c_str(),
                double(o.batch * o.length) / median);
    if (matmulRate) {
        // Dense arithmetic of one forward, multiply-adds counted as 2: the projections and the MLP per layer,
        // the attention scores and weighted values over the whole length (the causal mask saves nothing in
        // a dense implementation), the LM head.
        const double tokens = double(o.batch * o.length);
        const double d = double(c.hiddenSize), q = double(c.numHeads * c.headDim), kv = double(c.numKeyValueHeads * c.headDim);
        const double perLayer = 2 * (d * q + 2 * d * kv + q * d) + 2 * 3 * d * double(c.intermediateSize) + 2 * 2 * double(o.length) * q;
        const double flops = tokens * (double(c.numLayers) * perLayer + 2 * d * double(c.vocabSize));
        const auto dtype = bf16 ? at::kBFloat16 : at::kFloat;
        const at::Tensor a = at::randn({o.batch * o.length, c.hiddenSize}, dtype);
        const at::Tensor b = at::randn({c.hiddenSize, c.intermediateSize}, dtype);
        const double mm = redit::bench::medianSeconds(o.repeats, [&] { at::mm(a, b); });
        const double mmRate = 2 * tokens * d * double(c.intermediateSize) / mm / 1e9, forwardRate = flops / median / 1e9;
        std::printf("forward %.2f GFLOP in %.3f s = %.1f GFLOP/s; matmul %lldx%lldx%lld %.1f GFLOP/s; fraction %.2f\n",
                    flops / 1e9, median, forwardRate, static_cast<long long>(o.batch * o.length),
                    static_cast<long long>(c.hiddenSize), static_cast<long long>(c.intermediateSize), mmRate,
                    forwardRate / mmRate);
    }
    return 0;
}
