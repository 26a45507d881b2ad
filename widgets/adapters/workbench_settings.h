#pragma once
#include <QString>

class QSettings;

namespace redit::gui {

inline constexpr int kMaxCompareProcesses = 64;

// The workbench's preferences, stored with QSettings under "settings/".
struct WorkbenchSettings {
    QString device = QStringLiteral("cpu");  // "cpu" or "cuda"
    int threads = 0;                         // 0: one per core
    // A comparison's (method, seed) chunks run side by side in this many `redit` processes; 1: in turn, here.
    int compareProcesses = 1;
    QString dtype = QStringLiteral("fp32");  // "fp32" or "bf16"
    QString modelsFolder;
    QString dataFolder;
    QString language = QStringLiteral("en");  // "en" or "zh_CN"

    // Unknown or out-of-range stored values fall back to the defaults.
    static WorkbenchSettings load(const QSettings& settings);
    void save(QSettings& settings) const;
};

}  // namespace redit::gui
