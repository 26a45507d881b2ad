#include "adapters/workbench_settings.h"

#include <QSettings>
#include <QStringList>

namespace redit::gui {
namespace {

QString oneOf(const QSettings& s, const char* key, const QStringList& allowed, const QString& fallback) {
    const QString value = s.value(QLatin1String(key)).toString();
    return allowed.contains(value) ? value : fallback;
}

}  // namespace

WorkbenchSettings WorkbenchSettings::load(const QSettings& s) {
    WorkbenchSettings w;
    w.device = oneOf(s, "settings/device", {QStringLiteral("cpu"), QStringLiteral("cuda")}, w.device);
    bool ok = false;
    const int threads = s.value(QStringLiteral("settings/threads")).toInt(&ok);
    if (ok && threads >= 0 && threads <= 1024) w.threads = threads;
    const int processes = s.value(QStringLiteral("settings/compareProcesses")).toInt(&ok);
    if (ok && processes >= 1 && processes <= kMaxCompareProcesses) w.compareProcesses = processes;
    w.dtype = oneOf(s, "settings/dtype", {QStringLiteral("fp32"), QStringLiteral("bf16")}, w.dtype);
    w.modelsFolder = s.value(QStringLiteral("settings/modelsFolder")).toString();
    w.dataFolder = s.value(QStringLiteral("settings/dataFolder")).toString();
    w.language = oneOf(s, "settings/language", {QStringLiteral("en"), QStringLiteral("zh_CN")}, w.language);
    return w;
}

void WorkbenchSettings::save(QSettings& s) const {
    s.setValue(QStringLiteral("settings/device"), device);
    s.setValue(QStringLiteral("settings/threads"), threads);
    s.setValue(QStringLiteral("settings/compareProcesses"), compareProcesses);
    s.setValue(QStringLiteral("settings/dtype"), dtype);
    s.setValue(QStringLiteral("settings/modelsFolder"), modelsFolder);
    s.setValue(QStringLiteral("settings/dataFolder"), dataFolder);
    s.setValue(QStringLiteral("settings/language"), language);
}

}  // namespace redit::gui
