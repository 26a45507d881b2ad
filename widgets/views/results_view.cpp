#include "views/results_view.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>
#include <cmath>
#include <map>

#include "models/results_chart_colours.h"
#include "export/results_export.h"

namespace redit::gui {
namespace {

// Shows percentages with one decimal while the model keeps the full numbers for sorting and export.
class OneDecimalDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QString displayText(const QVariant& value, const QLocale& locale) const override {
        if (value.typeId() != QMetaType::Double) return QStyledItemDelegate::displayText(value, locale);
        return std::isnan(value.toDouble()) ? QStringLiteral("–") : locale.toString(value.toDouble(), 'f', 1);
    }
};

QStandardItem* readOnlyItem(const QVariant& value, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter) {
    auto* item = new QStandardItem;
    item->setData(value, Qt::DisplayRole);
    item->setTextAlignment(alignment);
    item->setEditable(false);
    return item;
}

QString meanStdText(const MeanStd& m) {
    return m.n ? QStringLiteral("%1 ± %2").arg(m.mean, 0, 'f', 1).arg(m.std, 0, 'f', 1) : QStringLiteral("–");
}

}  // namespace

ResultsView::ResultsView(QWidget* parent)
    : QWidget(parent),
      model_(new QStandardItemModel(this)),
      table_(new QTableView(this)),
      summaryModel_(new QStandardItemModel(this)),
      summaryTable_(new QTableView(this)),
      tables_(new QTabWidget(this)),
      measure_(new QComboBox(this)),
      note_(new QLabel(this)),
      chart_(new QChart),
      chartView_(new QChartView(chart_, this)) {
    table_->setModel(model_);
    table_->setItemDelegate(new OneDecimalDelegate(table_));
    table_->setSortingEnabled(true);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setToolTip(tr("One row per method, level and seed (mean over patterns); click a header to sort"));
    summaryTable_->setModel(summaryModel_);
    summaryTable_->verticalHeader()->setVisible(false);
    summaryTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    summaryTable_->setToolTip(tr("Methods x levels: mean ± standard deviation over seeds, in percent"));
    tables_->addTab(summaryTable_, tr("Table"));
    tables_->addTab(table_, tr("Per seed"));
    measure_->addItem(tr("Generality"));
    measure_->addItem(tr("Locality"));
    measure_->setToolTip(tr("Measure shown in the bar chart (mean over seeds)"));
    chartView_->setRenderHint(QPainter::Antialiasing);
    // A comparison has up to 16 methods (8 and their transfer rows): on top, the legend has no room for names.
    chart_->legend()->setAlignment(Qt::AlignRight);

    auto* copy = new QPushButton(tr("&Copy CSV"), this);
    copy->setToolTip(tr("Copy the visible table to the clipboard as CSV (Ctrl+Shift+C)"));
    copy->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+C")));
    auto* csv = new QPushButton(tr("Export CS&V…"), this);
    csv->setToolTip(tr("Save the visible table as a CSV file"));
    auto* latex = new QPushButton(tr("Export &LaTeX…"), this);
    latex->setToolTip(tr("Save the visible table as a LaTeX tabular"));

    auto* controls = new QHBoxLayout;
    auto* label = new QLabel(tr("&Chart:"), this);
    label->setBuddy(measure_);
    controls->addWidget(label);
    controls->addWidget(measure_);
    controls->addStretch(1);
    controls->addWidget(copy);
    controls->addWidget(csv);
    controls->addWidget(latex);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(tables_);
    splitter->addWidget(chartView_);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({560, 820});
    note_->setWordWrap(true);
    note_->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(note_);
    layout->addWidget(splitter, 1);

    connect(measure_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ResultsView::redrawChart);
    connect(copy, &QPushButton::clicked, this, &ResultsView::copyCsv);
    connect(csv, &QPushButton::clicked, this, [this] { exportTable(false); });
    connect(latex, &QPushButton::clicked, this, [this] { exportTable(true); });
}

void ResultsView::setResults(std::vector<EditResult> results) {
    results_ = std::move(results);
    summary_ = summarizeResults(results_);
    fillSeedTable();
    fillSummaryTable();
    redrawChart();
}

void ResultsView::setNote(const QString& text) {
    note_->setText(text);
    note_->setToolTip(text);
    note_->setVisible(!text.isEmpty());
}

QString ResultsView::note() const { return note_->text(); }

void ResultsView::fillSeedTable() {
    model_->clear();
    model_->setHorizontalHeaderLabels({tr("Method"), tr("Level"), tr("Seed"), tr("Generality"), tr("Locality")});
    for (const EditResult& r : results_) {
        model_->appendRow({readOnlyItem(r.method, Qt::AlignLeft | Qt::AlignVCenter), readOnlyItem(r.level),
                           readOnlyItem(r.seed), readOnlyItem(r.generality), readOnlyItem(r.locality)});
    }
}

