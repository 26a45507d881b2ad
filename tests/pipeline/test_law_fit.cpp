#include <QtTest>
#include <algorithm>
#include <cmath>

#include "edit/pattern_accuracy.h"
#include "analysis/law_fit.h"
#include "pipeline/interference.h"
#include "results/law_records.h"
#include "pipeline_fixture.h"
#include "store/analysis.h"
#include "store/project_store.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;
using namespace redit::analysis;
using namespace redit::pipeline;
using namespace redit::results;

class TestLawFit : public QObject {
    Q_OBJECT

    // Three patterns with d(0,1) = 0.2, d(0,2) = 0.4, d(1,2) = 0.6 and same-pattern distances 0.1, for every
    // metric. Delta(i -> j) = 0.5 - 0.4 d(i, j) off the diagonal, Delta(i -> i) = 0.9.
    static std::vector<DistanceRow> distances(size_t patterns = 3) {
        const std::vector<std::string> names = {"a", "b", "c"};
        const double d[3][3] = {{0.1, 0.2, 0.4}, {0.2, 0.1, 0.6}, {0.4, 0.6, 0.1}};
        std::vector<DistanceRow> rows;
        for (const std::string& metric : distanceMetricNames())
            for (size_t i = 0; i < patterns; ++i)
                for (size_t j = i; j < patterns; ++j) rows.push_back({names[i], names[j], metric, 0.05, d[i][j]});
        return rows;
    }

    static InterferenceResult interference(size_t patterns = 3) {
        const double d[3][3] = {{0.1, 0.2, 0.4}, {0.2, 0.1, 0.6}, {0.4, 0.6, 0.1}};
        InterferenceResult r;
        r.patterns = {"a", "b", "c"};
        r.patterns.resize(patterns);
        r.baseAccuracy.assign(patterns, 1.0);
        for (size_t i = 0; i < patterns; ++i) {
            r.editedAccuracy.emplace_back();
            for (size_t j = 0; j < patterns; ++j) r.editedAccuracy[i].push_back(1.0 - (i == j ? 0.9 : 0.5 - 0.4 * d[i][j]));
        }
        return r;
    }

    static const LawRow& rowOf(const std::vector<LawRow>& rows, const std::string& metric, LawPointSet set) {
        for (const LawRow& r : rows)
            if (r.metric == metric && r.points == set) return r;
        throw std::runtime_error("no row");
    }

private slots:
    void recoversAKnownSlope() {
        const std::vector<LawRow> rows = fitLaw(distances(), interference());
        QCOMPARE(rows.size(), size_t(4 * 2));  // metrics x point sets, one budget
        for (const std::string& metric : distanceMetricNames()) {
            const LawRow& cross = rowOf(rows, metric, LawPointSet::CrossPattern);
            QVERIFY2(cross.problem.empty(), cross.problem.c_str());
            QCOMPARE(cross.n, int64_t(6));
            QCOMPARE(cross.reference, std::string("none"));
            QVERIFY(std::abs(cross.fit.slope - -0.4) < 1e-12);
            QVERIFY(std::abs(cross.fit.intercept - 0.5) < 1e-12);
            QVERIFY(std::abs(cross.pearson.r - -1) < 1e-12);
            QVERIFY(std::abs(cross.spearman.r - -1) < 1e-12);
            // With the same-pattern points (0.1, 0.9) x 3, by hand: mean d = 0.3, Sxx = 0.34, Sxy = -0.4,
            // beta = -20/17, alpha = mean Delta - beta mean d = 4.74/9 + 6/17.
            const LawRow& all = rowOf(rows, metric, LawPointSet::WithSamePattern);
            QCOMPARE(all.n, int64_t(9));
            QVERIFY(std::abs(all.fit.slope - -20.0 / 17.0) < 1e-12);
            QVERIFY(std::abs(all.fit.intercept - (4.74 / 9 + 6.0 / 17.0)) < 1e-12);
            QVERIFY(all.fit.slope95.low < all.fit.slope && all.fit.slope < all.fit.slope95.high);
        }
    }

