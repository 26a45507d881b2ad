#include "models/circuit_layout_layered.h"

#include <QCoreApplication>
#include <QHash>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

namespace redit::gui {
namespace {

constexpr double kArrowLength = 7.0;
constexpr double kNoHead = std::numeric_limits<int>::max();  // nodes without a head index sort after heads

// Rows top to bottom: the input; per layer its heads' inputs, its heads' outputs, its MLP; the logits.
long rowKey(const CircuitNode& node) {
    switch (node.kind) {
    case NodeKind::Input: return std::numeric_limits<long>::min();
    case NodeKind::Head: return 3L * node.layer + (node.port == HeadPort::Output ? 1 : 0);
    case NodeKind::Mlp: return 3L * node.layer + 2;
    case NodeKind::Logits: return std::numeric_limits<long>::max();
    }
    return 0;
}

// Queries and outputs by head; keys, then values, by key/value group.
int portOrder(HeadPort port) {
    switch (port) {
    case HeadPort::Output:
    case HeadPort::Query: return 0;
    case HeadPort::Key: return 1;
    case HeadPort::Value: return 2;
    }
    return 0;
}

// Isotonic regression by pool-adjacent-violators: the nondecreasing sequence closest to `target` (least squares).
std::vector<double> nondecreasingFit(const std::vector<double>& target) {
    struct Block {
        double sum;
        int count;
        double mean() const { return sum / count; }
    };
    std::vector<Block> blocks;
    for (double t : target) {
        blocks.push_back({t, 1});
        while (blocks.size() > 1 && blocks[blocks.size() - 2].mean() > blocks.back().mean()) {
            blocks[blocks.size() - 2].sum += blocks.back().sum;
            blocks[blocks.size() - 2].count += blocks.back().count;
            blocks.pop_back();
        }
    }
    std::vector<double> fit;
    fit.reserve(target.size());
    for (const Block& b : blocks) fit.insert(fit.end(), size_t(b.count), b.mean());
    return fit;
}

class LayeredLayout {
public:
    LayeredLayout(const DrawnCircuit& graph, const LayeredLayoutOptions& options) : graph_(graph), options_(options) {}

    CircuitLayout run() {
        collectNodes();
        buildRows();
        connectEnds();
        placeInColumns();
        return finish();
    }

private:
    // The first node of each name; later repeats are not drawn.
    void collectNodes() {
        nodeOfInput_.assign(graph_.nodes.size(), -1);
        for (size_t i = 0; i < graph_.nodes.size(); ++i) {
            const QString& name = graph_.nodes[i].name;
            auto found = byName_.constFind(name);
            if (found != byName_.constEnd()) continue;
            byName_.insert(name, int(unique_.size()));
            nodeOfInput_[i] = int(unique_.size());
            unique_.push_back(i);
            width_.push_back(nodeBoxSize(name).width());
        }
        x_.assign(unique_.size(), 0.0);
        rowOf_.assign(unique_.size(), 0);
    }

    const CircuitNode& node(int n) const { return graph_.nodes[unique_[size_t(n)]]; }

    void buildRows() {
        std::vector<int> order(unique_.size());
        std::iota(order.begin(), order.end(), 0);
        auto key = [this](int n) {
            const CircuitNode& c = node(n);
            return std::make_tuple(rowKey(c), portOrder(c.port), c.head < 0 ? kNoHead : double(c.head));
        };
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            const auto ka = key(a), kb = key(b);
            if (ka != kb) return ka < kb;
            const int byName = node(a).name.compare(node(b).name);
            return byName != 0 ? byName < 0 : a < b;
        });
        long currentKey = 0;
        for (int n : order) {
            const long k = rowKey(node(n));
            if (members_.empty() || k != currentKey) {
                members_.emplace_back();
                const CircuitNode& c = node(n);
                rows_.push_back({c.kind, c.layer, c.kind == NodeKind::Head && c.port != HeadPort::Output, 0.0});
                currentKey = k;
            }
            rowOf_[size_t(n)] = int(members_.size() - 1);
            members_.back().push_back(n);
        }
        const double height = nodeBoxSize(QString()).height();
        for (size_t r = 0; r < rows_.size(); ++r) rows_[r].y = double(r) * (height + options_.rowGap) + height / 2;
    }

    void connectEnds() {
        ends_.assign(graph_.edges.size(), {-1, -1});
        for (size_t j = 0; j < graph_.edges.size(); ++j) {
            const int from = byName_.value(graph_.edges[j].from, -1), to = byName_.value(graph_.edges[j].to, -1);
            if (from >= 0 && to >= 0) ends_[j] = {from, to};
        }
    }

