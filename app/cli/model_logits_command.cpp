// `redit model logits`: the next-token logits of a prompt, for comparisons with other implementations
// (scripts/reference/logits_compare.py, docs/model.md).
#include <ATen/core/grad_mode.h>
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/terminal_table.h"
#include "model/model_folder.h"
#include "model/scoring.h"
#include "util/error.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

struct LogitsOptions {
    std::string model;
    std::string prompt;
    std::string ids;  // comma-separated token ids, instead of a prompt
    std::string out;  // raw little-endian float32 logits of the last position
    int64_t top = 10;
    int threads = 0;
};

std::vector<int32_t> parseIds(const std::string& text) {
    std::vector<int32_t> ids;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        try {
            size_t used = 0;
            const long value = std::stol(item, &used);
            if (used != item.size() || value < 0) throw std::invalid_argument(item);
            ids.push_back(static_cast<int32_t>(value));
        } catch (const std::exception&) {
            throw ConfigError("--ids: '" + item + "' is not a token id (expected e.g. --ids 504,3575,282)");
        }
    }
    return ids;
}

void printLogits(const LogitsOptions& o) {
    configureThreads(o.threads);
    LoadedModel m = loadModel(o.model);
    if (o.prompt.empty() == o.ids.empty()) throw ConfigError("give either --prompt or --ids");
    const std::vector<int32_t> ids = o.ids.empty() ? m.tokenizer.encode(o.prompt, /*addSpecialTokens=*/true)
                                                   : parseIds(o.ids);
    if (ids.empty()) throw ConfigError("the prompt encodes to no tokens");
    for (int32_t id : ids)
        if (id >= m.model->config().vocabSize)
            throw ConfigError("token id " + std::to_string(id) + " is outside the vocabulary (" +
                              std::to_string(m.model->config().vocabSize) + ")");

    TokenBatch batch = makeLeftPaddedBatch({ids}, /*padId=*/0);
    at::Tensor logits;
    {
        at::NoGradGuard noGrad;
        logits = m.model->forward(batch.ids, batch.mask, {}, false, LogitPositions::Last)
                     .logits.reshape({-1}).to(at::kFloat).contiguous();
    }
    if (!o.out.empty()) {
        std::ofstream file(o.out, std::ios::binary);
        file.write(reinterpret_cast<const char*>(logits.data_ptr<float>()), logits.numel() * sizeof(float));
        if (!file) throw FileError(o.out, "could not write the logits");
    }
    auto [values, indices] = logits.topk(std::min<int64_t>(o.top, logits.numel()));
    TerminalTable table({"rank", "id", "token", "logit"});
    for (int64_t i = 0; i < values.numel(); ++i) {
        const int32_t id = static_cast<int32_t>(indices[i].item<int64_t>());
        char logit[32];
        std::snprintf(logit, sizeof logit, "%.4f", values[i].item<float>());
        table.addRow({std::to_string(i + 1), std::to_string(id), m.tokenizer.idToToken(id), logit});
    }
    table.print(std::cout);
    std::cout << ids.size() << " prompt tokens; logits of the last position"
              << (o.out.empty() ? "" : " written to " + o.out + " (float32, " + std::to_string(logits.numel()) + ")")
              << '\n';
}

}  // namespace

void addModelLogitsCommand(CLI::App& app) {
    auto o = std::make_shared<LogitsOptions>();
    CLI::App* cmd = app.get_subcommand("model")->add_subcommand("logits", "Next-token logits of a prompt");
    cmd->add_option("model", o->model, "Model folder or .gguf file")->required();
    cmd->add_option("--prompt", o->prompt, "Prompt text (encoded with the model's tokenizer)");
    cmd->add_option("--ids", o->ids, "Comma-separated token ids instead of a prompt");
    cmd->add_option("--top", o->top, "How many of the highest logits to print")->capture_default_str();
    cmd->add_option("--out", o->out, "Write all logits of the last position here (raw float32)");
    cmd->add_option("--threads", o->threads, "CPU threads (0 = all cores)");
    cmd->callback([o] { printLogits(*o); });
}

}  // namespace redit::cli
