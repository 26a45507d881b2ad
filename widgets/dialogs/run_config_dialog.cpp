#include "dialogs/run_config_dialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include "dialogs/config_form.h"
#include "dialogs/sweep_options.h"
#include "adapters/sweep_launch.h"
#include "adapters/run_memory_estimate.h"
#include "models/run_time_estimate.h"
#include "models/run_suggestions.h"
#include "models/method_chain.h"
#include "models/method_steps.h"
#include "adapters/workbench_settings.h"

namespace redit::gui {
namespace {

// The item role holding a model's folder or a dataset's spec (Qt::UserRole holds its id).
constexpr int kValueRole = Qt::UserRole + 1;
// The stage chooser's items hold their stage kind as Qt::UserRole; the whole method's is this.
const QString kWholeMethod = QStringLiteral("whole-method");
const std::string kModelField = "model";
const std::string kDataField = "data";

QString q(const std::string& text) { return QString::fromStdString(text); }

QLabel* wrappingLabel(QWidget* parent, const QString& name) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    return label;
}

QComboBox* chooser(QWidget* parent, const QString& name, const QList<ProjectInput>& items, const QString& placeholder,
                   const QStringList& completions) {
    auto* box = new QComboBox(parent);
    box->setObjectName(name);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    for (const ProjectInput& item : items) {
        box->addItem(item.label, item.id);
        box->setItemData(box->count() - 1, item.path, kValueRole);
    }
    box->lineEdit()->setPlaceholderText(placeholder);
    // A project with exactly one: that one is the likely choice; with several the choice is the user's.
    box->setCurrentIndex(items.size() == 1 ? 0 : -1);
    auto* completer = new QCompleter(completions, box);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    box->setCompleter(completer);
    return box;
}

}  // namespace