    void pointsAreDirectedOffTheDiagonalThenSamePattern() {
        const std::vector<LawPoint> points = lawPoints(distances(), interference(), "ot_layers", 0.05);
        QCOMPARE(points.size(), size_t(6 + 3));
        QCOMPARE(points[0].edited, std::string("a"));
        QCOMPARE(points[0].probed, std::string("b"));
        QCOMPARE(points[2].edited, std::string("b"));  // b -> a uses the symmetric d(a, b)
        QCOMPARE(points[2].distance, 0.2);
        QVERIFY(points[8].samePattern());
        QVERIFY(std::abs(points[8].delta - 0.9) < 1e-12);
    }

    void referenceFilterIsLabelledAndDropsPoints() {
        InterferenceFilterOptions reference;
        reference.dropInterferenceBelow = 0.3;  // keeps Delta 0.42, 0.34 (x2 each) and the 0.9s
        const std::vector<LawRow> rows = fitLaw(distances(), interference(), reference);
        const LawRow& cross = rowOf(rows, "jaccard", LawPointSet::CrossPattern);
        QCOMPARE(cross.n, int64_t(4));
        QVERIFY(std::abs(cross.fit.slope - -0.4) < 1e-12);
        QCOMPARE(cross.reference, std::string("dropped Delta < 0.3"));
        QCOMPARE(rowOf(rows, "jaccard", LawPointSet::WithSamePattern).n, int64_t(7));
        const std::string csv = lawCsv(rows);
        QVERIFY(csv.find("dropped Delta < 0.3") != std::string::npos);
    }

