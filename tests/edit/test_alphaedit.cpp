// AlphaEdit: P is an orthogonal projector onto the null space of the preserved keys, the update leaves the
// preserved keys' outputs alone and shrinks the edit residuals exactly as the closed form says.
#include <QtTest>
#include <cmath>

#include "edit/alphaedit.h"
#include "edit/mlp_keys.h"
#include "edit_fixtures.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {
double maxAbs(const at::Tensor& t) { return t.abs().max().item<double>(); }
}  // namespace

class TestAlphaEdit : public QObject {
    Q_OBJECT

    at::TensorOptions opts_ = at::TensorOptions().dtype(at::kDouble);

private slots:
    void projectorIsTheNullSpaceOfThePreservedKeys() {
        at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(5);
        const at::Tensor K0 = at::randn({9, 4}, gen, opts_);  // rank 4 in 9 dimensions
        const at::Tensor P = nullSpaceProjector(at::matmul(K0, K0.t()), 1e-8);
        QVERIFY(maxAbs(at::matmul(P, P) - P) < 1e-12);
        QVERIFY(maxAbs(P - P.t()) < 1e-12);
        QCOMPARE(projectorRank(P), int64_t(5));
        QVERIFY(maxAbs(at::matmul(P, K0)) < 1e-12);
        // Full-rank keys leave no null space.
        const at::Tensor full = at::randn({9, 20}, gen, opts_);
        QCOMPARE(projectorRank(nullSpaceProjector(at::matmul(full, full.t()), 1e-8)), int64_t(0));
    }

    void updateSparesPreservedKeysAndShrinksResiduals() {
        at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(6);
        const at::Tensor K0 = at::randn({9, 4}, gen, opts_);
        const at::Tensor K1 = at::randn({9, 3}, gen, opts_);
        const at::Tensor R = at::randn({6, 3}, gen, opts_);
        const at::Tensor P = nullSpaceProjector(at::matmul(K0, K0.t()), 1e-8);
        const at::Tensor delta = alphaEditUpdate(K1, R, P);
        QCOMPARE(delta.sizes(), (at::IntArrayRef{6, 9}));
        QVERIFY(maxAbs(at::matmul(delta, K0)) < 1e-10);
        // With K~ = P K1 and G = K~^T K~, the residual left is R - Delta K1 = R (G + I)^-1.
        const at::Tensor Kp = at::matmul(P, K1);
        const at::Tensor G = at::matmul(Kp.t(), Kp);
        const at::Tensor left = R - at::matmul(delta, K1);
        QVERIFY(maxAbs(left - at::matmul(R, at::inverse(G + at::eye(3, opts_)))) < 1e-10);
        QVERIFY(left.norm().item<double>() < R.norm().item<double>());
    }

    void editOnATinyModelKeepsPreservedPromptsUnchanged() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        model.to(at::kCPU, at::kDouble);
        // 11 preserved tokens: their keys span at most 11 of the 24 key dimensions.
        const std::vector<std::vector<int32_t>> preserved{{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11}};
        TokenBatch batch = makeLeftPaddedBatch(preserved, 0);
        const at::Tensor logitsBefore = model.forward(batch.ids, batch.mask).logits;

        AlphaEditOptions options;
        options.layer = 1;
        options.nullSpaceThreshold = 1e-8;
        AlphaEditResult r = alphaEdit(model, testing::editPrompts(), options, preserved);
        QVERIFY(r.nullSpaceDimension >= 24 - 11);
        const at::Tensor P = nullSpaceProjector(keySecondMoment(model, 1, preserved, 0, 1), options.nullSpaceThreshold);
        const double share = at::matmul(P, r.keys).norm().item<double>() / r.keys.norm().item<double>();
        QVERIFY(share > 0 && share <= 1);
        QVERIFY(std::abs(r.editKeyNullSpaceShare - share) < 1e-12);
        QVERIFY(r.residualNormAfter < r.residualNormBefore);
        QVERIFY(r.residualNormBefore > 0);

