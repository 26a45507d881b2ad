#include "pipeline/mlp_pattern_editors.h"

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

PatternEditor alphaEditPatternEditor(const Tokenizer& tokenizer, AlphaEditOptions options, at::Tensor keySecondMoment) {
    return [tokenizer, options, keySecondMoment](const DecoderModel& base, const data::Pattern& pattern,
                                                 const std::vector<data::Instance>& revision) {
        auto edited = copyWithOwnDownProjection(base, options.layer);
        alphaEdit(*edited, revisionExamples(tokenizer, pattern, revision), options, {}, keySecondMoment);
        return std::shared_ptr<const DecoderModel>(std::move(edited));
    };
}

}  // namespace redit::pipeline
