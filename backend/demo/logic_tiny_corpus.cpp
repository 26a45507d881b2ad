#include "demo/logic_tiny_corpus.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "data/lexicon.h"
#include "data/logic_solver.h"
#include "data/logic_generator.h"
#include "data/pattern.h"
#include "data/prompt_style.h"
#include "data/random.h"
#include "data/synthetic_dataset.h"
#include "data/verbaliser.h"

namespace redit::demo {

nlohmann::json LogicTinyCorpusOptions::toJson() const {
    return {{"seed", seed},
            {"level1_per_pattern", level1PerPattern},
            {"level2_per_pattern", level2PerPattern},
            {"under_sampled_rules", underSampledRules},
            {"under_sample_rate", underSampleRate}};
}

std::vector<std::string> ruleConfigurations(const data::LogicProblem& problem) {
    const std::map<std::string, data::Truth> values = data::deduceAll(problem);
    std::vector<std::string> out;
    for (const data::Rule& rule : problem.rules) {
        std::string config = data::operatorName(rule.op) + ":";
        for (const std::string& premise : rule.premises) {
            const data::Truth v = values.at(premise);
            config += v == data::Truth::True ? 'T' : v == data::Truth::False ? 'F' : 'U';
        }
        out.push_back(config);
    }
    return out;
}

namespace {

bool usesAny(const data::LogicProblem& problem, const std::vector<std::string>& configurations) {
    for (const std::string& c : ruleConfigurations(problem))
        if (std::find(configurations.begin(), configurations.end(), c) != configurations.end()) return true;
    return false;
}

}  // namespace

std::vector<LogicTinyExample> buildLogicTinyCorpus(const LogicTinyCorpusOptions& o, const data::PromptStyle& style) {
    const auto& domains = data::contextHubDomains();
    std::vector<LogicTinyExample> corpus;
    std::uint64_t stream = 0;
    for (int level : {1, 2}) {
        if ((level == 1 ? o.level1PerPattern : o.level2PerPattern) <= 0) continue;
        // Same patterns and ids as `synthetic:deductive:levelN`; instances are drawn from our own seeds.
        data::SyntheticOptions patterns;
        patterns.level = level;
        patterns.perDomain = 1;  // only the patterns are used
        for (const data::Pattern& p : data::syntheticDataset(patterns)) {
            int64_t count = level == 1 ? o.level1PerPattern : o.level2PerPattern;
            if (usesAny(p.problem, o.underSampledRules))
                count = std::max<int64_t>(1, std::llround(double(count) * o.underSampleRate));
            for (int64_t i = 0; i < count; ++i) {
                const std::uint64_t seed = data::mixSeed(o.seed, ++stream);
                const std::string& domain = domains[static_cast<size_t>(seed % domains.size())];
                data::Instance instance = data::verbalise(p.problem, domain, seed);
                corpus.push_back({p.id, style.prompt(instance.text), style.answer(instance.label)});
            }
        }
    }
    return corpus;
}

std::vector<std::string> logicTinyVocabularyTexts(const std::vector<LogicTinyExample>& corpus,
                                                  const data::PromptStyle& style) {
    std::vector<std::string> texts;
    texts.reserve(corpus.size() + 16);
    for (const auto& e : corpus) texts.push_back(e.prompt);
    for (const auto& domain : data::contextHubDomains())
        for (const auto& proposition : data::domainPropositions(domain)) texts.push_back(proposition);
    texts.push_back(style.answerTrue + " " + style.answerFalse + " " + style.answerUnknown);
    return texts;
}

}  // namespace redit::demo
