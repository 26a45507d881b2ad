// Propositions written for this project: mathematics and logic, natural and physical sciences, people and self.
#include "data/lexicon_tables.h"

namespace redit::data::lexicon_tables {

std::vector<DomainTable> mathematicsSciencesPeople() {
    return {
        {"mathematics and logic",
         {"the equation has a real root", "the sequence converges", "the matrix is invertible", "the proof uses induction",
          "the function is continuous", "the triangle is isosceles", "the number is prime", "the series diverges",
          "the set is countable", "the graph contains a cycle", "the polynomial has degree three",
          "the angles sum to a right angle", "the integral is finite", "the hypothesis was disproved",
          "the algorithm terminates", "the statement follows from the axioms", "the two lines are parallel",
          "the vector has unit length", "the relation is symmetric", "the group is abelian", "the limit exists",
          "the square root is irrational", "the conjecture was verified numerically", "the dice roll came up six",
          "the probability exceeds one half", "the remainder is zero", "the circle passes through the origin",
          "the lemma holds for every integer", "the map is injective", "the determinant is positive",
          "the estimate is sharp", "the puzzle has a unique solution", "the argument is valid",
          "the fraction is in lowest terms", "the curve is tangent to the axis", "the student found a counterexample",
          "the product is divisible by four", "the space is compact", "the median equals the mean",
          "the tiling covers the plane", "the code word has even parity", "the tree has seven leaves"}},
        {"natural and physical sciences",
         {"the water reached its boiling point", "the magnet attracted the iron filings", "the comet passed near the sun",
          "the ice melted in the beaker", "the plant grew toward the light", "the sample emitted radiation",
          "the metal conducted the current", "the star collapsed into a neutron star", "the tide came in early",
          "the cell divided twice", "the gas expanded when heated", "the pendulum swung faster",
          "the reaction released heat", "the bees pollinated the orchard", "the frog laid eggs in the pond",
          "the crystal formed overnight", "the solution turned blue", "the earthquake shook the lab",
          "the bacteria multiplied rapidly", "the laser split into two beams", "the wolf pack returned to the valley",
          "the moon blocked the sun", "the seeds germinated", "the acid neutralized the base",
          "the lightning struck the tower", "the salmon swam upstream", "the thermometer showed a rise in temperature",
          "the fossil was dated accurately", "the wave reflected off the wall", "the atom absorbed a photon",
          "the clouds produced hail", "the caterpillar became a butterfly", "the spring stretched under the weight",
          "the oxygen level dropped", "the telescope detected a new planet", "the snow reflected most sunlight",
          "the enzyme sped up the reaction", "the river carried sediment downstream", "the battery ran out of charge",
          "the bird migrated south", "the soil absorbed the rainwater", "the ice sheet grew thicker"}},
        {"people and self",
         {"Maya felt confident before the interview", "Jonas kept a daily journal", "Priya forgave her old friend",
          "Daniel lost his keys", "Elena moved to a new city", "Kofi admitted his mistake", "the twins share a birthday",
          "Ruth called her grandmother", "Liam felt nervous on stage", "Sofia set a personal goal",
          "Ahmed changed careers", "Chloe made a new friend at school", "Victor apologized to his sister",
          "Hana spent the evening alone", "Marco felt proud of his work", "Julia overcame her fear of heights",
          "Theo stayed up too late", "Amara trusted her instincts", "Oscar celebrated his birthday", "Ines felt homesick",
          "Noah reconnected with his cousin", "Lucia kept her promise", "Felipe laughed at the joke",
          "Greta took a break from social media", "Ravi felt grateful", "Erin learned from failure",
          "Tariq helped a stranger", "Clara felt lonely at the party", "Yusuf made a difficult decision",
          "Hannah spoke up in the meeting", "Diego felt relieved", "Mei accepted the compliment", "Samir lost his temper",
          "Olga wrote a letter to her future self", "Kai asked for advice", "Leah felt jealous of her brother",
          "Ivan regained his confidence", "Naomi practiced gratitude each morning", "Pedro cried at the movie",
          "Zara adopted a cat", "Emil felt misunderstood", "Rosa said goodbye to her mentor"}},
    };
}

}  // namespace redit::data::lexicon_tables
