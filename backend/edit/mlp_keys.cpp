#include "edit/mlp_keys.h"
#include <ATen/core/grad_mode.h>

#include "util/error.h"

namespace redit {

namespace {
void checkLayer(const DecoderModel& model, int64_t layer) {
    if (layer < 0 || layer >= model.config().numLayers)
        throw ConfigError("layer " + std::to_string(layer) + " is out of range (model has " +
                          std::to_string(model.config().numLayers) + " layers)");
}
}  // namespace

at::Tensor downProjectionInputs(const DecoderModel& model, const TokenBatch& batch, int64_t layer) {
    checkLayer(model, layer);
    at::NoGradGuard noGrad;
    const DecoderLayerWeights& L = model.weights().layers[static_cast<size_t>(layer)];
    const double eps = model.config().rmsNormEps;
    // The decoder exposes upstream outputs, not MLP internals: follow the residual stream through the patch
    // callback (which sees the embedding, each layer's heads and each MLP output in order) and compute the key
    // when the residual before the MLP of `layer` is known.
    at::Tensor resid, key;
    HookOptions hooks;
    hooks.patch = [&](UpstreamKind kind, int64_t l, const at::Tensor& out) {
        if (l > layer) return out;
        if (kind == UpstreamKind::Embedding) {
            resid = out;
        } else if (kind == UpstreamKind::AttentionHeads) {
            const Linear& o = model.weights().layers[static_cast<size_t>(l)].o;
            resid = resid + out.sum(2);
            if (o.bias.defined()) resid = resid + o.bias;
            if (l == layer) {
                at::Tensor x = rmsNorm(resid, L.postAttentionNorm, eps);
                key = at::silu(L.gate.forward(x)) * L.up.forward(x);
            }
        } else {
            resid = resid + out;
        }
        return out;
    };
    model.forward(batch.ids, batch.mask, hooks);
    return key;
}

at::Tensor lastTokenKeys(const DecoderModel& model, const TokenBatch& batch, int64_t layer) {
    at::Tensor keys = downProjectionInputs(model, batch, layer);
    at::Tensor last = lastRealPositions(batch.mask);
    return keys.index({at::arange(keys.size(0), last.options()), last});
}

KeyStatistics accumulateKeyStatistics(const DecoderModel& model, int64_t layer,
                                      const std::vector<std::vector<int32_t>>& prompts, int64_t padId,
                                      int64_t batchSize) {
    if (prompts.empty()) throw ConfigError("key statistics need at least one prompt");
    if (batchSize < 1) throw ConfigError("key statistics need a batch size of at least 1");
    checkLayer(model, layer);
    const int64_t width = model.config().intermediateSize;
    const at::ScalarType type = at::promote_types(model.dtype(), at::kFloat);
    KeyStatistics stats{at::zeros({width, width}, at::TensorOptions().dtype(type).device(model.device())), 0};
    for (size_t start = 0; start < prompts.size(); start += static_cast<size_t>(batchSize)) {
        const size_t end = std::min(prompts.size(), start + static_cast<size_t>(batchSize));
        TokenBatch batch = makeLeftPaddedBatch({prompts.begin() + long(start), prompts.begin() + long(end)}, padId,
                                               model.device());
        at::Tensor keys = downProjectionInputs(model, batch, layer).reshape({-1, width}).to(type);
        keys = keys.index({batch.mask.reshape(-1).to(at::kBool)});  // real tokens only
        stats.gram.add_(at::matmul(keys.t(), keys));
        stats.count += keys.size(0);
    }
    return stats;
}

at::Tensor keySecondMoment(const DecoderModel& model, int64_t layer, const std::vector<std::vector<int32_t>>& prompts,
                           int64_t padId, int64_t batchSize) {
    KeyStatistics stats = accumulateKeyStatistics(model, layer, prompts, padId, batchSize);
    if (stats.count == 0) throw ConfigError("the key sample has no tokens");
    return stats.gram / double(stats.count);
}

}  // namespace redit
