#pragma once
#include <string>
#include <vector>

namespace redit::data {

// The project's own propositions for the eleven ContextHub domains (written for this project, never taken
// from the ContextHub files): at least 40 short clauses per domain that read after "It is true that" and
// inside "If ... or ..., then ...". No proposition contains another as a substring, and none uses the
// words or, and, not, true, false, so an instance's text never leaks a binding or an answer.
// Throws ConfigError for a domain that is not one of contextHubDomains().
const std::vector<std::string>& domainPropositions(const std::string& domain);

}  // namespace redit::data
