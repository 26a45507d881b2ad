#include <QtTest>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "cli_process.h"
#include "gguf_model_writer.h"
#include "model/gguf_file.h"
#include "model/gguf_model.h"
#include "model/model_folder.h"
#include "model/scoring.h"
#include "temp_dir.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;
using namespace redit::testing;

namespace {

// Weights rounded through fp16, so that F16 GGUF tensors hold them exactly.
DecoderModel halfExactModel(const ModelConfig& c) {
    DecoderModel m = tinyModel(c);
    for (auto& [name, t] : m.weights().named(c.tieWordEmbeddings)) {
        (void)name;
        t.detach().copy_(t.to(at::kHalf).to(at::kFloat));
    }
    return m;
}

at::Tensor logitsOf(const DecoderModel& model) {
    const at::Tensor ids = at::tensor({3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}, at::kLong).reshape({2, 6});
    return model.forward(ids).logits;
}

std::string smolPath() {
    if (const char* env = std::getenv("REDIT_SMOLLM2_GGUF")) return env;
    return std::string(REDIT_BINARY_DIR) + "/models/smollm2-135m-instruct.Q4_1.gguf";
}

}  // namespace

class TestGgufModel : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    // The same tiny model as an HF folder and as GGUF (F32 and F16 matrices) gives the same logits.
    void checkForwardEquality(const std::string& type) {
        const ModelConfig c = tinyConfig(type);
        const DecoderModel model = halfExactModel(c);
        const std::string folder = pathIn(dir_, type + "_hf");
        saveModelFolder(folder, model);
        const at::Tensor expected = logitsOf(loadDecoder(folder, readFolderConfig(folder)));
        for (bool f16 : {false, true}) {
            const std::string path = pathIn(dir_, type + (f16 ? "_f16" : "_f32") + ".gguf");
            ggufBuilderFor(model, f16).write(path);
            const LoadedModel loaded = loadModel(path);
            const ModelConfig& g = loaded.model->config();
            QCOMPARE(g.modelType, c.modelType);
            QCOMPARE(g.numLayers, c.numLayers);
            QCOMPARE(g.numKeyValueHeads, c.numKeyValueHeads);
            QCOMPARE(g.attentionBias, c.attentionBias);
            QCOMPARE(g.tieWordEmbeddings, c.tieWordEmbeddings);
            QCOMPARE(g.vocabSize, c.vocabSize);
            const at::Tensor logits = logitsOf(*loaded.model);
            const double diff = (logits - expected).abs().max().item<double>();
            QVERIFY2(diff < 1e-6, (type + (f16 ? " F16" : " F32") + ": max |diff| " + std::to_string(diff)).c_str());
        }
        // Without undoing the permutation a llama model would differ: the test can tell.
        if (type == "llama") {
            const std::string path = pathIn(dir_, "unpermuted.gguf");
            ggufBuilderFor(model, false, /*permuteLlama=*/false).write(path);
            const double diff = (logitsOf(*loadModel(path).model) - expected).abs().max().item<double>();
            QVERIFY2(diff > 1e-3, std::to_string(diff).c_str());
        }
    }

