package io.needmap.pipeline.report;

import static org.apache.commons.text.StringEscapeUtils.escapeXml11;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the report, generated as text so that the page needs no script library and
 * no network: a horizontal bar chart and a heat map. All text is XML-escaped.
 *
 * <p>Where it fails: labels are cut at a fixed number of characters rather than measured, since a
 * static page cannot know the reader's fonts; the full text stays in each element's tooltip.
 */
final class Charts {
    private static final int LABEL_CHARS = 28;

    /** One bar: its label, value, the text shown after it, and a CSS colour. */
    record Bar(String label, double value, String caption, String colour) {}

    private Charts() {}

    /** Horizontal bars scaled to the largest value, one row of {@code rowHeight} pixels each. */
    static String bars(String title, List<Bar> bars, int width, int rowHeight, int labelWidth) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        int plot = width - labelWidth - 120;
        int height = bars.size() * rowHeight + 4;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>%s</title>",
                width,
                height,
                width,
                height,
                escapeXml11(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double length = max > 0 ? Math.max(1, plot * bar.value() / max) : 1;
            int y = i * rowHeight + 2;
            svg.append(String.format(
                    Locale.ROOT,
                    "<g><title>%s: %s</title><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\">%s</text></g>",
                    escapeXml11(bar.label()),
                    escapeXml11(bar.caption()),
                    labelWidth - 6,
                    y + rowHeight * 0.7,
                    escapeXml11(shorten(bar.label())),
                    labelWidth,
                    y,
                    length,
                    rowHeight - 3,
                    escapeXml11(bar.colour()),
                    labelWidth + length + 4,
                    y + rowHeight * 0.7,
                    escapeXml11(bar.caption())));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A symmetric matrix as coloured squares, darker for larger values; {@code values[i][j]} NaN
     * draws an empty cell (suppressed or no overlap).
     */
    static String heatMap(String title, List<String> labels, double[][] values, int cell) {
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
        }
        int margin = 40;
        int size = margin + labels.size() * cell + 2;
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>%s</title>",
                size,
                size,
                size,
                size,
                escapeXml11(title)));
        for (int i = 0; i < labels.size(); i++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    margin - 4,
                    margin + i * cell + cell * 0.7,
                    escapeXml11(labels.get(i)),
                    margin + i * cell + cell / 2.0,
                    margin - 6,
                    escapeXml11(labels.get(i))));
            for (int j = 0; j < labels.size(); j++) {
                double v = values[i][j];
                double opacity = Double.isNaN(v) || max <= 0 ? 0 : 0.08 + 0.92 * v / max;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#b3261e\" fill-opacity=\"%.3f\" "
                                + "stroke=\"#ddd\"><title>%s × %s: %s</title></rect>",
                        margin + j * cell,
                        margin + i * cell,
                        cell,
                        cell,
                        opacity,
                        escapeXml11(labels.get(i)),
                        escapeXml11(labels.get(j)),
                        Double.isNaN(v) ? "not shown" : String.format(Locale.ROOT, "Jaccard %.3f", v)));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** A distinct, stable colour for the i-th of many series (golden-angle hues). */
    static String colour(int i) {
        return String.format(Locale.ROOT, "hsl(%.0f,55%%,50%%)", (i * 137.508) % 360);
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
    }
}
