#pragma once
// The graph that edge attribution patching scores (docs/circuits.md).
//
// Upstream nodes write into the residual stream, in computation order: `input` (the token embedding), then
// per layer l the heads `a{l}.h{h}` and the MLP `m{l}`. Downstream nodes read from it, per layer l: the query
// input of every head `a{l}.h{h}<q>`, the key and value inputs of every key/value head `a{l}.g{g}<k>` and
// `a{l}.g{g}<v>` (grouped-query attention: the heads of a group share them), the MLP input `m{l}`, and last
// `logits`. At node granularity the q/k/v inputs of a head are one downstream node `a{l}.h{h}`.
//
// u -> v is an edge when u is computed before v reads the residual stream. The edges of every upstream node
// go to a suffix of the downstream order, so edges are numbered row by row (upstream-major):
//   edge index = rowStart(u) + (v - firstDownstream(u)).
// Scores of a whole graph are flat vectors in this edge order; EAP produces the dense
// [upstream x downstream] matrix, which `edgeIndex` / `edge` map to and from.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/model_config.h"

namespace redit {

enum class Granularity { Edge, Node };
enum class UpstreamNodeKind { Input, Head, Mlp };
enum class DownstreamNodeKind { Query, Key, Value, Head, Mlp, Logits };

// The architecture facts the graph depends on.
struct GraphShape {
    int64_t layers = 0;
    int64_t heads = 0;
    int64_t keyValueHeads = 0;
    static GraphShape of(const ModelConfig& config);
};

struct Edge {
    int64_t upstream = 0;
    int64_t downstream = 0;
    bool operator==(const Edge& o) const { return upstream == o.upstream && downstream == o.downstream; }
};

class CircuitGraph {
public:
    // Throws ConfigError unless layers, heads and key/value heads are positive and the groups divide the heads.
    explicit CircuitGraph(GraphShape shape, Granularity granularity = Granularity::Edge);

    const GraphShape& shape() const { return shape_; }
    Granularity granularity() const { return granularity_; }
    int64_t upstreamCount() const { return int64_t(upstreamNames_.size()); }
    int64_t downstreamCount() const { return int64_t(downstreamNames_.size()); }
    int64_t edgeCount() const { return rowStart_.back(); }

    const std::string& upstreamName(int64_t u) const;
    const std::string& downstreamName(int64_t v) const;
    std::optional<int64_t> findUpstream(const std::string& name) const;
    std::optional<int64_t> findDownstream(const std::string& name) const;

    UpstreamNodeKind upstreamKind(int64_t u) const;
    DownstreamNodeKind downstreamKind(int64_t v) const;
    int64_t upstreamLayer(int64_t u) const;    // -1 for the input
    int64_t downstreamLayer(int64_t v) const;  // `layers` for the logits
    int64_t upstreamHead(int64_t u) const;     // head index, -1 for the input and MLPs
    int64_t downstreamHead(int64_t v) const;   // query head, key/value group or head; -1 for MLP and logits

    int64_t firstDownstream(int64_t u) const;  // u's edges go to [firstDownstream(u), downstreamCount())
    bool hasEdge(int64_t u, int64_t v) const;
    std::optional<int64_t> edgeIndex(int64_t u, int64_t v) const;  // nullopt when u -> v is no edge
    Edge edge(int64_t index) const;                                 // throws ConfigError out of range

    // The upstream nodes computed from downstream input v (the heads reading a key/value input, the MLP
    // reading its input; none for the logits), and the downstream inputs upstream node u is computed from.
    std::vector<int64_t> readers(int64_t v) const;
    std::vector<int64_t> inputsOf(int64_t u) const;

    int64_t logitsNode() const { return downstreamCount() - 1; }

private:
    int64_t perLayer() const;  // downstream nodes per layer
    void checkUpstream(int64_t u) const;
    void checkDownstream(int64_t v) const;

    GraphShape shape_;
    Granularity granularity_;
    std::vector<std::string> upstreamNames_, downstreamNames_;
    std::unordered_map<std::string, int64_t> upstreamIndex_, downstreamIndex_;
    std::vector<int64_t> rowStart_;  // upstreamCount() + 1 entries
};

// Exact edge count from the shape alone (what the constructor builds), for estimates before building.
int64_t countEdges(const GraphShape& shape, Granularity granularity);

// Node-level scores from edge-level ones (both flat, in their graph's edge order): the q input edge of a head
// plus an equal share (1 / group size) of its key/value group's k and v input edges; MLP and logits edges
// carry over. The shares add up, so summing over the heads of a layer keeps the edge-level total.
std::vector<double> nodeScoresFromEdgeScores(const CircuitGraph& edgeGraph, const CircuitGraph& nodeGraph,
                                             const std::vector<double>& edgeScores);

const char* granularityName(Granularity g);  // "edge" / "node"

}  // namespace redit
