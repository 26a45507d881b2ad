#include "model/answer_accuracy.h"

#include <algorithm>
#include <numeric>

#include "model/scoring.h"

namespace redit {

std::vector<ScoredAnswer> scoreAnswers(const DecoderModel& model, const std::vector<ScoredPrompt>& prompts,
                                       const std::vector<int64_t>& candidateIds, int64_t padId, int64_t batchSize,
                                       const std::function<bool()>& cancelled) {
    // Sorting by length keeps padding (wasted compute) small; results go back to the input order.
    std::vector<size_t> order(prompts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return prompts[a].prompt.size() < prompts[b].prompt.size(); });
    std::vector<ScoredAnswer> answers(prompts.size());
    for (size_t start = 0; start < order.size(); start += static_cast<size_t>(batchSize)) {
        if (cancelled && cancelled()) return {};
        const size_t end = std::min(order.size(), start + static_cast<size_t>(batchSize));
        std::vector<std::vector<int32_t>> batch;
        for (size_t i = start; i < end; ++i) batch.push_back(prompts[order[i]].prompt);
        const at::Tensor logits = candidateLogits(model, makeLeftPaddedBatch(batch, padId, model.device()), candidateIds);
        const at::Tensor best = logits.argmax(1);  // as predictCandidates, ties included
        const at::Tensor probability = logits.softmax(1).gather(1, best.unsqueeze(1)).squeeze(1);
        const at::Tensor p = probability.to(at::kCPU, at::kFloat).contiguous(), b = best.to(at::kCPU, at::kLong).contiguous();
        for (size_t i = start; i < end; ++i)
            answers[order[i]] = {b.data_ptr<int64_t>()[i - start], p.data_ptr<float>()[i - start]};
    }
    return answers;
}

std::vector<int64_t> predictAnswers(const DecoderModel& model, const std::vector<ScoredPrompt>& prompts,
                                    const std::vector<int64_t>& candidateIds, int64_t padId, int64_t batchSize,
                                    const std::function<bool()>& cancelled) {
    std::vector<int64_t> predicted;
    for (const ScoredAnswer& answer : scoreAnswers(model, prompts, candidateIds, padId, batchSize, cancelled))
        predicted.push_back(answer.candidate);
    return predicted;
}

}  // namespace redit