private slots:
    void nameMapping() {
        QCOMPARE(*gguf::ggufTensorName("model.layers.12.self_attn.q_proj.weight"), std::string("blk.12.attn_q.weight"));
        QCOMPARE(*gguf::ggufTensorName("model.layers.0.self_attn.k_proj.bias"), std::string("blk.0.attn_k.bias"));
        QCOMPARE(*gguf::ggufTensorName("model.layers.3.post_attention_layernorm.weight"), std::string("blk.3.ffn_norm.weight"));
        QCOMPARE(*gguf::ggufTensorName("model.embed_tokens.weight"), std::string("token_embd.weight"));
        QCOMPARE(*gguf::ggufTensorName("lm_head.weight"), std::string("output.weight"));
        QCOMPARE(*gguf::huggingFaceTensorName("blk.29.ffn_down.weight"), std::string("model.layers.29.mlp.down_proj.weight"));
        QCOMPARE(*gguf::huggingFaceTensorName("output_norm.weight"), std::string("model.norm.weight"));
        QVERIFY(!gguf::ggufTensorName("model.layers.0.self_attn.rotary.weight"));
        QVERIFY(!gguf::huggingFaceTensorName("rope_freqs.weight"));
    }

    void permutationInverts() {
        const at::Tensor w = at::arange(48, at::kFloat).reshape({12, 4});
        const at::Tensor stored = llamaCppPermute(w, 3);
        QVERIFY(!at::equal(stored, w));
        // Row order within one head of 4 rows: 0, 2, 1, 3 (the rotary halves interleaved).
        QVERIFY(at::equal(stored[1], w[2]));
    }

    void llamaForwardEqualsFolder() { checkForwardEquality("llama"); }
    void qwen2ForwardEqualsFolder() { checkForwardEquality("qwen2"); }

    void convertRoundTrips() {
        for (const std::string type : {"llama", "qwen2"}) {
            const ModelConfig c = tinyConfig(type);
            const DecoderModel model = halfExactModel(c);
            const std::string path = pathIn(dir_, type + "_conv.gguf");
            ggufBuilderFor(model, true).write(path);
            const std::string folder = pathIn(dir_, type + "_converted");
            convertGgufToFolder(path, folder);
            const LoadedModel back = loadModel(folder);
            QVERIFY(at::equal(logitsOf(*back.model), logitsOf(*loadModel(path).model)));
            QCOMPARE(back.tokenizer.vocabSize(), loadModel(path).tokenizer.vocabSize());
            QCOMPARE(back.model->config().toJson(), gguf::modelConfig(*gguf::File::open(path)).toJson());
            // bf16 conversion stores bf16 tensors.
            const std::string bf16 = pathIn(dir_, type + "_bf16");
            convertGgufToFolder(path, bf16, at::kBFloat16);
            QVERIFY(loadModel(bf16, {at::kBFloat16}).model->dtype() == at::kBFloat16);
        }
    }

    void configErrorsNameTheKey() {
        const DecoderModel model = tinyModel(tinyConfig("llama"));
        GgufBuilder b = ggufBuilderFor(model, false);
        b.addString("general.architecture", "gpt2");  // a second key: rejected as a duplicate
        const std::string dup = pathIn(dir_, "dup.gguf");
        b.write(dup);
        try {
            loadModel(dup);
            QFAIL("accepted a duplicate key");
        } catch (const FileError& e) {
            QCOMPARE(e.path(), dup);
        }
        // Architecture we cannot run, and a missing key.
        GgufBuilder arch;
        arch.addString("general.architecture", "gpt2");
        const std::string archPath = pathIn(dir_, "arch.gguf");
        arch.write(archPath);
        try {
            loadModel(archPath);
            QFAIL("accepted gpt2");
        } catch (const FileError& e) {
            QVERIFY(e.problem().find("general.architecture 'gpt2' is not supported") != std::string::npos);
        }
        GgufBuilder missing;
        missing.addString("general.architecture", "llama");
        const std::string missingPath = pathIn(dir_, "missing.gguf");
        missing.write(missingPath);
        try {
            readModelConfig(missingPath);
            QFAIL("accepted missing keys");
        } catch (const FileError& e) {
            QCOMPARE(e.path(), missingPath);
            QVERIFY(e.problem().find("'llama.block_count' is missing") != std::string::npos);
        }
        // Found by fuzzing: without a vocabulary size or token list, an embedding of fewer than two dimensions
        // escaped as std::out_of_range.
        GgufBuilder flat;
        flat.addString("general.architecture", "llama");
        flat.addU32("llama.block_count", 1);
        flat.addU32("llama.embedding_length", 8);
        flat.addU32("llama.feed_forward_length", 16);
        flat.addU32("llama.attention.head_count", 2);
        flat.addF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        flat.addF32Tensor("token_embd.weight", {8}, std::vector<float>(8, 0.0f));
        const std::string flatPath = pathIn(dir_, "flat_embedding.gguf");
        flat.write(flatPath);
        try {
            gguf::modelConfig(*gguf::File::open(flatPath));
            QFAIL("accepted a one-dimensional embedding");
        } catch (const FileError& e) {
            QCOMPARE(e.path(), flatPath);
            QCOMPARE(e.problem(),
                     std::string("tensor 'token_embd.weight' is 1-dimensional, expected 2 dimensions (hidden size, vocabulary size)"));
        }
        try {
            loadModel(pathIn(dir_, "nothing.gguf"));
            QFAIL("accepted a missing file");
        } catch (const FileError& e) {
            QVERIFY(e.problem().find("no such model") != std::string::npos);
        }
    }

    void cliAcceptsGguf() {
        const DecoderModel model = halfExactModel(tinyConfig("llama"));
        const std::string path = pathIn(dir_, "cli.gguf");
        ggufBuilderFor(model, true).write(path);
        const QString gguf = QString::fromStdString(path);
        CliResult info = runRedit({"model", "info", gguf});
        QCOMPARE(info.code, 0);
        QVERIFY2(info.out.contains("GGUF v3") && info.out.contains("F16 x16, F32 x5")  /* 2 x 7 matrices, embedding, LM head; norms */ &&
                     info.out.contains("MOSTLY_F16") && info.out.contains("layers:"),
                 qPrintable(info.out));
        CliResult tok = runRedit({"tokenize", gguf, "--text", "abc"});
        QCOMPARE(tok.code, 0);
        QVERIFY2(tok.out.contains("2 tokens"), qPrintable(tok.out));  // "ab" merged, then "c"
        CliResult gen = runRedit({"model", "generate", gguf, "--prompt", "abc", "--max-new-tokens", "2"});
        QCOMPARE(gen.code, 0);
        QVERIFY(gen.out.startsWith("abc"));
        const QString out = QString::fromStdString(pathIn(dir_, "cli_converted"));
        CliResult conv = runRedit({"model", "convert", gguf, "--out", out, "--dtype", "bf16"});
        QCOMPARE(conv.code, 0);
        const LoadedModel back = loadModel(out.toStdString(), {at::kBFloat16});
        QCOMPARE(back.model->config().torchDtype, std::string("bfloat16"));
        CliResult bad = runRedit({"model", "info", QString::fromStdString(pathIn(dir_, "absent.gguf"))});
        QVERIFY(bad.code != 0);
        QVERIFY2(bad.err.contains("absent.gguf") && bad.err.contains("no such model"), qPrintable(bad.err));
    }

    // The real SmolLM2-135M-Instruct Q4_1 GGUF, when `make models` has fetched it.
    void smolLM2() {
        const std::string path = smolPath();
        if (!std::filesystem::exists(path))
            QSKIP(("no " + path + ": run `make models` (or set REDIT_SMOLLM2_GGUF) to test the real GGUF").c_str());
        const auto start = std::chrono::steady_clock::now();
        const LoadedModel m = loadModel(path);
        const ModelConfig& c = m.model->config();
        QCOMPARE(c.modelType, std::string("llama"));
        QCOMPARE(c.numLayers, int64_t(30));
        QCOMPARE(c.hiddenSize, int64_t(576));
        QCOMPARE(c.numHeads, int64_t(9));
        QCOMPARE(c.numKeyValueHeads, int64_t(3));
        QCOMPARE(c.vocabSize, int64_t(49152));
        QVERIFY(c.tieWordEmbeddings);
        const std::vector<int32_t> prompt = m.tokenizer.encode("The capital of France is");
        const std::vector<int32_t> out = greedyGenerate(*m.model, prompt, 8, c.eosTokenId.value_or(-1));
        const std::string text = m.tokenizer.decode(out);
        qInfo("SmolLM2 continuation: '%s' (%.1f s with loading)", text.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        QVERIFY2(text.find("Paris") != std::string::npos, text.c_str());
    }
};

QTEST_GUILESS_MAIN(TestGgufModel)
#include "test_gguf_model.moc"
