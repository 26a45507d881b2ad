#include "dialogs/run_config_dialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "dialogs/config_form.h"
#include "adapters/run_memory_estimate.h"
#include "models/run_suggestions.h"
#include "adapters/workbench_settings.h"

namespace redit::gui {
namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

QLabel* wrappingLabel(QWidget* parent, const QString& name) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    return label;
}

}  // namespace

RunConfigDialog::RunConfigDialog(RunController& controller, QWidget* parent)
    : QDialog(parent), controller_(controller), models_(controller.models()), stage_(new QComboBox(this)),
      stageDescription_(wrappingLabel(this, QStringLiteral("stageDescription"))), name_(new QLineEdit(this)),
      seed_(new QSpinBox(this)), device_(new QComboBox(this)), model_(new QComboBox(this)), dataset_(new QComboBox(this)),
      form_(new ConfigForm(this)), memory_(wrappingLabel(this, QStringLiteral("memoryEstimate"))),
      error_(wrappingLabel(this, QStringLiteral("runError"))) {
    setWindowTitle(tr("New Run"));
    stage_->setObjectName(QStringLiteral("stageBox"));
    for (const std::string& kind : controller_.stageKinds()) stage_->addItem(q(kind));
    stage_->setToolTip(tr("The pipeline stage this run executes"));
    name_->setObjectName(QStringLiteral("runName"));
    name_->setPlaceholderText(tr("shown in lists"));
    seed_->setRange(0, 2147483647);
    seed_->setToolTip(tr("Random seed of the run"));
    device_->setEditable(true);
    device_->addItems({QStringLiteral("cpu"), QStringLiteral("cuda")});
    device_->setToolTip(tr("cpu or cuda[:N]"));
    device_->setCurrentText(WorkbenchSettings::load(QSettings()).device);  // the Settings default
    model_->setObjectName(QStringLiteral("modelBox"));
    dataset_->setObjectName(QStringLiteral("datasetBox"));
    model_->addItem(tr("(none)"), 0);
    dataset_->addItem(tr("(none)"), 0);
    for (const ProjectInput& model : models_) model_->addItem(model.label, model.id);
    for (const ProjectInput& dataset : controller_.datasets()) dataset_->addItem(dataset.label, dataset.id);
    // A project with exactly one model or dataset: that one is the likely choice.
    if (model_->count() == 2) model_->setCurrentIndex(1);
    if (dataset_->count() == 2) dataset_->setCurrentIndex(1);
    memory_->setStyleSheet(QStringLiteral("QLabel { color: #0b5394; }"));
    error_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    error_->setVisible(false);

    auto* run = new QFormLayout;
    run->addRow(tr("&Stage:"), stage_);
    run->addRow(QString(), stageDescription_);
    run->addRow(tr("&Name:"), name_);
    run->addRow(tr("S&eed:"), seed_);
    run->addRow(tr("&Device:"), device_);
    run->addRow(tr("&Model:"), model_);
    run->addRow(tr("D&ataset:"), dataset_);
    auto* params = new QGroupBox(tr("Parameters"), this);
    auto* scroll = new QScrollArea(params);
    scroll->setWidget(form_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* paramsLayout = new QVBoxLayout(params);
    paramsLayout->addWidget(scroll);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* launchButton = buttons->addButton(tr("&Launch"), QDialogButtonBox::AcceptRole);
    launchButton->setObjectName(QStringLiteral("launchButton"));
    launchButton->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(run);
    layout->addWidget(params, 1);
    layout->addWidget(memory_);
    layout->addWidget(error_);
    layout->addWidget(buttons);
    resize(560, 620);

    connect(stage_, &QComboBox::currentIndexChanged, this, &RunConfigDialog::stageChosen);
    connect(model_, &QComboBox::currentIndexChanged, this, &RunConfigDialog::updateMemoryEstimate);
    connect(form_, &ConfigForm::edited, this, &RunConfigDialog::updateMemoryEstimate);
    connect(buttons, &QDialogButtonBox::accepted, this, &RunConfigDialog::launch);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    stageChosen();
}

void RunConfigDialog::stageChosen() {
    if (stage_->currentIndex() < 0) return;
    const StageInfo& stage = controller_.stage(stage_->currentText().toStdString());
    stageDescription_->setText(q(stage.description));
    form_->setSchema(stage.schema);
    // The Settings folders feed the completions of the `data` and `model` text fields, where a stage has them.
    const WorkbenchSettings settings = WorkbenchSettings::load(QSettings());
    suggest("data", dataSuggestions(controller_.datasets(), settings.dataFolder));
    suggest("model", modelSuggestions(models_, settings.modelsFolder));
    updateMemoryEstimate();
}

void RunConfigDialog::suggest(const std::string& field, const QStringList& suggestions) {
    auto* editor = qobject_cast<QLineEdit*>(form_->editor(field));
    if (!editor || suggestions.isEmpty()) return;
    auto* completer = new QCompleter(suggestions, editor);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    editor->setCompleter(completer);
}

void RunConfigDialog::updateMemoryEstimate() {
    const QString modelPath = model_->currentIndex() > 0 ? models_.value(model_->currentIndex() - 1).path : QString();
    const QString folder = runModelFolder(form_->values(), modelPath);
    memory_->setText(folder.isEmpty() ? QString() : runMemoryEstimate(stage_->currentText().toStdString(), form_->values(), folder));
    memory_->setVisible(!folder.isEmpty());
}

void RunConfigDialog::selectData(QComboBox* box, qint64 id) {
    const int index = box->findData(id);
    box->setCurrentIndex(std::max(index, 0));
}

void RunConfigDialog::setRequest(const nlohmann::json& request) {
    if (!request.is_object()) return;
    const int stage = stage_->findText(q(request.value("kind", std::string())));
    if (stage >= 0) stage_->setCurrentIndex(stage);
    name_->setText(q(request.value("name", std::string())));
    seed_->setValue(int(request.value("seed", std::int64_t(0))));
    device_->setCurrentText(q(request.value("device", std::string("cpu"))));
    selectData(model_, request.value("model_id", std::int64_t(0)));
    selectData(dataset_, request.value("dataset_id", std::int64_t(0)));
    if (request.contains("params")) form_->setValues(request["params"]);
    updateMemoryEstimate();
}

nlohmann::json RunConfigDialog::request() const {
    return {{"kind", stage_->currentText().toStdString()},
            {"name", name_->text().trimmed().toStdString()},
            {"seed", seed_->value()},
            {"device", device_->currentText().trimmed().toStdString()},
            {"model_id", model_->currentData().toLongLong()},
            {"dataset_id", dataset_->currentData().toLongLong()},
            {"params", form_->values()}};
}

void RunConfigDialog::launch() {
    error_->setVisible(false);
    if (stage_->currentIndex() < 0) {
        error_->setText(tr("No stage is registered; nothing can be run"));
        error_->setVisible(true);
        return;
    }
    try {
        if (!form_->validate()) return;
        launchedRunId_ = controller_.launchRun(request());
        accept();
    } catch (const std::exception& e) {  // also SQLite's, from a damaged file
        error_->setText(q(e.what()));
        error_->setVisible(true);
    }
}

}  // namespace redit::gui
