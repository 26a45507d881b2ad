// The REdit loop on a tiny random fp64 decoder with a toy pattern set: a meta-step changes the trainable
// parameters (only those), a few lower the contrastive loss on fixed tasks, the Reptile outer step and the
// plain (no meta-learning) path equal an independent recomputation, null-space protection removes the
// update's component along the prediction gradient, and checkpoint/resume continues bit-identically.
#include <ATen/core/grad_mode.h>
#include <QtTest>

#include <torch/csrc/autograd/autograd.h>

#include "data/random.h"
#include "reshape/attribution_vector.h"
#include "reshape/circuit_reshaper.h"
#include "reshape/infonce.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {

const std::vector<int64_t> kCandidates{3, 5, 7};

// Three patterns, four pairs each over two domains: pattern p's prompts share a pattern-specific prefix and
// the corrupted prompt changes one token. The preserve prompts' gold answers are the model's own predictions,
// so all of them count.
ReshapeData toyData(const DecoderModel& model) {
    ReshapeData d;
    d.candidates = kCandidates;
    data::Rng rng(5);
    for (int p = 0; p < 3; ++p) {
        d.pools.emplace_back();
        for (int i = 0; i < 4; ++i) {
            ReshapePair pair;
            const int length = 5 + (i % 2);
            for (int t = 0; t < length; ++t) pair.clean.push_back(int32_t(t < 2 ? 10 + 3 * p + t : 1 + rng.below(22)));
            pair.corrupted = pair.clean;
            pair.corrupted[size_t(2 + p % 2)] = int32_t(1 + (pair.clean[size_t(2 + p % 2)] + 4) % 22);
            pair.cleanAnswer = kCandidates[size_t(i % 2)];
            pair.corruptedAnswer = kCandidates[size_t(1 - i % 2)];
            pair.domain = i < 2 ? "one" : "two";
            d.pools.back().push_back(pair);
        }
    }
    std::vector<std::vector<int32_t>> prompts;
    for (const auto& pool : d.pools)
        for (const auto& pair : pool) prompts.push_back(pair.clean);
    const std::vector<int64_t> predicted = predictCandidates(model, makeLeftPaddedBatch(prompts, 0), kCandidates);
    for (size_t i = 0; i < prompts.size(); ++i) d.preserve.push_back({prompts[i], predicted[i]});
    return d;
}

ReshapeOptions smallOptions() {
    ReshapeOptions o;
    o.granularity = Granularity::Node;
    o.metaIterations = 4;
    o.tasksPerIteration = 2;
    o.anchorsPerTask = 2;
    o.negativesPerAnchor = 2;
    o.innerSteps = 2;
    o.innerLearningRate = 0.05;
    o.outerLearningRate = 1.0;
    o.preserveBatchSize = 4;
    o.seed = 3;
    return o;
}

std::vector<at::Tensor> snapshot(const DecoderModel& m) {
    std::vector<at::Tensor> out;
    for (const at::Tensor& p : m.parameters()) out.push_back(p.detach().clone());
    return out;
}

EapBatch taskBatch(const ReshapeData& d, const ContrastiveTask& task) {
    std::vector<PairRef> rows;
    for (const auto& c : task) rows.push_back(c.anchor);
    for (const auto& c : task) rows.push_back(c.positive);
    for (const auto& c : task) rows.insert(rows.end(), c.negatives.begin(), c.negatives.end());
    std::vector<std::vector<int32_t>> clean, corrupted;
    EapBatch b;
    for (const PairRef& r : rows) {
        const ReshapePair& p = d.pools[r.pattern][r.pair];
        clean.push_back(p.clean);
        corrupted.push_back(p.corrupted);
        b.cleanAnswers.push_back(p.cleanAnswer);
        b.corruptedAnswers.push_back(p.corruptedAnswer);
    }
    b.clean = makeLeftPaddedBatch(clean, 0);
    b.corrupted = makeLeftPaddedBatch(corrupted, 0);
    return b;
}

// InfoNCE of a task, computed from scratch.
at::Tensor taskLoss(const DecoderModel& m, const ReshapeData& d, const ContrastiveTask& task, Granularity g) {
    const int64_t A = int64_t(task.size()), M = int64_t(task.front().negatives.size());
    const at::Tensor w = attributionVectors(m, taskBatch(d, task), g);
    return infoNceLoss(w.narrow(0, 0, A), w.narrow(0, A, A), w.narrow(0, 2 * A, A * M).view({A, M, -1}), 0.1);
}

