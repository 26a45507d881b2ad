#include "model/lora.h"

#include <cmath>

#include "util/error.h"

namespace redit {

namespace {

Linear* targetLayer(DecoderLayerWeights& L, const std::string& name) {
    if (name == "q_proj") return &L.q;
    if (name == "k_proj") return &L.k;
    if (name == "v_proj") return &L.v;
    if (name == "o_proj") return &L.o;
    if (name == "gate_proj") return &L.gate;
    if (name == "up_proj") return &L.up;
    if (name == "down_proj") return &L.down;
    return nullptr;
}

template <typename Fn>
void forEachAdapted(DecoderModel& model, Fn fn) {
    for (auto& L : model.weights().layers)
        for (Linear* l : {&L.q, &L.k, &L.v, &L.o, &L.gate, &L.up, &L.down})
            if (l->lora) fn(*l);
}

// PEFT's default: A ~ Kaiming-uniform with a = sqrt(5), i.e. U(-1/sqrt(in), 1/sqrt(in)); B = 0.
void drawFresh(LoraAdapter& adapter, int64_t in, int64_t out, int64_t rank, at::Generator& gen,
               const at::TensorOptions& opts) {
    const double bound = 1.0 / std::sqrt(double(in));
    adapter.a = at::empty({rank, in}, opts.dtype(at::kFloat)).uniform_(-bound, bound, gen).to(opts.dtype());
    adapter.b = at::zeros({out, rank}, opts);
}

}  // namespace

void attachLora(DecoderModel& model, const LoraConfig& config, uint64_t seed) {
    if (config.rank < 1) throw ConfigError("LoRA rank must be at least 1 (got " + std::to_string(config.rank) + ")");
    if (config.dropout < 0 || config.dropout >= 1) throw ConfigError("LoRA dropout must be in [0, 1)");
    if (config.targets.empty()) throw ConfigError("LoRA needs at least one target module");
    const int64_t n = model.config().numLayers;
    std::vector<int64_t> layers = config.layers;
    if (layers.empty())
        for (int64_t i = 0; i < n; ++i) layers.push_back(i);
    for (int64_t i : layers)
        if (i < 0 || i >= n) throw ConfigError("LoRA layer " + std::to_string(i) + " is out of range (model has " +
                                               std::to_string(n) + " layers)");
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    for (int64_t i : layers) {
        DecoderLayerWeights& L = model.weights().layers[static_cast<size_t>(i)];
        for (const std::string& name : config.targets) {
            Linear* l = targetLayer(L, name);
            if (!l) throw ConfigError("unknown LoRA target '" + name + "' (q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj)");
            LoraAdapter adapter;
            adapter.alpha = config.alpha;
            adapter.dropout = config.dropout;
            drawFresh(adapter, l->inFeatures(), l->outFeatures(), config.rank, gen,
                      at::TensorOptions().dtype(l->weight.scalar_type()));
            adapter.a = adapter.a.to(l->weight.device());
            adapter.b = adapter.b.to(l->weight.device());
            l->lora = std::move(adapter);
        }
    }
}

void resetLora(DecoderModel& model, uint64_t seed) {
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    forEachAdapted(model, [&](Linear& l) {
        const auto opts = at::TensorOptions().dtype(l.weight.scalar_type());
        drawFresh(*l.lora, l.inFeatures(), l.outFeatures(), l.lora->rank(), gen, opts);
        l.lora->a = l.lora->a.to(l.weight.device());
        l.lora->b = l.lora->b.to(l.weight.device());
    });
}

void mergeLora(DecoderModel& model) {
    forEachAdapted(model, [](Linear& l) {
        l.weight = l.effectiveWeight().detach();
        l.lora.reset();
    });
}

void removeLora(DecoderModel& model) {
    forEachAdapted(model, [](Linear& l) { l.lora.reset(); });
}

void setLoraEnabled(DecoderModel& model, bool enabled) {
    forEachAdapted(model, [enabled](Linear& l) { l.lora->enabled = enabled; });
}

int64_t firstAdaptedLayer(const DecoderModel& model) {
    const auto& layers = model.weights().layers;
    for (size_t i = 0; i < layers.size(); ++i) {
        const DecoderLayerWeights& L = layers[i];
        for (const Linear* l : {&L.q, &L.k, &L.v, &L.o, &L.gate, &L.up, &L.down})
            if (l->lora) return static_cast<int64_t>(i);
    }
    return static_cast<int64_t>(layers.size());
}

std::vector<at::Tensor> loraParameters(const DecoderModel& model) {
    std::vector<at::Tensor> out;
    for (const auto& L : model.weights().layers)
        for (const Linear* l : {&L.q, &L.k, &L.v, &L.o, &L.gate, &L.up, &L.down})
            if (l->lora) {
                out.push_back(l->lora->a);
                out.push_back(l->lora->b);
            }
    return out;
}

}  // namespace redit
