// Propositions written for this project: culture and arts, geography and places, human activities.
#include "data/lexicon_tables.h"

namespace redit::data::lexicon_tables {

std::vector<DomainTable> artsPlacesActivities() {
    return {
        {"culture and arts",
         {"the orchestra tuned its instruments", "the soprano hit the highest note", "the gallery opened a new exhibit",
          "the painter finished the portrait", "the audience gave a standing ovation", "the novel won a literary prize",
          "the poet read her newest verses", "the theatre sold every ticket", "the director cut the final scene",
          "the sculptor carved the marble bust", "the choir rehearsed the anthem", "the critics praised the film",
          "the museum restored the old fresco", "the pianist played the sonata from memory",
          "the dancers learned the new routine", "the band released a live album", "the festival extended its program",
          "the curtain rose on time", "the actor forgot a line", "the composer wrote a short overture",
          "the photographer won the contest", "the mural covered the whole wall", "the conductor raised the baton",
          "the jazz trio improvised a solo", "the playwright revised the second act", "the illustrator drew the book cover",
          "the string quartet toured abroad", "the comedian sold out the club", "the ballet company hired a new lead",
          "the author signed copies at the shop", "the film premiered at the festival", "the drummer broke a stick",
          "the opera ran for three hours", "the potter glazed the vases", "the street artist painted the bridge",
          "the cellist tuned the lowest string", "the puppet show delighted the children", "the editor approved the manuscript",
          "the singer recorded a ballad", "the weaver finished the tapestry", "the art school held an auction",
          "the violinist joined the orchestra"}},
        {"geography and places",
         {"the river flooded the valley", "the village sits beside a lake", "the mountain pass was closed by snow",
          "the ferry reached the island", "the desert had no rain this month", "the glacier retreated last summer",
          "the city built a new harbor", "the border crossing stayed open", "the map showed a hidden cove",
          "the coastline eroded during the storm", "the volcano released a plume of ash", "the travelers crossed the plateau",
          "the capital moved its airport", "the forest covered the northern hills", "the canal connected the two seas",
          "the town lies north of the equator", "the climbers reached the summit", "the delta received fresh silt",
          "the bay froze over in winter", "the road wound through the canyon", "the tourists visited the old fortress",
          "the lighthouse guided the fishing boats", "the oasis supplied the caravan with water",
          "the archipelago has dozens of islets", "the prairie turned green in spring",
          "the waterfall was visible from the bridge", "the fjord was deep enough for ships", "the harbor town hosted a market",
          "the train climbed into the highlands", "the monsoon arrived early", "the peninsula lost its only ferry",
          "the cave system extended for miles", "the steppe stretched to the horizon", "the coral reef lay off the coast",
          "the hikers found the mountain spring", "the lagoon was separated from the ocean",
          "the rainforest received heavy rain", "the marsh dried up in august", "the pilgrims walked to the hilltop shrine",
          "the old bridge spanned the gorge", "the new tunnel cut through the ridge", "the surveyor marked the boundary stone"}},
        {"human activities",
         {"Sam went fishing at dawn", "the family planted tomatoes", "Lena baked bread for the neighbors",
          "the children built a sandcastle", "Omar repaired his bicycle", "the team won the relay race",
          "Grace knitted a scarf", "the friends played chess in the park", "Tom cleaned the garage",
          "the club organized a picnic", "Ana learned to juggle", "the campers lit a fire", "Raj painted the fence",
          "the students went on a field trip", "Mia walked the dog before breakfast", "the neighbors held a yard sale",
          "Ben assembled the bookshelf", "the tourists rented kayaks", "Yuki practiced the guitar",
          "the volunteers collected litter", "Carlos cooked a large dinner", "the cousins flew a kite", "Nora sewed a quilt",
          "the hikers packed their lunches", "Leo mowed the lawn", "the scouts pitched their tents",
          "Ivy wrote letters to her pen pal", "the workers painted the hallway", "Hugo washed the car",
          "the group sang around the campfire", "Ella solved the crossword", "the couple danced at the wedding",
          "Max fed the ducks at the pond", "the crew shoveled snow from the driveway", "Zoe arranged the flowers",
          "the guests arrived early", "Felix took photos of the sunset", "the twins raced their scooters",
          "Aisha planned a surprise party", "the family visited the zoo", "Pablo went bowling with coworkers",
          "the runners stretched after the race"}},
    };
}

}  // namespace redit::data::lexicon_tables
