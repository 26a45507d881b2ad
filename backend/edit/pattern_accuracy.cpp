#include "edit/pattern_accuracy.h"

#include <sstream>

#include "model/answer_accuracy.h"
#include "util/error.h"

namespace redit {

EvalPart parseEvalPart(const std::string& name) {
    if (name == "all") return EvalPart::All;
    if (name == "test") return EvalPart::Test;
    if (name == "probe") return EvalPart::Probe;
    throw ConfigError("unknown evaluation part '" + name + "' (all, test, probe)");
}

std::string evalPartName(EvalPart part) {
    switch (part) {
        case EvalPart::All: return "all";
        case EvalPart::Test: return "test";
        case EvalPart::Probe: return "probe";
    }
    return "all";
}

nlohmann::json AccuracyReport::toJson() const {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& p : patterns)
        rows.push_back({{"pattern", p.patternId}, {"level", p.level}, {"label", p.label}, {"correct", p.correct},
                        {"total", p.total}, {"accuracy", p.accuracy()}});
    return {{"patterns", rows}, {"correct", correct}, {"total", total}, {"accuracy", accuracy()}};
}

std::string AccuracyReport::toCsv() const {
    std::ostringstream out;
    out << "pattern,level,label,correct,total,accuracy\n";
    for (const auto& p : patterns)
        out << p.patternId << ',' << p.level << ',' << p.label << ',' << p.correct << ',' << p.total << ','
            << p.accuracy() << '\n';
    out << "overall,,," << correct << ',' << total << ',' << accuracy() << '\n';
    return out.str();
}

data::PromptStyle promptStyleFor(const Tokenizer& tokenizer) {
    return tokenizer.kind() == "WordLevel" ? data::demoPromptStyle() : data::pretrainedPromptStyle();
}

std::vector<int64_t> answerTokenIds(const Tokenizer& tokenizer, const data::PromptStyle& style) {
    std::vector<int64_t> ids;
    for (const std::string* answer : {&style.answerTrue, &style.answerFalse, &style.answerUnknown}) {
        std::vector<int32_t> tokens = tokenizer.encode(*answer);
        if (tokens.empty()) throw Error("the answer '" + *answer + "' encodes to no token");
        ids.push_back(tokens.front());
    }
    return ids;
}

namespace {

std::vector<const data::Instance*> chosenInstances(const data::Pattern& pattern, const EvalOptions& o) {
    std::vector<const data::Instance*> out;
    if (o.part == EvalPart::Test) {
        // splitPattern copies instances; match them back by domain so the report counts the originals.
        data::PatternSplit split = data::splitPattern(pattern, o.split);
        for (const auto& instance : pattern.instances)
            for (const auto& domain : split.testDomains)
                if (instance.domain == domain) out.push_back(&instance);
        return out;
    }
    for (const auto& instance : pattern.instances) {
        const bool abstract = instance.domain == data::kAbstractDomain;
        if ((o.part == EvalPart::Probe) == abstract) out.push_back(&instance);
    }
    return out;
}

int64_t candidateIndex(data::Truth label) {
    return label == data::Truth::True ? 0 : label == data::Truth::False ? 1 : 2;
}

data::Truth candidateTruth(int64_t candidate) {
    return candidate == 0 ? data::Truth::True : candidate == 1 ? data::Truth::False : data::Truth::Unknown;
}

}  // namespace

AccuracyReport evaluatePatterns(const DecoderModel& model, const Tokenizer& tokenizer,
                                const std::vector<data::Pattern>& patterns, const EvalOptions& o) {
    const data::PromptStyle style = promptStyleFor(tokenizer);
    const std::vector<int64_t> candidates = answerTokenIds(tokenizer, style);
    std::vector<ScoredPrompt> prompts;
    std::vector<size_t> owner;  // pattern index of each prompt
    std::vector<const data::Instance*> scored;
    for (size_t p = 0; p < patterns.size(); ++p)
        for (const data::Instance* instance : chosenInstances(patterns[p], o)) {
            prompts.push_back({tokenizer.encode(style.prompt(instance->text)), candidateIndex(instance->label)});
            owner.push_back(p);
            scored.push_back(instance);
        }

    AccuracyReport report;
    for (const auto& p : patterns) report.patterns.push_back({p.id, p.level, data::truthName(p.label), 0, 0});
    // Chunks of prompts so progress and cancellation are seen regularly.
    const size_t chunk = static_cast<size_t>(std::max<int64_t>(1, o.batchSize)) * 8;
    for (size_t start = 0; start < prompts.size(); start += chunk) {
        const size_t end = std::min(prompts.size(), start + chunk);
        std::vector<ScoredPrompt> part(prompts.begin() + long(start), prompts.begin() + long(end));
        const std::vector<ScoredAnswer> answers = scoreAnswers(model, part, candidates, o.padId, o.batchSize, o.cancelled);
        if (answers.size() != part.size()) return {};
        for (size_t i = 0; i < part.size(); ++i) {
            PatternAccuracy& acc = report.patterns[owner[start + i]];
            const bool right = answers[i].candidate == part[i].gold;
            const data::Instance& instance = *scored[start + i];
            acc.answers.push_back({instance.domain, instance.text, data::truthName(instance.label),
                                   data::truthName(candidateTruth(answers[i].candidate)), answers[i].probability});
            acc.correct += right;
            acc.total += 1;
            report.correct += right;
            report.total += 1;
        }
        if (o.progress) o.progress(double(end) / double(prompts.size()));
    }
    return report;
}

}  // namespace redit
