#include "model/scoring.h"

#include <ATen/core/grad_mode.h>
#include <algorithm>

#include "util/error.h"

namespace redit {

TokenBatch makeLeftPaddedBatch(const std::vector<std::vector<int32_t>>& sequences, int64_t padId, at::Device device) {
    if (sequences.empty()) throw Error("cannot build a batch from no sequences");
    size_t length = 0;
    for (const auto& s : sequences) length = std::max(length, s.size());
    if (length == 0) throw Error("cannot build a batch of empty sequences");
    const int64_t B = static_cast<int64_t>(sequences.size()), T = static_cast<int64_t>(length);
    at::Tensor ids = at::full({B, T}, padId, at::kLong);
    at::Tensor mask = at::zeros({B, T}, at::kLong);
    auto idAcc = ids.accessor<int64_t, 2>();
    auto maskAcc = mask.accessor<int64_t, 2>();
    for (int64_t b = 0; b < B; ++b) {
        const auto& s = sequences[static_cast<size_t>(b)];
        const int64_t offset = T - static_cast<int64_t>(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            idAcc[b][offset + static_cast<int64_t>(i)] = s[i];
            maskAcc[b][offset + static_cast<int64_t>(i)] = 1;
        }
    }
    return {ids.to(device), mask.to(device)};
}

at::Tensor lastRealPositions(const at::Tensor& mask) {
    const int64_t T = mask.size(1);
    at::Tensor index = at::arange(T, mask.options().dtype(at::kLong)).expand_as(mask);
    return (index * mask.to(at::kLong) + (mask.to(at::kLong) - 1)).amax(1).clamp_min(0);
}

at::Tensor candidateLogits(const DecoderModel& model, const TokenBatch& batch, const std::vector<int64_t>& candidates) {
    at::NoGradGuard noGrad;
    at::Tensor atLast;  // [B, V]
    if (batch.mask.select(1, -1).all().item<bool>()) {  // left padded: every row ends at the last position
        atLast = model.forward(batch.ids, batch.mask, {}, false, LogitPositions::Last).logits.select(1, 0);
    } else {
        at::Tensor logits = model.forward(batch.ids, batch.mask).logits;
        at::Tensor last = lastRealPositions(batch.mask);
        atLast = logits.index({at::arange(logits.size(0), last.options()), last});
    }
    at::Tensor cand = at::tensor(candidates, at::kLong).to(atLast.device());
    return atLast.index_select(1, cand).to(at::kFloat);
}

std::vector<int64_t> predictCandidates(const DecoderModel& model, const TokenBatch& batch,
                                       const std::vector<int64_t>& candidates) {
    at::Tensor best = candidateLogits(model, batch, candidates).argmax(1).cpu();
    return std::vector<int64_t>(best.data_ptr<int64_t>(), best.data_ptr<int64_t>() + best.numel());
}

std::vector<int32_t> greedyGenerate(const DecoderModel& model, const std::vector<int32_t>& prompt,
                                    int64_t maxNewTokens, int64_t eosId) {
    at::NoGradGuard noGrad;
    std::vector<int32_t> tokens = prompt;
    std::vector<int32_t> generated;
    for (int64_t step = 0; step < maxNewTokens; ++step) {
        at::Tensor ids = at::tensor(std::vector<int64_t>(tokens.begin(), tokens.end()), at::kLong)
                             .view({1, -1})
                             .to(model.device());
        at::Tensor logits = model.forward(ids, {}, {}, false, LogitPositions::Last).logits;
        const auto next = static_cast<int32_t>(logits[0][0].argmax().item<int64_t>());
        tokens.push_back(next);
        generated.push_back(next);
        if (next == eosId) break;
    }
    return generated;
}

}  // namespace redit
