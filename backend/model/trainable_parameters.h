#pragma once
// Which of a decoder's parameters a training run updates: those whose Hugging Face name (e.g.
// "model.layers.3.mlp.down_proj.weight") contains one of a list of strings. One function for every trainer
// (AnswerTrainer, CircuitReshaper), so the rule is the same everywhere.
#include <ATen/ATen.h>
#include <string>
#include <utility>
#include <vector>

#include "model/decoder_weights.h"

namespace redit {

struct NamedParameter {
    std::string name;
    at::Tensor tensor;
};

// The parameters (in DecoderWeights::named order, the tied LM head once as the embedding) whose name contains
// one of `patterns`; every parameter when `patterns` is empty. Note "model.layers.2." (with the dot) names
// layer 2 only, "model.layers.2" also 20-29. ConfigError for a pattern that matches no parameter.
std::vector<NamedParameter> selectTrainableParameters(const DecoderWeights& weights,
                                                      const std::vector<std::string>& patterns);

// "model.layers.<i>." for the last `count` of `layers` layers (the usual late-layer subset).
std::vector<std::string> lastLayerPatterns(int64_t layers, int64_t count);

// How far training moved the selected parameters: ||after - before||_2 / ||before||_2 over all of them as one
// vector (0: unchanged). A reshaping or fine-tune that changes no answer can be told from one that did not
// move at all. ConfigError when the two weight sets differ in names or shapes, or a pattern matches nothing.
double relativeParameterChange(const DecoderWeights& before, const DecoderWeights& after,
                               const std::vector<std::string>& patterns);

}  // namespace redit
