// Null-space protection: the projection removes exactly the share rho of the protected component.
#include <QtTest>

#include "reshape/gradient_projection.h"
#include "util/error.h"

using namespace redit;

class TestGradientProjection : public QObject {
    Q_OBJECT

    std::vector<at::Tensor> params_{at::zeros({2, 3}, at::kDouble), at::zeros({4}, at::kDouble)};

    std::vector<at::Tensor> randomGrads(uint64_t seed) const {
        at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
        std::vector<at::Tensor> out;
        for (const auto& p : params_) out.push_back(at::randn(p.sizes(), gen, p.options()));
        return out;
    }

private slots:
    void removesTheShareRhoOfTheProtectedComponent() {
        auto grad = randomGrads(1), g = randomGrads(2);
        const at::Tensor flatGrad = flattenGradients(grad, params_), flatG = flattenGradients(g, params_);
        const double before = at::dot(flatGrad, flatG).item<double>();
        QVERIFY(std::abs(before) > 1e-3);
        for (double rho : {1.0, 0.5, 0.25, 2.0}) {
            auto projected = projectGradients(grad, g, params_, rho, 0.0);
            QCOMPARE(projected[0].sizes(), params_[0].sizes());
            const double after = at::dot(flattenGradients(projected, params_), flatG).item<double>();
            QVERIFY2(std::abs(after - (1 - rho) * before) < 1e-12, qPrintable(QString("rho %1").arg(rho)));
            QVERIFY((flattenGradients(projected, params_) - flatGrad).abs().max().item<double>() > 1e-6);
        }
        // The component orthogonal to g is untouched.
        const at::Tensor orthogonal = flatGrad - before / at::dot(flatG, flatG).item<double>() * flatG;
        const at::Tensor strict = flattenGradients(projectGradients(grad, g, params_, 1.0, 0.0), params_);
        QVERIFY((strict - orthogonal).abs().max().item<double>() < 1e-12);
    }

    void rhoZeroIsTheIdentity() {
        auto grad = randomGrads(3), g = randomGrads(4);
        auto projected = projectGradients(grad, g, params_, 0.0);
        for (size_t i = 0; i < grad.size(); ++i) QVERIFY(at::equal(projected[i], grad[i]));
    }

    void missingGradientsCountAsZero() {
        auto grad = randomGrads(5);
        std::vector<at::Tensor> g{at::ones({2, 3}, at::kDouble), at::Tensor()};
        auto projected = projectGradients(grad, g, params_, 1.0, 0.0);
        QVERIFY(std::abs(projected[0].sum().item<double>()) < 1e-12);  // component along ones removed
        QVERIFY(at::equal(projected[1], grad[1]));
    }

    void rejectsMismatchedLists() {
        QVERIFY_THROWS_EXCEPTION(ConfigError, flattenGradients({at::zeros({2, 3})}, params_));
        QVERIFY_THROWS_EXCEPTION(ConfigError, flattenGradients({at::zeros({3, 2}), at::zeros({4})}, params_));
        QVERIFY_THROWS_EXCEPTION(ConfigError, unflattenLike(at::zeros({9}), params_));
    }
};

QTEST_GUILESS_MAIN(TestGradientProjection)
#include "test_gradient_projection.moc"
