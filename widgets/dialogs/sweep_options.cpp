#include "dialogs/sweep_options.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QThread>

#include "util/error.h"

namespace redit::gui {
namespace {

enum RunOn { OneRun, ThisMachine, Slurm };

QStringList items(const QString& text) {
    return text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
}

}  // namespace

nlohmann::json seedAxis(const QString& text, bool stageHasSeedList) {
    std::vector<long long> seeds;
    for (const QString& item : items(text)) {
        const QRegularExpressionMatch range = QRegularExpression(QStringLiteral("^(\\d+)-(\\d+)$")).match(item);
        bool ok = false;
        if (range.hasMatch()) {
            const long long first = range.captured(1).toLongLong(), last = range.captured(2).toLongLong();
            if (last < first || last - first >= 1000)
                throw ConfigError("seeds: '" + item.toStdString() + "' is not a range of at most 1000 seeds");
            for (long long seed = first; seed <= last; ++seed) seeds.push_back(seed);
            continue;
        }
        const long long seed = item.toLongLong(&ok);
        if (!ok || seed < 0) throw ConfigError("seeds: '" + item.toStdString() + "' is not a seed (0, 1, 2, …)");
        seeds.push_back(seed);
    }
    if (seeds.empty()) return nullptr;
    nlohmann::json values = nlohmann::json::array();
    for (long long seed : seeds) values.push_back(stageHasSeedList ? nlohmann::json::array({seed}) : nlohmann::json(seed));
    return {{stageHasSeedList ? "params.seeds" : "seed", values}};
}

nlohmann::json otherAxis(const QString& text) {
    if (text.trimmed().isEmpty()) return nullptr;
    const int equals = text.indexOf(QLatin1Char('='));
    const QString key = text.left(equals).trimmed();
    if (equals < 0 || key.isEmpty() || key.contains(QLatin1Char(' ')))
        throw ConfigError("other axis: write it as KEY = VALUE, VALUE (e.g. params.lora_lr = 0.001, 0.01)");
    nlohmann::json values = nlohmann::json::array();
    for (const QString& item : text.mid(equals + 1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::string value = item.trimmed().toStdString();
        if (value.empty()) continue;
        const nlohmann::json parsed = nlohmann::json::parse(value, nullptr, false);
        values.push_back(parsed.is_discarded() ? nlohmann::json(value) : parsed);
    }
    if (values.empty()) throw ConfigError("other axis: '" + key.toStdString() + "' has no values");
    return {{key.toStdString(), values}};
}

int cellCount(const nlohmann::json& axes) {
    int cells = 1;
    for (const auto& [key, values] : axes.items()) cells *= int(values.size());
    return cells;
}

SweepOptions::SweepOptions(QWidget* parent)
    : QObject(parent), runOn_(new QComboBox(parent)), seeds_(new QLineEdit(parent)), axis_(new QLineEdit(parent)),
      processes_(new QSpinBox(parent)), site_(new QLineEdit(parent)), summary_(new QLabel(parent)) {
    runOn_->setObjectName(QStringLiteral("runOnBox"));
    runOn_->addItem(tr("this project (one run)"), OneRun);
    runOn_->addItem(tr("this machine (a sweep)"), ThisMachine);
    runOn_->addItem(tr("Slurm cluster (a sweep)"), Slurm);
    runOn_->setToolTip(tr("One run queued in this project, or a sweep: one run per cell, each in its own project "
                          "file, collected into this project from the Sweeps pane (docs/cluster.md)"));
    seeds_->setObjectName(QStringLiteral("sweepSeeds"));
    seeds_->setPlaceholderText(tr("e.g. 0, 1, 2 or 0-4"));
    seeds_->setToolTip(tr("One cell per seed; the Results view shows the mean and spread over them"));
    axis_->setObjectName(QStringLiteral("sweepAxis"));
    axis_->setPlaceholderText(tr("optional, e.g. params.lora_lr = 0.001, 0.01"));
    axis_->setToolTip(tr("A key of the run config and its values; every seed runs with every value"));
    processes_->setObjectName(QStringLiteral("sweepProcesses"));
    processes_->setRange(1, std::max(1, QThread::idealThreadCount()));
    processes_->setToolTip(tr("Cells run at once on this machine; the cores are shared among them"));
    site_->setObjectName(QStringLiteral("sweepSite"));
    site_->setPlaceholderText(tr("site.json: partition, account, qos, preamble (optional)"));
    site_->setToolTip(tr("The cluster's site config (docs/cluster.md); empty: the cluster's defaults"));
    summary_->setObjectName(QStringLiteral("sweepSummary"));
    summary_->setWordWrap(true);

    connect(runOn_, &QComboBox::currentIndexChanged, this, [this] {
        showFields();
        emit changed();
    });
    for (QLineEdit* edit : {seeds_, axis_, site_}) connect(edit, &QLineEdit::textChanged, this, &SweepOptions::changed);
    connect(processes_, &QSpinBox::valueChanged, this, &SweepOptions::changed);
}

void SweepOptions::addRows(QFormLayout* form) {
    form_ = form;
    form->addRow(tr("Run &on:"), runOn_);
    form->addRow(tr("Sweep see&ds:"), seeds_);
    form->addRow(tr("Other a&xis:"), axis_);
    form->addRow(tr("&Processes:"), processes_);
    form->addRow(tr("Site &config:"), site_);
    form->addRow(QString(), summary_);
    showFields();
}

bool SweepOptions::isSweep() const { return runOn_->currentData().toInt() != OneRun; }

SweepExecution SweepOptions::execution() const {
    SweepExecution execution;
    execution.executor = runOn_->currentData().toInt() == Slurm ? SweepExecutor::Slurm : SweepExecutor::Local;
    execution.processes = processes_->value();
    execution.siteFile = site_->text().trimmed();
    return execution;
}

nlohmann::json SweepOptions::axes(bool stageHasSeedList) const {
    nlohmann::json axes = nlohmann::json::object();
    const nlohmann::json seeds = seedAxis(seeds_->text(), stageHasSeedList);
    if (!seeds.is_null()) axes.update(seeds);
    const nlohmann::json other = otherAxis(axis_->text());
    if (!other.is_null()) {
        if (axes.contains(other.begin().key())) throw ConfigError("other axis: the seeds are swept already");
        axes.update(other);
    }
    if (cellCount(axes) < 2) throw ConfigError("a sweep needs at least two cells: give two seeds or more, or another axis");
    return axes;
}

void SweepOptions::updateSummary(bool stageHasSeedList) {
    if (!isSweep()) return;
    try {
        const int cells = cellCount(axes(stageHasSeedList));
        summary_->setStyleSheet(QStringLiteral("QLabel { color: #0b5394; }"));
        summary_->setText(tr("%1 cells, each one run in its own project file; collect them into this project from "
                             "the Sweeps pane")
                              .arg(cells));
    } catch (const std::exception& e) {
        summary_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
        summary_->setText(QString::fromStdString(e.what()));
    }
}

void SweepOptions::showFields() {
    if (!form_) return;
    const int on = runOn_->currentData().toInt();
    for (QWidget* field : {static_cast<QWidget*>(seeds_), static_cast<QWidget*>(axis_), static_cast<QWidget*>(summary_)})
        form_->setRowVisible(field, on != OneRun);
    form_->setRowVisible(processes_, on == ThisMachine);
    form_->setRowVisible(site_, on == Slurm);
}

}  // namespace redit::gui
