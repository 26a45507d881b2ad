#include "circuits/distance.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <lemon/network_simplex.h>
#include <lemon/static_graph.h>

#include "util/error.h"

namespace redit {

namespace {

constexpr double kMassScale = 1099511627776.0;  // 2^40

// Normalised |w| of a circuit, keyed by edge index.
std::map<int64_t, double> normalisedWeights(const Circuit& c, const char* which) {
    if (c.edges.size() != c.weights.size()) throw ConfigError(std::string("circuit ") + which + " has edges and weights of different lengths");
    double total = 0;
    for (double w : c.weights) total += std::abs(w);
    if (!(total > 0) || !std::isfinite(total))
        throw ConfigError(std::string("circuit ") + which + " has no weight to normalise (empty or all zero)");
    std::map<int64_t, double> out;
    for (size_t i = 0; i < c.edges.size(); ++i) out[c.edges[i]] += std::abs(c.weights[i]) / total;
    return out;
}

// Integer masses summing exactly to kMassScale (largest remainders get the leftover units).
std::vector<int64_t> quantise(const std::vector<double>& p, const char* which) {
    double total = 0;
    for (double x : p) {
        if (!(x >= 0) || !std::isfinite(x)) throw ConfigError(std::string("distribution ") + which + " has a negative or non-finite mass");
        total += x;
    }
    if (std::abs(total - 1) > 1e-9) throw ConfigError(std::string("distribution ") + which + " does not sum to 1");
    std::vector<int64_t> q(p.size());
    std::vector<std::pair<double, size_t>> remainders;
    int64_t assigned = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const double scaled = p[i] / total * kMassScale;
        q[i] = int64_t(std::floor(scaled));
        assigned += q[i];
        remainders.push_back({scaled - double(q[i]), i});
    }
    std::sort(remainders.begin(), remainders.end(), [](auto& x, auto& y) { return x.first > y.first; });
    for (size_t k = 0; assigned < int64_t(kMassScale) && k < remainders.size(); ++k, ++assigned) ++q[remainders[k].second];
    return q;
}

int64_t depthOfUpstream(const CircuitGraph& g, int64_t u) { return g.upstreamLayer(u) + 1; }
int64_t depthOfDownstream(const CircuitGraph& g, int64_t v) { return g.downstreamLayer(v) + 1; }

}  // namespace

double jaccardDistance(const Circuit& a, const Circuit& b) {
    std::vector<int64_t> x = a.edges, y = b.edges, common;
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    x.erase(std::unique(x.begin(), x.end()), x.end());
    y.erase(std::unique(y.begin(), y.end()), y.end());
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
    const size_t unionSize = x.size() + y.size() - common.size();
    return unionSize == 0 ? 0.0 : 1.0 - double(common.size()) / double(unionSize);
}

double weightedEditDistance(const Circuit& a, const Circuit& b) {
    std::map<int64_t, double> wa = normalisedWeights(a, "A"), wb = normalisedWeights(b, "B");
    double sum = 0;
    for (const auto& [e, w] : wa) {
        auto it = wb.find(e);
        sum += std::abs(w - (it == wb.end() ? 0.0 : it->second));
    }
    for (const auto& [e, w] : wb)
        if (!wa.count(e)) sum += w;
    return 0.5 * sum;
}

double transportDistanceZeroOne(const Circuit& a, const Circuit& b) { return weightedEditDistance(a, b); }

int64_t layerGroundCostUnits(const CircuitGraph& g, const Edge& a, const Edge& b) {
    return std::abs(depthOfUpstream(g, a.upstream) - depthOfUpstream(g, b.upstream)) +
           std::abs(depthOfDownstream(g, a.downstream) - depthOfDownstream(g, b.downstream));
}

double layerGroundCost(const CircuitGraph& g, const Edge& a, const Edge& b) {
    return double(layerGroundCostUnits(g, a, b)) / double(2 * g.shape().layers);
}

double transportDistanceLayers(const CircuitGraph& graph, const Circuit& a, const Circuit& b) {
    // Pool the masses per (depth u, depth v); the representative edge of a pool carries its depths.
    std::map<std::pair<int64_t, int64_t>, size_t> slot;
    std::vector<Edge> representative;
    std::vector<double> pa, pb;
    auto pool = [&](const std::map<int64_t, double>& weights, std::vector<double>& mass) {
        for (const auto& [e, w] : weights) {
            const Edge edge = graph.edge(e);
            const auto key = std::make_pair(depthOfUpstream(graph, edge.upstream), depthOfDownstream(graph, edge.downstream));
            auto [it, inserted] = slot.emplace(key, representative.size());
            if (inserted) {
                representative.push_back(edge);
                pa.push_back(0);
                pb.push_back(0);
            }
            mass[it->second] += w;
        }
    };
    pool(normalisedWeights(a, "A"), pa);
    pool(normalisedWeights(b, "B"), pb);
    const double units = earthMoverDistance(pa, pb, [&](size_t i, size_t j) {
        return layerGroundCostUnits(graph, representative[i], representative[j]);
    });
    return units / double(2 * graph.shape().layers);
}

double earthMoverDistance(const std::vector<double>& a, const std::vector<double>& b,
                          const std::function<int64_t(size_t, size_t)>& cost) {
    const std::vector<int64_t> qa = quantise(a, "A"), qb = quantise(b, "B");
    // Nodes 0..|a|-1 are the sources, |a|..|a|+|b|-1 the sinks; arcs only between points with mass.
    std::vector<std::pair<int, int>> arcs;
    std::vector<int64_t> costs;
    for (size_t i = 0; i < qa.size(); ++i) {
        if (qa[i] == 0) continue;
        for (size_t j = 0; j < qb.size(); ++j) {
            if (qb[j] == 0) continue;
            const int64_t c = cost(i, j);
            if (c < 0) throw ConfigError("ground costs must be non-negative");
            arcs.push_back({int(i), int(qa.size() + j)});
            costs.push_back(c);
        }
    }
    using Graph = lemon::StaticDigraph;
    Graph g;
    g.build(int(qa.size() + qb.size()), arcs.begin(), arcs.end());
    Graph::NodeMap<int64_t> supply(g, 0);
    Graph::ArcMap<int64_t> arcCost(g);
    for (size_t i = 0; i < qa.size(); ++i) supply[g.node(int(i))] = qa[i];
    for (size_t j = 0; j < qb.size(); ++j) supply[g.node(int(qa.size() + j))] = -qb[j];
    for (size_t k = 0; k < costs.size(); ++k) arcCost[g.arc(int(k))] = costs[k];
    lemon::NetworkSimplex<Graph, int64_t, int64_t> solver(g);
    solver.supplyMap(supply).costMap(arcCost);
    if (solver.run() != lemon::NetworkSimplex<Graph, int64_t, int64_t>::OPTIMAL)
        throw Error("earth mover's distance: the transport problem has no optimal solution");
    return solver.totalCost<double>() / kMassScale;
}

}  // namespace redit
