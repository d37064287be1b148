package io.needmap.pipeline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The geometry of the wall's inline SVG charts (bar chart, heat map, segment map), so that the page
 * needs no script library and no network: computed here, drawn by the templates (which escape every
 * text they print).
 *
 * <p>Where it fails: labels are cut at a fixed number of characters rather than measured, since a
 * static page cannot know the reader's fonts; the full text stays in each element's tooltip. The
 * palette has eight colours (Okabe and Ito's, safe for the common colour-vision deficiencies): with
 * more needs than that, colours repeat, so every bubble also carries its segment's number.
 */
public final class Charts {
    private static final int LABEL_CHARS = 28;
    private static final int LEGEND_COLUMNS = 4;
    private static final int LEGEND_CHARS = 24;
    /** Okabe &amp; Ito (2008), "Color Universal Design": distinguishable under every common colour-vision deficiency. */
    private static final List<String> PALETTE =
            List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000");
    /** The colour of a segment without a need. */
    public static final String NO_NEED = "#999999";

    /** One bar to draw: its label, value, the text shown after it, and a CSS colour. */
    public record Bar(String label, double value, String caption, String colour) {}

    /** A drawn bar: its row's top {@code y}, {@code length} and where its texts sit. */
    public record PlacedBar(
            String label,
            String shortLabel,
            String caption,
            String colour,
            int y,
            double length,
            double textY,
            double captionX) {}

    /** A horizontal bar chart. */
    public record BarChart(String title, int width, int height, int labelWidth, int barHeight, List<PlacedBar> bars) {}

    /** A label of a heat map's row (at {@code y}) and column (at {@code x}). */
    public record Axis(String label, double x, double y) {}

    /** A heat map cell: its corner, its opacity (0: not shown) and its tooltip. */
    public record Cell(int x, int y, double opacity, String tooltip) {}

    /** A square heat map. */
    public record HeatMap(String title, int size, int margin, int cell, List<Axis> axes, List<Cell> cells) {}

    /** A bubble of the segment map: its centre, radius, colour, the number it shows and its tooltip. */
    public record Bubble(int segmentId, double cx, double cy, double r, String colour, String tooltip) {}

    /** A need's colour key, its square's left edge at {@code x} and its text's baseline at {@code y}. */
    public record Key(String need, String colour, double x, double y) {}

    /** The segment map: the bubbles in a {@code width × mapHeight} box, the keys in columns below it. */
    public record BubbleMap(int width, int height, int mapHeight, List<Bubble> bubbles, List<Key> legend) {}

    /** A point of the map before it is scaled: MDS coordinates and the segment's size. */
    public record Point(int segmentId, double x, double y, long size, String colour, String tooltip) {}

    private Charts() {}

    /** Horizontal bars scaled to the largest value, one row of {@code rowHeight} pixels each. */
    static BarChart bars(String title, List<Bar> bars, int width, int rowHeight, int labelWidth) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        int plot = width - labelWidth - 120;
        List<PlacedBar> placed = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * rowHeight + 2;
            double length = max > 0 ? Math.max(1, plot * bar.value() / max) : 1;
            placed.add(new PlacedBar(
                    bar.label(),
                    shorten(bar.label(), LABEL_CHARS),
                    bar.caption(),
                    bar.colour(),
                    y,
                    length,
                    y + rowHeight * 0.7,
                    labelWidth + length + 4));
        }
        return new BarChart(title, width, bars.size() * rowHeight + 4, labelWidth, rowHeight - 3, placed);
    }

    /**
     * A symmetric matrix as coloured squares, darker for larger values; {@code values[i][j]} NaN
     * draws an empty cell (suppressed or no overlap).
     */
    static HeatMap heatMap(String title, List<String> labels, double[][] values, int cell) {
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
        }
        int margin = 40;
        List<Axis> axes = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            axes.add(new Axis(labels.get(i), margin + i * cell + cell / 2.0, margin + i * cell + cell * 0.7));
            for (int j = 0; j < labels.size(); j++) {
                double v = values[i][j];
                cells.add(new Cell(
                        margin + j * cell,
                        margin + i * cell,
                        Double.isNaN(v) || max <= 0 ? 0 : 0.08 + 0.92 * v / max,
                        labels.get(i) + " × " + labels.get(j) + ": "
                                + (Double.isNaN(v) ? "not shown" : String.format(Locale.ROOT, "Jaccard %.3f", v))));
            }
        }
        return new HeatMap(title, margin + labels.size() * cell + 2, margin, cell, axes, cells);
    }

    /**
     * The points scaled into a {@code width × height} box, each a bubble whose area is proportional
     * to its size; the largest bubble's radius shrinks as the map fills, so 60 segments stay legible.
     * Below it, the colour of each need in {@value #LEGEND_COLUMNS} columns, names cut to fit.
     */
    static BubbleMap bubbles(List<Point> points, Map<String, String> needColours, int width, int height) {
        long largest = points.stream().mapToLong(Point::size).max().orElse(1);
        double maxRadius = Math.max(12, Math.min(48, 150 / Math.sqrt(Math.max(1, points.size()))));
        double minX = points.stream().mapToDouble(Point::x).min().orElse(0);
        double maxX = points.stream().mapToDouble(Point::x).max().orElse(0);
        double minY = points.stream().mapToDouble(Point::y).min().orElse(0);
        double maxY = points.stream().mapToDouble(Point::y).max().orElse(0);
        double pad = maxRadius + 4;
        List<Bubble> bubbles = new ArrayList<>();
        for (Point p : points) {
            bubbles.add(new Bubble(
                    p.segmentId(),
                    scaled(p.x(), minX, maxX, pad, width - pad),
                    scaled(p.y(), minY, maxY, pad, height - pad),
                    Math.max(4, maxRadius * Math.sqrt((double) p.size() / Math.max(1, largest))),
                    p.colour(),
                    p.tooltip()));
        }
        List<Key> legend = new ArrayList<>();
        int column = 0;
        int row = 0;
        for (Map.Entry<String, String> need : needColours.entrySet()) {
            legend.add(new Key(
                    shorten(need.getKey(), LEGEND_CHARS),
                    need.getValue(),
                    4 + column * (double) width / LEGEND_COLUMNS,
                    height + 16 + row * 14));
            column = (column + 1) % LEGEND_COLUMNS;
            row += column == 0 ? 1 : 0;
        }
        int rows = (needColours.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
        return new BubbleMap(width, height + 8 + rows * 14, height, bubbles, legend);
    }

    /** The i-th colour of the palette, repeating after eight. */
    static String colour(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    private static double scaled(double v, double min, double max, double from, double to) {
        return max > min ? from + (to - from) * (v - min) / (max - min) : (from + to) / 2;
    }

    private static String shorten(String label, int chars) {
        return label.length() <= chars ? label : label.substring(0, chars - 1) + "…";
    }
}
