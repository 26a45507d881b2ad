#pragma once
#include <ATen/ATen.h>
#include <vector>

#include "model/decoder.h"
#include "model/scoring.h"

namespace redit {

// Over which tokens the answer distribution is taken.
enum class AnswerSupport { Candidates, FullVocabulary };

// Prediction preservation (docs/method.md section 7): mean over the kept instances of
//   KL(f_ref(.|P) || f_theta(.|P)) = sum_y p_ref(y) (log p_ref(y) - log p_theta(y)),
// the distributions being softmaxes of the last-position logits over the candidate answer tokens or over the
// whole vocabulary.

// From last-position logits [B, V] of the reference and of the trained model; `keep` [B] (bool) selects the
// instances that count. Differentiable in `logits`. Zero (still attached to `logits`) when nothing is kept.
// Throws ConfigError on mismatched shapes, an out-of-range candidate or no candidates with AnswerSupport::Candidates.
at::Tensor answerKlDivergence(const at::Tensor& referenceLogits, const at::Tensor& logits, const at::Tensor& keep,
                              AnswerSupport support, const std::vector<int64_t>& candidates);

// The same on a batch: the reference model runs without gradient, an instance is kept when the reference's
// best candidate is its gold answer (`goldCandidate` [B], indices into `candidates`).
at::Tensor predictionPreservationLoss(const DecoderModel& reference, const DecoderModel& model, const TokenBatch& batch,
                                      const std::vector<int64_t>& candidates, const std::vector<int64_t>& goldCandidate,
                                      AnswerSupport support);

}  // namespace redit
