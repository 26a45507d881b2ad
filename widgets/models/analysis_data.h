#pragma once
#include <QString>
#include <QStringList>
#include <vector>

namespace redit::gui {

// Plain inputs of the analysis views; the lead fills them from the store.

// Circuit distances between patterns, one n x n row-major matrix per metric.
struct DistanceMatrix {
    QString metric;
    std::vector<double> values;
};

struct PatternDistances {
    QStringList patterns;
    std::vector<DistanceMatrix> metrics;
};

// One point of the interference scatter: circuit distance d(i, j) against accuracy drop Delta.
struct InterferencePoint {
    double distance = 0;
    double delta = 0;
    QString editedPattern;
    QString probedPattern;
    bool samePattern() const { return editedPattern == probedPattern; }
};

// Least-squares fit Delta ~ alpha + beta * d with its statistics and 95% confidence band.
struct InterferenceFit {
    double alpha = 0;
    double beta = 0;
    double r = 0;
    double p = 1;
    int n = 0;
    struct BandPoint {
        double distance;
        double lower;
        double upper;
    };
    std::vector<BandPoint> band;
};

// The points and fit for one (metric, budget), with or without the reference filter (Delta >= 0.1).
struct InterferenceSet {
    QString metric;
    QString budget;
    bool referenceFilter = false;
    std::vector<InterferencePoint> points;
    InterferenceFit fit;
};

// One cell of the results table: an editing method at a difficulty level with one seed.
struct EditResult {
    QString method;
    int level = 1;
    int seed = 0;
    double generality = 0;  // percent
    double locality = 0;    // percent
};

}  // namespace redit::gui
