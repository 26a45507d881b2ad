// Batching, hooks, patching and LoRA: each must leave the function the model computes unchanged
// (or change it exactly as intended).
#include <ATen/core/grad_mode.h>
#include <QtTest>

#include <torch/csrc/autograd/autograd.h>

#include "model/lora.h"
#include "model/scoring.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {

double maxAbs(const at::Tensor& t) { return t.abs().max().item<double>(); }

at::Tensor idsOf(std::vector<int64_t> ids) { return at::tensor(ids, at::kLong).view({1, -1}); }

}  // namespace

class TestDecoderHooks : public QObject {
    Q_OBJECT

    DecoderModel model_ = testing::tinyModel(testing::tinyConfig());
    at::Tensor ids_ = idsOf({4, 8, 15, 16, 2, 0, 11});

private slots:
    void shapesAndDeterminism() {
        at::Tensor a = model_.forward(ids_).logits;
        QCOMPARE(a.sizes(), (at::IntArrayRef{1, 7, 23}));
        at::Tensor b = model_.forward(ids_).logits;
        QVERIFY(at::equal(a, b));
    }

    void lastPositionLogitsEqualTheFullOnes() {
        at::Tensor all = model_.forward(ids_).logits;
        at::Tensor last = model_.forward(ids_, {}, {}, false, LogitPositions::Last).logits;
        QCOMPARE(last.sizes(), (at::IntArrayRef{1, 1, 23}));
        QVERIFY(maxAbs(last[0][0] - all[0][-1]) < 1e-6);
    }

    void paddedBatchEqualsUnpadded() {
        std::vector<std::vector<int32_t>> seqs{{5, 6, 7}, {1, 2, 3, 4, 5, 6}, {9}};
        TokenBatch batch = makeLeftPaddedBatch(seqs, 0);
        at::Tensor batched = model_.forward(batch.ids, batch.mask).logits;
        for (size_t b = 0; b < seqs.size(); ++b) {
            std::vector<int64_t> s(seqs[b].begin(), seqs[b].end());
            at::Tensor alone = model_.forward(idsOf(s)).logits[0];
            const int64_t n = int64_t(s.size()), T = batch.ids.size(1);
            at::Tensor real = batched[int64_t(b)].narrow(0, T - n, n);
            QVERIFY2(maxAbs(real - alone) < 1e-5, qPrintable(QString("row %1 differs").arg(b)));
        }
        QVERIFY(!at::isnan(batched).any().item<bool>());  // fully padded query rows stay finite
    }

    void candidateLogitsReadTheLastRealToken() {
        std::vector<std::vector<int32_t>> seqs{{5, 6, 7}, {1, 2, 3, 4, 5, 6}};
        TokenBatch batch = makeLeftPaddedBatch(seqs, 0);
        at::Tensor scores = candidateLogits(model_, batch, {3, 10, 20});
        at::Tensor alone = model_.forward(idsOf({5, 6, 7})).logits[0][-1];
        QVERIFY(maxAbs(scores[0] - alone.index_select(0, at::tensor({3, 10, 20}, at::kLong))) < 1e-5);
        // Right padding: the last real position is found from the mask as well.
        at::Tensor mask = at::tensor({1, 1, 1, 0, 0}, at::kLong).view({1, -1});
        QCOMPARE(lastRealPositions(mask)[0].item<int64_t>(), int64_t(2));
    }

