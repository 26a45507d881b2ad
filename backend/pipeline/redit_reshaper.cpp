#include "pipeline/redit_reshaper.h"

#include <cstdio>

#include "model/trainable_parameters.h"
#include "reshape/reshape_patterns.h"
#include "util/error.h"

namespace redit::pipeline {

using namespace redit::results;

ReshapeOptions reshapeOptionsFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw ConfigError("reshape options must be a JSON object");
    ReshapeOptions o;
    for (const auto& [key, value] : json.items()) {
        try {
            if (key == "granularity") {
                const std::string g = value.get<std::string>();
                if (g != "node" && g != "edge") throw ConfigError("reshape option 'granularity' must be node or edge");
                o.granularity = g == "edge" ? Granularity::Edge : Granularity::Node;
            } else if (key == "temperature") o.temperature = value.get<double>();
            else if (key == "meta_iterations") o.metaIterations = value.get<int64_t>();
            else if (key == "tasks_per_iteration") o.tasksPerIteration = value.get<int64_t>();
            else if (key == "anchors_per_task") o.anchorsPerTask = value.get<int64_t>();
            else if (key == "negatives_per_anchor") o.negativesPerAnchor = value.get<int64_t>();
            else if (key == "inner_steps") o.innerSteps = value.get<int64_t>();
            else if (key == "inner_lr") o.innerLearningRate = value.get<double>();
            else if (key == "outer_lr") o.outerLearningRate = value.get<double>();
            else if (key == "meta_learning") o.metaLearning = value.get<bool>();
            else if (key == "null_space_protection") o.nullSpaceProtection = value.get<bool>();
            else if (key == "rho") o.rho = value.get<double>();
            else if (key == "prediction_preservation") o.predictionPreservation = value.get<bool>();
            else if (key == "kl_weight") o.klWeight = value.get<double>();
            else if (key == "preserve_support") {
                const std::string support = value.get<std::string>();
                if (support != "candidates" && support != "vocabulary")
                    throw ConfigError("reshape option 'preserve_support' must be candidates or vocabulary");
                o.preserveSupport = support == "vocabulary" ? AnswerSupport::FullVocabulary : AnswerSupport::Candidates;
            }
            else if (key == "preserve_batch") o.preserveBatchSize = value.get<int64_t>();
            else if (key == "attribution_chunk") o.attributionChunk = value.get<int64_t>();
            else if (key == "trainable") o.trainable = value.get<std::vector<std::string>>();
            else throw ConfigError("unknown reshape option '" + key + "'");
        } catch (const nlohmann::json::exception&) {
            throw ConfigError("reshape option '" + key + "' has the wrong type");
        }
    }
    return o;
}

ReshapeOptions reshapeOptionsFor(ReshapeOptions options, EditMethod variant, uint64_t seed) {
    if (!reshapesFirst(variant)) throw ConfigError(editMethodName(variant) + " does not reshape");
    options.seed = seed;
    if (variant == EditMethod::ReditNoMetaLearning) options.metaLearning = false;
    if (variant == EditMethod::ReditNoNullSpaceProtection) options.nullSpaceProtection = false;
    if (variant == EditMethod::ReditNoPredictionPreservation) options.predictionPreservation = false;
    return options;
}

Reshaper reditReshaper(const Tokenizer& tokenizer, const ReshapeOptions& options,
                       const std::function<void(const std::string&)>& log) {
    return [tokenizer, options, log](const DecoderModel& base, const std::vector<data::Pattern>& patterns,
                                     const data::SplitOptions& split, EditMethod variant, uint64_t seed,
                                     const std::function<bool()>& cancelled,
                                     const std::function<void(double)>& progress) -> std::shared_ptr<const DecoderModel> {
        // A deep copy: reshaping writes into the trainable tensors, which a plain copy shares with the base.
        auto model = std::const_pointer_cast<DecoderModel>(frozenCopy(base));
        ReshapeProgress last;
        if (!reshapeOnPatterns(*model, tokenizer, patterns, split, reshapeOptionsFor(options, variant, seed),
                               [&](const ReshapeProgress& p) {
                                   last = p;
                                   if (progress && p.iterations > 0) progress(double(p.iteration) / double(p.iterations));
                               },
                               cancelled, log))
            return nullptr;
        if (log) {
            const double moved = relativeParameterChange(base.weights(), model->weights(), options.trainable);
            char line[320];
            std::snprintf(line, sizeof line,
                          "%s seed %llu: reshaped on %zu patterns, %lld meta-iterations; last InfoNCE %.4f, KL %.5f, "
                          "cos+ %.3f, cos- %.3f, projected share %.3f; trained weights moved %.2e of their norm",
                          editMethodName(variant).c_str(), static_cast<unsigned long long>(seed), patterns.size(),
                          static_cast<long long>(last.iterations), last.contrastiveLoss, last.predictionKl,
                          last.positiveCosine, last.negativeCosine, last.projectionShare, moved);
            log(line);
        }
        return model;
    };
}

}  // namespace redit::pipeline
