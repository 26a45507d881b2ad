#include "dialogs/about_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include "redit/build_info.h"

namespace redit::gui {

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
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
                     "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
                      .arg(QString::fromLatin1(build_info::kVersion), QString::fromLatin1(build_info::kGitDescribe)));
    text->setWordWrap(true);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

}  // namespace redit::gui