std::vector<std::vector<std::string>> domainsOf(const ReshapeData& d) {
    std::vector<std::vector<std::string>> out;
    for (const auto& pool : d.pools) {
        out.emplace_back();
        for (const auto& p : pool) out.back().push_back(p.domain);
    }
    return out;
}

// One plain SGD step of InfoNCE from the model's weights, on copies: theta - alpha * grad.
std::vector<at::Tensor> sgdStep(const DecoderModel& base, const ReshapeData& d, const ContrastiveTask& task, double alpha) {
    DecoderModel m(base.config(), frozenCopy(base)->weights());
    std::vector<at::Tensor> params = m.parameters();
    for (at::Tensor& p : params) p.set_requires_grad(true);
    const std::vector<at::Tensor> grads =
        torch::autograd::grad({taskLoss(m, d, task, Granularity::Node)}, params, {}, false, false, true);
    std::vector<at::Tensor> out;
    for (size_t i = 0; i < params.size(); ++i)
        out.push_back(params[i].detach() - alpha * (grads[i].defined() ? grads[i] : at::zeros_like(params[i])));
    return out;
}

double maxDifference(const std::vector<at::Tensor>& a, const std::vector<at::Tensor>& b) {
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, (a[i] - b[i]).abs().max().item<double>());
    return worst;
}

bool identical(const std::vector<at::Tensor>& a, const std::vector<at::Tensor>& b) {
    for (size_t i = 0; i < a.size(); ++i)
        if (!at::equal(a[i], b[i])) return false;
    return true;
}

}  // namespace

class TestCircuitReshaper : public QObject {
    Q_OBJECT
private slots:
    void metaStepsChangeParametersAndLowerTheContrastiveLoss() {
        DecoderModel m = testing::tinyModel64();
        const ReshapeData d = toyData(m);
        ReshapeOptions o = smallOptions();
        o.metaIterations = 6;
        const ContrastiveSampler evaluation(domainsOf(d), 3, 2, 99);
        auto fixedLoss = [&] {
            double sum = 0;
            for (int64_t t = 0; t < 4; ++t) sum += taskLoss(m, d, evaluation.task(0, t), o.granularity).item<double>();
            return sum;
        };
        const double before = fixedLoss();
        const std::vector<at::Tensor> start = snapshot(m);
        {
            CircuitReshaper r(m, frozenCopy(m), d, o);
            r.metaStep();
            QVERIFY(maxDifference(start, snapshot(m)) > 1e-6);
            while (!r.finished()) r.metaStep();
            QCOMPARE(r.progress().iteration, int64_t(6));
            QVERIFY(r.progress().projectionShare > 0 && r.progress().projectionShare <= 1);
            QVERIFY(r.progress().predictionKl >= 0);
            QVERIFY_THROWS_EXCEPTION(ConfigError, r.metaStep());
        }
        const double after = fixedLoss();
        QVERIFY2(after < before, qPrintable(QString("loss %1 -> %2").arg(before).arg(after)));
        for (const at::Tensor& p : m.parameters()) QVERIFY(!p.requires_grad());
    }

    // The KL a meta-iteration reports (measured where each task starts, at theta) is over the candidates or
    // over the whole vocabulary as asked: recomputed here on every preserve prompt, one unpadded prompt at a time.
    void theKlIsOverTheChosenSupport() {
        for (AnswerSupport support : {AnswerSupport::Candidates, AnswerSupport::FullVocabulary}) {
            DecoderModel m = testing::tinyModel64();
            const ReshapeData d = toyData(m);
            const std::shared_ptr<const DecoderModel> reference = frozenCopy(m);
            ReshapeOptions o = smallOptions();
            o.preserveSupport = support;
            o.preserveBatchSize = int64_t(d.preserve.size());  // every prompt, so the mean is over all of them
            CircuitReshaper r(m, reference, d, o);
            r.metaStep();
            auto kl = [&](const std::vector<int64_t>& tokens) {
                at::NoGradGuard noGrad;
                double sum = 0;
                for (const PreservePrompt& p : d.preserve) {
                    auto last = [&](const DecoderModel& model) {
                        at::Tensor l = model.forward(makeLeftPaddedBatch({p.prompt}, 0).ids).logits[0][-1];
                        return tokens.empty() ? l : l.index_select(0, at::tensor(tokens, at::kLong));
                    };
                    const at::Tensor before = at::log_softmax(last(*reference), 0), after = at::log_softmax(last(m), 0);
                    sum += (before.exp() * (before - after)).sum().item<double>();
                }
                return sum / double(d.preserve.size());
            };
            const double expected = kl(support == AnswerSupport::Candidates ? kCandidates : std::vector<int64_t>{});
            const double other = kl(support == AnswerSupport::Candidates ? std::vector<int64_t>{} : kCandidates);
            r.metaStep();
            const double measured = r.progress().predictionKl;
            QVERIFY2(std::abs(measured - expected) <= 1e-9 * std::max(1.0, expected),
                     qPrintable(QString("measured %1, expected %2").arg(measured).arg(expected)));
            QVERIFY(std::abs(other - expected) > 1e-6);  // the two supports are told apart
        }
    }

