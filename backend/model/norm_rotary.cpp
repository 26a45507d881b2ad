#include "model/norm_rotary.h"

#include <cmath>
#include <vector>

namespace redit {

at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps) {
    at::Tensor x32 = x.to(at::promote_types(x.scalar_type(), at::kFloat));
    at::Tensor normed = x32 * at::rsqrt(x32.pow(2).mean({-1}, /*keepdim=*/true) + eps);
    return weight * normed.to(x.scalar_type());
}

namespace {

// Llama 3 keeps high frequencies, divides low ones by `factor`, and blends in between.
double llama3Frequency(double invFreq, const RopeScaling& s) {
    const double pi = 3.14159265358979323846;
    const double lowWavelen = s.originalMaxPositions / s.lowFreqFactor;
    const double highWavelen = s.originalMaxPositions / s.highFreqFactor;
    const double wavelen = 2 * pi / invFreq;
    if (wavelen < highWavelen) return invFreq;
    if (wavelen > lowWavelen) return invFreq / s.factor;
    double smooth = (s.originalMaxPositions / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
    return (1 - smooth) * invFreq / s.factor + smooth * invFreq;
}

}  // namespace

RotaryEmbedding::RotaryEmbedding(const ModelConfig& config) {
    const int64_t half = config.headDim / 2;
    std::vector<double> freq(static_cast<size_t>(half));
    for (int64_t i = 0; i < half; ++i) {
        double f = 1.0 / std::pow(config.ropeTheta, double(2 * i) / double(config.headDim));
        switch (config.ropeScaling.kind) {
            case RopeScaling::Kind::None: break;
            case RopeScaling::Kind::Linear: f /= config.ropeScaling.factor; break;
            case RopeScaling::Kind::Llama3: f = llama3Frequency(f, config.ropeScaling); break;
        }
        freq[static_cast<size_t>(i)] = f;
    }
    invFreq_ = at::tensor(freq, at::TensorOptions().dtype(at::kDouble));
}

std::pair<at::Tensor, at::Tensor> RotaryEmbedding::tables(const at::Tensor& positions, at::ScalarType dtype) const {
    // Angles in float64: exact for long contexts, then rounded once to the model's type.
    at::Tensor inv = invFreq_.to(positions.device());
    at::Tensor angles = positions.to(at::kDouble).unsqueeze(-1) * inv;  // [B, T, half]
    at::Tensor emb = at::cat({angles, angles}, -1);
    return {emb.cos().to(dtype), emb.sin().to(dtype)};
}

at::Tensor applyRotary(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin) {
    const int64_t half = x.size(-1) / 2;
    at::Tensor x1 = x.narrow(-1, 0, half);
    at::Tensor x2 = x.narrow(-1, half, half);
    at::Tensor rotated = at::cat({-x2, x1}, -1);
    return x * cos.unsqueeze(2) + rotated * sin.unsqueeze(2);
}

}  // namespace redit
