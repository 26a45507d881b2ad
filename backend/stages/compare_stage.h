#pragma once
// The editing comparison as the job-engine stage "compare": one level (one dataset), a list of seeds and
// methods. Resumable per (level, seed, method) chunk: each chunk's edit_outcomes rows are committed with the
// chunk's checkpoint in one transaction, and a resumed run skips the chunks already committed. At the end,
// edit_summary is written from every edit_outcomes row of the run.
//
// params: model (a folder, relative to the project file's folder unless absolute), data (required); level (0: the dataset's); seeds, methods (names as in edit_methods.h);
// transfer_patterns; batch; the LoRA edit's lora_steps, lora_lr, lora_rank, protocol; ROME and AlphaEdit's
// edit_layer, value_steps, value_lr, covariance_ridge, null_space_threshold and key_data (the dataset whose
// contextual instances give the key covariance and the preserved keys, cached per model and layer); reshape
// (an object of reshaping options, read by the reshaper factory).
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobs/stage_registry.h"
#include "pipeline/edit_comparison.h"

namespace redit {
class JobContext;
}

namespace redit::stages {

// Builds the reshaper from the run's "reshape" params; `log` writes a line to the run's log.
using ReshaperFactory = std::function<pipeline::Reshaper(const Tokenizer& tokenizer, const nlohmann::json& reshapeParams,
                                               const std::function<void(const std::string&)>& log)>;

// Runs the named chunks of the context's run somewhere else (other processes: compare_chunk_processes.h) and
// returns once each has been committed or has failed; the job then runs whatever is left itself.
using ChunkFarm = std::function<void(JobContext& context, const std::vector<std::string>& chunkNames)>;

// How a compare job runs its chunks: by default all of them, one after the other, in the calling process.
struct CompareExecution {
    ChunkFarm farm;         // when set, the chunks not yet committed go to it first, the costliest first
    std::string onlyChunk;  // when set, the job runs this chunk alone (if not yet committed) and writes no summary
    // With onlyChunk: told the chunk's own progress (0-1), since the run's progress belongs to the parent.
    std::function<void(double fraction)> chunkProgress;
};

// Registers "compare"; REdit and its ablations use reshapers from `reshapers`.
void registerCompareStage(StageRegistry& registry, ReshaperFactory reshapers, CompareExecution execution = {});

// The checkpoint name of one chunk.
std::string compareChunkName(int level, uint64_t seed, results::EditMethod method);

}  // namespace redit::stages
