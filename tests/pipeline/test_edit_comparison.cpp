#include <QtTest>
#include <algorithm>
#include <set>

#include "edit/mlp_keys.h"
#include "edit/pattern_accuracy.h"
#include "results/comparison_tables.h"
#include "pipeline/edit_comparison.h"
#include "pipeline/redit_reshaper.h"
#include "analysis/edit_summary.h"
#include "results/edit_records.h"
#include "pipeline_fixture.h"
#include "util/error.h"

using namespace redit;
using namespace redit::analysis;
using namespace redit::pipeline;
using namespace redit::results;

// The editing comparison on a tiny random model and the four-pattern tiny synthetic dataset.
class TestEditComparison : public QObject {
    Q_OBJECT

    testing::TinyPipelineModel tiny = testing::tinyPipelineModel();

    ComparisonOptions options() const {
        ComparisonOptions o;
        o.lora.steps = 3;
        o.lora.learningRate = 5e-2;
        o.lora.lora.rank = 2;
        o.lora.lora.alpha = 4;
        o.transferPatterns = 1;
        o.batchSize = 5;  // several batches per evaluation
        o.rome.layer = o.alphaEdit.layer = 1;
        o.rome.value.steps = o.alphaEdit.value.steps = 3;
        o.rome.covarianceRidge = 1e-2;
        return o;
    }

    std::vector<EditOutcomeRow> run(EditMethod method, uint64_t seed, const ComparisonInputs& inputs = {}) const {
        return *compareEdits(*tiny.model, tiny.tokenizer, tiny.patterns, 1, method, seed, options(), inputs);
    }

    // Per-instance correctness on a pattern's test split, recomputed with predictAnswers.
    std::vector<bool> correctOn(const DecoderModel& model, const data::Pattern& pattern, uint64_t seed) const {
        data::SplitOptions split;
        split.seed = seed;
        const data::PromptStyle style = data::demoPromptStyle();
        std::vector<ScoredPrompt> prompts;
        for (const data::Instance& i : data::splitPattern(pattern, split).test)
            prompts.push_back({tiny.tokenizer.encode(style.prompt(i.text)),
                               i.label == data::Truth::True ? 0 : i.label == data::Truth::False ? 1 : 2});
        const std::vector<int64_t> predicted = predictAnswers(model, prompts, answerTokenIds(tiny.tokenizer, style), 0, 64);
        std::vector<bool> correct;
        for (std::size_t k = 0; k < prompts.size(); ++k) correct.push_back(predicted[k] == prompts[k].gold);
        return correct;
    }

    static at::Tensor downWeight(const DecoderModel& m, int64_t layer) {
        return m.weights().layers[size_t(layer)].down.weight.clone();
    }

private slots:
    void rawEqualsPatternAccuracy() {
        for (uint64_t seed : {0u, 3u}) {
            EvalOptions eval;
            eval.part = EvalPart::Test;
            eval.split.seed = seed;
            const AccuracyReport report = evaluatePatterns(*tiny.model, tiny.tokenizer, tiny.patterns, eval);
            const std::vector<EditOutcomeRow> rows = run(EditMethod::Raw, seed);
            QCOMPARE(rows.size(), tiny.patterns.size());
            for (std::size_t i = 0; i < rows.size(); ++i) {
                QCOMPARE(rows[i].outcome.patternId, tiny.patterns[i].id);
                QCOMPARE(rows[i].outcome.seed, seed);
                QCOMPARE(rows[i].outcome.raw, report.patterns[i].accuracy());
                QCOMPARE(rows[i].outcome.generality, report.patterns[i].accuracy());
                QVERIFY(!rows[i].outcome.locality);
                QCOMPARE(rows[i].method, EditMethod::Raw);
            }
        }
    }

