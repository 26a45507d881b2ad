#include "circuits/graph.h"

#include <algorithm>

#include "util/error.h"

namespace redit {

GraphShape GraphShape::of(const ModelConfig& c) { return {c.numLayers, c.numHeads, c.numKeyValueHeads}; }

const char* granularityName(Granularity g) { return g == Granularity::Edge ? "edge" : "node"; }

CircuitGraph::CircuitGraph(GraphShape shape, Granularity granularity) : shape_(shape), granularity_(granularity) {
    if (shape.layers <= 0 || shape.heads <= 0 || shape.keyValueHeads <= 0 || shape.heads % shape.keyValueHeads != 0)
        throw ConfigError("circuit graph needs positive layers (" + std::to_string(shape.layers) + "), heads (" +
                          std::to_string(shape.heads) + ") and key/value heads (" +
                          std::to_string(shape.keyValueHeads) + ") dividing the heads");
    const bool edges = granularity == Granularity::Edge;
    upstreamNames_.push_back("input");
    for (int64_t l = 0; l < shape.layers; ++l) {
        const std::string a = "a" + std::to_string(l);
        for (int64_t h = 0; h < shape.heads; ++h) {
            upstreamNames_.push_back(a + ".h" + std::to_string(h));
            downstreamNames_.push_back(a + ".h" + std::to_string(h) + (edges ? "<q>" : ""));
        }
        if (edges) {
            for (const char* input : {"<k>", "<v>"})
                for (int64_t g = 0; g < shape.keyValueHeads; ++g)
                    downstreamNames_.push_back(a + ".g" + std::to_string(g) + input);
        }
        upstreamNames_.push_back("m" + std::to_string(l));
        downstreamNames_.push_back("m" + std::to_string(l));
    }
    downstreamNames_.push_back("logits");
    for (size_t i = 0; i < upstreamNames_.size(); ++i) upstreamIndex_[upstreamNames_[i]] = int64_t(i);
    for (size_t i = 0; i < downstreamNames_.size(); ++i) downstreamIndex_[downstreamNames_[i]] = int64_t(i);
    rowStart_.assign(1, 0);
    for (int64_t u = 0; u < upstreamCount(); ++u)
        rowStart_.push_back(rowStart_.back() + downstreamCount() - firstDownstream(u));
}

int64_t CircuitGraph::perLayer() const {
    return granularity_ == Granularity::Edge ? shape_.heads + 2 * shape_.keyValueHeads + 1 : shape_.heads + 1;
}

void CircuitGraph::checkUpstream(int64_t u) const {
    if (u < 0 || u >= upstreamCount())
        throw ConfigError("upstream node " + std::to_string(u) + " out of range (" + std::to_string(upstreamCount()) + ")");
}

void CircuitGraph::checkDownstream(int64_t v) const {
    if (v < 0 || v >= downstreamCount())
        throw ConfigError("downstream node " + std::to_string(v) + " out of range (" +
                          std::to_string(downstreamCount()) + ")");
}

const std::string& CircuitGraph::upstreamName(int64_t u) const {
    checkUpstream(u);
    return upstreamNames_[size_t(u)];
}

const std::string& CircuitGraph::downstreamName(int64_t v) const {
    checkDownstream(v);
    return downstreamNames_[size_t(v)];
}

std::optional<int64_t> CircuitGraph::findUpstream(const std::string& name) const {
    auto it = upstreamIndex_.find(name);
    return it == upstreamIndex_.end() ? std::nullopt : std::optional<int64_t>(it->second);
}

std::optional<int64_t> CircuitGraph::findDownstream(const std::string& name) const {
    auto it = downstreamIndex_.find(name);
    return it == downstreamIndex_.end() ? std::nullopt : std::optional<int64_t>(it->second);
}

UpstreamNodeKind CircuitGraph::upstreamKind(int64_t u) const {
    checkUpstream(u);
    if (u == 0) return UpstreamNodeKind::Input;
    return (u - 1) % (shape_.heads + 1) == shape_.heads ? UpstreamNodeKind::Mlp : UpstreamNodeKind::Head;
}

int64_t CircuitGraph::upstreamLayer(int64_t u) const {
    checkUpstream(u);
    return u == 0 ? -1 : (u - 1) / (shape_.heads + 1);
}

int64_t CircuitGraph::upstreamHead(int64_t u) const {
    return upstreamKind(u) == UpstreamNodeKind::Head ? (u - 1) % (shape_.heads + 1) : -1;
}

DownstreamNodeKind CircuitGraph::downstreamKind(int64_t v) const {
    checkDownstream(v);
    if (v == logitsNode()) return DownstreamNodeKind::Logits;
    const int64_t i = v % perLayer(), H = shape_.heads, G = shape_.keyValueHeads;
    if (i == perLayer() - 1) return DownstreamNodeKind::Mlp;
    if (granularity_ == Granularity::Node) return DownstreamNodeKind::Head;
    if (i < H) return DownstreamNodeKind::Query;
    return i < H + G ? DownstreamNodeKind::Key : DownstreamNodeKind::Value;
}

int64_t CircuitGraph::downstreamLayer(int64_t v) const {
    checkDownstream(v);
    return v == logitsNode() ? shape_.layers : v / perLayer();
}

int64_t CircuitGraph::downstreamHead(int64_t v) const {
    const int64_t i = v % perLayer(), H = shape_.heads, G = shape_.keyValueHeads;
    switch (downstreamKind(v)) {
        case DownstreamNodeKind::Query:
        case DownstreamNodeKind::Head: return i;
        case DownstreamNodeKind::Key: return i - H;
        case DownstreamNodeKind::Value: return i - H - G;
        default: return -1;
    }
}

int64_t CircuitGraph::firstDownstream(int64_t u) const {
    switch (upstreamKind(u)) {
        case UpstreamNodeKind::Input: return 0;
        case UpstreamNodeKind::Head: return upstreamLayer(u) * perLayer() + perLayer() - 1;  // own layer's MLP
        case UpstreamNodeKind::Mlp: return (upstreamLayer(u) + 1) * perLayer();
    }
    return 0;
}

bool CircuitGraph::hasEdge(int64_t u, int64_t v) const {
    checkDownstream(v);
    return v >= firstDownstream(u);
}

std::optional<int64_t> CircuitGraph::edgeIndex(int64_t u, int64_t v) const {
    if (!hasEdge(u, v)) return std::nullopt;
    return rowStart_[size_t(u)] + (v - firstDownstream(u));
}

Edge CircuitGraph::edge(int64_t index) const {
    if (index < 0 || index >= edgeCount())
        throw ConfigError("edge " + std::to_string(index) + " out of range (" + std::to_string(edgeCount()) + ")");
    const int64_t u = int64_t(std::upper_bound(rowStart_.begin(), rowStart_.end(), index) - rowStart_.begin()) - 1;
    return {u, firstDownstream(u) + (index - rowStart_[size_t(u)])};
}

std::vector<int64_t> CircuitGraph::readers(int64_t v) const {
    const int64_t l = downstreamLayer(v), base = 1 + l * (shape_.heads + 1), group = shape_.heads / shape_.keyValueHeads;
    switch (downstreamKind(v)) {
        case DownstreamNodeKind::Query:
        case DownstreamNodeKind::Head: return {base + downstreamHead(v)};
        case DownstreamNodeKind::Key:
        case DownstreamNodeKind::Value: {
            std::vector<int64_t> heads;
            for (int64_t h = 0; h < group; ++h) heads.push_back(base + downstreamHead(v) * group + h);
            return heads;
        }
        case DownstreamNodeKind::Mlp: return {base + shape_.heads};
        case DownstreamNodeKind::Logits: return {};
    }
    return {};
}

std::vector<int64_t> CircuitGraph::inputsOf(int64_t u) const {
    const int64_t l = upstreamLayer(u), base = l * perLayer();
    switch (upstreamKind(u)) {
        case UpstreamNodeKind::Input: return {};
        case UpstreamNodeKind::Mlp: return {base + perLayer() - 1};
        case UpstreamNodeKind::Head: {
            const int64_t h = upstreamHead(u);
            if (granularity_ == Granularity::Node) return {base + h};
            const int64_t H = shape_.heads, G = shape_.keyValueHeads, g = h / (H / G);
            return {base + h, base + H + g, base + H + G + g};
        }
    }
    return {};
}

int64_t countEdges(const GraphShape& s, Granularity granularity) {
    // Input feeds every downstream node; a head of layer l feeds its layer's MLP, every later layer and the
    // logits; an MLP feeds every later layer and the logits.
    const int64_t P = granularity == Granularity::Edge ? s.heads + 2 * s.keyValueHeads + 1 : s.heads + 1;
    const int64_t L = s.layers, downstream = L * P + 1;
    return downstream + (s.heads + 1) * P * L * (L - 1) / 2 + L * (s.heads + 1) + L * s.heads;
}

std::vector<double> nodeScoresFromEdgeScores(const CircuitGraph& edgeGraph, const CircuitGraph& nodeGraph,
                                             const std::vector<double>& edgeScores) {
    if (edgeGraph.granularity() != Granularity::Edge || nodeGraph.granularity() != Granularity::Node ||
        edgeGraph.shape().layers != nodeGraph.shape().layers || edgeGraph.shape().heads != nodeGraph.shape().heads ||
        edgeGraph.shape().keyValueHeads != nodeGraph.shape().keyValueHeads)
        throw ConfigError("node scores need an edge graph and a node graph of the same model");
    if (int64_t(edgeScores.size()) != edgeGraph.edgeCount())
        throw ConfigError("edge scores have " + std::to_string(edgeScores.size()) + " entries, the graph has " +
                          std::to_string(edgeGraph.edgeCount()) + " edges");
    const double share = 1.0 / double(edgeGraph.shape().heads / edgeGraph.shape().keyValueHeads);
    std::vector<double> nodeScores(size_t(nodeGraph.edgeCount()), 0.0);
    for (int64_t e = 0; e < edgeGraph.edgeCount(); ++e) {
        const Edge edge = edgeGraph.edge(e);
        const int64_t v = edge.downstream;
        const DownstreamNodeKind kind = edgeGraph.downstreamKind(v);
        if (kind == DownstreamNodeKind::Query || kind == DownstreamNodeKind::Mlp || kind == DownstreamNodeKind::Logits) {
            const int64_t target = kind == DownstreamNodeKind::Query
                                       ? *nodeGraph.findDownstream(nodeGraph.upstreamName(edgeGraph.readers(v)[0]))
                                       : *nodeGraph.findDownstream(edgeGraph.downstreamName(v));
            nodeScores[size_t(*nodeGraph.edgeIndex(edge.upstream, target))] += edgeScores[size_t(e)];
            continue;
        }
        for (int64_t head : edgeGraph.readers(v)) {  // key/value input: shared by the group's heads
            const int64_t target = *nodeGraph.findDownstream(nodeGraph.upstreamName(head));
            nodeScores[size_t(*nodeGraph.edgeIndex(edge.upstream, target))] += share * edgeScores[size_t(e)];
        }
    }
    return nodeScores;
}

}  // namespace redit
