#include "synthetic_examples.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace redit::gui {
namespace {

const QStringList kPatterns = {QStringLiteral("modus ponens"),     QStringLiteral("modus tollens"),
                               QStringLiteral("disjunctive syll."), QStringLiteral("hypothetical syll."),
                               QStringLiteral("constructive dil."), QStringLiteral("abduction A")};

}  // namespace

CircuitGraph syntheticCircuit(int layers, int heads, int edges, quint32 seed) {
    std::mt19937 rng(seed);
    CircuitGraph g;
    std::vector<int> rank;  // heads of layer l: 2l + 1, its MLP: 2l + 2; edges only go to a higher rank
    g.nodes.push_back({QStringLiteral("input"), NodeKind::Input, -1});
    rank.push_back(0);
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < heads; ++h) {
            g.nodes.push_back({QStringLiteral("a%1.h%2").arg(l).arg(h), NodeKind::Head, l});
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
    const double n = double(points.size());
    fit.n = int(points.size());
    if (points.size() < 3) return fit;
    double mx = 0, my = 0;
    for (const InterferencePoint& p : points) mx += p.distance / n, my += p.delta / n;
    double sxx = 0, sxy = 0, syy = 0;
    for (const InterferencePoint& p : points) {
        sxx += (p.distance - mx) * (p.distance - mx);
        sxy += (p.distance - mx) * (p.delta - my);
        syy += (p.delta - my) * (p.delta - my);
    }
    if (sxx <= 0 || syy <= 0) return fit;
    fit.beta = sxy / sxx;
    fit.alpha = my - fit.beta * mx;
    fit.r = sxy / std::sqrt(sxx * syy);
    const double t = fit.r * std::sqrt((n - 2) / std::max(1e-12, 1 - fit.r * fit.r));
    fit.p = std::erfc(std::abs(t) / std::sqrt(2.0));
    const double residualVariance = std::max(0.0, (syy - fit.beta * sxy) / (n - 2));
    auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                        [](const auto& a, const auto& b) { return a.distance < b.distance; });
    for (int k = 0; k < bandPoints; ++k) {
        const double x = lo->distance + (hi->distance - lo->distance) * k / std::max(1, bandPoints - 1);
        const double half = 1.96 * std::sqrt(residualVariance * (1 / n + (x - mx) * (x - mx) / sxx));
        const double y = fit.alpha + fit.beta * x;
        fit.band.push_back({x, y - half, y + half});
    }
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
                                                 [](const InterferencePoint& p) { return p.delta < 0.1; }),
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

std::vector<RunStatus> syntheticRuns() {
    return {{QStringLiteral("r1"), QStringLiteral("circuits: level 1, 16 patterns"), RunStatus::State::Finished, 1.0, -1},
            {QStringLiteral("r2"), QStringLiteral("interference: 6 x 6 edits"), RunStatus::State::Running, 0.42, 754},
            {QStringLiteral("r3"), QStringLiteral("reshape: modus ponens"), RunStatus::State::Queued, 0.0, -1}};
}

}  // namespace redit::gui