    // Every LoRA row recomputed independently: loraEdit on the revision split, then per-instance scoring.
    void loraRowsEqualAnIndependentRecomputation() {
        const uint64_t seed = 1;
        const std::vector<EditOutcomeRow> rows = run(EditMethod::Lora, seed);
        data::SplitOptions split;
        split.seed = seed;
        const data::PromptStyle style = data::demoPromptStyle();
        const std::vector<int64_t> answers = answerTokenIds(tiny.tokenizer, style);
        bool someChange = false;
        for (std::size_t i = 0; i < tiny.patterns.size(); ++i) {
            std::vector<AnswerExample> revision;
            for (const data::Instance& inst : data::splitPattern(tiny.patterns[i], split).revision)
                revision.push_back({tiny.tokenizer.encode(style.prompt(inst.text)),
                                    int32_t(answers[inst.label == data::Truth::True ? 0 : inst.label == data::Truth::False ? 1 : 2])});
            DecoderModel edited(*tiny.model);
            LoraEditOptions lora = options().lora;
            lora.seed = seed;
            loraEdit(edited, revision, lora);
            std::size_t before = 0, kept = 0, correctAfter = 0, total = 0;
            for (std::size_t j = 0; j < tiny.patterns.size(); ++j) {
                const std::vector<bool> b = correctOn(*tiny.model, tiny.patterns[j], seed);
                const std::vector<bool> a = correctOn(edited, tiny.patterns[j], seed);
                for (std::size_t k = 0; k < a.size(); ++k) {
                    if (j == i) correctAfter += a[k], ++total;
                    else if (b[k]) ++before, kept += a[k];
                    someChange = someChange || a[k] != b[k];
                }
            }
            QCOMPARE(rows[i].outcome.generality, double(correctAfter) / double(total));
            if (before == 0) QVERIFY(!rows[i].outcome.locality);
            else QCOMPARE(*rows[i].outcome.locality, double(kept) / double(before));
        }
        QVERIFY(someChange);  // the edits did something, so the comparison above tests the editing path
    }

    void transferPatternsAreSeededAndHeldOutOfReshaping() {
        QCOMPARE(transferPatternIds(tiny.patterns, 2, 5), transferPatternIds(tiny.patterns, 2, 5));
        QCOMPARE(int(transferPatternIds(tiny.patterns, 2, 5).size()), 2);
        QVERIFY(transferPatternIds(tiny.patterns, 0, 5).empty());
        std::set<std::vector<std::string>> draws;
        for (uint64_t seed = 0; seed < 8; ++seed) draws.insert(transferPatternIds(tiny.patterns, 2, seed));
        QVERIFY(draws.size() > 1);
        QVERIFY_THROWS_EXCEPTION(ConfigError, transferPatternIds(tiny.patterns, 4, 0));

        // An identity reshaper: REdit then equals LoRA row for row, and it saw the reshape patterns only.
        std::vector<std::string> reshapedOn;
        std::vector<double> fractions;  // the chunk's progress: the reshaping's half, then each pattern's edit
        ComparisonInputs inputs;
        inputs.progress = [&](double f) { fractions.push_back(f); };
        inputs.reshape = [&](const DecoderModel& base, const std::vector<data::Pattern>& patterns,
                             const data::SplitOptions& split, EditMethod variant, uint64_t seed,
                             const std::function<bool()>&, const std::function<void(double)>& progress) {
            reshapedOn.clear();
            for (const auto& p : patterns) reshapedOn.push_back(p.id);
            progress(0.5);
            progress(1.0);
            if (variant != EditMethod::ReditNoMetaLearning || seed != 2 || split.seed != 2) return std::shared_ptr<const DecoderModel>();
            return std::make_shared<const DecoderModel>(base);
        };
        const std::vector<EditOutcomeRow> redit = run(EditMethod::ReditNoMetaLearning, 2, inputs);
        QCOMPARE(fractions.size(), 2 + tiny.patterns.size());
        QCOMPARE(fractions[0], 0.25);
        QCOMPARE(fractions[1], 0.5);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
        const std::vector<EditOutcomeRow> lora = run(EditMethod::Lora, 2);
        const std::vector<std::string> held = transferPatternIds(tiny.patterns, 1, 2);
        QCOMPARE(reshapedOn.size(), tiny.patterns.size() - 1);
        for (std::size_t i = 0; i < redit.size(); ++i) {
            const bool transfer = redit[i].outcome.patternId == held.front();
            QCOMPARE(redit[i].transfer, transfer);
            QCOMPARE(lora[i].transfer, transfer);  // every method marks the same held-out patterns
            QCOMPARE(std::count(reshapedOn.begin(), reshapedOn.end(), redit[i].outcome.patternId), long(!transfer));
            // The identity-reshaped model scores as the base model before its edits.
            QCOMPARE(*redit[i].reshaped, lora[i].outcome.raw);
            QVERIFY(!lora[i].reshaped);
            QCOMPARE(editOutcomeJson(redit[i]).dump(),
                     editOutcomeJson({lora[i].level, redit[i].method, lora[i].outcome, lora[i].transfer, lora[i].outcome.raw}).dump());
        }
    }

