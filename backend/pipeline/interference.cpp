#include "pipeline/interference.h"

#include <cmath>

#include "edit/pattern_accuracy.h"
#include "util/error.h"

namespace redit::pipeline {

using namespace redit::results;


namespace {

std::optional<std::vector<double>> testAccuracy(const DecoderModel& model, const Tokenizer& tokenizer,
                                                const std::vector<data::Pattern>& patterns, const InterferenceOptions& o) {
    EvalOptions eval;
    eval.part = EvalPart::Test;
    eval.split = o.split;
    eval.batchSize = o.batchSize;
    eval.padId = o.padId;
    eval.cancelled = o.cancelled;
    const AccuracyReport report = evaluatePatterns(model, tokenizer, patterns, eval);
    if (o.cancelled && o.cancelled()) return std::nullopt;
    std::vector<double> accuracy;
    for (const PatternAccuracy& p : report.patterns) accuracy.push_back(p.accuracy());
    return accuracy;
}

}  // namespace

std::optional<InterferenceResult> measureInterference(const DecoderModel& base, const Tokenizer& tokenizer,
                                                      const std::vector<data::Pattern>& patterns,
                                                      const PatternEditor& editor, const InterferenceOptions& o) {
    InterferenceResult result;
    for (const data::Pattern& p : patterns) result.patterns.push_back(p.id);
    const double steps = double(patterns.size() + 1);
    if (o.resumeFrom) {
        const InterferenceResult& saved = *o.resumeFrom;
        if (saved.patterns != result.patterns || saved.baseAccuracy.size() != patterns.size() ||
            saved.editedAccuracy.size() > patterns.size())
            throw ConfigError("the saved interference progress is for other patterns than this run's");
        for (const std::vector<double>& row : saved.editedAccuracy)
            if (row.size() != patterns.size()) throw ConfigError("the saved interference progress has a row of the wrong size");
        result = saved;
    } else {
        std::optional<std::vector<double>> baseAccuracy = testAccuracy(base, tokenizer, patterns, o);
        if (!baseAccuracy) return std::nullopt;
        result.baseAccuracy = std::move(*baseAccuracy);
        if (o.stepDone) o.stepDone(result);
    }
    if (o.progress) o.progress(double(result.editedAccuracy.size() + 1) / steps);
    for (size_t i = result.editedAccuracy.size(); i < patterns.size(); ++i) {
        const data::PatternSplit split = data::splitPattern(patterns[i], o.split);
        std::shared_ptr<const DecoderModel> edited = editor(base, patterns[i], split.revision);
        if (!edited) throw ConfigError("the editor returned no model for pattern " + patterns[i].id);
        std::optional<std::vector<double>> accuracy = testAccuracy(*edited, tokenizer, patterns, o);
        if (!accuracy) return std::nullopt;
        result.editedAccuracy.push_back(std::move(*accuracy));
        if (o.stepDone) o.stepDone(result);
        if (o.progress) o.progress(double(i + 2) / steps);
    }
    return result;
}

}  // namespace redit::pipeline
