#include "data/lexicon.h"

#include <map>

#include "data/lexicon_tables.h"
#include "util/error.h"

namespace redit::data {

namespace {

std::map<std::string, std::vector<std::string>> buildLexicon() {
    std::map<std::string, std::vector<std::string>> lexicon;
    for (auto part : {lexicon_tables::artsPlacesActivities, lexicon_tables::mathematicsSciencesPeople,
                      lexicon_tables::thinkingBeliefSociety, lexicon_tables::technologyHealth})
        for (lexicon_tables::DomainTable& table : part()) lexicon[table.domain] = std::move(table.propositions);
    return lexicon;
}

}  // namespace

const std::vector<std::string>& domainPropositions(const std::string& domain) {
    static const std::map<std::string, std::vector<std::string>> lexicon = buildLexicon();
    auto it = lexicon.find(domain);
    if (it == lexicon.end()) throw ConfigError("no lexicon for domain '" + domain + "'");
    return it->second;
}

}  // namespace redit::data
