#pragma once
// The bytes of a training checkpoint: one safetensors file (written to and read from a scratch file, so the
// tested reader and writer are reused as they are) whose tensors are
//   param.<i>, adam.exp_avg.<i>, adam.exp_avg_sq.<i>   the trained tensors and AdamW's moments, i in the
//                                                       order of DecoderModel::parameters()
//   data.order                                          I64, the current shuffle of the examples
//   rng.torch_cpu                                       U8, LibTorch's default CPU generator (dropout)
// and whose __metadata__ entry "redit_training_state" is a JSON object with the scalars:
//   format (1), step, cursor, rng (std::mt19937_64 in its text form), loss_average, accuracy_average,
//   optimizer_steps, parameters (count) and config (the AnswerTrainingConfig and the example count, so a
//   checkpoint is never resumed under another configuration).
#include <ATen/ATen.h>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

struct TrainingCheckpoint {
    std::vector<at::Tensor> parameters, firstMoments, secondMoments;
    at::Tensor dataOrder;  // I64 [examples]
    at::Tensor torchRng;   // U8, the generator's state
    nlohmann::json state;  // the scalars listed above
};

std::vector<unsigned char> encodeTrainingCheckpoint(const TrainingCheckpoint& checkpoint);

// FileError naming `source` (e.g. "run 3 checkpoint 'training'") and the problem for bytes that are not a
// complete checkpoint: a bad safetensors layout, a missing tensor or state field.
TrainingCheckpoint decodeTrainingCheckpoint(const std::vector<unsigned char>& bytes, const std::string& source);

}  // namespace redit
