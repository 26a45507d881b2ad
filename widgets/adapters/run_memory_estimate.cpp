#include "adapters/run_memory_estimate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "model/memory_estimate.h"
#include "model/model_config.h"
#include "util/error.h"

namespace redit::gui {
namespace {

bool isModelFolder(const QString& folder) {
    return !folder.isEmpty() && QFileInfo(QDir(folder).filePath(QStringLiteral("config.json"))).isFile();
}

int64_t positiveParam(const nlohmann::json& params, std::initializer_list<const char*> names, int64_t fallback) {
    for (const char* name : names)
        if (params.is_object() && params.contains(name) && params[name].is_number_integer() && params[name].get<int64_t>() > 0)
            return params[name].get<int64_t>();
    return fallback;
}

}  // namespace

QString runModelFolder(const nlohmann::json& params, const QString& chosenModelFolder) {
    if (params.is_object())
        for (const auto& [name, value] : params.items())
            if (value.is_string() && isModelFolder(QString::fromStdString(value.get<std::string>())))
                return QString::fromStdString(value.get<std::string>());
    return isModelFolder(chosenModelFolder) ? chosenModelFolder : QString();
}

QString runMemoryEstimate(const std::string& kind, const nlohmann::json& params, const QString& modelFolder) {
    try {
        const ModelConfig config = loadModelConfig(QDir(modelFolder).filePath(QStringLiteral("config.json")).toStdString());
        const int64_t batch = positiveParam(params, {"batch", "batch_size"}, 1);
        const int64_t length = positiveParam(params, {"length", "max_length"}, config.maxPositions);
        const bool training = kind.find("train") != std::string::npos;
        const ForwardMode mode = training ? ForwardMode::Training
                                 : kind == "circuits" ? ForwardMode::Attribution
                                                      : ForwardMode::Inference;
        const QString modeName = training ? QCoreApplication::translate("redit::gui::RunMemoryEstimate", "training") : mode == ForwardMode::Attribution ? QCoreApplication::translate("redit::gui::RunMemoryEstimate", "attribution") : QCoreApplication::translate("redit::gui::RunMemoryEstimate", "inference");
        const MemoryEstimate estimate = estimateMemory(config, 4, batch, length, mode);
        auto bytes = [](int64_t n) { return QString::fromStdString(formatBytes(n)); };
        return QCoreApplication::translate("redit::gui::RunMemoryEstimate", "Memory estimate for %1 (fp32, batch %2, length %3, %4): weights %5 + activations %6 = %7")
            .arg(QDir::toNativeSeparators(modelFolder))
            .arg(batch)
            .arg(length)
            .arg(modeName, bytes(estimate.weightBytes), bytes(estimate.activationBytes), bytes(estimate.totalBytes()));
    } catch (const Error& e) {
        return QCoreApplication::translate("redit::gui::RunMemoryEstimate", "No memory estimate: %1").arg(QString::fromStdString(e.what()));
    }
}

}  // namespace redit::gui
