// The editing methods' inner loops against what their steps cost before they reran only the layers that can
// change: ROME/AlphaEdit's value optimisation (edit/target_value.h; before, each step was a full hooked forward
// with the MLP output patched at the last position) and a LoRA edit (edit/lora_edit.h; before, each step was a
// full forward with logits at every position). Random model of a given shape (default SmolLM2-135M's, with
// Qwen2 biases); prints one Markdown row per method with the median wall and CPU time each way.
#include <cstdio>
#include <torch/csrc/autograd/autograd.h>

#include "bench_common.h"
#include "edit/lora_edit.h"
#include "edit/target_value.h"
#include "model/memory_estimate.h"
#include "model/optimizer.h"
#include "model/scoring.h"
#include "util/runtime_env.h"
#include "util/torch_runtime.h"

namespace {

void printRow(const char* method, const redit::ModelConfig& c, int64_t layer, int64_t batch, int64_t length,
              int64_t steps, const std::vector<redit::bench::Timing>& t) {
    std::printf("| %s | %.1fM, layer %lld of %lld | %lldx%lld | %lld | %d | %.2f s (CPU %.2f s) | %.2f s (CPU %.2f s) | %.1fx |\n",
                method, double(c.parameterCount()) / 1e6, static_cast<long long>(layer),
                static_cast<long long>(c.numLayers), static_cast<long long>(batch), static_cast<long long>(length),
                static_cast<long long>(steps), redit::runtimeInfo().threads, t[0].wall, t[0].cpu, t[1].wall, t[1].cpu,
                t[1].cpu / t[0].cpu);
}

}  // namespace

int main(int argc, char** argv) {
    redit::ensureRuntimeEnvironment(argv);
    CLI::App app{"ROME/AlphaEdit value optimisation and LoRA edit steps: shortened against full forward passes"};
    redit::bench::ModelShapeOptions o;
    o.config = redit::bench::qwen2Shape(49152, 576, 1536, 30, 9, 3);
    o.batch = 8;
    o.length = 178;
    o.repeats = 3;
    int64_t layer = 26, valueSteps = 50, valueBatch = 1, loraLayer = 24, loraSteps = 20;
    redit::bench::addModelShapeOptions(app, o);
    app.add_option("--layer", layer, "edited MLP layer (value optimisation)");
    app.add_option("--value-steps", valueSteps);
    app.add_option("--value-batch", valueBatch, "prompts per value optimisation (AlphaEdit: 1)");
    app.add_option("--lora-first-layer", loraLayer, "LoRA on q/v of this layer and every one above (--batch prompts)");
    app.add_option("--lora-steps", loraSteps);
    CLI11_PARSE(app, argc, argv);
    redit::bench::finish(o);
    const redit::ModelConfig& c = o.config;
    redit::configureThreads(o.threads);

    redit::DecoderModel model(c, redit::randomDecoderWeights(c, 1, 0.02, at::kFloat));
    std::vector<redit::AnswerExample> prompts;
    for (int64_t b = 0; b < std::max(o.batch, valueBatch); ++b) {
        at::Tensor ids = at::randint(1, c.vocabSize, {o.length}, at::kInt);
        prompts.push_back({std::vector<int32_t>(ids.data_ptr<int32_t>(), ids.data_ptr<int32_t>() + o.length), 7});
    }
    auto batchOf = [&](int64_t n) {
        std::vector<std::vector<int32_t>> ids;
        for (int64_t b = 0; b < n; ++b) ids.push_back(prompts[size_t(b)].prompt);
        return redit::makeLeftPaddedBatch(ids, 0);
    };

    // Value optimisation.
    const std::vector<redit::AnswerExample> valuePrompts(prompts.begin(), prompts.begin() + valueBatch);
    redit::ValueOptimizationOptions value;
    value.steps = valueSteps;
    const redit::TokenBatch valueTokens = batchOf(valueBatch);
    const at::Tensor valueAnswers = at::full({valueBatch}, 7, at::kLong);
    auto fullValueSteps = [&] {
        at::Tensor delta = at::zeros({c.hiddenSize}).set_requires_grad(true);
        at::Tensor atLast = at::zeros({1, o.length, 1});
        atLast.index_put_({0, o.length - 1, 0}, 1.0);
        redit::HookOptions hooks;
        hooks.patch = [&](redit::UpstreamKind kind, int64_t l, const at::Tensor& out) {
            return kind == redit::UpstreamKind::Mlp && l == layer ? out + atLast * delta : out;
        };
        for (int64_t s = 0; s < valueSteps; ++s) {
            at::Tensor logits = model.forward(valueTokens.ids, valueTokens.mask, hooks).logits.select(1, -1);
            torch::autograd::grad({at::cross_entropy_loss(logits, valueAnswers)}, {delta});
        }
    };
    printRow("value optimisation", c, layer, valueBatch, o.length, valueSteps,
             redit::bench::interleavedMedians(
                 o.repeats, {[&] { redit::optimizeTargetValue(model, layer, valuePrompts, value, 0); }, fullValueSteps}));

    // LoRA edit (not merged, so the model stays the base one between calls).
    redit::LoraEditOptions lora;
    lora.steps = loraSteps;
    lora.merge = false;
    for (int64_t l = loraLayer; l < c.numLayers; ++l) lora.lora.layers.push_back(l);
    const std::vector<redit::AnswerExample> revision(prompts.begin(), prompts.begin() + o.batch);
    const redit::TokenBatch loraTokens = batchOf(o.batch);
    const at::Tensor loraAnswers = at::full({o.batch}, 7, at::kLong);
    auto fullLoraSteps = [&] {
        redit::attachLora(model, lora.lora, 0);
        std::vector<at::Tensor> params = redit::loraParameters(model);
        for (auto& p : params) p.set_requires_grad(true);
        redit::AdamW optimizer(params, redit::AdamWOptions{lora.learningRate, 0.9, 0.999, 1e-8, lora.weightDecay});
        for (int64_t s = 0; s < loraSteps; ++s) {
            at::Tensor logits = model.forward(loraTokens.ids, loraTokens.mask, {}, true).logits.select(1, -1);
            at::Tensor loss = at::cross_entropy_loss(logits, loraAnswers);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
        }
        redit::removeLora(model);
    };
    auto shortenedLora = [&] {
        redit::loraEdit(model, revision, lora);
        redit::removeLora(model);
    };
    printRow("LoRA edit", c, loraLayer, o.batch, o.length, loraSteps,
             redit::bench::interleavedMedians(o.repeats, {shortenedLora, fullLoraSteps}));
    return 0;
}