RunConfigDialog::RunConfigDialog(RunController& controller, QWidget* parent)
    : QDialog(parent), controller_(controller), stage_(new QComboBox(this)),
      stageDescription_(wrappingLabel(this, QStringLiteral("stageDescription"))), name_(new QLineEdit(this)),
      seed_(new QSpinBox(this)), form_(new ConfigForm(this)), memory_(wrappingLabel(this, QStringLiteral("memoryEstimate"))),
      time_(wrappingLabel(this, QStringLiteral("timeEstimate"))),
      error_(wrappingLabel(this, QStringLiteral("runError"))), sweep_(new SweepOptions(this)) {
    setWindowTitle(tr("New Run"));
    const WorkbenchSettings settings = WorkbenchSettings::load(QSettings());
    const QList<ProjectInput> models = controller_.models();
    const QList<ProjectInput> datasets = controller_.datasets();
    device_ = new QComboBox(this);
    model_ = chooser(this, QStringLiteral("modelBox"), models, tr("choose a model or type a model folder"),
                     modelSuggestions(models, settings.modelsFolder));
    model_->setToolTip(tr("The model the run loads: one of the project's models, or a model folder "
                          "(config.json, *.safetensors, tokenizer.json) typed here"));
    dataset_ = chooser(this, QStringLiteral("datasetBox"), datasets, tr("choose a dataset or type a dataset spec"),
                       dataSuggestions(datasets, settings.dataFolder));
    dataset_->setToolTip(tr("The patterns the run uses: one of the project's datasets, or a dataset spec typed "
                            "here (synthetic:deductive:level1, contexthub:FOLDER:deductive:level2, …)"));
    stage_->setObjectName(QStringLiteral("stageBox"));
    for (const std::string& kind : controller_.stageKinds()) stage_->addItem(q(kind), q(kind));
    stage_->addItem(wholeMethodLabel(), kWholeMethod);
    stage_->setToolTip(tr("The pipeline stage this run executes, or the whole method as linked runs"));
    name_->setObjectName(QStringLiteral("runName"));
    name_->setPlaceholderText(tr("shown in lists"));
    seed_->setRange(0, 2147483647);
    seed_->setToolTip(tr("Random seed of the run"));
    device_->setEditable(true);
    device_->addItems({QStringLiteral("cpu"), QStringLiteral("cuda")});
    device_->setToolTip(tr("cpu or cuda[:N]"));
    device_->setCurrentText(settings.device);  // the Settings default
    memory_->setStyleSheet(QStringLiteral("QLabel { color: #0b5394; }"));
    time_->setStyleSheet(QStringLiteral("QLabel { color: #0b5394; }"));
    error_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    error_->setVisible(false);

    auto* run = new QFormLayout;
    run->addRow(tr("&Stage:"), stage_);
    run->addRow(QString(), stageDescription_);
    run->addRow(tr("&Model:"), model_);
    run->addRow(tr("D&ataset:"), dataset_);
    run->addRow(tr("&Name:"), name_);
    run->addRow(tr("S&eed:"), seed_);
    run->addRow(tr("&Device:"), device_);
    sweep_->addRows(run);
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
    auto* bottom = new QHBoxLayout;
    auto* estimates = new QVBoxLayout;
    estimates->addWidget(memory_);
    estimates->addWidget(time_);
    bottom->addLayout(estimates, 1);
    bottom->addWidget(buttons, 0, Qt::AlignBottom);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(run);
    layout->addWidget(params, 1);
    layout->addWidget(error_);
    layout->addLayout(bottom);
    resize(620, 640);

    connect(stage_, &QComboBox::currentIndexChanged, this, &RunConfigDialog::stageChosen);
    connect(model_, &QComboBox::currentTextChanged, this, &RunConfigDialog::updateEstimates);
    connect(dataset_, &QComboBox::currentTextChanged, this, &RunConfigDialog::updateEstimates);
    connect(form_, &ConfigForm::edited, this, &RunConfigDialog::updateEstimates);
    connect(sweep_, &SweepOptions::changed, this, [this] {
        sweep_->updateSummary(stageHasSeedList());
        seed_->setEnabled(!sweep_->isSweep() || sweep_->seeds()->text().trimmed().isEmpty());  // the cells' seeds rule
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &RunConfigDialog::launch);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    stageChosen();
}

MethodChain* RunConfigDialog::launchedChain() const { return launchedChain_; }

QString RunConfigDialog::wholeMethodLabel() { return tr("Whole method (every step, as linked runs)"); }

std::string RunConfigDialog::currentKind() const {
    return wholeMethodChosen() ? std::string() : stage_->currentData().toString().toStdString();
}

bool RunConfigDialog::wholeMethodChosen() const { return stage_->currentData().toString() == kWholeMethod; }

const FieldSpec* RunConfigDialog::stageField(const std::string& field) const {
    if (stage_->currentIndex() < 0 || wholeMethodChosen()) return nullptr;
    for (const FieldSpec& spec : controller_.stage(currentKind()).schema.fields())
        if (spec.name == field) return &spec;
    return nullptr;
}

void RunConfigDialog::stageChosen() {
    if (stage_->currentIndex() < 0) return;
    if (wholeMethodChosen()) {
        QStringList steps;
        for (MethodStep step : kMethodSteps) steps << stepTitle(step);
        stageDescription_->setText(tr("Every step of the method on the chosen model and dataset, each with the "
                                      "Overview's defaults, as linked runs: %1. Each run is launched when the one "
                                      "before it has finished; a failed or cancelled run stops the chain. Each "
                                      "step's parameters can be changed by launching it on its own.")
                                       .arg(steps.join(QStringLiteral(" → "))));
        form_->setSchema(ConfigSchema{}, {});
        sweep_->runOn()->setCurrentIndex(0);  // the chain's runs are linked in this project
        sweep_->runOn()->setEnabled(false);
        model_->setEnabled(true);
        dataset_->setEnabled(true);
        updateEstimates();
        return;
    }
    const StageInfo& stage = controller_.stage(currentKind());
    stageDescription_->setText(q(stage.description));
    // The choosers fill the stage's model and dataset params; a stage without them uses neither.
    form_->setSchema(stage.schema, {kModelField, kDataField});
    sweep_->runOn()->setEnabled(true);
    sweep_->updateSummary(stageHasSeedList());
    model_->setEnabled(stageField(kModelField));
    dataset_->setEnabled(stageField(kDataField));
    updateEstimates();
}

RunConfigDialog::Choice RunConfigDialog::choiceOf(const QComboBox* box) {
    const int index = box->currentIndex();
    if (index >= 0 && box->currentText() == box->itemText(index))
        return {box->itemData(index).toLongLong(), box->itemData(index, kValueRole).toString()};
    const QString typed = box->currentText().trimmed();
    for (int i = 0; i < box->count(); ++i)  // a typed folder or spec of a project item is that item
        if (!typed.isEmpty() && box->itemData(i, kValueRole).toString() == typed) return {box->itemData(i).toLongLong(), typed};
    return {0, typed};
}

void RunConfigDialog::choose(QComboBox* box, qint64 id, const QString& value) {
    for (int i = 0; i < box->count(); ++i) {
        if ((id > 0 && box->itemData(i).toLongLong() == id) ||
            (id == 0 && !value.isEmpty() && box->itemData(i, kValueRole).toString() == value)) {
            box->setCurrentIndex(i);
            return;
        }
    }
    box->setCurrentIndex(-1);
    box->setEditText(value);
}

void RunConfigDialog::updateEstimates() {
    if (wholeMethodChosen()) {  // each step's estimate shows when it is launched on its own
        memory_->setVisible(false);
        time_->setVisible(false);
        return;
    }
    const QString modelPath = model_->isEnabled() ? choiceOf(model_).value : QString();
    const QString folder = runModelFolder(form_->values(), modelPath);
    memory_->setText(folder.isEmpty() ? QString() : runMemoryEstimate(currentKind(), form_->values(), folder));
    memory_->setVisible(!folder.isEmpty());
    const QString data = dataset_->isEnabled() ? choiceOf(dataset_).value : QString();
    time_->setText(runTimeEstimate(q(currentKind()), modelPath, data, controller_.finishedRunTimes()));
    time_->setVisible(!time_->text().isEmpty());
}

void RunConfigDialog::setRequest(const nlohmann::json& request) {
    if (!request.is_object()) return;
    if (request.contains("kind")) {
        const int stage = stage_->findData(q(request.value("kind", std::string())));
        if (stage >= 0) stage_->setCurrentIndex(stage);
    }
    if (request.contains("name")) name_->setText(q(request.value("name", std::string())));
    if (request.contains("seed")) seed_->setValue(int(request.value("seed", std::int64_t(0))));
    if (request.contains("device")) device_->setCurrentText(q(request.value("device", std::string("cpu"))));
    const nlohmann::json params = request.value("params", nlohmann::json::object());
    auto param = [&](const std::string& field) {
        return params.is_object() && params.contains(field) && params[field].is_string() ? q(params[field].get<std::string>())
                                                                                           : QString();
    };
    if (request.contains("model_id") || !param(kModelField).isEmpty())
        choose(model_, request.value("model_id", std::int64_t(0)), param(kModelField));
    if (request.contains("dataset_id") || !param(kDataField).isEmpty())
        choose(dataset_, request.value("dataset_id", std::int64_t(0)), param(kDataField));
    form_->setValues(params);
    updateEstimates();
}

nlohmann::json RunConfigDialog::request() const {
    nlohmann::json params = form_->values();
    qint64 modelId = 0, datasetId = 0;
    if (model_->isEnabled()) {
        const Choice model = choiceOf(model_);
        modelId = model.id;
        if (!model.value.isEmpty()) params[kModelField] = model.value.toStdString();
    }
    if (dataset_->isEnabled()) {
        const Choice dataset = choiceOf(dataset_);
        datasetId = dataset.id;
        if (!dataset.value.isEmpty()) params[kDataField] = dataset.value.toStdString();
    }
    return {{"kind", currentKind()},
            {"name", name_->text().trimmed().toStdString()},
            {"seed", seed_->value()},
            {"device", device_->currentText().trimmed().toStdString()},
            {"model_id", modelId},
            {"dataset_id", datasetId},
            {"params", params}};
}

void RunConfigDialog::launch() {
    error_->setVisible(false);
    if (stage_->currentIndex() < 0) {
        error_->setText(tr("No stage is registered; nothing can be run"));
        error_->setVisible(true);
        return;
    }
    if (wholeMethodChosen()) {
        launchWholeMethod();
        return;
    }
    auto missing = [this](const std::string& field, const QComboBox* box) {
        const FieldSpec* spec = stageField(field);
        return spec && spec->defaultValue.is_null() && choiceOf(box).value.isEmpty();
    };
    const bool needsModel = missing(kModelField, model_);
    const bool needsData = missing(kDataField, dataset_);
    if (needsModel || needsData) {
        error_->setText(needsModel ? tr("Choose the model the run loads") : tr("Choose the dataset the run uses"));
        error_->setVisible(true);
        return;
    }
    try {
        if (!form_->validate()) return;
        if (sweep_->isSweep()) {
            launchSweep();
            return;
        }
        launchedRunId_ = controller_.launchRun(request());
        accept();
    } catch (const std::exception& e) {  // also SQLite's, from a damaged file
        error_->setText(q(e.what()));
        error_->setVisible(true);
    }
}

bool RunConfigDialog::stageHasSeedList() const {
    const FieldSpec* seeds = stageField("seeds");
    return seeds && seeds->type == FieldSpec::Type::Array;
}

void RunConfigDialog::launchSweep() {
    SweepLaunch launch;
    launch.run = request();
    launch.axes = sweep_->axes(stageHasSeedList());  // ConfigError for bad axes, shown below the form
    launch.execution = sweep_->execution();
    launch.name = name_->text().trimmed().isEmpty() ? q(currentKind()) + QStringLiteral("-sweep") : name_->text().trimmed();
    const QString spec = writeSweepSpec(controller_.projectPath(), launch, controller_.stageRegistry());
    startSweep(spec, launch.execution, false);
    launchedSweep_ = spec;
    accept();
}

void RunConfigDialog::launchWholeMethod() {
    const Choice model = choiceOf(model_), dataset = choiceOf(dataset_);
    if (model.value.isEmpty() || dataset.value.isEmpty()) {
        error_->setText(model.value.isEmpty() ? tr("Choose the model the run loads") : tr("Choose the dataset the run uses"));
        error_->setVisible(true);
        return;
    }
    const MethodChain::Inputs inputs{model.value,  dataset.value,           model.id, dataset.id, seed_->value(),
                                     device_->currentText().trimmed(), name_->text().trimmed()};
    // Parented to the controller: the chain outlives the dialog and goes with the controller's project.
    auto* chain = new MethodChain(controller_, inputs, {kMethodSteps.begin(), kMethodSteps.end()}, &controller_);
    try {
        launchedRunId_ = chain->start();
        launchedChain_ = chain;
        accept();
    } catch (const std::exception& e) {  // the first step's config error, or the store's
        delete chain;
        error_->setText(q(e.what()));
        error_->setVisible(true);
    }
}

}  // namespace redit::gui
