#include "circuits/score_matrix_csv.h"

#include <sstream>

#include "util/error.h"

namespace redit {

std::string scoreMatrixCsv(const CircuitGraph& graph, const std::vector<double>& scores) {
    if (int64_t(scores.size()) != graph.edgeCount())
        throw ConfigError(std::to_string(scores.size()) + " scores for a graph of " + std::to_string(graph.edgeCount()) + " edges");
    std::ostringstream out;
    out.precision(9);
    out << "upstream";
    for (int64_t v = 0; v < graph.downstreamCount(); ++v) out << ',' << graph.downstreamName(v);
    out << '\n';
    for (int64_t u = 0; u < graph.upstreamCount(); ++u) {
        out << graph.upstreamName(u);
        for (int64_t v = 0; v < graph.downstreamCount(); ++v) {
            out << ',';
            if (const std::optional<int64_t> e = graph.edgeIndex(u, v)) out << scores[size_t(*e)];
        }
        out << '\n';
    }
    return out.str();
}

}  // namespace redit
