// Forward throughput of the decoder: tokens per second for a random model of a given shape.
// Prints one Markdown table row; bench/run-benchmarks.sh collects rows for docs/performance.md.
#include <cstdio>

#include "bench_common.h"
#include "model/decoder.h"
#include "model/memory_estimate.h"
#include "util/blas_info.h"
#include "util/openmp_env.h"
#include "util/torch_runtime.h"

int main(int argc, char** argv) {
    redit::ensurePassiveOpenMpWait(argv);
    CLI::App app{"Decoder forward throughput"};
    redit::bench::ModelShapeOptions o;
    o.config = redit::bench::qwen2Shape(32000, 256, 704, 4, 8, 2);
    bool bf16 = false, hooked = false;
    redit::bench::addModelShapeOptions(app, o);
    app.add_flag("--bf16", bf16);
    app.add_flag("--hooked", hooked, "capture upstream outputs and split downstream inputs (no backward)");
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
    return 0;
}
