#include "data/synthetic_dataset.h"

#include "data/logic_generator.h"
#include "data/logic_text.h"
#include "data/random.h"
#include "data/verbaliser.h"
#include "util/error.h"

namespace redit::data {

std::vector<Pattern> syntheticDataset(const SyntheticOptions& o) {
    if (o.perDomain == 0) throw ConfigError("a synthetic dataset needs at least one instance per domain");
    GeneratorOptions g;
    g.kind = o.kind;
    g.level = o.level;
    g.count = o.count == 0 && o.level > 2 ? kDefaultSyntheticCount : o.count;
    g.seed = o.seed;
    std::vector<std::string> domains = contextHubDomains();
    domains.push_back(kAbstractDomain);
    std::vector<LogicProblem> problems = generateProblems(g);
    std::vector<Pattern> patterns;
    patterns.reserve(problems.size());
    for (std::size_t i = 0; i < problems.size(); ++i) {
        Pattern p;
        p.index = static_cast<int>(i);
        p.id = "s" + patternId(o.kind, o.level, p.index);
        p.kind = o.kind;
        p.level = o.level;
        p.problem = std::move(problems[i]);
        p.text = formatLogicProblem(p.problem);
        const std::uint64_t patternSeed = mixSeed(o.seed, i);
        for (std::size_t d = 0; d < domains.size(); ++d)
            for (std::size_t k = 0; k < o.perDomain; ++k) {
                Instance inst = verbalise(p.problem, domains[d], mixSeed(mixSeed(patternSeed, d), k));
                inst.subTopic = std::to_string(k);
                p.instances.push_back(std::move(inst));
            }
        p.label = p.instances.front().label;
        patterns.push_back(std::move(p));
    }
    return patterns;
}

}  // namespace redit::data
