#pragma once
// REdit circuit reshaping (docs/method.md section 7, docs/editing.md "Circuit reshaping"): meta-learned
// contrastive training of the differentiable attribution vectors, so that instances of one pattern get
// similar circuits and instances of different patterns dissimilar ones, while the model's answers are kept.
//
// Meta-iteration k: for each of `tasksPerIteration` tasks (ContrastiveSampler::task(k, t)), start from the
// current weights theta and take `innerSteps` SGD steps of rate alpha on
//   grad = P(grad L_ctr) + lambda * grad L_pred
// where
//   L_ctr   InfoNCE over the task's anchors (attribution vectors of anchors, positives, negatives);
//   P       null-space protection: the contrastive gradient loses (a share rho of) its component along g,
//           the gradient of the answer cross-entropy (over the candidate answers, gold labels) on the task's
//           anchor group (the anchors' clean and corrupted prompts). The prediction-preservation gradient
//           is not projected: it is the term that protects predictions itself (docs/method.md section 7 adds L_pred to the
//           inner objective; the projection acts on the contrastive gradient);
//   L_pred  KL(f_ref || f_theta) over the candidate answers at the last position, on `preserveBatchSize`
//           preserve prompts drawn per step from those the frozen reference answers correctly.
// The task's result phi_t is kept; the outer Reptile step is theta <- theta + eta * mean_t (phi_t - theta).
// With metaLearning = false (the ablation) the tasks' inner steps are applied one after another to the
// weights, without Reptile. All updates go to fp32 master weights (model/bf16 safe).
//
// Randomness is keyed by (seed, iteration, task, step), so a resumed run draws what the uninterrupted run
// drew: checkpoint() holds the trainable weights (masters), the iteration and the running metrics.
#include <ATen/ATen.h>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "circuits/graph.h"
#include "circuits/eap.h"
#include "model/decoder.h"
#include "reshape/contrastive_sampler.h"
#include "reshape/master_weights.h"
#include "reshape/prediction_preservation.h"

namespace redit {

// One clean/corrupted pair of a pattern's pool, tokenised (equal lengths), with both answer tokens.
struct ReshapePair {
    std::vector<int32_t> clean, corrupted;
    int64_t cleanAnswer = 0, corruptedAnswer = 0;
    std::string domain;
};

// A prompt whose prediction is to be preserved, with the index (into candidates) of its gold answer.
struct PreservePrompt {
    std::vector<int32_t> prompt;
    int64_t goldCandidate = 0;
};

struct ReshapeData {
    std::vector<std::vector<ReshapePair>> pools;  // per pattern
    std::vector<PreservePrompt> preserve;
    std::vector<int64_t> candidates;  // answer token ids (True, False, Unknown)
    int64_t padId = 0;
};

struct ReshapeOptions {
    Granularity granularity = Granularity::Node;
    double temperature = 0.1;
    int64_t metaIterations = 12;
    int64_t tasksPerIteration = 2;
    int64_t anchorsPerTask = 4;
    int64_t negativesPerAnchor = 3;
    int64_t innerSteps = 1;
    double innerLearningRate = 1e-3;  // alpha (1e-2 wrecks logic-tiny: KL above 1 within 6 iterations)
    double outerLearningRate = 1.0;   // eta
    bool metaLearning = true;         // false: plain contrastive steps, no Reptile (ablation)
    bool nullSpaceProtection = true;
    double rho = 1.0;
    bool predictionPreservation = true;
    double klWeight = 1.0;  // lambda
    // The distribution the KL compares: the candidate answers' (the default), or the whole next-token
    // distribution at the answer position, which also holds the tokens outside the candidates in place
    // (docs/method.md section 7).
    AnswerSupport preserveSupport = AnswerSupport::Candidates;
    int64_t preserveBatchSize = 16;
    // Prompt pairs whose attribution vectors are differentiated at once (0: the whole task). Smaller chunks cap
    // the double backward's memory at the price of one more attribution pass without a graph; the gradient is
    // the same (docs/method.md, "Chunked double backward").
    int64_t attributionChunk = 0;
    // A parameter (Hugging Face name, e.g. "model.layers.3.mlp.down_proj.weight") is trained when its name
    // contains one of these strings; empty: every parameter.
    std::vector<std::string> trainable;
    uint64_t seed = 0;
};

struct ReshapeProgress {
    int64_t iteration = 0;   // meta-iterations done
    int64_t iterations = 0;  // total
    // Of the last meta-iteration, measured at the start of each task's inner loop and averaged over tasks:
    double contrastiveLoss = 0;   // InfoNCE per anchor
    double predictionKl = 0;      // L_pred (0 when preservation is off)
    double positiveCosine = 0;    // mean cosine anchor-positive
    double negativeCosine = 0;    // mean cosine anchor-negative
    double projectionShare = 0;   // mean share of |grad L_ctr|^2 removed by the projection (0 when off)
};

class CircuitReshaper {
public:
    // The reference is the frozen model the KL is taken against (its answers on the preserve prompts are
    // computed once here). ConfigError for options out of range, a trainable pattern matching no parameter,
    // pools that cannot make tasks, or (with preservation) no preserve prompt the reference gets right.
    CircuitReshaper(DecoderModel& model, std::shared_ptr<const DecoderModel> reference, ReshapeData data,
                    ReshapeOptions options);
    ~CircuitReshaper();  // the parameters stop requiring gradients
    CircuitReshaper(const CircuitReshaper&) = delete;
    CircuitReshaper& operator=(const CircuitReshaper&) = delete;

