// The explicit AdamW: a hand-computed first step, a second step against a scalar reference, parameters
// without gradients left alone, and a restored state continuing bit for bit.
#include <QtTest>

#include <cmath>

#include "model/optimizer.h"
#include "util/error.h"

using namespace redit;

namespace {

const AdamWOptions kOptions{0.1, 0.9, 0.999, 1e-8, 0.01};

at::Tensor param(std::vector<double> values) { return at::tensor(values, at::kDouble).set_requires_grad(true); }

void setGrad(at::Tensor& p, std::vector<double> g) { p.mutable_grad() = at::tensor(g, at::kDouble); }

}  // namespace

class TestAdamW : public QObject {
    Q_OBJECT
private slots:
    void firstStepByHand() {
        at::Tensor p = param({1.0, -2.0});
        AdamW opt({p}, kOptions);
        setGrad(p, {0.5, 0.25});
        opt.step();
        // Decay: p * (1 - 0.1 * 0.01) = (0.999, -1.998). Step 1: m / (1 - 0.9) = g and
        // sqrt(v / (1 - 0.999)) = |g|, so the update is lr * g / (|g| + eps) = 0.1 (minus 2e-9 for eps).
        QVERIFY(std::abs(p[0].item<double>() - (0.999 - 0.1 * 0.5 / (0.5 + 1e-8))) < 1e-12);
        QVERIFY(std::abs(p[1].item<double>() - (-1.998 - 0.1 * 0.25 / (0.25 + 1e-8))) < 1e-12);
        QVERIFY(std::abs(p[0].item<double>() - 0.899) < 1e-7);
        QCOMPARE(opt.stepCount(), std::int64_t(1));
    }

    void secondStepMatchesScalarReference() {
        at::Tensor p = param({1.0, -2.0});
        AdamW opt({p}, kOptions);
        const double g1[2] = {0.5, 0.25}, g2[2] = {-0.3, 0.7};
        setGrad(p, {g1[0], g1[1]});
        opt.step();
        opt.setLearningRate(0.05);
        setGrad(p, {g2[0], g2[1]});
        opt.step();
        const double lrs[2] = {0.1, 0.05};
        for (int i = 0; i < 2; ++i) {
            double x = i == 0 ? 1.0 : -2.0, m = 0, v = 0;
            for (int t = 1; t <= 2; ++t) {
                const double g = t == 1 ? g1[i] : g2[i], lr = lrs[t - 1];
                x -= lr * 0.01 * x;
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                const double mHat = m / (1 - std::pow(0.9, t)), vHat = v / (1 - std::pow(0.999, t));
                x -= lr * mHat / (std::sqrt(vHat) + 1e-8);
            }
            QVERIFY2(std::abs(p[i].item<double>() - x) < 1e-12, qPrintable(QString::number(p[i].item<double>() - x)));
        }
    }

    void parameterWithoutGradientIsUntouched() {
        at::Tensor a = param({1.0}), b = param({3.0});
        AdamW opt({a, b}, kOptions);
        setGrad(a, {1.0});
        opt.step();
        QCOMPARE(b.item<double>(), 3.0);  // no weight decay either
        QVERIFY(a.item<double>() != 1.0);
        opt.zeroGrad();
        QVERIFY(!a.grad().defined());
    }

    void restoredStateContinuesBitForBit() {
        auto run = [](AdamW& opt, at::Tensor& p, int from, int to) {
            for (int t = from; t < to; ++t) {
                setGrad(p, {std::sin(t + 1.0), std::cos(3.0 * t)});
                opt.step();
            }
        };
        at::Tensor whole = param({0.3, -0.4});
        AdamW wholeOpt({whole}, kOptions);
        run(wholeOpt, whole, 0, 5);

        at::Tensor first = param({0.3, -0.4});
        AdamW firstOpt({first}, kOptions);
        run(firstOpt, first, 0, 2);
        at::Tensor second = first.detach().clone().set_requires_grad(true);
        AdamW secondOpt({second}, kOptions);
        secondOpt.restoreState(firstOpt.stepCount(), {firstOpt.firstMoments()[0].clone()},
                               {firstOpt.secondMoments()[0].clone()});
        run(secondOpt, second, 2, 5);
        QVERIFY(at::equal(whole, second));
        QCOMPARE(secondOpt.stepCount(), std::int64_t(5));
    }

    void restoreRejectsMismatchedState() {
        at::Tensor p = param({1.0, 2.0});
        AdamW opt({p}, kOptions);
        QVERIFY_THROWS_EXCEPTION(ConfigError, opt.restoreState(1, {}, {}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, opt.restoreState(1, {at::zeros({3}, at::kDouble)}, {at::zeros({2}, at::kDouble)}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, opt.restoreState(1, {at::zeros({2}, at::kFloat)}, {at::zeros({2}, at::kDouble)}));
    }
};

QTEST_GUILESS_MAIN(TestAdamW)
#include "test_adamw.moc"