        const at::Tensor logitsAfter = model.forward(batch.ids, batch.mask).logits;
        const at::Tensor real = batch.mask.to(at::kBool).unsqueeze(-1).expand_as(logitsAfter);
        QVERIFY2(maxAbs((logitsAfter - logitsBefore).masked_select(real)) < 1e-8,
                 qPrintable(QString("max change %1").arg(maxAbs((logitsAfter - logitsBefore).masked_select(real)))));

        // A precomputed second moment gives the same edit.
        DecoderModel again = testing::tinyModel(testing::tinyConfig());
        again.to(at::kCPU, at::kDouble);
        const at::Tensor secondMoment = keySecondMoment(again, 1, preserved, 0, 1);
        alphaEdit(again, testing::editPrompts(), options, {}, secondMoment);
        QVERIFY(maxAbs(again.weights().layers[1].down.weight - model.weights().layers[1].down.weight) < 1e-10);
    }

    // The threshold applies to E[k k^T], as in the AlphaEdit reference: preserving the same prompts three times
    // over (three times the tokens, the same mean) gives the same null space and the same edit. On the sum
    // K0 K0^T the eigenvalues grow with the number of tokens and fewer of them fall below the threshold.
    void nullSpaceDoesNotDependOnHowManyTimesAKeyIsPreserved() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        model.to(at::kCPU, at::kDouble);
        std::vector<std::vector<int32_t>> preserved;
        for (int32_t i = 0; i < 12; ++i) {  // 12 prompts of 4 tokens from the vocabulary's 22 non-pad ids
            std::vector<int32_t> prompt;
            for (int32_t j = 0; j < 4; ++j) prompt.push_back(1 + (5 * i + j) % 22);
            preserved.push_back(prompt);
        }
        const at::Tensor secondMoment = keySecondMoment(model, 1, preserved, 0, 4);
        const at::Tensor eigenvalues = at::linalg_eigvalsh(secondMoment);  // ascending
        AlphaEditOptions options;
        options.layer = 1;
        // Halfway (geometrically) between the 12th and 13th smallest eigenvalues: 12 dimensions below it.
        options.nullSpaceThreshold = std::sqrt(eigenvalues[11].item<double>() * eigenvalues[12].item<double>());
        const int64_t tokens = int64_t(preserved.size()) * 4;
        QVERIFY(projectorRank(nullSpaceProjector(secondMoment * double(tokens), options.nullSpaceThreshold)) < 12);

        DecoderModel once = model;
        once.weights().layers[1].down.weight = once.weights().layers[1].down.weight.clone();
        const AlphaEditResult a = alphaEdit(once, testing::editPrompts(), options, preserved);
        QCOMPARE(a.nullSpaceDimension, int64_t(12));

        std::vector<std::vector<int32_t>> thrice;
        for (int copy = 0; copy < 3; ++copy) thrice.insert(thrice.end(), preserved.begin(), preserved.end());
        DecoderModel threeTimes = model;
        threeTimes.weights().layers[1].down.weight = threeTimes.weights().layers[1].down.weight.clone();
        const AlphaEditResult b = alphaEdit(threeTimes, testing::editPrompts(), options, thrice);
        QCOMPARE(b.nullSpaceDimension, int64_t(12));
        QVERIFY(maxAbs(once.weights().layers[1].down.weight - threeTimes.weights().layers[1].down.weight) < 1e-9);
    }

    void rejectsBadInput() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        AlphaEditOptions options;
        QVERIFY_THROWS_EXCEPTION(ConfigError, alphaEdit(model, testing::editPrompts(), options, {}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, alphaEdit(model, {}, options, {{1, 2}}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, alphaEdit(model, testing::editPrompts(), options, {}, at::eye(3)));
        QVERIFY_THROWS_EXCEPTION(ConfigError, nullSpaceProjector(at::zeros({2, 3}), 0.1));
        QVERIFY_THROWS_EXCEPTION(ConfigError, alphaEditUpdate(at::zeros({4, 2}), at::zeros({3, 3}), at::eye(4)));
    }
};

QTEST_GUILESS_MAIN(TestAlphaEdit)
#include "test_alphaedit.moc"
