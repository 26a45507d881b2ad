#include "pipeline/pattern_scores.h"

#include "edit/pattern_accuracy.h"
#include "util/error.h"

namespace redit::pipeline {

using namespace redit::results;

std::optional<PatternScoreSet> scorePatterns(const DecoderModel& model, const Tokenizer& tokenizer,
                                                        const std::vector<data::Pattern>& patterns,
                                                        const PatternScoreOptions& options) {
    if (options.pairs.count < 2)
        throw ConfigError("circuits need at least 2 clean/corrupted pairs per pattern (two halves), got " +
                          std::to_string(options.pairs.count));
    const CircuitGraph graph(GraphShape::of(model.config()));
    const data::PromptStyle style = promptStyleFor(tokenizer);
    const auto K = int64_t(options.pairs.count);
    const int64_t halfA = (K + 1) / 2;
    const double total = double(K) * double(patterns.size());
    PatternScoreSet out;
    for (size_t index = 0; index < patterns.size(); ++index) {
        const data::Pattern& pattern = patterns[index];
        std::vector<data::CleanCorruptedPair> pairs = trainPairs(pattern, options.pairs);
        if (pairs.empty()) {
            out.withoutPairs.push_back(pattern.id);
            continue;
        }
        PatternScores scores{pattern.id, K, {}, {}, {}};
        for (const bool first : {true, false}) {
            const int64_t start = first ? 0 : halfA;
            const int64_t end = first ? halfA : K;
            std::vector<data::CleanCorruptedPair> half(pairs.begin() + start, pairs.begin() + end);
            EapOptions eap = options.eap;
            const double done = double(index) * double(K) + double(start);
            eap.progress = [&](int64_t examples, int64_t) {
                if (options.progress) options.progress((done + double(examples)) / total);
            };
            std::optional<at::Tensor> matrix =
                computeEapScores(model, eapBatchFor(tokenizer, style, half, options.padId), eap);
            if (!matrix) return std::nullopt;
            (first ? scores.halfA : scores.halfB) = edgeScoreVector(graph, *matrix);
        }
        scores.all.resize(scores.halfA.size());
        for (size_t e = 0; e < scores.all.size(); ++e)
            scores.all[e] = (double(halfA) * scores.halfA[e] + double(K - halfA) * scores.halfB[e]) / double(K);
        out.patterns.push_back(std::move(scores));
    }
    return out;
}

}  // namespace redit::pipeline