    void metaStep();  // ConfigError once finished
    bool finished() const { return progress_.iteration >= options_.metaIterations; }
    const ReshapeProgress& progress() const { return progress_; }
    const std::vector<std::string>& trainableNames() const { return names_; }
    int64_t trainableParameterCount() const;
    int64_t longestPairPrompt() const;  // tokens: the task batches' padded length is at most this
    int64_t referenceLogitBytes() const;  // the kept reference logits (a whole vocabulary per prompt or 3 values)

    // Format: model/training_checkpoint.h with the trainable masters as `param.<i>` (in trainableNames()
    // order), empty optimiser moments, data order and torch RNG (SGD has no state and the randomness is
    // keyed by the iteration); state: iteration, the progress values and the options that shape the run.
    std::vector<unsigned char> checkpoint() const;
    // FileError naming `source` for damaged bytes or a checkpoint of another configuration; unchanged then.
    void resume(const std::vector<unsigned char>& checkpoint, const std::string& source);

private:
    struct TaskMeasures;
    TaskMeasures runTask(int64_t taskIndex);
    void innerStep(const ContrastiveTask& task, int64_t taskIndex, int64_t step, TaskMeasures* measures);
    at::Tensor preserveLoss(int64_t taskIndex, int64_t step);
    // The InfoNCE loss of the task's attribution vectors (rows: anchors, positives, negatives) and its
    // gradient with respect to the trainable parameters, in chunks of options_.attributionChunk rows.
    std::vector<at::Tensor> contrastiveGradients(const EapBatch& batch, int64_t anchors, int64_t negatives,
                                                 bool measure, TaskMeasures* measures);

    DecoderModel& model_;
    ReshapeData data_;
    ReshapeOptions options_;
    ContrastiveSampler sampler_;
    std::vector<std::string> names_;
    std::vector<at::Tensor> parameters_;  // the model's trainable tensors
    std::unique_ptr<MasterWeights> masters_;
    std::vector<std::size_t> keptPreserve_;  // preserve prompts the reference answers correctly
    at::Tensor referenceLogits_;             // [kept, candidates] or [kept, vocabulary] (preserveSupport), fp32 or fp64
    ReshapeProgress progress_;
};

// A deep copy of the model's weights (no gradients), for the frozen reference.
std::shared_ptr<const DecoderModel> frozenCopy(const DecoderModel& model);

// Estimated peak memory of a reshape (bytes): model weights, the reference copy, fp32 masters and the
// Reptile snapshot and sum and the parameter gradients of the `trainableParameters` trained values, and the
// activations of one inner step's double backward on a task of anchors * (2 + negatives) pairs of
// `promptLength` tokens (docs/performance.md compares it with measured peaks).
int64_t estimateReshapeBytes(const ModelConfig& config, const ReshapeOptions& options, int64_t bytesPerValue,
                             int64_t promptLength, int64_t trainableParameters);
// One log line: the estimate for this reshaper's model, options, trained parameters and longest prompt.
std::string describeReshapeEstimate(const CircuitReshaper& reshaper, const DecoderModel& model,
                                    const ReshapeOptions& options);

}  // namespace redit
