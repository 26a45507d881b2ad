// Circuit export: JSON written to a file and parsed back gives the same circuit; bad files name the problem;
// DOT draws every edge with its colour and width.
#include <QtTest>

#include <fstream>
#include <sstream>

#include "circuits/circuit_export.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;

class TestCircuitExport : public QObject {
    Q_OBJECT

    const CircuitGraph graph_{{2, 4, 2}};

    int64_t edge(const char* u, const char* v) const {
        return *graph_.edgeIndex(*graph_.findUpstream(u), *graph_.findDownstream(v));
    }

    Circuit sample() const {
        Circuit c;
        c.edges = {edge("input", "a0.h1<q>"), edge("a0.h1", "m0"), edge("a0.h1", "a1.g0<k>"), edge("a1.h0", "logits")};
        c.weights = {0.25, 0.125, -1.5, 3.0};
        return c;
    }

    static QString errorOf(const CircuitGraph& g, const nlohmann::json& j) {
        try {
            circuitFromJson(g, j, "c.json");
        } catch (const FileError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private slots:
    void jsonRoundTripsThroughAFile() {
        QTemporaryDir dir;
        const std::string path = testing::pathIn(dir, "circuit.json");
        testing::writeText(path, circuitToJson(graph_, sample()).dump(2));
        std::ifstream in(path);
        const nlohmann::json parsed = nlohmann::json::parse(in);
        const Circuit original = sample();
        QVERIFY(std::is_sorted(original.edges.begin(), original.edges.end()));
        QCOMPARE(parsed["edges"].size(), size_t(4));
        QCOMPARE(parsed["edges"][0]["from"].get<std::string>(), std::string("input"));
        QCOMPARE(parsed["edges"][0]["to"].get<std::string>(), std::string("a0.h1<q>"));
        // Nodes: input, a0.h1, a1.h0 upstream; a0.h1<q>, m0, a1.g0<k>, logits downstream.
        QCOMPARE(parsed["nodes"].size(), size_t(7));
        const Circuit back = circuitFromJson(graph_, parsed, path);
        QCOMPARE(back.edges, sample().edges);
        QCOMPARE(back.weights, sample().weights);
    }

    void badJsonNamesTheProblem() {
        const nlohmann::json good = circuitToJson(graph_, sample());
        nlohmann::json j = good;
        j["edges"][1]["from"] = "a9.h0";
        QVERIFY(errorOf(graph_, j).contains("edges[1]: 'a9.h0' is no upstream node"));
        j = good;
        j["edges"][0]["from"] = "m1";  // m1 is computed after a0.h1 reads its query
        QVERIFY(errorOf(graph_, j).contains("edges[0]: m1 -> a0.h1<q> is no edge"));
        j = good;
        j["edges"][2].erase("score");
        QVERIFY(errorOf(graph_, j).startsWith("c.json"));
        QVERIFY(errorOf(graph_, j).contains("edges[2]: field 'score'"));
        j = good;
        j["edges"].push_back(j["edges"][0]);
        QVERIFY(errorOf(graph_, j).contains("edges[4] repeats an edge"));
        QVERIFY(errorOf(CircuitGraph({3, 4, 2}), good).contains("field 'layers'"));
        QVERIFY(errorOf(CircuitGraph({2, 4, 2}, Granularity::Node), good).contains("field 'granularity'"));
        QVERIFY(errorOf(graph_, nlohmann::json::array()).contains("must be a JSON object"));
    }

    void dotDrawsEveryEdge() {
        const std::string dot = circuitToDot(graph_, sample());
        QVERIFY(dot.rfind("digraph circuit {", 0) == 0);
        auto lineWith = [&](const std::string& text) {
            std::istringstream in(dot);
            for (std::string line; std::getline(in, line);)
                if (line.find(text) != std::string::npos) return line;
            return std::string();
        };
        // Largest |score| is the widest, negative scores are red, positive blue.
        const std::string logits = lineWith("\"a1.h0\" -> \"logits\"");
        QVERIFY(logits.find("penwidth=5") != std::string::npos);
        QVERIFY(logits.find("#1f5fbf") != std::string::npos);
        const std::string key = lineWith("\"a0.h1\" -> \"a1.g0<k>\"");
        QVERIFY(key.find("#c0392b") != std::string::npos);
        QVERIFY(key.find("penwidth=2.75") != std::string::npos);  // 0.5 + 4.5 * 1.5 / 3
        // The MLP input is drawn as the MLP; the key input is joined to both heads of its group.
        QVERIFY(!lineWith("\"a0.h1\" -> \"m0\"").empty());
        QVERIFY(!lineWith("\"a1.g0<k>\" -> \"a1.h0\"").empty());
        QVERIFY(!lineWith("\"a1.g0<k>\" -> \"a1.h1\"").empty());
        QVERIFY(!lineWith("\"logits\" [shape=doubleoctagon]").empty());
        Circuit bad = sample();
        bad.edges[0] = graph_.edgeCount();
        QVERIFY_THROWS_EXCEPTION(ConfigError, circuitToDot(graph_, bad));
    }
};

QTEST_GUILESS_MAIN(TestCircuitExport)
#include "test_circuit_export.moc"
