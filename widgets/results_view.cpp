#include "results_view.h"

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
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>
#include <map>

#include "results_export.h"

namespace redit::gui {
namespace {

// Shows percentages with one decimal while the model keeps the full numbers for sorting and export.
class OneDecimalDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QString displayText(const QVariant& value, const QLocale& locale) const override {
        return value.typeId() == QMetaType::Double ? locale.toString(value.toDouble(), 'f', 1)
                                                   : QStyledItemDelegate::displayText(value, locale);
    }
};

}  // namespace

ResultsView::ResultsView(QWidget* parent)
    : QWidget(parent),
      model_(new QStandardItemModel(this)),
      table_(new QTableView(this)),
      measure_(new QComboBox(this)),
      chart_(new QChart),
      chartView_(new QChartView(chart_, this)) {
    table_->setModel(model_);
    table_->setItemDelegate(new OneDecimalDelegate(table_));
    table_->setSortingEnabled(true);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setToolTip(tr("One row per method, level and seed; click a header to sort"));
    measure_->addItem(tr("Generality"));
    measure_->addItem(tr("Locality"));
    measure_->setToolTip(tr("Measure shown in the bar chart (mean over seeds)"));
    chartView_->setRenderHint(QPainter::Antialiasing);

    auto* copy = new QPushButton(tr("&Copy CSV"), this);
    copy->setToolTip(tr("Copy the table to the clipboard as CSV (Ctrl+Shift+C)"));
    copy->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+C")));
    auto* csv = new QPushButton(tr("Export CS&V…"), this);
    csv->setToolTip(tr("Save the table as a CSV file"));
    auto* latex = new QPushButton(tr("Export &LaTeX…"), this);
    latex->setToolTip(tr("Save the table as a LaTeX tabular"));

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
    splitter->addWidget(table_);
    splitter->addWidget(chartView_);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({480, 900});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    connect(measure_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ResultsView::redrawChart);
    connect(copy, &QPushButton::clicked, this, &ResultsView::copyCsv);
    connect(csv, &QPushButton::clicked, this, [this] { exportTable(false); });
    connect(latex, &QPushButton::clicked, this, [this] { exportTable(true); });
}

void ResultsView::setResults(std::vector<EditResult> results) {
    results_ = std::move(results);
    model_->clear();
    model_->setHorizontalHeaderLabels({tr("Method"), tr("Level"), tr("Seed"), tr("Generality"), tr("Locality")});
    for (const EditResult& r : results_) {
        QList<QStandardItem*> row;
        row << new QStandardItem(r.method);
        for (QVariant v : {QVariant(r.level), QVariant(r.seed), QVariant(r.generality), QVariant(r.locality)}) {
            auto* item = new QStandardItem;
            item->setData(v, Qt::DisplayRole);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row << item;
        }
        for (QStandardItem* item : row) item->setEditable(false);
        model_->appendRow(row);
    }
    redrawChart();
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
    for (const QString& method : methods) {
        std::vector<double> sum(size_t(categories.size()), 0.0);
        std::vector<int> count(size_t(categories.size()), 0);
        for (const EditResult& r : results_) {
            if (r.method != method) continue;
            const size_t c = size_t(levelColumn[r.level]);
            sum[c] += generality ? r.generality : r.locality;
            ++count[c];
        }
        auto* set = new QBarSet(method);
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

void ResultsView::copyCsv() { QApplication::clipboard()->setText(resultsToCsv(results_)); }

void ResultsView::exportTable(bool latex) {
    const QString path = QFileDialog::getSaveFileName(
        this, latex ? tr("Export results as LaTeX") : tr("Export results as CSV"), QString(),
        latex ? tr("LaTeX (*.tex)") : tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text) ||
        file.write((latex ? resultsToLatex(results_) : resultsToCsv(results_)).toUtf8()) < 0) {
        QMessageBox::warning(this, tr("Export failed"), QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
}

QGraphicsScene* ResultsView::figureScene() const { return chart_->scene(); }

QRectF ResultsView::figureRect() const { return chart_->sceneBoundingRect(); }

}  // namespace redit::gui
