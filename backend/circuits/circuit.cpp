#include "circuits/circuit.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>

#include "util/error.h"

namespace redit {

namespace {

Circuit circuitOf(std::vector<int64_t> edges, const std::vector<double>& weights) {
    std::sort(edges.begin(), edges.end());
    Circuit c;
    c.edges = std::move(edges);
    for (int64_t e : c.edges) c.weights.push_back(weights[size_t(e)]);
    return c;
}

// Edge-count argument of TopN / Greedy: a whole number from 0 to the edge count.
size_t edgeBudget(double value, int64_t edgeCount) {
    if (!(value >= 0) || value > double(edgeCount) || value != std::floor(value))
        throw ConfigError("circuit size " + std::to_string(value) + " must be a whole number from 0 to " +
                          std::to_string(edgeCount));
    return size_t(value);
}

std::vector<int64_t> greedyFromLogits(const CircuitGraph& graph, const std::vector<double>& weights, size_t n) {
    // Candidates: edges into a downstream node that the circuit already reads (at first only the logits).
    using Candidate = std::pair<double, int64_t>;  // (|w|, -edge): largest |w| first, then lowest index
    std::priority_queue<Candidate> frontier;
    std::vector<char> activeUpstream(size_t(graph.upstreamCount()), 0), activeDownstream(size_t(graph.downstreamCount()), 0);
    auto activate = [&](int64_t v) {
        if (activeDownstream[size_t(v)]) return;
        activeDownstream[size_t(v)] = 1;
        for (int64_t u = 0; u < graph.upstreamCount() && graph.hasEdge(u, v); ++u) {
            const int64_t e = *graph.edgeIndex(u, v);
            frontier.push({std::abs(weights[size_t(e)]), -e});
        }
    };
    activate(graph.logitsNode());
    std::vector<int64_t> chosen;
    while (chosen.size() < n && !frontier.empty()) {
        const int64_t e = -frontier.top().second;
        frontier.pop();
        chosen.push_back(e);
        const int64_t u = graph.edge(e).upstream;
        if (activeUpstream[size_t(u)]) continue;
        activeUpstream[size_t(u)] = 1;
        for (int64_t v : graph.inputsOf(u)) activate(v);
    }
    return chosen;
}

}  // namespace

const char* selectionModeName(SelectionMode mode) {
    switch (mode) {
        case SelectionMode::TopN: return "top-n";
        case SelectionMode::TopFraction: return "top-fraction";
        case SelectionMode::Threshold: return "threshold";
        case SelectionMode::Greedy: return "greedy";
    }
    return "?";
}

std::vector<double> meanScores(const std::vector<std::vector<double>>& instanceScores) {
    if (instanceScores.empty()) throw ConfigError("a pattern's circuit needs at least one instance's scores");
    std::vector<double> mean(instanceScores.front().size(), 0.0);
    for (size_t k = 0; k < instanceScores.size(); ++k) {
        if (instanceScores[k].size() != mean.size())
            throw ConfigError("instance " + std::to_string(k) + " has " + std::to_string(instanceScores[k].size()) +
                              " edge scores, instance 0 has " + std::to_string(mean.size()));
        for (size_t e = 0; e < mean.size(); ++e) mean[e] += instanceScores[k][e];
    }
    for (double& w : mean) w /= double(instanceScores.size());
    return mean;
}

std::vector<int64_t> rankByMagnitude(const std::vector<double>& weights) {
    std::vector<int64_t> order(weights.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return std::abs(weights[size_t(a)]) > std::abs(weights[size_t(b)]);
    });
    return order;
}

Circuit selectCircuit(const CircuitGraph& graph, const std::vector<double>& weights, const SelectionOptions& options) {
    if (int64_t(weights.size()) != graph.edgeCount())
        throw ConfigError("edge weights have " + std::to_string(weights.size()) + " entries, the graph has " +
                          std::to_string(graph.edgeCount()) + " edges");
    for (double w : weights)
        if (!std::isfinite(w)) throw ConfigError("edge weights must be finite");
    std::vector<int64_t> edges;
    const std::vector<int64_t> ranked = rankByMagnitude(weights);
    switch (options.mode) {
        case SelectionMode::TopN: {
            const size_t n = edgeBudget(options.value, graph.edgeCount());
            edges.assign(ranked.begin(), ranked.begin() + std::ptrdiff_t(n));
            break;
        }
        case SelectionMode::TopFraction: {
            if (!(options.value > 0 && options.value <= 1))
                throw ConfigError("circuit fraction " + std::to_string(options.value) + " must be in (0, 1]");
            const auto n = std::min(ranked.size(), size_t(std::ceil(options.value * double(graph.edgeCount()))));
            edges.assign(ranked.begin(), ranked.begin() + std::ptrdiff_t(n));
            break;
        }
        case SelectionMode::Threshold:
            if (!(options.value >= 0)) throw ConfigError("circuit threshold must be a non-negative number");
            for (int64_t e : ranked)
                if (std::abs(weights[size_t(e)]) >= options.value) edges.push_back(e);
            break;
        case SelectionMode::Greedy:
            edges = greedyFromLogits(graph, weights, edgeBudget(options.value, graph.edgeCount()));
            break;
    }
    Circuit circuit = circuitOf(std::move(edges), weights);
    return options.pruneDangling ? pruneDangling(graph, circuit) : circuit;
}

Circuit pruneDangling(const CircuitGraph& graph, const Circuit& circuit) {
    std::vector<Edge> edges;
    for (int64_t e : circuit.edges) edges.push_back(graph.edge(e));
    std::vector<char> keep(edges.size(), 1);
    bool changed = true;
    while (changed) {
        changed = false;
        std::vector<char> fedDownstream(size_t(graph.downstreamCount()), 0);  // some kept edge ends here
        std::vector<char> feedingUpstream(size_t(graph.upstreamCount()), 0);  // some kept edge starts here
        for (size_t i = 0; i < edges.size(); ++i)
            if (keep[i]) {
                fedDownstream[size_t(edges[i].downstream)] = 1;
                feedingUpstream[size_t(edges[i].upstream)] = 1;
            }
        for (size_t i = 0; i < edges.size(); ++i) {
            if (!keep[i]) continue;
            const int64_t u = edges[i].upstream, v = edges[i].downstream;
            bool fed = graph.upstreamKind(u) == UpstreamNodeKind::Input;
            for (int64_t in : graph.inputsOf(u)) fed = fed || fedDownstream[size_t(in)];
            bool read = v == graph.logitsNode();
            for (int64_t reader : graph.readers(v)) read = read || feedingUpstream[size_t(reader)];
            if (!fed || !read) {
                keep[i] = 0;
                changed = true;
            }
        }
    }
    Circuit pruned;
    for (size_t i = 0; i < edges.size(); ++i)
        if (keep[i]) {
            pruned.edges.push_back(circuit.edges[i]);
            pruned.weights.push_back(circuit.weights[i]);
        }
    return pruned;
}

}  // namespace redit
