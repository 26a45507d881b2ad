#include "circuits/circuit_export.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "util/error.h"

namespace redit {

namespace {

const char* upstreamKindName(UpstreamNodeKind k) {
    switch (k) {
        case UpstreamNodeKind::Input: return "input";
        case UpstreamNodeKind::Head: return "head";
        case UpstreamNodeKind::Mlp: return "mlp";
    }
    return "?";
}

const char* downstreamKindName(DownstreamNodeKind k) {
    switch (k) {
        case DownstreamNodeKind::Query: return "query";
        case DownstreamNodeKind::Key: return "key";
        case DownstreamNodeKind::Value: return "value";
        case DownstreamNodeKind::Head: return "head";
        case DownstreamNodeKind::Mlp: return "mlp";
        case DownstreamNodeKind::Logits: return "logits";
    }
    return "?";
}

void checkCircuit(const CircuitGraph& graph, const Circuit& c) {
    if (c.edges.size() != c.weights.size()) throw ConfigError("circuit has edges and weights of different lengths");
    for (int64_t e : c.edges) graph.edge(e);  // throws for an index outside the graph
}

// DOT node id of a graph node: MLP inputs and outputs are one drawn node, q/k/v inputs their own.
std::string dotUpstreamId(const CircuitGraph& g, int64_t u) { return "\"" + g.upstreamName(u) + "\""; }
std::string dotDownstreamId(const CircuitGraph& g, int64_t v) {
    const DownstreamNodeKind k = g.downstreamKind(v);
    if (k == DownstreamNodeKind::Head) return dotUpstreamId(g, g.readers(v)[0]);
    return "\"" + g.downstreamName(v) + "\"";
}

}  // namespace

nlohmann::json circuitToJson(const CircuitGraph& graph, const Circuit& circuit) {
    checkCircuit(graph, circuit);
    std::set<int64_t> ups, downs;
    nlohmann::json edges = nlohmann::json::array();
    for (size_t i = 0; i < circuit.size(); ++i) {
        const Edge e = graph.edge(circuit.edges[i]);
        ups.insert(e.upstream);
        downs.insert(e.downstream);
        edges.push_back({{"index", circuit.edges[i]},
                         {"from", graph.upstreamName(e.upstream)},
                         {"to", graph.downstreamName(e.downstream)},
                         {"score", circuit.weights[i]}});
    }
    nlohmann::json nodes = nlohmann::json::array();
    for (int64_t u : ups) {
        nlohmann::json n = {{"name", graph.upstreamName(u)}, {"side", "upstream"},
                            {"kind", upstreamKindName(graph.upstreamKind(u))}, {"layer", graph.upstreamLayer(u)}};
        if (graph.upstreamHead(u) >= 0) n["head"] = graph.upstreamHead(u);
        nodes.push_back(n);
    }
    for (int64_t v : downs) {
        nlohmann::json n = {{"name", graph.downstreamName(v)}, {"side", "downstream"},
                            {"kind", downstreamKindName(graph.downstreamKind(v))}, {"layer", graph.downstreamLayer(v)}};
        if (graph.downstreamHead(v) >= 0) n["head"] = graph.downstreamHead(v);
        nodes.push_back(n);
    }
    return {{"granularity", granularityName(graph.granularity())},
            {"layers", graph.shape().layers},
            {"heads", graph.shape().heads},
            {"key_value_heads", graph.shape().keyValueHeads},
            {"nodes", nodes},
            {"edges", edges}};
}

Circuit circuitFromJson(const CircuitGraph& graph, const nlohmann::json& json, const std::string& sourcePath) {
    auto fail = [&](const std::string& problem) { return FileError(sourcePath, problem); };
    if (!json.is_object()) throw fail("a circuit must be a JSON object");
    auto matches = [&](const char* field, int64_t expected) {
        auto it = json.find(field);
        if (it == json.end() || !it->is_number_integer() || it->get<int64_t>() != expected)
            throw fail(std::string("field '") + field + "' must be " + std::to_string(expected) + " for this model");
    };
    matches("layers", graph.shape().layers);
    matches("heads", graph.shape().heads);
    matches("key_value_heads", graph.shape().keyValueHeads);
    auto gran = json.find("granularity");
    if (gran == json.end() || !gran->is_string() || gran->get<std::string>() != granularityName(graph.granularity()))
        throw fail(std::string("field 'granularity' must be \"") + granularityName(graph.granularity()) + "\"");
    auto edges = json.find("edges");
    if (edges == json.end() || !edges->is_array()) throw fail("field 'edges' must be an array");
    std::map<int64_t, double> byIndex;
    for (size_t i = 0; i < edges->size(); ++i) {
        const nlohmann::json& e = (*edges)[i];
        const std::string where = "edges[" + std::to_string(i) + "]";
        if (!e.is_object()) throw fail(where + " must be an object");
        auto from = e.find("from"), to = e.find("to"), score = e.find("score");
        if (from == e.end() || !from->is_string()) throw fail(where + ": field 'from' must be a node name");
        if (to == e.end() || !to->is_string()) throw fail(where + ": field 'to' must be a node name");
        if (score == e.end() || !score->is_number()) throw fail(where + ": field 'score' must be a number");
        auto u = graph.findUpstream(from->get<std::string>());
        auto v = graph.findDownstream(to->get<std::string>());
        if (!u) throw fail(where + ": '" + from->get<std::string>() + "' is no upstream node of this graph");
        if (!v) throw fail(where + ": '" + to->get<std::string>() + "' is no downstream node of this graph");
        auto index = graph.edgeIndex(*u, *v);
        if (!index) throw fail(where + ": " + from->get<std::string>() + " -> " + to->get<std::string>() +
                        " is no edge (computed after it is read)");
        if (!byIndex.emplace(*index, score->get<double>()).second) throw fail(where + " repeats an edge");
    }
    Circuit c;
    for (const auto& [index, w] : byIndex) {
        c.edges.push_back(index);
        c.weights.push_back(w);
    }
    return c;
}

std::string circuitToDot(const CircuitGraph& graph, const Circuit& circuit) {
    checkCircuit(graph, circuit);
    double largest = 0;
    for (double w : circuit.weights) largest = std::max(largest, std::abs(w));
    std::map<int64_t, std::set<std::string>> rankOf;  // layer -> node statements
    std::ostringstream edgesOut;
    std::set<int64_t> inputsDrawn;
    auto upstreamStatement = [&](int64_t u) {
        const UpstreamNodeKind k = graph.upstreamKind(u);
        const char* style = k == UpstreamNodeKind::Input ? "shape=box, style=filled, fillcolor=\"#dddddd\""
                            : k == UpstreamNodeKind::Head ? "shape=box, style=filled, fillcolor=\"#fff2cc\""
                                                          : "shape=box, style=filled, fillcolor=\"#d9ead3\"";
        rankOf[graph.upstreamLayer(u)].insert(dotUpstreamId(graph, u) + " [" + style + "];");
    };
    for (size_t i = 0; i < circuit.size(); ++i) {
        const Edge e = graph.edge(circuit.edges[i]);
        const double w = circuit.weights[i];
        upstreamStatement(e.upstream);
        const DownstreamNodeKind k = graph.downstreamKind(e.downstream);
        if (k == DownstreamNodeKind::Logits) {
            rankOf[graph.shape().layers].insert("\"logits\" [shape=doubleoctagon];");
        } else if (k == DownstreamNodeKind::Mlp || k == DownstreamNodeKind::Head) {
            upstreamStatement(graph.readers(e.downstream)[0]);
        } else if (inputsDrawn.insert(e.downstream).second) {
            rankOf[graph.downstreamLayer(e.downstream)].insert(dotDownstreamId(graph, e.downstream) +
                                                               " [shape=ellipse, fontsize=9];");
            for (int64_t reader : graph.readers(e.downstream)) {
                upstreamStatement(reader);
                edgesOut << "  " << dotDownstreamId(graph, e.downstream) << " -> " << dotUpstreamId(graph, reader)
                         << " [color=\"#aaaaaa\", arrowsize=0.5];\n";
            }
        }
        const double width = largest > 0 ? 0.5 + 4.5 * std::abs(w) / largest : 0.5;
        std::ostringstream attrs;
        attrs << "penwidth=" << width << ", color=\"" << (w >= 0 ? "#1f5fbf" : "#c0392b") << "\", tooltip=\"" << w
              << "\"";
        edgesOut << "  " << dotUpstreamId(graph, e.upstream) << " -> " << dotDownstreamId(graph, e.downstream) << " ["
                 << attrs.str() << "];\n";
    }
    std::ostringstream out;
    out << "digraph circuit {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
    for (const auto& [layer, statements] : rankOf) {
        out << "  { rank=same;\n";
        for (const auto& s : statements) out << "    " << s << "\n";
        out << "  }\n";
    }
    out << edgesOut.str() << "}\n";
    return out.str();
}

}  // namespace redit