    void onlyTrainableParametersChange() {
        DecoderModel m = testing::tinyModel64();
        const ReshapeData d = toyData(m);
        ReshapeOptions o = smallOptions();
        o.trainable = {"mlp.down_proj", "layers.0.self_attn.q_proj.weight"};
        const auto before = m.weights().named(true);
        std::vector<at::Tensor> copies;
        for (const auto& [name, t] : before) copies.push_back(t.clone());
        CircuitReshaper r(m, frozenCopy(m), d, o);
        QCOMPARE(r.trainableNames().size(), size_t(3));
        r.metaStep();
        for (size_t i = 0; i < before.size(); ++i) {
            const std::string& name = before[i].first;
            const bool trainable = name.find("mlp.down_proj") != std::string::npos ||
                                   name == "model.layers.0.self_attn.q_proj.weight";
            QVERIFY2(at::equal(before[i].second, copies[i]) != trainable, name.c_str());
        }
        o.trainable = {"no_such_parameter"};
        QVERIFY_THROWS_EXCEPTION(ConfigError, CircuitReshaper(m, frozenCopy(m), d, o));
    }

    void outerStepIsThetaPlusEtaTimesTheMeanTaskDifference() {
        DecoderModel m = testing::tinyModel64();
        const ReshapeData d = toyData(m);
        ReshapeOptions o = smallOptions();
        o.innerSteps = 1;
        o.outerLearningRate = 0.7;
        o.nullSpaceProtection = false;
        o.predictionPreservation = false;
        const std::vector<at::Tensor> theta = snapshot(m);
        const ContrastiveSampler sampler(domainsOf(d), o.anchorsPerTask, o.negativesPerAnchor, o.seed);
        const std::vector<at::Tensor> phi0 = sgdStep(m, d, sampler.task(0, 0), o.innerLearningRate);
        const std::vector<at::Tensor> phi1 = sgdStep(m, d, sampler.task(0, 1), o.innerLearningRate);
        CircuitReshaper r(m, nullptr, d, o);
        r.metaStep();
        std::vector<at::Tensor> expected;
        for (size_t i = 0; i < theta.size(); ++i)
            expected.push_back(theta[i] + 0.7 * 0.5 * ((phi0[i] - theta[i]) + (phi1[i] - theta[i])));
        QVERIFY(maxDifference(snapshot(m), expected) < 1e-12);
        QVERIFY(maxDifference(phi0, phi1) > 1e-6);  // the tasks differ, so the mean is not either task
    }

    void withoutMetaLearningTheTasksStepOneAfterAnother() {
        DecoderModel m = testing::tinyModel64();
        const ReshapeData d = toyData(m);
        ReshapeOptions o = smallOptions();
        o.innerSteps = 1;
        o.metaLearning = false;
        o.nullSpaceProtection = false;
        o.predictionPreservation = false;
        const ContrastiveSampler sampler(domainsOf(d), o.anchorsPerTask, o.negativesPerAnchor, o.seed);
        DecoderModel independent(m.config(), frozenCopy(m)->weights());
        for (int64_t t = 0; t < 2; ++t) {
            const std::vector<at::Tensor> next = sgdStep(independent, d, sampler.task(0, t), o.innerLearningRate);
            at::NoGradGuard noGrad;
            std::vector<at::Tensor> params = independent.parameters();
            for (size_t i = 0; i < params.size(); ++i) params[i].copy_(next[i]);
        }
        CircuitReshaper r(m, nullptr, d, o);
        r.metaStep();
        QVERIFY(maxDifference(snapshot(m), snapshot(independent)) < 1e-12);
    }