void ResultsView::fillSummaryTable() {
    summaryModel_->clear();
    std::map<int, int> levelColumn;  // level -> its Generality column
    QStringList methods;
    for (const ResultsSummaryCell& c : summary_) {
        levelColumn.emplace(c.level, 0);
        if (!methods.contains(c.method)) methods << c.method;
    }
    QStringList headers{tr("Method")};
    for (auto& [level, column] : levelColumn) {
        column = int(headers.size());
        headers << tr("L%1 Generality").arg(level) << tr("L%1 Locality").arg(level);
    }
    summaryModel_->setHorizontalHeaderLabels(headers);
    for (const QString& method : methods) {
        QList<QStandardItem*> row{readOnlyItem(method, Qt::AlignLeft | Qt::AlignVCenter)};
        for (int i = 1; i < headers.size(); ++i) row << readOnlyItem(QStringLiteral("–"));
        summaryModel_->appendRow(row);
    }
    for (const ResultsSummaryCell& c : summary_) {
        const int row = int(methods.indexOf(c.method));
        const int column = levelColumn[c.level];
        summaryModel_->item(row, column)->setText(meanStdText(c.generality));
        summaryModel_->item(row, column + 1)->setText(meanStdText(c.locality));
        const QString seeds = tr("%n seed(s)", nullptr, c.generality.n);
        summaryModel_->item(row, column)->setToolTip(seeds);
        summaryModel_->item(row, column + 1)->setToolTip(seeds);
    }
}

void ResultsView::redrawChart() {
    chart_->removeAllSeries();
    for (QAbstractAxis* axis : chart_->axes()) {
        chart_->removeAxis(axis);
        delete axis;
    }
    const bool generality = measure_->currentIndex() == 0;
    std::map<int, int> levelColumn;
    QStringList methods;
    for (const EditResult& r : results_) {
        levelColumn.emplace(r.level, 0);
        if (!methods.contains(r.method)) methods << r.method;
    }
    QStringList categories;
    for (auto& [level, column] : levelColumn) {
        column = int(categories.size());
        categories << tr("Level %1").arg(level);
    }
    auto* series = new QBarSeries;
    const std::vector<QColor> colours = methodColours(methods);
    for (const QString& method : methods) {
        std::vector<double> sum(size_t(categories.size()), 0.0);
        std::vector<int> count(size_t(categories.size()), 0);
        for (const EditResult& r : results_) {
            if (r.method != method) continue;
            const size_t c = size_t(levelColumn[r.level]);
            const double value = generality ? r.generality : r.locality;
            if (std::isnan(value)) continue;  // a method without locality
            sum[c] += value;
            ++count[c];
        }
        auto* set = new QBarSet(method);
        set->setColor(colours[size_t(series->count())]);
        for (size_t c = 0; c < sum.size(); ++c) *set << (count[c] ? sum[c] / count[c] : 0.0);
        series->append(set);
    }
    chart_->addSeries(series);
    auto* xAxis = new QBarCategoryAxis;
    xAxis->append(categories);
    auto* yAxis = new QValueAxis;
    yAxis->setRange(0, 100);
    yAxis->setTitleText(tr("%1 (%, mean over seeds)").arg(measure_->currentText()));
    chart_->addAxis(xAxis, Qt::AlignBottom);
    chart_->addAxis(yAxis, Qt::AlignLeft);
    series->attachAxis(xAxis);
    series->attachAxis(yAxis);
    chart_->setTitle(tr("%1 by method and level").arg(measure_->currentText()));
}

QString ResultsView::tableText(bool latex) const {
    if (tables_->currentWidget() == summaryTable_) return latex ? summaryToLatex(summary_) : summaryToCsv(summary_);
    return latex ? resultsToLatex(results_) : resultsToCsv(results_);
}

void ResultsView::copyCsv() { QApplication::clipboard()->setText(tableText(false)); }

void ResultsView::exportTable(bool latex) {
    const QString path = QFileDialog::getSaveFileName(
        this, latex ? tr("Export results as LaTeX") : tr("Export results as CSV"), QString(),
        latex ? tr("LaTeX (*.tex)") : tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text) ||
        file.write(tableText(latex).toUtf8()) < 0) {
        QMessageBox::warning(this, tr("Export failed"), QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
}

QGraphicsScene* ResultsView::figureScene() const { return chart_->scene(); }

QRectF ResultsView::figureRect() const { return chart_->sceneBoundingRect(); }

}  // namespace redit::gui
