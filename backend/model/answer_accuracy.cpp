#include "model/answer_accuracy.h"

#include <algorithm>
#include <numeric>

#include "model/scoring.h"

namespace redit {

std::vector<int64_t> predictAnswers(const DecoderModel& model, const std::vector<ScoredPrompt>& prompts,
                                    const std::vector<int64_t>& candidateIds, int64_t padId, int64_t batchSize,
                                    const std::function<bool()>& cancelled) {
    // Sorting by length keeps padding (wasted compute) small; results go back to the input order.
    std::vector<size_t> order(prompts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return prompts[a].prompt.size() < prompts[b].prompt.size(); });
    std::vector<int64_t> predicted(prompts.size(), -1);
    for (size_t start = 0; start < order.size(); start += static_cast<size_t>(batchSize)) {
        if (cancelled && cancelled()) return {};
        const size_t end = std::min(order.size(), start + static_cast<size_t>(batchSize));
        std::vector<std::vector<int32_t>> batch;
        for (size_t i = start; i < end; ++i) batch.push_back(prompts[order[i]].prompt);
        std::vector<int64_t> best = predictCandidates(model, makeLeftPaddedBatch(batch, padId, model.device()), candidateIds);
        for (size_t i = start; i < end; ++i) predicted[order[i]] = best[i - start];
    }
    return predicted;
}

}  // namespace redit
