#pragma once
// The lexicon's tables, one source file per few domains (assembled by lexicon.cpp).
#include <string>
#include <vector>

namespace redit::data::lexicon_tables {

struct DomainTable {
    std::string domain;
    std::vector<std::string> propositions;
};

std::vector<DomainTable> artsPlacesActivities();
std::vector<DomainTable> mathematicsSciencesPeople();
std::vector<DomainTable> thinkingBeliefSociety();
std::vector<DomainTable> technologyHealth();

}  // namespace redit::data::lexicon_tables