    void protectionRemovesTheUpdateAlongThePredictionGradient() {
        auto updateDotPredictionGradient = [](bool protect) {
            DecoderModel m = testing::tinyModel64();
            const ReshapeData d = toyData(m);
            ReshapeOptions o = smallOptions();
            o.tasksPerIteration = 1;
            o.innerSteps = 1;
            o.nullSpaceProtection = protect;
            o.predictionPreservation = false;
            const ContrastiveTask task = ContrastiveSampler(domainsOf(d), o.anchorsPerTask, o.negativesPerAnchor, o.seed).task(0, 0);
            // g: candidate cross-entropy on the anchors' clean and corrupted prompts, at theta.
            std::vector<std::vector<int32_t>> prompts;
            std::vector<int64_t> gold;
            for (const auto& c : task) {
                const ReshapePair& p = d.pools[c.anchor.pattern][c.anchor.pair];
                prompts.push_back(p.clean);
                prompts.push_back(p.corrupted);
                for (int64_t answer : {p.cleanAnswer, p.corruptedAnswer})
                    gold.push_back(int64_t(std::find(kCandidates.begin(), kCandidates.end(), answer) - kCandidates.begin()));
            }
            std::vector<at::Tensor> params = m.parameters();
            for (at::Tensor& p : params) p.set_requires_grad(true);
            const TokenBatch b = makeLeftPaddedBatch(prompts, 0);
            const at::Tensor last = m.forward(b.ids, b.mask).logits.select(1, -1).index_select(1, at::tensor(kCandidates));
            const at::Tensor ce = -at::log_softmax(last, 1).gather(1, at::tensor(gold).view({-1, 1})).mean();
            const std::vector<at::Tensor> g = torch::autograd::grad({ce}, params, {}, false, false, true);
            for (at::Tensor& p : params) p.set_requires_grad(false);
            const std::vector<at::Tensor> before = snapshot(m);
            CircuitReshaper r(m, nullptr, d, o);
            r.metaStep();
            const std::vector<at::Tensor> after = snapshot(m);
            double dot = 0, uu = 0, gg = 0;
            for (size_t i = 0; i < g.size(); ++i) {
                if (!g[i].defined()) continue;
                const at::Tensor u = after[i] - before[i];
                dot += (u * g[i]).sum().item<double>();
                uu += u.pow(2).sum().item<double>();
                gg += g[i].pow(2).sum().item<double>();
            }
            return dot / std::sqrt(uu * gg);  // cosine of the update and g
        };
        const double unprotected = updateDotPredictionGradient(false);
        const double protectedCosine = updateDotPredictionGradient(true);
        QVERIFY2(std::abs(unprotected) > 1e-3, qPrintable(QString::number(unprotected)));
        QVERIFY2(std::abs(protectedCosine) < 1e-9, qPrintable(QString::number(protectedCosine)));
    }

    void chunkedDoubleBackwardGivesTheSameSteps() {
        // Chunks of 1, 3 and 5 rows of a task of 2 x (2 + 2) = 8 prompt pairs, with protection and the KL on:
        // one inner step gives the same weights as differentiating the whole task at once, up to float64
        // rounding (2e-13 measured; later steps amplify such differences, so one step is compared).
        ReshapeOptions o = smallOptions();
        o.metaIterations = 1;
        o.tasksPerIteration = 1;
        o.innerSteps = 1;
        DecoderModel whole = testing::tinyModel64();
        const ReshapeData d = toyData(whole);
        {
            CircuitReshaper r(whole, frozenCopy(whole), d, o);
            while (!r.finished()) r.metaStep();
        }
        for (int64_t chunk : {1, 3, 5}) {
            DecoderModel chunked = testing::tinyModel64();
            ReshapeOptions c = o;
            c.attributionChunk = chunk;
            CircuitReshaper r(chunked, frozenCopy(chunked), d, c);
            while (!r.finished()) r.metaStep();
            const double difference = maxDifference(snapshot(chunked), snapshot(whole));
            QVERIFY2(difference < 1e-11, qPrintable(QString("chunk %1: %2").arg(chunk).arg(difference)));
            QVERIFY(maxDifference(snapshot(chunked), snapshot(testing::tinyModel64())) > 1e-6);  // and the steps did something
        }
        o.attributionChunk = -1;
        DecoderModel m = testing::tinyModel64();
        QVERIFY_THROWS_EXCEPTION(ConfigError, CircuitReshaper(m, frozenCopy(m), d, o));
    }

