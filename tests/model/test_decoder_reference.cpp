// The decoder's attention, rotary and norm math against a slow, obviously-correct scalar reference.
#include <QtTest>

#include <cmath>
#include <vector>

#include "model/decoder.h"
#include "model/norm_rotary.h"
#include "tiny_models.h"

using namespace redit;

namespace {

using Vec = std::vector<double>;
using Mat = std::vector<Vec>;  // [rows][cols]

Mat toMat(const at::Tensor& t) {
    at::Tensor c = t.to(at::kDouble).contiguous();
    Mat m(static_cast<size_t>(c.size(0)), Vec(static_cast<size_t>(c.size(1))));
    for (int64_t i = 0; i < c.size(0); ++i)
        for (int64_t j = 0; j < c.size(1); ++j) m[i][j] = c[i][j].item<double>();
    return m;
}
Vec toVec(const at::Tensor& t) {
    at::Tensor c = t.to(at::kDouble).contiguous();
    return Vec(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}
Vec matVec(const Mat& w, const Vec& x) {
    Vec y(w.size(), 0.0);
    for (size_t i = 0; i < w.size(); ++i)
        for (size_t j = 0; j < x.size(); ++j) y[i] += w[i][j] * x[j];
    return y;
}
Vec linear(const Linear& l, const Vec& x) {
    Vec y = matVec(toMat(l.weight), x);
    if (l.bias.defined()) {
        Vec b = toVec(l.bias);
        for (size_t i = 0; i < y.size(); ++i) y[i] += b[i];
    }
    return y;
}
Vec rms(const Vec& x, const Vec& w, double eps) {
    double ms = 0;
    for (double v : x) ms += v * v;
    ms /= double(x.size());
    Vec y(x.size());
    for (size_t i = 0; i < x.size(); ++i) y[i] = w[i] * x[i] / std::sqrt(ms + eps);
    return y;
}
// Rotates one head vector at position p ("rotate half": pairs (i, i + half)).
void rotate(double* v, int64_t hd, double p, const Vec& invFreq) {
    const int64_t half = hd / 2;
    for (int64_t i = 0; i < half; ++i) {
        double a = p * invFreq[i], x1 = v[i], x2 = v[i + half];
        v[i] = x1 * std::cos(a) - x2 * std::sin(a);
        v[i + half] = x2 * std::cos(a) + x1 * std::sin(a);
    }
}

// Logits [T][vocab] of one unpadded sequence, computed element by element.
Mat referenceLogits(const DecoderModel& model, const std::vector<int64_t>& ids) {
    const ModelConfig& c = model.config();
    const auto& w = model.weights();
    const int64_t T = int64_t(ids.size()), H = c.numHeads, Hkv = c.numKeyValueHeads, hd = c.headDim;
    const Vec invFreq = toVec(RotaryEmbedding(c).inverseFrequencies());
    Mat emb = toMat(w.embedding);
    Mat x(T);
    for (int64_t t = 0; t < T; ++t) x[t] = emb[ids[t]];
    for (const auto& L : w.layers) {
        Mat q(T), k(T), v(T);
        for (int64_t t = 0; t < T; ++t) {
            Vec h = rms(x[t], toVec(L.inputNorm), c.rmsNormEps);
            q[t] = linear(L.q, h);
            k[t] = linear(L.k, h);
            v[t] = linear(L.v, h);
            for (int64_t a = 0; a < H; ++a) rotate(&q[t][a * hd], hd, double(t), invFreq);
            for (int64_t a = 0; a < Hkv; ++a) rotate(&k[t][a * hd], hd, double(t), invFreq);
        }
        Mat z(T, Vec(H * hd, 0.0));
        for (int64_t a = 0; a < H; ++a) {
            const int64_t g = a / (H / Hkv);  // key/value head shared by this query head
            for (int64_t t = 0; t < T; ++t) {
                Vec s(t + 1);
                double mx = -1e300, sum = 0;
                for (int64_t u = 0; u <= t; ++u) {
                    s[u] = 0;
                    for (int64_t e = 0; e < hd; ++e) s[u] += q[t][a * hd + e] * k[u][g * hd + e];
                    s[u] /= std::sqrt(double(hd));
                    mx = std::max(mx, s[u]);
                }
                for (auto& val : s) sum += (val = std::exp(val - mx));
                for (int64_t u = 0; u <= t; ++u)
                    for (int64_t e = 0; e < hd; ++e) z[t][a * hd + e] += s[u] / sum * v[u][g * hd + e];
            }
        }
        for (int64_t t = 0; t < T; ++t) {
            Vec o = linear(L.o, z[t]);
            for (size_t i = 0; i < o.size(); ++i) x[t][i] += o[i];
            Vec h2 = rms(x[t], toVec(L.postAttentionNorm), c.rmsNormEps);
            Vec gate = linear(L.gate, h2), up = linear(L.up, h2);
            for (size_t i = 0; i < gate.size(); ++i) gate[i] = gate[i] / (1 + std::exp(-gate[i])) * up[i];
            Vec m = linear(L.down, gate);
            for (size_t i = 0; i < m.size(); ++i) x[t][i] += m[i];
        }
    }
    Mat head = toMat(w.lmHead);
    Mat logits(T);
    for (int64_t t = 0; t < T; ++t) logits[t] = matVec(head, rms(x[t], toVec(w.finalNorm), c.rmsNormEps));
    return logits;
}

double maxDifference(const at::Tensor& logits, const Mat& reference) {
    double worst = 0;
    for (size_t t = 0; t < reference.size(); ++t)
        for (size_t i = 0; i < reference[t].size(); ++i)
            worst = std::max(worst, std::abs(logits[0][int64_t(t)][int64_t(i)].item<double>() - reference[t][i]));
    return worst;
}

}  // namespace

class TestDecoderReference : public QObject {
    Q_OBJECT
private slots:
    void matchesScalarReference_data() {
        QTest::addColumn<QString>("type");
        QTest::newRow("qwen2: q/k/v bias, tied head") << "qwen2";
        QTest::newRow("llama: no bias, separate head") << "llama";
    }
    void matchesScalarReference() {
        QFETCH(QString, type);
        DecoderModel model = testing::tinyModel(testing::tinyConfig(type.toStdString()));
        std::vector<int64_t> ids{3, 17, 0, 22, 5, 5, 9};
        at::Tensor logits = model.forward(at::tensor(ids, at::kLong).view({1, -1})).logits.to(at::kDouble);
        double diff = maxDifference(logits, referenceLogits(model, ids));
        QVERIFY2(diff < 1e-4, qPrintable(QString("max |difference| %1").arg(diff)));
    }

