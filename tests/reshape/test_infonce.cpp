// InfoNCE: the value on small vectors computed by hand, and the gradient against central differences.
#include <QtTest>

#include <cmath>
#include <torch/csrc/autograd/autograd.h>

#include "reshape/infonce.h"
#include "util/error.h"

using namespace redit;

namespace {
at::Tensor rows(std::vector<double> values, std::vector<int64_t> shape) {
    return at::tensor(values, at::kDouble).view(shape);
}
}  // namespace

class TestInfoNce : public QObject {
    Q_OBJECT
private slots:
    void matchesAHandComputation() {
        // Anchor 1: (1,0); positive (1,1) -> cosine 1/sqrt2; negatives (0,2) -> 0 and (-3,0) -> -1.
        // Anchor 2: (0,3); positive (0,1) -> 1; negatives (1,0) -> 0 and (0,-1) -> -1. Temperature 0.5.
        at::Tensor a = rows({1, 0, 0, 3}, {2, 2});
        at::Tensor p = rows({1, 1, 0, 1}, {2, 2});
        at::Tensor n = rows({0, 2, -3, 0, 1, 0, 0, -1}, {2, 2, 2});
        const double tau = 0.5, s = 1 / std::sqrt(2.0);
        auto term = [&](double pos, double n1, double n2) {
            const double e = std::exp(pos / tau);
            return -std::log(e / (e + std::exp(n1 / tau) + std::exp(n2 / tau)));
        };
        const double expected = term(s, 0, -1) + term(1, 0, -1);
        QVERIFY(std::abs(infoNceLoss(a, p, n, tau).item<double>() - expected) < 1e-12);
        // Scaling any vector changes nothing (normalised inside).
        QVERIFY(std::abs(infoNceLoss(a * 7, p * 0.1, n * 3, tau).item<double>() - expected) < 1e-12);
    }

    void aCloserPositiveLowersTheLoss() {
        at::Tensor a = rows({1, 0}, {1, 2});
        at::Tensor n = rows({0, 1}, {1, 1, 2});
        const double far = infoNceLoss(a, rows({0.2, 1}, {1, 2}), n, 0.1).item<double>();
        const double near = infoNceLoss(a, rows({1, 0.2}, {1, 2}), n, 0.1).item<double>();
        QVERIFY(near < far);
    }

    void gradientMatchesFiniteDifferences() {
        at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(3);
        auto opts = at::TensorOptions().dtype(at::kDouble);
        at::Tensor a = at::randn({3, 5}, gen, opts).set_requires_grad(true);
        at::Tensor p = at::randn({3, 5}, gen, opts).set_requires_grad(true);
        at::Tensor n = at::randn({3, 4, 5}, gen, opts).set_requires_grad(true);
        const double tau = 0.3;
        auto grads = torch::autograd::grad({infoNceLoss(a, p, n, tau)}, {a, p, n});
        const std::vector<at::Tensor> inputs{a, p, n};
        const double h = 1e-6;
        for (size_t which = 0; which < inputs.size(); ++which) {
            at::Tensor flat = inputs[which].detach().reshape(-1);
            for (int64_t i = 0; i < flat.numel(); i += 3) {
                auto loss = [&](double shift) {
                    std::vector<at::Tensor> moved;
                    for (const auto& t : inputs) moved.push_back(t.detach().clone());
                    moved[which].view(-1)[i] += shift;
                    return infoNceLoss(moved[0], moved[1], moved[2], tau).item<double>();
                };
                const double numeric = (loss(h) - loss(-h)) / (2 * h);
                const double analytic = grads[which].reshape(-1)[i].item<double>();
                QVERIFY2(std::abs(numeric - analytic) < 1e-6,
                         qPrintable(QString("input %1 entry %2: numeric %3, analytic %4")
                                        .arg(which).arg(i).arg(numeric).arg(analytic)));
            }
        }
    }

    void rejectsBadShapesAndTemperatures() {
        at::Tensor a = at::ones({2, 3}, at::kDouble);
        QVERIFY_THROWS_EXCEPTION(ConfigError, infoNceLoss(a, a, at::ones({2, 1, 3}, at::kDouble), 0.0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, infoNceLoss(a, at::ones({3, 3}, at::kDouble), at::ones({2, 1, 3}, at::kDouble), 1));
        QVERIFY_THROWS_EXCEPTION(ConfigError, infoNceLoss(a, a, at::ones({2, 1, 4}, at::kDouble), 1));
    }
};

QTEST_GUILESS_MAIN(TestInfoNce)
#include "test_infonce.moc"