    void theLayersRunInPiecesGiveTheForward() {
        std::vector<std::vector<int32_t>> seqs{{5, 6, 7}, {1, 2, 3, 4, 5, 6}};
        TokenBatch batch = makeLeftPaddedBatch(seqs, 0);
        HookOptions capture;
        capture.captureUpstream = true;  // the per-head path: independent of runLayers
        const ForwardResult captured = model_.forward(batch.ids, batch.mask, capture);
        const at::Tensor& reference = captured.logits;
        const int64_t layers = model_.config().numLayers;
        for (int64_t cut = 0; cut <= layers; ++cut) {
            at::Tensor lastMlp;
            at::Tensor stream = model_.runLayers(model_.embed(batch.ids), batch.mask, 0, cut, false, &lastMlp);
            at::Tensor logits = model_.logitsFrom(model_.runLayers(stream, batch.mask, cut, layers));
            QVERIFY2(maxAbs(logits - reference) < 1e-5, qPrintable(QString("cut after %1 layers").arg(cut)));
            if (cut > 0)  // the MLP output of the last layer run, as the hooked pass sees it
                QVERIFY(maxAbs(lastMlp - captured.upstream.mlps[static_cast<size_t>(cut - 1)]) < 1e-5);
        }
        at::Tensor full = model_.runLayers(model_.embed(batch.ids), batch.mask, 0, layers);
        QVERIFY(maxAbs(model_.logitsFrom(full, LogitPositions::Last)[1][0] - reference[1][-1]) < 1e-5);
        QVERIFY_THROWS_EXCEPTION(ConfigError, model_.runLayers(full, batch.mask, 1, 0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, model_.runLayers(full, batch.mask, 0, layers + 1));
        QVERIFY_THROWS_EXCEPTION(Error, model_.runLayers(full, batch.mask.narrow(1, 1, 5), 0, layers));  // mask too short
        QVERIFY_THROWS_EXCEPTION(Error, model_.runLayers(full.select(0, 0), {}, 0, layers));            // not [B, T, D]
    }

    void hooksDoNotChangeTheOutput() {
        at::Tensor plain = model_.forward(ids_).logits;
        HookOptions hooks;
        hooks.captureUpstream = true;
        hooks.splitDownstream = true;
        ForwardResult hooked = model_.forward(ids_, {}, hooks);
        QVERIFY(maxAbs(hooked.logits - plain) < 1e-5);
        QCOMPARE(int64_t(hooked.upstream.heads.size()), model_.config().numLayers);
        QCOMPARE(hooked.upstream.heads[0].sizes(), (at::IntArrayRef{1, 7, 4, 16}));
        QCOMPARE(hooked.downstream.key[1].sizes(), (at::IntArrayRef{1, 7, 2, 16}));
        // The residual stream is the sum of the upstream outputs: the final residual rebuilt from the captured
        // nodes gives the same logits.
        at::Tensor resid = hooked.upstream.embedding;
        for (int64_t l = 0; l < model_.config().numLayers; ++l)
            resid = resid + hooked.upstream.heads[l].sum(2) + hooked.upstream.mlps[l];
        const auto& w = model_.weights();
        at::Tensor rebuilt = at::linear(rmsNorm(resid, w.finalNorm, model_.config().rmsNormEps), w.lmHead);
        QVERIFY(maxAbs(rebuilt - plain) < 1e-5);
    }

    void attributionTapsDescribeTheOrdinaryPass() {
        at::Tensor plain = model_.forward(ids_).logits;
        HookOptions taps;
        taps.tapAttribution = true;
        taps.captureUpstream = true;
        ForwardResult r = model_.forward(ids_, {}, taps, false, LogitPositions::Last);
        QVERIFY(maxAbs(r.logits[0][0] - plain[0][-1]) < 1e-5);
        const AttributionTaps& t = r.taps;
        QVERIFY(t.embedding.requires_grad());  // a leaf, so that the taps are differentiable with frozen weights
        QCOMPARE(t.query[1].sizes(), (at::IntArrayRef{1, 7, 4, 4}));
        QCOMPARE(t.value[1].sizes(), (at::IntArrayRef{1, 7, 2, 4}));
        QCOMPARE(t.logitsResidual.sizes(), (at::IntArrayRef{1, 1, 16}));
        const auto& w = model_.weights();
        const double eps = model_.config().rmsNormEps;
        for (int64_t l = 0; l < model_.config().numLayers; ++l) {
            const auto& L = w.layers[size_t(l)];
            // Each head's output is its attention output through its slice of W_O; the norms read the taps.
            at::Tensor wo = L.o.weight.view({16, 4, 4});
            QVERIFY(maxAbs(at::einsum("bthe,dhe->bthd", {t.headValues[l], wo}) - r.upstream.heads[l]) < 1e-5);
            at::Tensor q = L.q.forward(rmsNorm(t.attentionResidual[l], L.inputNorm, eps)).view({1, 7, 4, 4});
            QVERIFY(maxAbs(q - t.query[l]) < 1e-5);
            QVERIFY(maxAbs(rmsNorm(t.mlpResidual[l], L.postAttentionNorm, eps) - t.mlpNormed[l]) < 1e-5);
            QVERIFY(maxAbs(t.mlps[l] - r.upstream.mlps[l]) < 1e-5);
        }
        {
            at::NoGradGuard noGrad;
            QVERIFY(!model_.forward(ids_, {}, taps).taps.embedding.requires_grad());
        }
    }

    void patchingANodeToItsOwnValueChangesNothing() {
        HookOptions capture;
        capture.captureUpstream = true;
        ForwardResult clean = model_.forward(ids_, {}, capture);
        HookOptions patch;
        patch.patch = [&](UpstreamKind kind, int64_t layer, const at::Tensor& out) {
            if (kind == UpstreamKind::AttentionHeads) return clean.upstream.heads[layer].clone();
            if (kind == UpstreamKind::Mlp) return clean.upstream.mlps[layer].clone();
            return out;
        };
        QVERIFY(maxAbs(model_.forward(ids_, {}, patch).logits - clean.logits) < 1e-6);

        // Zeroing one head does change the output: the patch is really applied.
        HookOptions ablate;
        ablate.patch = [](UpstreamKind kind, int64_t layer, const at::Tensor& out) {
            if (kind != UpstreamKind::AttentionHeads || layer != 0) return out;
            at::Tensor copy = out.clone();
            copy.select(2, 1).zero_();
            return copy;
        };
        QVERIFY(maxAbs(model_.forward(ids_, {}, ablate).logits - clean.logits) > 1e-4);
    }

    void downstreamGradientsMatchFiniteDifferences() {
        // metric = one logit at the last position; its gradient with respect to one downstream input
        // (layer 1's key input of key/value head 0) predicts the change when only that input moves.
        HookOptions split;
        split.splitDownstream = true;
        ForwardResult r = model_.forward(ids_, {}, split);
        at::Tensor metric = r.logits[0][-1][5];
        at::Tensor grad = torch::autograd::grad({metric}, {r.downstream.key[1]})[0];
        QVERIFY(maxAbs(grad) > 0);

        at::Tensor direction = at::randn(grad.sizes(), at::TensorOptions().dtype(at::kDouble));
        DecoderModel model64 = testing::tinyModel(testing::tinyConfig());
        model64.to(at::kCPU, at::kDouble);
        auto metricWithOffset = [&](double eps) {
            HookOptions h;
            h.splitDownstream = true;
            DownstreamInputs offsets;
            const auto& c = model64.config();
            for (int64_t l = 0; l < c.numLayers; ++l) {
                offsets.query.push_back(at::zeros({1, 7, c.numHeads, c.hiddenSize}, at::kDouble));
                offsets.key.push_back(at::zeros({1, 7, c.numKeyValueHeads, c.hiddenSize}, at::kDouble));
                offsets.value.push_back(at::zeros({1, 7, c.numKeyValueHeads, c.hiddenSize}, at::kDouble));
                offsets.mlp.push_back(at::zeros({1, 7, c.hiddenSize}, at::kDouble));
            }
            offsets.logits = at::zeros({1, 7, c.hiddenSize}, at::kDouble);
            offsets.key[1] = direction * eps;
            h.downstreamOffsets = &offsets;
            return model64.forward(ids_, {}, h).logits[0][-1][5].item<double>();
        };
        const double eps = 1e-5;
        double numeric = (metricWithOffset(eps) - metricWithOffset(-eps)) / (2 * eps);
        double analytic = (grad.to(at::kDouble) * direction).sum().item<double>();
        QVERIFY2(std::abs(numeric - analytic) < 1e-3 * std::max(1.0, std::abs(analytic)),
                 qPrintable(QString("numeric %1, analytic %2").arg(numeric).arg(analytic)));
    }

    void loraWithZeroBChangesNothing() {
        DecoderModel m = testing::tinyModel(testing::tinyConfig());
        at::Tensor before = m.forward(ids_).logits;
        attachLora(m, LoraConfig{4, 8.0, 0.0, {"q_proj", "v_proj", "down_proj"}, {}}, 1);
        QCOMPARE(loraParameters(m).size(), size_t(2 * 3 * 2));
        QVERIFY(maxAbs(m.forward(ids_).logits - before) == 0);

        // A non-zero B changes the output; merging gives the same function without adapters.
        for (auto& L : m.weights().layers) L.v.lora->b.normal_(0, 0.5);
        at::Tensor adapted = m.forward(ids_).logits;
        QVERIFY(maxAbs(adapted - before) > 1e-4);
        HookOptions split;
        split.splitDownstream = true;
        QVERIFY(maxAbs(m.forward(ids_, {}, split).logits - adapted) < 1e-5);  // per-head path sees the adapter
        DecoderModel merged = m;
        for (auto& L : merged.weights().layers)
            for (Linear* l : {&L.q, &L.v, &L.down}) l->lora = LoraAdapter(*l->lora);  // copies, not shared
        mergeLora(merged);
        QVERIFY(loraParameters(merged).empty());
        QVERIFY(maxAbs(merged.forward(ids_).logits - adapted) < 1e-5);

        resetLora(m, 2);
        QVERIFY(maxAbs(m.forward(ids_).logits - before) == 0);
    }

    void loraRejectsImpossibleConfigs() {
        DecoderModel m = testing::tinyModel(testing::tinyConfig());
        QVERIFY_THROWS_EXCEPTION(ConfigError, attachLora(m, LoraConfig{0, 8, 0, {"q_proj"}, {}}, 1));
        QVERIFY_THROWS_EXCEPTION(ConfigError, attachLora(m, LoraConfig{2, 8, 0, {"qproj"}, {}}, 1));
        QVERIFY_THROWS_EXCEPTION(ConfigError, attachLora(m, LoraConfig{2, 8, 0, {"q_proj"}, {5}}, 1));
    }

    void greedyDecodingIsDeterministic() {
        std::vector<int32_t> a = greedyGenerate(model_, {1, 2, 3}, 5);
        QCOMPARE(a.size(), size_t(5));
        QCOMPARE(greedyGenerate(model_, {1, 2, 3}, 5), a);
        std::vector<int32_t> stop = greedyGenerate(model_, {1, 2, 3}, 5, a[1]);
        QCOMPARE(stop.back(), a[1]);
        QVERIFY(stop.size() <= 2);
    }
};

QTEST_GUILESS_MAIN(TestDecoderHooks)
#include "test_decoder_hooks.moc"
