// Propositions written for this project: philosophy and thinking, religion and belief systems, society and
// social sciences.
#include "data/lexicon_tables.h"

namespace redit::data::lexicon_tables {

std::vector<DomainTable> thinkingBeliefSociety() {
    return {
        {"philosophy and thinking",
         {"the argument begged the question", "the thinker doubted the senses", "the dialogue ended in puzzlement",
          "the theory explained free will", "the student questioned the premise", "the ethicist defended the rule",
          "the paradox was resolved", "the skeptic demanded evidence", "the philosopher revised her view",
          "the thought experiment was convincing", "the definition was circular", "the seminar discussed justice",
          "the essay refuted the objection", "the principle applies universally", "the mind is distinct from the body",
          "the professor endorsed utilitarianism", "the reasoning contained a fallacy", "the concept was well defined",
          "the debate reached a consensus", "the author rejected determinism", "the virtue requires practice",
          "the belief was justified", "the theory can be tested", "the analogy was misleading",
          "the reader grasped the allegory", "the stoic accepted his fate", "the meditation cleared his thoughts",
          "the riddle has no answer", "the moral rule admits exceptions", "the critic found the reasoning sound",
          "the argument relies on intuition", "the principle of charity was applied", "the logician spotted an ambiguity",
          "the teacher posed a puzzle", "the mind wandered during the lecture", "the scholar translated the ancient text",
          "the idea seemed obvious", "the inference was too hasty", "the dilemma had a third option",
          "the wise elder gave counsel", "the experiment challenged common sense", "the self is a bundle of perceptions"}},
        {"religion and belief systems",
         {"the monks chanted at dawn", "the pilgrims reached the temple", "the festival of lights began",
          "the priest blessed the bread", "the congregation sang a hymn", "the villagers honored their ancestors",
          "the shrine was decorated with flowers", "the fast ended at sunset", "the rabbi read from the scroll",
          "the nun lit the candles", "the bells rang for the service", "the imam led the prayer",
          "the oracle gave a prophecy", "the family observed the holy day", "the believers made an offering",
          "the sacred river was visited", "the monastery welcomed guests", "the altar boys carried the cross",
          "the myth describes a great flood", "the temple gates were opened", "the elders performed the ritual",
          "the faithful gathered in the square", "the hermit meditated in the cave", "the pastor gave a sermon",
          "the community held a vigil", "the shaman consulted the spirits", "the child was baptized",
          "the lamp burned all night", "the worshippers removed their shoes", "the incense filled the hall",
          "the relic of the saint was displayed", "the scripture was recited aloud", "the couple married in the chapel",
          "the procession circled the church", "the believers kept the sabbath", "the drum summoned the villagers",
          "the guru taught a new mantra", "the prophet foretold a drought", "the sexton swept the altar",
          "the feast honored the patron saint", "the mourners prayed for the dead", "the convert studied the creed"}},
        {"society and social sciences",
         {"the survey reached a large sample", "the city council passed the budget", "the unemployment rate fell",
          "the election had a high turnout", "the union called a strike", "the study found a strong correlation",
          "the population of the town grew", "the court upheld the law", "the rent prices rose",
          "the school board approved the plan", "the protest remained peaceful", "the charity raised enough money",
          "the census counted every household", "the mayor resigned", "the tax reform was popular",
          "the neighborhood formed a watch group", "the researchers interviewed migrants", "the market crashed",
          "the minimum wage increased", "the parliament debated the bill", "the economy entered a recession",
          "the newspaper exposed the scandal", "the volunteers staffed the shelter", "the treaty was signed",
          "the crime rate dropped", "the public library extended its hours", "the journal published the report",
          "the villagers voted for a new road", "the birth rate declined", "the company hired local workers",
          "the inflation rate stabilized", "the community center reopened", "the poll predicted the winner",
          "the policy reduced poverty", "the anthropologist lived with the tribe", "the campaign spent heavily on ads",
          "the senator proposed an amendment", "the citizens signed a petition", "the housing shortage worsened",
          "the trade deal lowered tariffs", "the sociologist published a book", "the city added bike lanes"}},
    };
}

}  // namespace redit::data::lexicon_tables
