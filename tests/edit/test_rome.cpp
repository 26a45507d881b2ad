// ROME: the rank-one update writes v* for k* exactly, leaves keys orthogonal to k* under C^-1 alone, and on a
// tiny model makes the target answer more likely.
#include <QtTest>

#include "edit/mlp_keys.h"
#include "edit/rome.h"
#include "edit/target_value.h"
#include "edit_fixtures.h"
#include "model/scoring.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {
DecoderModel tinyModel64() {
    DecoderModel m = testing::tinyModel(testing::tinyConfig());
    m.to(at::kCPU, at::kDouble);
    return m;
}
}  // namespace

class TestRome : public QObject {
    Q_OBJECT
private slots:
    void updateMapsKeyToValueAndSparesOrthogonalKeys() {
        at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(11);
        auto opts = at::TensorOptions().dtype(at::kDouble);
        const at::Tensor W = at::randn({5, 7}, gen, opts);
        const at::Tensor A = at::randn({7, 7}, gen, opts);
        const at::Tensor C = at::matmul(A, A.t()) + 0.1 * at::eye(7, opts);
        const at::Tensor k = at::randn({7}, gen, opts), v = at::randn({5}, gen, opts);
        const at::Tensor edited = W + romeUpdate(W, k, v, C);
        QVERIFY((at::mv(edited, k) - v).abs().max().item<double>() < 1e-12);
        // The update is rank one.
        QCOMPARE(at::linalg_matrix_rank(edited - W).item<int64_t>(), int64_t(1));
        // Any key x with x^T C^-1 k = 0 is mapped as before.
        const at::Tensor u = at::linalg_solve(C, k.unsqueeze(1)).squeeze(1);
        for (int trial = 0; trial < 3; ++trial) {
            at::Tensor x = at::randn({7}, gen, opts);
            x = x - at::dot(x, u) / at::dot(k, u) * k;
            QVERIFY(std::abs(at::dot(x, u).item<double>()) < 1e-12);
            QVERIFY((at::mv(edited, x) - at::mv(W, x)).abs().max().item<double>() < 1e-12);
        }
    }

    void covarianceIsTheMeanOuterProduct() {
        DecoderModel model = tinyModel64();
        auto prompts = testing::samplePrompts();
        at::Tensor C = keySecondMoment(model, 1, prompts, 0, 4);
        KeyStatistics stats = accumulateKeyStatistics(model, 1, prompts, 0, 10);
        QVERIFY((C - stats.gram / double(stats.count)).abs().max().item<double>() < 1e-12);
        QVERIFY((C - C.t()).abs().max().item<double>() < 1e-12);
    }

    void editRaisesTheTargetAndWritesTheValueExactly() {
        DecoderModel model = tinyModel64();
        auto edits = testing::editPrompts();
        const std::vector<int64_t> target{edits[0].answer};
        TokenBatch batch = makeLeftPaddedBatch({edits[0].prompt, edits[1].prompt}, 0);
        const at::Tensor before = candidateLogits(model, batch, target);

        RomeOptions options;
        options.layer = 1;
        options.value.steps = 30;
        const at::Tensor C = keySecondMoment(model, options.layer, testing::samplePrompts(), 0, 16);
        RomeResult r = romeEdit(model, edits, options, {}, C);

        const Linear& down = model.weights().layers[1].down;
        QVERIFY((down.forward(r.key) - r.value).abs().max().item<double>() < 1e-10);
        QVERIFY(r.target.finalLoss < r.target.initialLoss);
        QVERIFY2(r.nllAfter < r.nllBefore, qPrintable(QString("NLL %1 -> %2").arg(r.nllBefore).arg(r.nllAfter)));
        const at::Tensor after = candidateLogits(model, batch, target);
        QVERIFY(after.mean().item<double>() > before.mean().item<double>());

        // Estimating the covariance inside gives the same edit as passing it in.
        DecoderModel again = tinyModel64();
        romeEdit(again, edits, options, testing::samplePrompts());
        QVERIFY((again.weights().layers[1].down.weight - down.weight).abs().max().item<double>() < 1e-10);
    }

    void theOptimisedValueGivesItsLossInAFullForward() {
        // The optimisation reruns only the layers above the edited one; a full forward that adds v* - v0 to
        // the edited MLP's output at the last position must give the loss it reports.
        DecoderModel model = tinyModel64();
        const std::vector<AnswerExample> edits{{{5, 3, 9, 14}, 17}, {{8, 3, 14}, 17}, {{2, 9, 14, 6, 1}, 5}};  // padded
        ValueOptimizationOptions options;
        options.steps = 10;
        const int64_t layer = 0;
        const TargetValue target = optimizeTargetValue(model, layer, edits, options, 0);
        QVERIFY(target.finalLoss < target.initialLoss);

        const testing::AnswerBatch batch = testing::answerBatch(edits);
        const int64_t T = batch.tokens.ids.size(1);
        // v0 is the edited MLP's output at the last position, averaged over the prompts.
        HookOptions capture;
        capture.captureUpstream = true;
        const at::Tensor v0 = model.forward(batch.tokens.ids, batch.tokens.mask, capture)
                                  .upstream.mlps[static_cast<size_t>(layer)].select(1, T - 1).mean(0);
        QVERIFY((target.initial - v0).abs().max().item<double>() < 1e-10);

        HookOptions hooks;
        hooks.patch = [&](UpstreamKind kind, int64_t l, const at::Tensor& out) {
            if (kind != UpstreamKind::Mlp || l != layer) return out;
            at::Tensor patched = out.clone();
            patched.select(1, T - 1).add_(target.value - target.initial);
            return patched;
        };
        at::Tensor logits = model.forward(batch.tokens.ids, batch.tokens.mask, hooks).logits.select(1, T - 1);
        const double nll = at::cross_entropy_loss(logits, batch.answers).item<double>();
        // (the reported loss is computed in fp32)
        QVERIFY2(std::abs(nll - target.finalLoss) < 1e-6, qPrintable(QString("%1 vs %2").arg(nll).arg(target.finalLoss)));
        QVERIFY(std::abs(answerNll(model, edits, 0) - target.initialLoss) < 1e-6);
    }

    void rejectsMissingOrBadCovariance() {
        DecoderModel model = tinyModel64();
        RomeOptions options;
        QVERIFY_THROWS_EXCEPTION(ConfigError, romeEdit(model, testing::editPrompts(), options, {}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, romeEdit(model, testing::editPrompts(), options, {}, at::eye(5, at::kDouble)));
        const at::Tensor W = at::ones({2, 3}, at::kDouble);
        QVERIFY_THROWS_EXCEPTION(Error, romeUpdate(W, at::ones({3}, at::kDouble), at::ones({2}, at::kDouble),
                                                    at::zeros({3, 3}, at::kDouble)));
        QVERIFY_THROWS_EXCEPTION(ConfigError, romeUpdate(W, at::ones({2}, at::kDouble), at::ones({2}, at::kDouble),
                                                          at::eye(3, at::kDouble)));
        options.layer = 5;
        QVERIFY_THROWS_EXCEPTION(ConfigError, romeEdit(model, testing::editPrompts(), options, testing::samplePrompts()));
    }
};

QTEST_GUILESS_MAIN(TestRome)
#include "test_rome.moc"