    void rmsNormByHand() {
        at::Tensor x = at::tensor({3.0, 4.0}, at::kFloat);
        at::Tensor w = at::tensor({1.0, 2.0}, at::kFloat);
        at::Tensor y = rmsNorm(x, w, 0.0);  // rms = sqrt(12.5)
        QVERIFY(std::abs(y[0].item<double>() - 3.0 / std::sqrt(12.5)) < 1e-6);
        QVERIFY(std::abs(y[1].item<double>() - 8.0 / std::sqrt(12.5)) < 1e-6);
    }

    void rotaryFrequenciesFollowScaling() {
        ModelConfig c = testing::tinyConfig();
        c.headDim = 8;
        Vec plain = toVec(RotaryEmbedding(c).inverseFrequencies());
        QCOMPARE(plain.size(), size_t(4));
        QVERIFY(std::abs(plain[1] - std::pow(10000.0, -2.0 / 8.0)) < 1e-12);

        c.ropeScaling.kind = RopeScaling::Kind::Linear;
        c.ropeScaling.factor = 4.0;
        Vec linear = toVec(RotaryEmbedding(c).inverseFrequencies());
        for (size_t i = 0; i < plain.size(); ++i) QVERIFY(std::abs(linear[i] - plain[i] / 4.0) < 1e-15);

        // Llama 3 with original context 64: wavelengths 2*pi/f are 6.3, 63, 628, 6283 for theta 1e4, hd 8.
        // high_freq_wavelen = 64/4 = 16 keeps f0; low_freq_wavelen = 64/1 = 64: f2, f3 divided by 8;
        // f1 (wavelen 62.8) is blended with smooth = (64/62.83 - 1)/(4 - 1).
        c.ropeScaling = {RopeScaling::Kind::Llama3, 8.0, 1.0, 4.0, 64};
        Vec l3 = toVec(RotaryEmbedding(c).inverseFrequencies());
        const double pi = 3.14159265358979323846;
        double smooth = (64.0 / (2 * pi / plain[1]) - 1.0) / 3.0;
        QVERIFY(std::abs(l3[0] - plain[0]) < 1e-15);
        QVERIFY(std::abs(l3[1] - ((1 - smooth) * plain[1] / 8.0 + smooth * plain[1])) < 1e-15);
        QVERIFY(std::abs(l3[2] - plain[2] / 8.0) < 1e-15);
        QVERIFY(std::abs(l3[3] - plain[3] / 8.0) < 1e-15);
    }

    void bfloat16IsCloseToFloat32() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        at::Tensor ids = at::tensor(std::vector<int64_t>{1, 2, 3, 4}, at::kLong).view({1, -1});
        at::Tensor full = model.forward(ids).logits;
        model.to(at::kCPU, at::kBFloat16);
        QCOMPARE(model.dtype(), at::kBFloat16);
        at::Tensor half = model.forward(ids).logits.to(at::kFloat);
        double rel = ((half - full).abs().max() / full.abs().max()).item<double>();
        QVERIFY2(rel < 0.05, qPrintable(QString("relative difference %1").arg(rel)));
    }
};

QTEST_GUILESS_MAIN(TestDecoderReference)
#include "test_decoder_reference.moc"
