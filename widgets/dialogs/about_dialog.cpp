#include "dialogs/about_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

#include "adapters/workbench_settings.h"
#include "redit/build_info.h"

namespace redit::gui {

AboutDialog::AboutDialog(const RuntimeSummary& runtime, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About REdit Workbench"));
    auto* layout = new QVBoxLayout(this);
    auto* text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(false);
    text->setText(tr("<h2>REdit Workbench %1</h2>"
                     "<p>Revision %2</p>"
                     "<p>Find the circuits behind a language model's reasoning patterns, measure how they "
                     "overlap and interfere, and edit one pattern without breaking the others "
                     "(REdit: contrastive circuit reshaping, then LoRA editing; baselines LoRA, ROME, "
                     "AlphaEdit).</p>"
                     "<p>Licence: GPL-3.0-or-later (the GNU General Public License, version 3 or later).</p>")
                      .arg(QString::fromLatin1(build_info::kVersion), QString::fromLatin1(build_info::kGitDescribe)));
    text->setWordWrap(true);
    layout->addWidget(text);
    auto* table = new QLabel(this);
    table->setObjectName(QStringLiteral("aboutRuntime"));
    table->setTextFormat(Qt::RichText);
    table->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const QString device = WorkbenchSettings::load(QSettings()).device;
    const QList<QPair<QString, QString>> rows = {
        {tr("LibTorch"), runtime.torchVersion},
        {tr("BLAS"), runtime.blas},
        {tr("Device"), runtime.cudaDevices > 0 ? tr("%1 (CUDA devices: %2)").arg(device).arg(runtime.cudaDevices)
                                               : tr("%1 (no CUDA device)").arg(device)},
        {tr("Threads"), QString::number(runtime.threads)}};
    QString html;
    for (const auto& [label, value] : rows)
        html += QStringLiteral("<tr><td><b>%1</b>&nbsp;&nbsp;</td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    table->setText(runtime.torchVersion.isEmpty() ? tr("<p>Runtime: not reported by this program.</p>")
                                                  : QStringLiteral("<table>%1</table>").arg(html));
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

}  // namespace redit::gui