    // Columns shared by all rows: heads (and their query inputs) by head index, then key inputs and value inputs
    // by key/value group, then the MLP; only the columns the circuit uses, in that order. -1 for the input, the
    // logits and heads without an index: they go to the middle.
    std::vector<int> columns() const {
        int heads = 0, groups = 0;
        for (size_t n = 0; n < unique_.size(); ++n) {
            const CircuitNode& c = node(int(n));
            if (c.kind != NodeKind::Head || c.head < 0) continue;
            if (c.port == HeadPort::Output || c.port == HeadPort::Query) heads = std::max(heads, c.head + 1);
            else groups = std::max(groups, c.head + 1);
        }
        std::vector<int> column(unique_.size(), -1);
        for (size_t n = 0; n < unique_.size(); ++n) {
            const CircuitNode& c = node(int(n));
            if (c.kind == NodeKind::Mlp) column[n] = heads + 2 * groups;
            if (c.kind != NodeKind::Head || c.head < 0) continue;
            switch (c.port) {
            case HeadPort::Output:
            case HeadPort::Query: column[n] = c.head; break;
            case HeadPort::Key: column[n] = heads + c.head; break;
            case HeadPort::Value: column[n] = heads + groups + c.head; break;
            }
        }
        std::vector<int> used;
        for (int c : column)
            if (c >= 0) used.push_back(c);
        std::sort(used.begin(), used.end());
        used.erase(std::unique(used.begin(), used.end()), used.end());
        for (int& c : column)
            if (c >= 0) c = int(std::lower_bound(used.begin(), used.end(), c) - used.begin());
        return column;
    }

    // Centre of each member relative to the row's first member, boxes `nodeGap` apart.
    std::vector<double> packedOffsets(const std::vector<int>& row) const {
        std::vector<double> offset(row.size(), 0.0);
        for (size_t k = 1; k < row.size(); ++k)
            offset[k] = offset[k - 1] + (width_[size_t(row[k - 1])] + width_[size_t(row[k])]) / 2 + options_.nodeGap;
        return offset;
    }

    // Every node at its column (one pitch wide: the widest box and a gap); then, row by row, as close to that
    // as the row's order and spacing allow (which moves nothing unless two nodes want one column).
    void placeInColumns() {
        const std::vector<int> column = columns();
        double widest = 0;
        int lastColumn = 0;
        for (size_t n = 0; n < unique_.size(); ++n) {
            if (column[n] < 0) continue;
            widest = std::max(widest, width_[n]);
            lastColumn = std::max(lastColumn, column[n]);
        }
        pitch_ = widest + options_.nodeGap;
        const double middle = pitch_ * lastColumn / 2;
        for (const std::vector<int>& row : members_) {
            const std::vector<double> offset = packedOffsets(row);
            std::vector<double> target(row.size());
            for (size_t k = 0; k < row.size(); ++k) {
                const int c = column[size_t(row[k])];
                target[k] = (c >= 0 ? pitch_ * c : middle) - offset[k];
            }
            const std::vector<double> fit = nondecreasingFit(target);
            for (size_t k = 0; k < row.size(); ++k) x_[size_t(row[k])] = fit[k] + offset[k];
        }
    }

    QRectF boxOf(int n) const {
        const QSizeF size(width_[size_t(n)], nodeBoxSize(QString()).height());
        const QPointF centre(x_[size_t(n)] - left_, rows_[size_t(rowOf_[size_t(n)])].y);
        return QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
    }

    // Where each edge leaves its source's bottom and enters its target's top: spread along the box, ordered by
    // the other end's position so that a node's edges do not cross at the node.
    std::vector<std::pair<double, double>> portPositions() const {
        std::vector<std::pair<double, double>> ports(graph_.edges.size(), {0.0, 0.0});
        std::vector<std::vector<int>> out(unique_.size()), in(unique_.size());
        for (size_t j = 0; j < ends_.size(); ++j) {
            if (ends_[j].first < 0) continue;
            out[size_t(ends_[j].first)].push_back(int(j));
            in[size_t(ends_[j].second)].push_back(int(j));
        }
        auto spread = [&](int n, std::vector<int>& edges, bool outgoing) {
            const auto otherX = [&](int j) {
                return x_[size_t(outgoing ? ends_[size_t(j)].second : ends_[size_t(j)].first)];
            };
            std::sort(edges.begin(), edges.end(), [&](int a, int b) {
                const double xa = otherX(a), xb = otherX(b);
                return xa != xb ? xa < xb : a < b;
            });
            const QRectF box = boxOf(n);
            const double inset = std::min(6.0, box.width() / 4);
            const double left = box.left() + inset, span = box.width() - 2 * inset;
            for (size_t k = 0; k < edges.size(); ++k) {
                const double x = left + span * (double(k) + 0.5) / double(edges.size());
                (outgoing ? ports[size_t(edges[k])].first : ports[size_t(edges[k])].second) = x;
            }
        };
        for (size_t n = 0; n < unique_.size(); ++n) {
            spread(int(n), out[n], true);
            spread(int(n), in[n], false);
        }
        return ports;
    }

