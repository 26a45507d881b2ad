#include "dialogs/settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>

namespace redit::gui {

SettingsDialog::SettingsDialog(const WorkbenchSettings& current, bool cudaAvailable, QWidget* parent)
    : QDialog(parent),
      device_(new QComboBox(this)),
      threads_(new QSpinBox(this)),
      compareProcesses_(new QSpinBox(this)),
      dtype_(new QComboBox(this)),
      language_(new QComboBox(this)) {
    setWindowTitle(tr("Settings"));
    device_->setObjectName(QStringLiteral("deviceBox"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    if (cudaAvailable) device_->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    device_->setCurrentIndex(std::max(0, device_->findData(current.device)));
    device_->setToolTip(cudaAvailable ? tr("Where models run") : tr("Where models run (no CUDA device was found)"));

    threads_->setRange(0, 1024);
    threads_->setSpecialValueText(tr("Automatic (%1)").arg(QThread::idealThreadCount()));
    threads_->setValue(current.threads);
    threads_->setToolTip(tr("CPU threads for computation; 0 uses one per core"));

    compareProcesses_->setObjectName(QStringLiteral("compareProcessesBox"));
    compareProcesses_->setRange(1, kMaxCompareProcesses);
    compareProcesses_->setValue(current.compareProcesses);
    compareProcesses_->setToolTip(tr("A comparison's (method, seed) chunks run side by side in this many processes, "
                                     "the threads shared among them; 1 runs them one after the other. On a small model "
                                     "two processes on two cores finish about twice as fast. Applies to the next run."));

    dtype_->addItem(tr("fp32 (exact)"), QStringLiteral("fp32"));
    dtype_->addItem(tr("bf16 (half the memory)"), QStringLiteral("bf16"));
    dtype_->setCurrentIndex(std::max(0, dtype_->findData(current.dtype)));
    dtype_->setToolTip(tr("Number format of model weights and activations"));

    models_ = folderField(current.modelsFolder, tr("Folder searched for model folders"));
    data_ = folderField(current.dataFolder, tr("Folder with the ContextHub data and other datasets"));

    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    language_->setCurrentIndex(std::max(0, language_->findData(current.language)));
    language_->setToolTip(tr("Language of the workbench; applied when it is next started"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Device:"), device_);
    form->addRow(tr("&Threads:"), threads_);
    form->addRow(tr("Side-by-side &processes:"), compareProcesses_);
    form->addRow(tr("D&type:"), dtype_);
    form->addRow(tr("&Models folder:"), withBrowseButton(models_));
    form->addRow(tr("D&ata folder:"), withBrowseButton(data_));
    form->addRow(tr("&Language:"), language_);
    auto* note = new QLabel(tr("A new language is applied when the workbench is next started."), this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

QLineEdit* SettingsDialog::folderField(const QString& value, const QString& tooltip) {
    auto* field = new QLineEdit(value, this);
    field->setToolTip(tooltip);
    field->setClearButtonEnabled(true);
    return field;
}

QWidget* SettingsDialog::withBrowseButton(QLineEdit* field) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QToolButton(row);
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Choose the folder"));
    layout->addWidget(field, 1);
    layout->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, field] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a folder"), field->text());
        if (!folder.isEmpty()) field->setText(folder);
    });
    return row;
}

WorkbenchSettings SettingsDialog::settings() const {
    WorkbenchSettings s;
    s.device = device_->currentData().toString();
    s.threads = threads_->value();
    s.compareProcesses = compareProcesses_->value();
    s.dtype = dtype_->currentData().toString();
    s.modelsFolder = models_->text().trimmed();
    s.dataFolder = data_->text().trimmed();
    s.language = language_->currentData().toString();
    return s;
}

}  // namespace redit::gui
