// Reptile's outer step on quadratic tasks, where one inner SGD step has a closed form.
#include <QtTest>

#include <torch/csrc/autograd/autograd.h>

#include "reshape/reptile.h"
#include "util/error.h"

using namespace redit;

class TestReptile : public QObject {
    Q_OBJECT
private slots:
    void outerStepMovesTowardTheMeanOfTheTaskResults() {
        // Task i: L_i(theta) = 1/2 |theta - c_i|^2. One SGD step of rate alpha from theta gives
        // phi_i = theta + alpha (c_i - theta), so the outer step is theta + eta alpha (mean c - theta).
        const at::Tensor theta = at::tensor({1.0, -2.0}, at::kDouble);
        const std::vector<at::Tensor> centres{at::tensor({3.0, 0.0}, at::kDouble), at::tensor({-1.0, 4.0}, at::kDouble),
                                              at::tensor({0.0, 1.0}, at::kDouble)};
        const double alpha = 0.5, eta = 0.8;
        at::Tensor model = theta.clone();
        ReptileAccumulator reptile({model});
        for (const auto& c : centres) {
            at::Tensor phi = theta.clone().set_requires_grad(true);
            at::Tensor loss = 0.5 * (phi - c).pow(2).sum();
            at::Tensor grad = torch::autograd::grad({loss}, {phi})[0];
            at::Tensor result = (phi - alpha * grad).detach();
            model.copy_(result);  // the model ends at the last task's weights
            reptile.addTask({model});
        }
        QCOMPARE(reptile.tasks(), int64_t(3));
        reptile.apply({model}, eta);
        // mean c = (2/3, 5/3): theta + 0.4 (mean c - theta) = (1 - 0.4/3, -2 + 0.4 * 11/3).
        QVERIFY(std::abs(model[0].item<double>() - (1 - 0.4 / 3)) < 1e-12);
        QVERIFY(std::abs(model[1].item<double>() - (-2 + 0.4 * 11 / 3)) < 1e-12);
    }

    void etaOneWithOneTaskKeepsTheTaskResult() {
        at::Tensor p = at::tensor({2.0f, 3.0f});
        ReptileAccumulator reptile({p});
        reptile.addTask({at::tensor({5.0f, -1.0f})});
        reptile.apply({p}, 1.0);
        QVERIFY(at::allclose(p, at::tensor({5.0f, -1.0f})));
    }

    void rejectsMismatchesAndEmptyUpdates() {
        at::Tensor p = at::zeros({2});
        ReptileAccumulator reptile({p});
        QVERIFY_THROWS_EXCEPTION(ConfigError, reptile.apply({p}, 1.0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, reptile.addTask({at::zeros({3})}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, reptile.addTask({p, p}));
    }
};

QTEST_GUILESS_MAIN(TestReptile)
#include "test_reptile.moc"
