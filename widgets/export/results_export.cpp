#include "export/results_export.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace redit::gui {
namespace {

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString latexText(const QString& text) {
    QString out;
    for (QChar c : text) {
        switch (c.unicode()) {
        case '\\': out += QLatin1String("\\textbackslash{}"); break;
        case '~': out += QLatin1String("\\textasciitilde{}"); break;
        case '^': out += QLatin1String("\\textasciicircum{}"); break;
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            out += QLatin1Char('\\');
            out += c;
            break;
        default: out += c;
        }
    }
    return out;
}

// One decimal; `missing` for NaN (a method without locality).
QString number(double value, const QString& missing) {
    return std::isnan(value) ? missing : QString::number(value, 'f', 1);
}

QString csvMeanStd(const MeanStd& m) {
    return m.n ? QStringLiteral("%1,%2").arg(number(m.mean, {}), number(m.std, {})) : QStringLiteral(",");
}

QString latexMeanStd(const MeanStd& m) {
    return m.n ? QStringLiteral("$%1 \\pm %2$").arg(number(m.mean, {}), number(m.std, {})) : QStringLiteral("--");
}

}  // namespace

QString resultsToCsv(const std::vector<EditResult>& results) {
    QString csv = QStringLiteral("method,level,seed,generality,locality\n");
    for (const EditResult& r : results)
        csv += QStringLiteral("%1,%2,%3,%4,%5\n")
                   .arg(csvField(r.method))
                   .arg(r.level)
                   .arg(r.seed)
                   .arg(number(r.generality, {}), number(r.locality, {}));
    return csv;
}

QString resultsToLatex(const std::vector<EditResult>& results) {
    const QString dash = QStringLiteral("--");
    QString tex = QStringLiteral("\\begin{tabular}{lrrrr}\n\\toprule\n"
                                 "Method & Level & Seed & Generality & Locality \\\\\n\\midrule\n");
    for (const EditResult& r : results)
        tex += QStringLiteral("%1 & %2 & %3 & %4 & %5 \\\\\n")
                   .arg(latexText(r.method))
                   .arg(r.level)
                   .arg(r.seed)
                   .arg(number(r.generality, dash), number(r.locality, dash));
    tex += QStringLiteral("\\bottomrule\n\\end{tabular}\n");
    return tex;
}

QString summaryToCsv(const std::vector<ResultsSummaryCell>& cells) {
    QString csv = QStringLiteral("method,level,generality_mean,generality_std,locality_mean,locality_std,seeds\n");
    for (const ResultsSummaryCell& c : cells)
        csv += QStringLiteral("%1,%2,%3,%4,%5\n")
                   .arg(csvField(c.method))
                   .arg(c.level)
                   .arg(csvMeanStd(c.generality), csvMeanStd(c.locality))
                   .arg(c.generality.n);
    return csv;
}

QString summaryToLatex(const std::vector<ResultsSummaryCell>& cells) {
    std::set<int> levels;
    std::vector<QString> methods;
    std::map<std::pair<QString, int>, const ResultsSummaryCell*> byKey;
    for (const ResultsSummaryCell& c : cells) {
        levels.insert(c.level);
        if (std::find(methods.begin(), methods.end(), c.method) == methods.end()) methods.push_back(c.method);
        byKey[{c.method, c.level}] = &c;
    }
    QString tex = QStringLiteral("\\begin{tabular}{l%1}\n\\toprule\n").arg(QString(int(2 * levels.size()), QLatin1Char('c')));
    QString levelRow = QStringLiteral("Method");
    QString measureRow;
    QString rules;
    int column = 2;
    for (int level : levels) {
        levelRow += QStringLiteral(" & \\multicolumn{2}{c}{Level %1}").arg(level);
        measureRow += QStringLiteral(" & Generality & Locality");
        rules += QStringLiteral("\\cmidrule(lr){%1-%2}").arg(column).arg(column + 1);
        column += 2;
    }
    tex += levelRow + QStringLiteral(" \\\\\n") + rules + QStringLiteral("\n") + measureRow + QStringLiteral(" \\\\\n\\midrule\n");
    for (const QString& method : methods) {
        tex += latexText(method);
        for (int level : levels) {
            const auto it = byKey.find({method, level});
            tex += it == byKey.end() ? QStringLiteral(" & -- & --")
                                     : QStringLiteral(" & %1 & %2").arg(latexMeanStd(it->second->generality),
                                                                        latexMeanStd(it->second->locality));
        }
        tex += QStringLiteral(" \\\\\n");
    }
    tex += QStringLiteral("\\bottomrule\n\\end{tabular}\n");
    return tex;
}

}  // namespace redit::gui
