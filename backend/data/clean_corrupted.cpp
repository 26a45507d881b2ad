#include "data/clean_corrupted.h"

#include "data/verbaliser.h"

namespace redit::data {

std::vector<CleanCorruptedPair> cleanCorruptedPairs(const LogicProblem& problem, const std::string& domain,
                                                    std::uint64_t seed) {
    const Instance clean = verbalise(problem, domain, seed);
    std::vector<std::pair<LogicProblem, std::string>> candidates;
    if (problem.kind == ReasoningKind::Deductive) {
        for (std::size_t i = 0; i < problem.facts.size(); ++i) {
            LogicProblem flipped = problem;
            flipped.facts[i].value = !flipped.facts[i].value;
            candidates.emplace_back(std::move(flipped), problem.facts[i].variable);
        }
    } else {
        LogicProblem flipped = problem;
        flipped.observedValue = !flipped.observedValue;
        candidates.emplace_back(std::move(flipped), problem.root);
    }
    std::vector<CleanCorruptedPair> pairs;
    for (const auto& [flipped, variable] : candidates) {
        Instance corrupted = verbalise(flipped, domain, seed);
        if (corrupted.label != clean.label) pairs.push_back({clean, std::move(corrupted), variable});
    }
    return pairs;
}

}  // namespace redit::data
