#include "model/trainable_parameters.h"

#include <cmath>

#include "util/error.h"

namespace redit {

std::vector<NamedParameter> selectTrainableParameters(const DecoderWeights& weights,
                                                      const std::vector<std::string>& patterns) {
    std::vector<NamedParameter> out;
    std::vector<bool> used(patterns.size(), false);
    for (auto& [name, tensor] : weights.named(weights.lmHead.is_same(weights.embedding))) {
        bool take = patterns.empty();
        for (size_t i = 0; i < patterns.size(); ++i)
            if (name.find(patterns[i]) != std::string::npos) take = used[i] = true;
        if (take) out.push_back({name, tensor});
    }
    for (size_t i = 0; i < used.size(); ++i)
        if (!used[i]) throw ConfigError("trainable pattern '" + patterns[i] + "' matches no parameter");
    return out;
}

std::vector<std::string> lastLayerPatterns(int64_t layers, int64_t count) {
    if (count < 1 || count > layers)
        throw ConfigError("cannot train the last " + std::to_string(count) + " of " + std::to_string(layers) + " layers");
    std::vector<std::string> out;
    for (int64_t i = layers - count; i < layers; ++i) out.push_back("model.layers." + std::to_string(i) + ".");
    return out;
}

double relativeParameterChange(const DecoderWeights& before, const DecoderWeights& after,
                               const std::vector<std::string>& patterns) {
    const auto from = selectTrainableParameters(before, patterns);
    const auto to = selectTrainableParameters(after, patterns);
    if (from.size() != to.size()) throw ConfigError("the two weight sets select different parameters");
    double difference = 0, reference = 0;
    for (size_t i = 0; i < from.size(); ++i) {
        if (from[i].name != to[i].name || !from[i].tensor.sizes().equals(to[i].tensor.sizes()))
            throw ConfigError("parameter '" + from[i].name + "' differs in name or shape between the weight sets");
        const at::Tensor a = from[i].tensor.detach().to(at::kDouble);
        difference += (to[i].tensor.detach().to(at::kDouble) - a).pow(2).sum().item<double>();
        reference += a.pow(2).sum().item<double>();
    }
    return reference > 0 ? std::sqrt(difference / reference) : std::sqrt(difference);
}

}  // namespace redit