    CircuitLayout finish() {
        CircuitLayout layout;
        left_ = std::numeric_limits<double>::max();
        for (size_t n = 0; n < unique_.size(); ++n) left_ = std::min(left_, x_[n] - width_[n] / 2);
        if (unique_.empty()) left_ = 0;

        layout.nodes.resize(graph_.nodes.size());
        QRectF bounds;
        for (size_t i = 0; i < graph_.nodes.size(); ++i) {
            if (nodeOfInput_[i] < 0) continue;
            layout.nodes[i].box = boxOf(nodeOfInput_[i]);
            bounds = bounds.united(layout.nodes[i].box);
        }

        const std::vector<std::pair<double, double>> ports = portPositions();
        const double minBend = options_.rowGap / 2;
        layout.edges.resize(graph_.edges.size());
        for (size_t j = 0; j < graph_.edges.size(); ++j) {
            const auto [from, to] = ends_[j];
            if (from < 0) continue;
            const QPointF start(ports[j].first, boxOf(from).bottom());
            const QPointF tip(ports[j].second, boxOf(to).top());
            const QPointF end = tip - QPointF(0, kArrowLength);
            const double bend = std::max(std::abs(end.y() - start.y()) / 2, minBend);
            // A nearly vertical edge past other rows would run through the boxes of its column: it bows out to
            // the right, further the more rows it skips.
            const int skipped = std::abs(rowOf_[size_t(to)] - rowOf_[size_t(from)]) - 1;
            const double bow = skipped > 0 && std::abs(end.x() - start.x()) < pitch_ / 2
                                   ? std::min(0.45 * pitch_ + 6.0 * skipped, 1.5 * pitch_)
                                   : 0.0;
            CircuitLayout::Edge& edge = layout.edges[j];
            edge.spline.moveTo(start);
            edge.spline.cubicTo(start + QPointF(bow, bend), end + QPointF(bow, -bend), end);
            edge.arrowHead << tip << end + QPointF(kArrowLength * 0.45, 0) << end - QPointF(kArrowLength * 0.45, 0);
            if (bow > 0 || end.y() <= start.y()) bounds = bounds.united(edge.spline.boundingRect());
        }
        layout.rows = rows_;
        layout.bounds = bounds;
        return layout;
    }

    const DrawnCircuit& graph_;
    const LayeredLayoutOptions& options_;
    QHash<QString, int> byName_;
    std::vector<size_t> unique_;       // index in graph_.nodes of each drawn node
    std::vector<int> nodeOfInput_;     // drawn node of each graph_.nodes entry, -1 for a repeat
    std::vector<double> width_, x_;    // per drawn node: box width, centre x
    std::vector<int> rowOf_;           // per drawn node
    std::vector<std::vector<int>> members_;  // per row: drawn nodes in order
    std::vector<CircuitLayout::Row> rows_;
    std::vector<std::pair<int, int>> ends_;  // per edge: drawn nodes, {-1, -1} when an end is unknown
    double pitch_ = 0;  // column width
    double left_ = 0;
};

}  // namespace

CircuitLayout layeredLayout(const DrawnCircuit& graph, const LayeredLayoutOptions& options) {
    return LayeredLayout(graph, options).run();
}

QString rowLabel(const CircuitLayout::Row& row) {
    switch (row.kind) {
    case NodeKind::Input: return QCoreApplication::translate("redit::gui::CircuitLayout", "input");
    case NodeKind::Logits: return QCoreApplication::translate("redit::gui::CircuitLayout", "logits");
    case NodeKind::Mlp: return QCoreApplication::translate("redit::gui::CircuitLayout", "L%1 MLP").arg(row.layer);
    case NodeKind::Head:
        return row.headInputs ? QCoreApplication::translate("redit::gui::CircuitLayout", "L%1 q/k/v").arg(row.layer)
                              : QCoreApplication::translate("redit::gui::CircuitLayout", "L%1 heads").arg(row.layer);
    }
    return {};
}

}  // namespace redit::gui
