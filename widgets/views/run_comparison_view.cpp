#include "views/run_comparison_view.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace redit::gui {
namespace {

const QColor kDifference(0xff, 0xe8, 0xa3);

}  // namespace

RunComparisonView::RunComparisonView(QWidget* parent)
    : QWidget(parent),
      model_(new QStandardItemModel(this)),
      table_(new QTableView(this)),
      metric_(new QComboBox(this)),
      chart_(new QChart) {
    table_->setModel(model_);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setToolTip(tr("Config and provenance of both runs; differing fields are highlighted"));
    metric_->setToolTip(tr("Metric drawn for both runs"));
    auto* chartView = new QChartView(chart_, this);
    chartView->setRenderHint(QPainter::Antialiasing);

    auto* controls = new QHBoxLayout;
    auto* label = new QLabel(tr("&Metric:"), this);
    label->setBuddy(metric_);
    controls->addWidget(label);
    controls->addWidget(metric_, 1);
    auto* chartPane = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartPane);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(controls);
    chartLayout->addWidget(chartView, 1);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(table_);
    splitter->addWidget(chartPane);
    splitter->setSizes({600, 600});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    connect(metric_, &QComboBox::currentTextChanged, this, &RunComparisonView::redrawChart);
}

void RunComparisonView::setRuns(const RunDetails& a, const RunDetails& b, SeriesLoader series) {
    idA_ = a.id;
    idB_ = b.id;
    series_ = std::move(series);
    rows_ = compareRunFields(a, b);
    model_->clear();
    model_->setHorizontalHeaderLabels({tr("Field"), tr("Run #%1").arg(a.id), tr("Run #%1").arg(b.id)});
    for (const RunFieldRow& row : rows_) {
        QList<QStandardItem*> items{new QStandardItem(row.field), new QStandardItem(row.a), new QStandardItem(row.b)};
        for (QStandardItem* item : items) {
            item->setToolTip(item->text());
            if (!row.differs) continue;
            item->setBackground(kDifference);
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
        model_->appendRow(items);
    }
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    QStringList metrics = a.metricNames;
    for (const QString& name : b.metricNames)
        if (!metrics.contains(name)) metrics << name;
    const QSignalBlocker block(metric_);
    metric_->clear();
    metric_->addItems(metrics);
    const int loss = int(metrics.indexOf(QStringLiteral("loss")));
    metric_->setCurrentIndex(loss >= 0 ? loss : 0);
    redrawChart();
}

void RunComparisonView::redrawChart() {
    chart_->removeAllSeries();
    for (QAbstractAxis* axis : chart_->axes()) {
        chart_->removeAxis(axis);
        delete axis;
    }
    const QString metric = metric_->currentText();
    chart_->setTitle(metric.isEmpty() ? tr("Neither run has metrics") : tr("%1 by step").arg(metric));
    if (metric.isEmpty() || !series_) return;
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(tr("Step"));
    y->setTitleText(metric);
    chart_->addAxis(x, Qt::AlignBottom);
    chart_->addAxis(y, Qt::AlignLeft);
    double minX = 0, maxX = 1, minY = 0, maxY = 1;
    bool any = false;
    for (const QString& id : {idA_, idB_}) {
        auto* line = new QLineSeries;
        line->setName(tr("Run #%1").arg(id));
        try {
            for (const QPointF& p : series_(id, metric)) {
                line->append(p);
                minX = any ? std::min(minX, p.x()) : p.x();
                maxX = any ? std::max(maxX, p.x()) : p.x();
                minY = any ? std::min(minY, p.y()) : p.y();
                maxY = any ? std::max(maxY, p.y()) : p.y();
                any = true;
            }
        } catch (const std::exception& e) {
            line->setName(tr("Run #%1: %2").arg(id, QString::fromStdString(e.what())));
        }
        chart_->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    if (maxX == minX) maxX = minX + 1;
    if (maxY == minY) maxY = minY + 1;
    x->setRange(minX, maxX);
    y->setRange(minY, maxY);
}

QGraphicsScene* RunComparisonView::figureScene() const { return chart_->scene(); }

QRectF RunComparisonView::figureRect() const { return chart_->sceneBoundingRect(); }

}  // namespace redit::gui