    void tooFewPointsAreReportedNotFitted() {
        const std::vector<LawRow> rows = fitLaw(distances(2), interference(2));
        const LawRow& cross = rowOf(rows, "jaccard", LawPointSet::CrossPattern);
        QCOMPARE(cross.n, int64_t(2));
        QVERIFY(!cross.problem.empty());
        QVERIFY(lawRowJson(cross).contains("problem"));
        QVERIFY(!lawRowJson(cross).contains("beta"));
        const std::string csv = lawCsv(rows);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), long(1 + rows.size()));
        QVERIFY(csv.rfind("metric,budget,points,reference,n,alpha,beta,beta_se,beta_p,", 0) == 0);
    }

    void aPatternWithoutDistanceIsAConfigError() {
        std::vector<DistanceRow> rows = distances();
        rows.erase(rows.begin() + 1);  // jaccard d(a, b)
        QVERIFY_THROWS_EXCEPTION(ConfigError, fitLaw(rows, interference()));
    }

    void patternsWithoutCircuitAreLeftOut() {
        const std::vector<LawPoint> points = lawPoints(distances(2), interference(3), "jaccard", 0.05);
        QCOMPARE(points.size(), size_t(2 + 2));
        for (const LawPoint& p : points) QVERIFY(p.edited != "c" && p.probed != "c");
    }

    void interferenceBookkeepingWithAFakeEditor() {
        testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
        auto other = std::make_shared<DecoderModel>(testing::tinyModel(tiny.model->config(), 99));
        InterferenceOptions options;
        std::vector<std::string> edited;
        std::vector<std::vector<data::Instance>> revisions;
        std::vector<const DecoderModel*> bases;
        PatternEditor editor = [&](const DecoderModel& base, const data::Pattern& pattern,
                                   const std::vector<data::Instance>& revision) -> std::shared_ptr<const DecoderModel> {
            edited.push_back(pattern.id);
            revisions.push_back(revision);
            bases.push_back(&base);
            return pattern.id == tiny.patterns[0].id ? other : std::make_shared<DecoderModel>(base);
        };
        const InterferenceResult result = *measureInterference(*tiny.model, tiny.tokenizer, tiny.patterns, editor, options);
        QCOMPARE(edited.size(), tiny.patterns.size());
        for (size_t i = 0; i < edited.size(); ++i) {  // every edit starts from the base, on i's revision split
            const data::PatternSplit split = data::splitPattern(tiny.patterns[i], options.split);
            QCOMPARE(edited[i], tiny.patterns[i].id);
            QVERIFY(bases[i] == tiny.model.get());
            QCOMPARE(revisions[i].size(), split.revision.size());
            QVERIFY(!revisions[i].empty());
            for (const data::Instance& instance : revisions[i])
                QVERIFY(std::count(split.revisionDomains.begin(), split.revisionDomains.end(), instance.domain) == 1);
        }

        EvalOptions eval;
        eval.part = EvalPart::Test;
        const AccuracyReport base = evaluatePatterns(*tiny.model, tiny.tokenizer, tiny.patterns, eval);
        const AccuracyReport afterFirst = evaluatePatterns(*other, tiny.tokenizer, tiny.patterns, eval);
        for (size_t j = 0; j < tiny.patterns.size(); ++j) {
            QVERIFY(base.patterns[j].total > 0);
            QCOMPARE(result.baseAccuracy[j], base.patterns[j].accuracy());
            QCOMPARE(result.editedAccuracy[0][j], afterFirst.patterns[j].accuracy());
            QCOMPARE(result.delta(0, j), std::abs(afterFirst.patterns[j].accuracy() - base.patterns[j].accuracy()));
            for (size_t i = 1; i < tiny.patterns.size(); ++i) QCOMPARE(result.delta(i, j), 0.0);
        }

        QTemporaryDir dir;
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "p.redit"));
        const int64_t runId = saveInterferenceRun(store, NewRun{}, result);
        const InterferenceResult back = loadInterferenceRun(store, runId);
        QCOMPARE(back.patterns, result.patterns);
        QCOMPARE(back.baseAccuracy, result.baseAccuracy);
        QCOMPARE(back.editedAccuracy, result.editedAccuracy);
        const InterferenceMatrix matrix = loadInterferenceMatrix(store, 1);
        QCOMPARE(matrix.rowLabels, result.patterns);
        QCOMPARE(double(matrix.values[1]), double(float(result.delta(0, 1))));
    }

    void interferenceResumesAfterTheLastFinishedEdit() {
        testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
        auto other = std::make_shared<DecoderModel>(testing::tinyModel(tiny.model->config(), 99));
        std::vector<std::string> edited;
        PatternEditor editor = [&](const DecoderModel& base, const data::Pattern& pattern,
                                   const std::vector<data::Instance>&) -> std::shared_ptr<const DecoderModel> {
            edited.push_back(pattern.id);
            return pattern.id == tiny.patterns.back().id ? other : std::make_shared<DecoderModel>(base);
        };
        const InterferenceResult whole = *measureInterference(*tiny.model, tiny.tokenizer, tiny.patterns, editor, {});

        // Interrupted after the base and two edits: the partial result handed to stepDone is the checkpoint.
        InterferenceOptions interrupted;
        std::vector<InterferenceResult> partials;
        interrupted.stepDone = [&](const InterferenceResult& partial) { partials.push_back(partial); };
        interrupted.cancelled = [&] { return partials.size() >= 3; };
        QVERIFY(!measureInterference(*tiny.model, tiny.tokenizer, tiny.patterns, editor, interrupted));
        QCOMPARE(partials.size(), size_t(3));
        QCOMPARE(partials.back().editedAccuracy.size(), size_t(2));

        edited.clear();
        InterferenceOptions resumed;
        resumed.resumeFrom = partials.back();
        const InterferenceResult again = *measureInterference(*tiny.model, tiny.tokenizer, tiny.patterns, editor, resumed);
        QCOMPARE(edited.size(), tiny.patterns.size() - 2);  // only the edits not yet made
        QCOMPARE(edited.front(), tiny.patterns[2].id);
        QCOMPARE(again.baseAccuracy, whole.baseAccuracy);
        QCOMPARE(again.editedAccuracy, whole.editedAccuracy);

        InterferenceResult foreign = partials.back();
        foreign.patterns[0] = "zz";
        resumed.resumeFrom = foreign;
        QVERIFY_THROWS_EXCEPTION(ConfigError, measureInterference(*tiny.model, tiny.tokenizer, tiny.patterns, editor, resumed));
    }

    void anEditorWithoutModelIsAConfigError() {
        testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
        PatternEditor none = [](const DecoderModel&, const data::Pattern&, const std::vector<data::Instance>&) {
            return std::shared_ptr<const DecoderModel>();
        };
        QVERIFY_THROWS_EXCEPTION(ConfigError, measureInterference(*tiny.model, tiny.tokenizer, tiny.patterns, none, {}));
    }
};

QTEST_GUILESS_MAIN(TestLawFit)
#include "test_law_fit.moc"