    void resumeContinuesBitIdentically() {
        const ReshapeOptions o = smallOptions();
        DecoderModel straight = testing::tinyModel64();
        const ReshapeData d = toyData(straight);
        {
            CircuitReshaper r(straight, frozenCopy(straight), d, o);
            while (!r.finished()) r.metaStep();
        }
        DecoderModel first = testing::tinyModel64();
        std::vector<unsigned char> bytes;
        {
            CircuitReshaper r(first, frozenCopy(first), d, o);
            r.metaStep();
            r.metaStep();
            bytes = r.checkpoint();
        }
        DecoderModel resumed = testing::tinyModel64();  // fresh weights: everything must come from the checkpoint
        CircuitReshaper r(resumed, frozenCopy(resumed), d, o);
        r.resume(bytes, "test checkpoint");
        QCOMPARE(r.progress().iteration, int64_t(2));
        while (!r.finished()) r.metaStep();
        QVERIFY(identical(snapshot(resumed), snapshot(straight)));

        ReshapeOptions other = o;
        other.seed = 4;
        DecoderModel m = testing::tinyModel64();
        CircuitReshaper mismatched(m, frozenCopy(m), d, other);
        QVERIFY_THROWS_EXCEPTION(FileError, mismatched.resume(bytes, "test checkpoint"));
    }

    void refusesBadOptions() {
        DecoderModel m = testing::tinyModel64();
        const ReshapeData d = toyData(m);
        ReshapeOptions o = smallOptions();
        o.temperature = 0;
        QVERIFY_THROWS_EXCEPTION(ConfigError, CircuitReshaper(m, frozenCopy(m), d, o));
        o = smallOptions();
        QVERIFY_THROWS_EXCEPTION(ConfigError, CircuitReshaper(m, nullptr, d, o));  // preservation needs a reference
        ReshapeData uneven = d;
        uneven.pools[0][0].corrupted.push_back(1);
        QVERIFY_THROWS_EXCEPTION(ConfigError, CircuitReshaper(m, frozenCopy(m), uneven, smallOptions()));
    }

    void estimateMatchesTheMeasuredSmolLm2PeaksWithin25Percent() {
        // SmolLM2-135M (fp32), the six last layers trained (21,240,576 parameters), tasks of 2 x (2 + 2) = 8 pairs
        // of up to 90 tokens: measured peak RSS 13.73 GiB whole and 4.29 GiB in chunks of 2 pairs
        // (docs/performance.md, "Reshaping SmolLM2").
        ModelConfig c;
        c.modelType = "llama";
        c.vocabSize = 49152;
        c.hiddenSize = 576;
        c.intermediateSize = 1536;
        c.numLayers = 30;
        c.numHeads = 9;
        c.numKeyValueHeads = 3;
        c.headDim = 64;
        c.tieWordEmbeddings = true;
        ReshapeOptions o;
        o.anchorsPerTask = 2;
        o.negativesPerAnchor = 2;
        const double gib = double(int64_t(1) << 30);
        for (const auto& [chunk, measured] : {std::pair<int64_t, double>{0, 13.73}, {2, 4.29}}) {
            o.attributionChunk = chunk;
            const double estimate = double(estimateReshapeBytes(c, o, 4, 90, 21240576)) / gib;
            qInfo("chunk %lld: estimate %.2f GiB, measured %.2f GiB", static_cast<long long>(chunk), estimate, measured);
            QVERIFY2(std::abs(estimate / measured - 1) < 0.25,
                     qPrintable(QString("chunk %1: estimate %2 GiB, measured %3 GiB").arg(chunk).arg(estimate).arg(measured)));
        }
    }

    void estimateGrowsWithTheTask() {
        const ModelConfig c = testing::tinyConfig();
        ReshapeOptions o = smallOptions();
        const int64_t small = estimateReshapeBytes(c, o, 4, 8, c.parameterCount());
        o.negativesPerAnchor = 6;
        QVERIFY(estimateReshapeBytes(c, o, 4, 8, c.parameterCount()) > small);
        QVERIFY(estimateReshapeBytes(c, o, 4, 16, c.parameterCount()) > estimateReshapeBytes(c, o, 4, 8, c.parameterCount()));
        const int64_t whole = estimateReshapeBytes(c, o, 4, 8, c.parameterCount());
        o.attributionChunk = 2;  // the double backward of 2 pairs at a time needs less
        QVERIFY(estimateReshapeBytes(c, o, 4, 8, c.parameterCount()) < whole);
        QVERIFY(estimateReshapeBytes(c, o, 4, 8, c.parameterCount() / 10) < estimateReshapeBytes(c, o, 4, 8, c.parameterCount()));
    }
};

QTEST_APPLESS_MAIN(TestCircuitReshaper)
#include "test_circuit_reshaper.moc"
