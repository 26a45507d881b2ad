#include "pipeline/mlp_pattern_editors.h"

#include <cstdio>

#include "pipeline/answer_examples.h"
#include "util/error.h"

namespace redit::pipeline {

using namespace redit::results;

namespace {

// ROME and AlphaEdit add to the down-projection weight in place; the copy gets its own weight tensor first
// so that the base model (which shares every tensor with the copy) is left as it was.
std::shared_ptr<DecoderModel> copyWithOwnDownProjection(const DecoderModel& base, int64_t layer) {
    if (layer < 0 || layer >= base.config().numLayers)
        throw ConfigError("edit layer " + std::to_string(layer) + " is out of range (the model has " +
                          std::to_string(base.config().numLayers) + " layers)");
    auto copy = std::make_shared<DecoderModel>(base);
    at::Tensor& weight = copy->weights().layers[size_t(layer)].down.weight;
    weight = weight.clone();
    return copy;
}

// "AlphaEdit on sd2-03: 4.1% of the edit keys in the null space; residual on them 812.3 -> 801.9 (-1.3%)".
std::string alphaEditSummary(const std::string& patternId, const AlphaEditResult& r) {
    char text[256];
    const double change = r.residualNormBefore > 0 ? 100 * (r.residualNormAfter / r.residualNormBefore - 1) : 0;
    std::snprintf(text, sizeof text, "%.1f%% of the edit keys in the null space; residual on them %.4g -> %.4g (%+.1f%%)",
                  100 * r.editKeyNullSpaceShare, r.residualNormBefore, r.residualNormAfter, change);
    return "AlphaEdit on " + patternId + ": " + text;
}

std::vector<AnswerExample> revisionExamples(const Tokenizer& tokenizer, const data::Pattern& pattern,
                                            const std::vector<data::Instance>& revision) {
    std::vector<AnswerExample> examples = answerExamples(tokenizer, revision);
    if (examples.empty()) throw ConfigError("pattern " + pattern.id + " has no revision instances to edit on");
    return examples;
}

}  // namespace

PatternEditor romePatternEditor(const Tokenizer& tokenizer, RomeOptions options, at::Tensor covariance) {
    return [tokenizer, options, covariance](const DecoderModel& base, const data::Pattern& pattern,
                                            const std::vector<data::Instance>& revision) {
        auto edited = copyWithOwnDownProjection(base, options.layer);
        romeEdit(*edited, revisionExamples(tokenizer, pattern, revision), options, {}, covariance);
        return std::shared_ptr<const DecoderModel>(std::move(edited));
    };
}

PatternEditor alphaEditPatternEditor(const Tokenizer& tokenizer, AlphaEditOptions options, at::Tensor keySecondMoment,
                                     std::function<void(const std::string&)> log) {
    return [tokenizer, options, keySecondMoment, log](const DecoderModel& base, const data::Pattern& pattern,
                                                      const std::vector<data::Instance>& revision) {
        auto edited = copyWithOwnDownProjection(base, options.layer);
        const AlphaEditResult r =
            alphaEdit(*edited, revisionExamples(tokenizer, pattern, revision), options, {}, keySecondMoment);
        if (log) log(alphaEditSummary(pattern.id, r));
        return std::shared_ptr<const DecoderModel>(std::move(edited));
    };
}

}  // namespace redit::pipeline
