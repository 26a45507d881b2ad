#include "reshape/prediction_preservation.h"
#include <ATen/core/grad_mode.h>

#include "util/error.h"

namespace redit {

namespace {
at::Tensor lastPositionLogits(const DecoderModel& model, const TokenBatch& batch) {
    at::Tensor logits = model.forward(batch.ids, batch.mask).logits;
    at::Tensor last = lastRealPositions(batch.mask);
    return logits.index({at::arange(logits.size(0), last.options()), last});
}
}  // namespace

at::Tensor answerKlDivergence(const at::Tensor& referenceLogits, const at::Tensor& logits, const at::Tensor& keep,
                              AnswerSupport support, const std::vector<int64_t>& candidates) {
    if (logits.dim() != 2 || referenceLogits.sizes() != logits.sizes())
        throw ConfigError("prediction preservation needs reference and model logits of the same shape [B, V]");
    if (keep.dim() != 1 || keep.size(0) != logits.size(0))
        throw ConfigError("prediction preservation needs one keep flag per instance");
    at::Tensor ref = referenceLogits.detach().to(at::kDouble).to(logits.device());
    at::Tensor cur = logits;
    if (support == AnswerSupport::Candidates) {
        if (candidates.empty()) throw ConfigError("prediction preservation over candidates needs candidate tokens");
        for (int64_t c : candidates)
            if (c < 0 || c >= logits.size(1))
                throw ConfigError("candidate token " + std::to_string(c) + " is outside the vocabulary");
        at::Tensor index = at::tensor(candidates, at::kLong).to(logits.device());
        ref = ref.index_select(1, index);
        cur = cur.index_select(1, index);
    }
    at::Tensor logRef = at::log_softmax(ref, 1);
    at::Tensor logCur = at::log_softmax(cur.to(at::promote_types(cur.scalar_type(), at::kFloat)), 1);
    at::Tensor perInstance = (logRef.exp() * (logRef - logCur.to(at::kDouble))).sum(1);  // [B]
    at::Tensor weights = keep.to(logits.device(), at::kDouble);
    const double kept = weights.sum().item<double>();
    at::Tensor loss = kept > 0 ? (perInstance * weights).sum() / kept : perInstance.sum() * 0.0;
    return loss.to(at::promote_types(logits.scalar_type(), at::kFloat));
}

at::Tensor predictionPreservationLoss(const DecoderModel& reference, const DecoderModel& model, const TokenBatch& batch,
                                      const std::vector<int64_t>& candidates, const std::vector<int64_t>& goldCandidate,
                                      AnswerSupport support) {
    if (static_cast<int64_t>(goldCandidate.size()) != batch.ids.size(0))
        throw ConfigError("prediction preservation needs one gold answer per instance");
    for (int64_t g : goldCandidate)
        if (g < 0 || g >= static_cast<int64_t>(candidates.size()))
            throw ConfigError("gold answer index " + std::to_string(g) + " is not a candidate");
    at::Tensor referenceLogits;
    {
        at::NoGradGuard noGrad;
        referenceLogits = lastPositionLogits(reference, batch);
    }
    at::Tensor index = at::tensor(candidates, at::kLong).to(referenceLogits.device());
    at::Tensor predicted = referenceLogits.index_select(1, index).argmax(1);
    at::Tensor keep = predicted.eq(at::tensor(goldCandidate, at::kLong).to(predicted.device()));
    return answerKlDivergence(referenceLogits, lastPositionLogits(model, batch), keep, support, candidates);
}

}  // namespace redit
