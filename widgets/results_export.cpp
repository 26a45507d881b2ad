#include "results_export.h"

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

QString number(double value) { return QString::number(value, 'f', 1); }

}  // namespace

QString resultsToCsv(const std::vector<EditResult>& results) {
    QString csv = QStringLiteral("method,level,seed,generality,locality\n");
    for (const EditResult& r : results)
        csv += QStringLiteral("%1,%2,%3,%4,%5\n")
                   .arg(csvField(r.method)).arg(r.level).arg(r.seed).arg(number(r.generality), number(r.locality));
    return csv;
}

QString resultsToLatex(const std::vector<EditResult>& results) {
    QString tex = QStringLiteral("\\begin{tabular}{lrrrr}\n\\toprule\n"
                                 "Method & Level & Seed & Generality & Locality \\\\\n\\midrule\n");
    for (const EditResult& r : results)
        tex += QStringLiteral("%1 & %2 & %3 & %4 & %5 \\\\\n")
                   .arg(latexText(r.method)).arg(r.level).arg(r.seed).arg(number(r.generality), number(r.locality));
    tex += QStringLiteral("\\bottomrule\n\\end{tabular}\n");
    return tex;
}

}  // namespace redit::gui
