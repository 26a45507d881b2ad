#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/logic_problem.h"
#include "data/pattern.h"

namespace redit::data {

// Where a list of patterns comes from, as one string (used by the CLI and in run configurations):
//   contexthub:FOLDER[:deductive|:abductive][:levelN][:first=F]  a ContextHub copy (FOLDER may contain ':')
//   synthetic:KIND:levelN[:n=COUNT][:seed=S][:per_domain=K][:first=F] the generator and verbaliser (KIND and
//                                                                       level required); first=F keeps the
//                                                                       first F patterns (the paper's "first 10
//                                                                       level-2 records")
enum class DatasetSource { ContextHub, Synthetic };

struct DatasetSpec {
    DatasetSource source = DatasetSource::Synthetic;
    std::string folder;                 // contexthub
    std::optional<ReasoningKind> kind;  // optional for contexthub (both kinds), always set for synthetic
    std::optional<int> level;           // likewise
    std::size_t count = 0;              // synthetic n (0: the default of syntheticDataset)
    std::uint64_t seed = 0;
    std::size_t perDomain = 5;
    std::size_t first = 0;  // keep only the first `first` patterns (0: all)
};

// Throws ConfigError("dataset spec '<spec>': <problem>") naming the part that is wrong.
DatasetSpec parseDatasetSpec(const std::string& spec);

// The patterns a spec names. A ContextHub folder with no data for the requested kind and level is a FileError.
std::vector<Pattern> loadDataset(const DatasetSpec& spec);
std::vector<Pattern> loadDataset(const std::string& spec);

}  // namespace redit::data