    // What the reshaping breaks counts against REdit: locality is against the original base model.
    void localityIsMeasuredAgainstTheBaseModel() {
        ComparisonInputs inputs;
        inputs.reshape = [](const DecoderModel& base, const std::vector<data::Pattern>&, const data::SplitOptions&,
                            EditMethod, uint64_t, const std::function<bool()>&, const std::function<void(double)>&) {
            auto broken = std::make_shared<DecoderModel>(base);
            broken->weights().finalNorm = at::zeros_like(base.weights().finalNorm);  // every logit 0: always candidate 0
            return std::shared_ptr<const DecoderModel>(broken);
        };
        std::vector<const DecoderModel*> kept;
        std::vector<std::string> logged;
        inputs.keepReshaped = [&](const DecoderModel& reshaped, EditMethod variant, uint64_t seed) {
            QCOMPARE(variant, EditMethod::Redit);
            QCOMPARE(seed, uint64_t(0));
            QVERIFY(at::equal(reshaped.weights().finalNorm, at::zeros_like(reshaped.weights().finalNorm)));
            kept.push_back(&reshaped);
        };
        inputs.log = [&](const std::string& line) { logged.push_back(line); };
        ComparisonOptions o = options();
        o.lora.steps = 1;
        o.lora.learningRate = 1e-12;  // the edit changes nothing measurable
        const auto rows = *compareEdits(*tiny.model, tiny.tokenizer, tiny.patterns, 1, EditMethod::Redit, 0, o, inputs);
        const auto raw = run(EditMethod::Raw, 0);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].outcome.raw, raw[i].outcome.raw);  // the base model's accuracy, not the reshaped one's
            // Every test instance now gets candidate 0 (True): generality is the share of True instances.
            double trueShare = 0;
            const auto test = data::splitPattern(tiny.patterns[i], {}).test;
            for (const auto& inst : test) trueShare += inst.label == data::Truth::True;
            QCOMPARE(rows[i].outcome.generality, trueShare / double(test.size()));
            QCOMPARE(*rows[i].reshaped, trueShare / double(test.size()));  // the broken model, before its edit
        }
        QCOMPARE(kept.size(), std::size_t(1));  // the reshaped model is offered once, before the edits
        // The log says what the reshaping alone did, pattern by pattern.
        const auto line = std::find_if(logged.begin(), logged.end(), [](const std::string& l) {
            return l.rfind("REdit seed 0: the reshaped model before any edit: ", 0) == 0;
        });
        QVERIFY(line != logged.end());
        QVERIFY2(line->find(tiny.patterns.back().id + " ") != std::string::npos, line->c_str());
    }

    // The reshaper reports the share of its meta-iterations done, which the chunk's progress shows.
    void theReshaperReportsEachMetaIteration() {
        ReshapeOptions reshape;
        reshape.metaIterations = 2;
        reshape.anchorsPerTask = 2;
        reshape.negativesPerAnchor = 1;
        std::vector<double> fractions;
        const Reshaper reshaper = reditReshaper(tiny.tokenizer, reshape, {});
        const auto model = reshaper(*tiny.model, tiny.patterns, {}, EditMethod::Redit, 0, {}, [&](double f) { fractions.push_back(f); });
        QVERIFY(model);
        QCOMPARE(fractions, (std::vector<double>{0.5, 1.0}));
    }

    void locateEditsLeaveTheBaseModelAlone() {
        const at::Tensor before = downWeight(*tiny.model, 1);
        QVERIFY_THROWS_EXCEPTION(ConfigError, run(EditMethod::Rome, 0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, run(EditMethod::AlphaEdit, 0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, run(EditMethod::Redit, 0));
        std::vector<std::vector<int32_t>> sample;
        const data::PromptStyle style = data::demoPromptStyle();
        for (const auto& p : tiny.patterns)
            for (const auto& inst : p.instances) sample.push_back(tiny.tokenizer.encode(style.prompt(inst.text)));
        ComparisonInputs inputs;
        int asked = 0;
        inputs.romeCovariance = [&] { ++asked; return keySecondMoment(*tiny.model, 1, sample, 0, 16); };
        inputs.alphaEditKeySecondMoment = [&] { ++asked; return keySecondMoment(*tiny.model, 1, sample, 0, 16); };
        std::vector<std::string> logged;
        inputs.log = [&](const std::string& line) { logged.push_back(line); };
        const auto rome = run(EditMethod::Rome, 0, inputs);
        const auto alpha = run(EditMethod::AlphaEdit, 0, inputs);
        QCOMPARE(asked, 2);  // once per chunk, not per pattern
        QCOMPARE(logged.size(), tiny.patterns.size());  // AlphaEdit says how much each edit could move
        QVERIFY2(logged[0].rfind("AlphaEdit on " + tiny.patterns[0].id + ": ", 0) == 0, logged[0].c_str());
        QVERIFY2(logged[0].find("% of the edit keys in the null space; residual on them ") != std::string::npos,
                 logged[0].c_str());
        QCOMPARE(rome.size(), tiny.patterns.size());
        QCOMPARE(alpha.size(), tiny.patterns.size());
        QVERIFY(at::equal(downWeight(*tiny.model, 1), before));
    }

    void cancellationStopsTheChunk() {
        ComparisonInputs inputs;
        inputs.cancelled = [] { return true; };
        QVERIFY(!compareEdits(*tiny.model, tiny.tokenizer, tiny.patterns, 1, EditMethod::Lora, 0, options(), inputs));
    }

    // summarizeEdits per (level, method, transfer), worked out by hand.
    void summaryRowsGroupAndAverage() {
        auto row = [](EditMethod m, uint64_t seed, const char* p, double g, std::optional<double> l, bool t) {
            return EditOutcomeRow{1, m, PatternEditOutcome{p, seed, 0.5, g, l}, t};
        };
        const std::vector<EditOutcomeRow> rows = {
            row(EditMethod::Redit, 0, "a", 1.0, 0.8, false), row(EditMethod::Redit, 0, "b", 0.5, std::nullopt, false),
            row(EditMethod::Redit, 1, "a", 0.5, 0.6, false), row(EditMethod::Redit, 1, "c", 0.5, 0.4, true),
            row(EditMethod::Raw, 0, "a", 0.5, std::nullopt, false)};
        const std::vector<nlohmann::json> s = editSummaryRows(rows);
        QCOMPARE(int(s.size()), 3);
        QCOMPARE(s[0].at("method").get<std::string>(), std::string("Raw"));
        QVERIFY(s[0].at("locality").is_null());
        const nlohmann::json& r = s[1];
        QCOMPARE(r.at("method").get<std::string>(), std::string("REdit"));
        QCOMPARE(r.at("transfer").get<bool>(), false);
        QCOMPARE(r.at("seeds").get<int>(), 2);
        QCOMPARE(r.at("patterns").get<int>(), 2);
        // Seed means: generality 0.75 and 0.5 -> mean 0.625, sample std 0.25/sqrt(2); locality 0.8 and 0.6.
        QCOMPARE(r.at("generality").at("mean").get<double>(), 0.625);
        QVERIFY(std::abs(r.at("generality").at("std").get<double>() - 0.25 / std::sqrt(2.0)) < 1e-12);
        QVERIFY(std::abs(r.at("locality").at("mean").get<double>() - 0.7) < 1e-12);
        QCOMPARE(s[2].at("transfer").get<bool>(), true);

        const std::string md = comparisonMarkdown(s);
        QVERIFY(md.find("| REdit | 62.5 ± 17.7 | 70.0 ± 14.1 |") != std::string::npos);
        QVERIFY(md.find("| Raw | 50.0 ± 0.0 | - |") != std::string::npos);
        QVERIFY(md.find("### Transfer") != std::string::npos);

        const EditOutcomeRow back = editOutcomeFromJson(editOutcomeJson(rows[1]));
        QCOMPARE(back.outcome.patternId, std::string("b"));
        QVERIFY(!back.outcome.locality);
        QVERIFY(!back.reshaped);
        QVERIFY(!editOutcomeJson(rows[1]).contains("reshaped"));  // only methods that reshape record it
        EditOutcomeRow reshaped = rows[0];
        reshaped.reshaped = 0.25;
        QCOMPARE(*editOutcomeFromJson(editOutcomeJson(reshaped)).reshaped, 0.25);
        nlohmann::json wrong = editOutcomeJson(reshaped);
        wrong["reshaped"] = "high";
        QVERIFY_THROWS_EXCEPTION(ConfigError, editOutcomeFromJson(wrong));
        QVERIFY_THROWS_EXCEPTION(ConfigError, editOutcomeFromJson({{"level", 1}}));
    }
};

QTEST_GUILESS_MAIN(TestEditComparison)
#include "test_edit_comparison.moc"
