#include "analysis/edit_summary.h"

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "util/error.h"

namespace redit::analysis {

using results::EditMethod;
using results::EditOutcomeRow;

namespace {

nlohmann::json meanStdJson(const MeanStd& m) { return {{"mean", m.mean}, {"std", m.std}}; }

int methodRank(EditMethod method) {
    const std::vector<EditMethod> order = results::allEditMethods();
    for (std::size_t i = 0; i < order.size(); ++i)
        if (order[i] == method) return int(i);
    return int(order.size());
}

}  // namespace

MeanStd meanStd(const std::vector<double>& values) {
    if (values.empty()) throw ConfigError("mean of no values");
    MeanStd m;
    m.n = static_cast<int64_t>(values.size());
    for (double v : values) m.mean += v;
    m.mean /= double(m.n);
    if (m.n > 1) {
        double squares = 0;
        for (double v : values) squares += (v - m.mean) * (v - m.mean);
        m.std = std::sqrt(squares / double(m.n - 1));
    }
    return m;
}

EditSummary summarizeEdits(const std::vector<PatternEditOutcome>& outcomes) {
    if (outcomes.empty()) throw ConfigError("no edit outcomes to summarise");
    std::map<uint64_t, std::vector<const PatternEditOutcome*>> bySeed;
    std::set<std::string> patterns;
    for (const auto& o : outcomes) {
        bySeed[o.seed].push_back(&o);
        patterns.insert(o.patternId);
    }
    std::vector<double> raw, generality, loc;
    for (const auto& [seed, group] : bySeed) {
        std::vector<double> r, g, l;
        for (const PatternEditOutcome* o : group) {
            r.push_back(o->raw);
            g.push_back(o->generality);
            if (o->locality) l.push_back(*o->locality);
        }
        raw.push_back(meanStd(r).mean);
        generality.push_back(meanStd(g).mean);
        if (!l.empty()) loc.push_back(meanStd(l).mean);
    }
    EditSummary s;
    s.raw = meanStd(raw);
    s.generality = meanStd(generality);
    if (!loc.empty()) s.locality = meanStd(loc);
    s.patterns = static_cast<int64_t>(patterns.size());
    s.seeds = static_cast<int64_t>(bySeed.size());
    return s;
}

std::vector<nlohmann::json> editSummaryRows(const std::vector<EditOutcomeRow>& outcomes) {
    std::map<std::tuple<int, int, bool>, std::vector<PatternEditOutcome>> groups;
    for (const EditOutcomeRow& r : outcomes) groups[{r.level, methodRank(r.method), r.transfer}].push_back(r.outcome);
    std::vector<nlohmann::json> rows;
    for (const auto& [key, group] : groups) {
        const EditSummary s = summarizeEdits(group);
        rows.push_back({{"level", std::get<0>(key)},
                        {"method", results::editMethodName(results::allEditMethods().at(size_t(std::get<1>(key))))},
                        {"transfer", std::get<2>(key)},
                        {"seeds", s.seeds},
                        {"patterns", s.patterns},
                        {"raw", meanStdJson(s.raw)},
                        {"generality", meanStdJson(s.generality)},
                        {"locality", s.locality.n > 0 ? meanStdJson(s.locality) : nlohmann::json(nullptr)}});
    }
    return rows;
}

}  // namespace redit::analysis
