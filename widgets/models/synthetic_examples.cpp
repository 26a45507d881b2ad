#include "models/synthetic_examples.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "analysis/confidence_band.h"
#include "analysis/interference_points.h"
#include "analysis/regression.h"

namespace redit::gui {
namespace {

const QStringList kPatterns = {QStringLiteral("modus ponens"),     QStringLiteral("modus tollens"),
                               QStringLiteral("disjunctive syll."), QStringLiteral("hypothetical syll."),
                               QStringLiteral("constructive dil."), QStringLiteral("abduction A")};

}  // namespace

DrawnCircuit syntheticCircuit(int layers, int heads, int edges, quint32 seed) {
    std::mt19937 rng(seed);
    DrawnCircuit g;
    std::vector<int> rank;  // heads of layer l: 2l + 1, its MLP: 2l + 2; edges only go to a higher rank
    g.nodes.push_back({QStringLiteral("input"), NodeKind::Input, -1});
    rank.push_back(0);
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < heads; ++h) {
            g.nodes.push_back({QStringLiteral("a%1.h%2").arg(l).arg(h), NodeKind::Head, l, h});
            rank.push_back(2 * l + 1);
        }
        g.nodes.push_back({QStringLiteral("m%1").arg(l), NodeKind::Mlp, l});
        rank.push_back(2 * l + 2);
    }
    g.nodes.push_back({QStringLiteral("logits"), NodeKind::Logits, layers});
    rank.push_back(2 * layers + 1);
    const int n = int(g.nodes.size());
    std::uniform_int_distribution<int> pick(0, n - 1);
    std::normal_distribution<double> score(0.0, 1.0);
    std::set<std::pair<int, int>> used;
    const long possible = long(n) * (n - 1) / 2;
    edges = int(std::min<long>(edges, possible / 2));
    while (int(used.size()) < edges) {
        int a = pick(rng), b = pick(rng);
        if (rank[size_t(a)] == rank[size_t(b)]) continue;
        if (rank[size_t(a)] > rank[size_t(b)]) std::swap(a, b);
        if (!used.insert({a, b}).second) continue;
        const double s = score(rng);
        g.edges.push_back({g.nodes[size_t(a)].name, g.nodes[size_t(b)].name, s * std::abs(s) * 0.1});
    }
    return g;
}

PatternDistances syntheticDistances(quint32 seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> noise(-0.08, 0.08);
    PatternDistances d;
    d.patterns = kPatterns;
    const int n = int(kPatterns.size());
    for (const char* metric : {"Jaccard", "weighted edit", "optimal transport"}) {
        DistanceMatrix m{QString::fromLatin1(metric), std::vector<double>(size_t(n * n), 0.0)};
        for (int i = 0; i < n; ++i)
            for (int j = i; j < n; ++j) {
                const double base = i == j ? 0.12 : 0.35 + 0.08 * std::abs(i - j);
                const double v = std::clamp(base + noise(rng), 0.0, 1.0);
                m.values[size_t(i * n + j)] = m.values[size_t(j * n + i)] = v;
            }
        d.metrics.push_back(std::move(m));
    }
    return d;
}

InterferenceFit fitLine(const std::vector<InterferencePoint>& points, int bandPoints) {
    InterferenceFit fit;
    fit.n = int(points.size());
    if (points.size() < 3) return fit;
    std::vector<double> x, y;
    for (const InterferencePoint& p : points) x.push_back(p.distance), y.push_back(p.delta);
    const auto constant = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [&](double e) { return e == v.front(); });
    };
    if (constant(x) || constant(y)) return fit;
    // The backend's statistics: the same line, correlation and band as the law's views.
    const LinearFit line = redit::fitLine(x, y);
    const Correlation r = pearson(x, y);
    fit.alpha = line.intercept;
    fit.beta = line.slope;
    fit.r = r.r;
    fit.p = r.p;
    for (const analysis::BandPoint& b : analysis::confidenceBand(line, x, bandPoints)) fit.band.push_back({b.x, b.low, b.high});
    return fit;
}

std::vector<InterferenceSet> syntheticInterference(quint32 seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 0.05);
    std::vector<InterferenceSet> sets;
    for (const char* metric : {"Jaccard", "weighted edit", "optimal transport"}) {
        for (const char* budget : {"top 5%", "top 10%"}) {
            InterferenceSet all{QString::fromLatin1(metric), QString::fromLatin1(budget), false, {}, {}};
            for (const QString& a : kPatterns)
                for (const QString& b : kPatterns) {
                    const double d = a == b ? 0.05 + 0.15 * unit(rng) : 0.3 + 0.6 * unit(rng);
                    all.points.push_back({d, std::max(0.0, 0.35 - 0.3 * d + noise(rng)), a, b});
                }
            InterferenceSet filtered = all;
            filtered.referenceFilter = true;
            filtered.points.erase(std::remove_if(filtered.points.begin(), filtered.points.end(),
                                                 [](const InterferencePoint& p) { return p.delta < kReferenceDeltaFloor; }),
                                  filtered.points.end());
            all.fit = fitLine(all.points);
            filtered.fit = fitLine(filtered.points);
            sets.push_back(std::move(all));
            sets.push_back(std::move(filtered));
        }
    }
    return sets;
}

std::vector<EditResult> syntheticResults(quint32 seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.5);
    std::vector<EditResult> results;
    const QStringList methods = {QStringLiteral("LoRA"), QStringLiteral("ROME"), QStringLiteral("AlphaEdit"),
                                 QStringLiteral("REdit")};
    for (int m = 0; m < methods.size(); ++m)
        for (int level = 1; level <= 3; ++level)
            for (int s = 0; s < 3; ++s)
                results.push_back({methods[m], level, s, 62.0 + 3 * m - 7 * level + noise(rng),
                                   84.0 + 2.5 * m + noise(rng)});
    return results;
}

ProjectContents syntheticProject() {
    ProjectContents p;
    p.name = QStringLiteral("synthetic example");
    p.models = {QStringLiteral("tiny-qwen2 (synthetic)")};
    p.datasets = {QStringLiteral("contexthub level 1 (subset)")};
    p.patterns = kPatterns;
    p.circuits = {QStringLiteral("modus ponens, top 5%")};
    p.runs = {QStringLiteral("circuits-01"), QStringLiteral("interference-01")};
    p.figures = {QStringLiteral("interference scatter")};
    p.reports = {QStringLiteral("summary")};
    return p;
}

std::vector<MonitoredRun> syntheticRuns() {
    return {{QStringLiteral("r1"), QStringLiteral("circuits: level 1, 16 patterns"), MonitoredRun::State::Finished, 1.0, -1},
            {QStringLiteral("r2"), QStringLiteral("interference: 6 x 6 edits"), MonitoredRun::State::Running, 0.42, 754},
            {QStringLiteral("r3"), QStringLiteral("reshape: modus ponens"), MonitoredRun::State::Queued, 0.0, -1}};
}

}  // namespace redit::gui
