package io.needmap.pipeline.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage 5: the Customer Innovation Wall, {@code report/index.html}: one page a marketer opens from
 * disk (no network, no script library) with a chart of segment sizes, a heat map of segment overlap
 * and one card per segment (label, need, size and share, top interests and terms with their lift,
 * language mix and key numbers), sortable by size or need.
 *
 * <p>Why a static page: it is the one output a non-analyst reads, it travels as an e-mail
 * attachment, and it can only show what the profile stage already published, so the privacy floor
 * holds for it too. Charts are inline SVG ({@link Charts}); every piece of text from the data is
 * HTML-escaped. Where it fails: past ~60 segments the heat map cells become too small to read
 * (the table {@code segment_overlap} stays the reference).
 */
public final class ReportStage {
    private static final int CARD_ITEMS = 8;

    private ReportStage() {
    }

    /** The page for the published tables of one output folder (small: collected to the driver). */
    public static String render(Dataset<Row> segments, Dataset<Row> overlap, Dataset<Row> demographics) {
        List<Row> rows = segments.orderBy("segment_id").collectAsList();
        boolean hasTerms = Arrays.asList(segments.columns()).contains("top_terms");
        Map<Integer, List<Row>> cells = new HashMap<>();
        demographics.filter("dimension in ('language', 'followers_count', 'posts', 'likes', 'verified')")
                .orderBy("segment_id", "dimension", "members").collectAsList()
                .forEach(r -> cells.computeIfAbsent(r.<Integer>getAs("segment_id"), k -> new ArrayList<>()).add(r));
        long accounts = rows.stream().mapToLong(r -> r.<Long>getAs("size")).sum();

        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Customer Innovation Wall</title><style>").append(STYLE).append("</style></head><body>")
                .append("<header><h1>Customer Innovation Wall</h1><p>")
                .append(String.format(Locale.ROOT, "%,d accounts in %d segments", accounts, rows.size()))
                .append(". Lift = how many times more likely a segment member follows an account than the audience"
                        + " as a whole. Cells describing fewer members than the privacy floor are not shown.</p></header>")
                .append("<section class=\"overview\"><figure><figcaption>Segment sizes</figcaption>")
                .append(sizeChart(rows)).append("</figure><figure><figcaption>Audience overlap (Jaccard)</figcaption>")
                .append(overlapMap(rows, overlap.collectAsList())).append("</figure></section>")
                .append("<nav>Sort cards by <button type=\"button\" data-sort=\"size\">size</button>")
                .append("<button type=\"button\" data-sort=\"need\">need</button></nav><main id=\"cards\">");
        for (Row row : rows) {
            page.append(card(row, hasTerms, cells.getOrDefault(row.<Integer>getAs("segment_id"), List.of())));
        }
        return page.append("</main><script>").append(SCRIPT).append("</script></body></html>\n").toString();
    }

    /** Writes the page through Hadoop's FileSystem, so any output URI works. */
    public static void write(String html, String location, Configuration hadoop) {
        Path path = new Path(location);
        try (OutputStream out = path.getFileSystem(hadoop).create(path, true)) {
            out.write(html.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + location, e);
        }
    }

    private static String sizeChart(List<Row> rows) {
        List<Charts.Bar> bars = rows.stream().sorted(Comparator.comparing(r -> -r.<Long>getAs("size")))
                .map(r -> new Charts.Bar(name(r), r.<Long>getAs("size"),
                        String.format(Locale.ROOT, "%,d (%.1f%%)", r.<Long>getAs("size"), 100 * r.<Double>getAs("share")),
                        Charts.colour(r.<Integer>getAs("segment_id"))))
                .toList();
        return Charts.bars("Segment sizes", bars, 640, 18, 230);
    }

    private static String overlapMap(List<Row> rows, List<Row> overlap) {
        Map<Integer, Integer> index = new HashMap<>();
        List<String> labels = new ArrayList<>();
        for (Row r : rows) {
            index.put(r.getAs("segment_id"), labels.size());
            labels.add(String.valueOf(r.<Integer>getAs("segment_id")));
        }
        double[][] values = new double[labels.size()][labels.size()];
        for (double[] v : values) {
            Arrays.fill(v, Double.NaN);
        }
        for (Row o : overlap) {
            Integer a = index.get(o.<Integer>getAs("segment_a"));
            Integer b = index.get(o.<Integer>getAs("segment_b"));
            if (a != null && b != null) {
                values[a][b] = o.getAs("jaccard");
                values[b][a] = o.getAs("jaccard");
            }
        }
        int cell = Math.max(8, Math.min(22, 560 / Math.max(1, labels.size())));
        return Charts.heatMap("Audience overlap between segments (Jaccard of primary and secondary members)",
                labels, values, cell);
    }

    private static String card(Row row, boolean hasTerms, List<Row> cells) {
        int id = row.getAs("segment_id");
        boolean suppressed = row.getAs("suppressed");
        String need = row.getAs("need");
        StringBuilder card = new StringBuilder();
        card.append(String.format(Locale.ROOT, "<article class=\"card\" data-id=\"%d\" data-size=\"%d\" data-need=\"%s\""
                        + " style=\"border-top-color:%s\">", id, row.<Long>getAs("size"), escapeHtml4(need == null ? "" : need),
                Charts.colour(id)))
                .append("<h2>").append(escapeHtml4(name(row))).append("</h2><p class=\"need\">")
                .append(need == null ? "no clear need" : "need: <b>" + escapeHtml4(need) + "</b>"
                        + String.format(Locale.ROOT, " <span>(match %.0f%%)</span>", 100 * row.<Double>getAs("need_score")))
                .append("</p><p class=\"size\">")
                .append(String.format(Locale.ROOT, "segment %d · %,d accounts · %.1f%% of the audience", id,
                        row.<Long>getAs("size"), 100 * row.<Double>getAs("share")))
                .append("</p>");
        if (suppressed) {
            return card.append("<p class=\"suppressed\">Below the privacy floor: not profiled.</p></article>").toString();
        }
        card.append("<h3>Top interests</h3><table>");
        List<Row> interests = row.getList(row.fieldIndex("top_interests"));
        for (Row interest : interests.subList(0, Math.min(CARD_ITEMS, interests.size()))) {
            String label = interest.isNullAt(1) ? interest.getString(0) : interest.getString(1);
            card.append("<tr><td>").append(escapeHtml4(label)).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "×%.1f", interest.<Double>getAs("lift"))).append("</td></tr>");
        }
        card.append("</table>");
        if (hasTerms && !row.isNullAt(row.fieldIndex("top_terms"))) {
            List<Row> terms = row.getList(row.fieldIndex("top_terms"));
            card.append("<h3>Top terms</h3><p class=\"terms\">");
            for (Row term : terms.subList(0, Math.min(CARD_ITEMS, terms.size()))) {
                card.append("<span>").append(escapeHtml4(term.<String>getAs("term"))).append("</span> ");
            }
            card.append("</p>");
        }
        return card.append(demographics(cells)).append("</article>").toString();
    }

    /** Language mix as bars, then the key numbers as one line. */
    private static String demographics(List<Row> cells) {
        List<Charts.Bar> languages = cells.stream().filter(r -> "language".equals(r.getAs("dimension")))
                .sorted(Comparator.comparing(r -> -r.<Long>getAs("members"))).limit(4)
                .map(r -> new Charts.Bar(r.getAs("value"), r.<Double>getAs("share"),
                        String.format(Locale.ROOT, "%.0f%% (index %.0f)", 100 * r.<Double>getAs("share"),
                                r.<Double>getAs("index")), "#5b6b8c"))
                .toList();
        StringBuilder out = new StringBuilder("<h3>Language mix</h3>");
        out.append(languages.isEmpty() ? "<p>not shown</p>" : Charts.bars("Language mix", languages, 280, 16, 60));
        List<String> numbers = new ArrayList<>();
        for (Row r : cells) {
            String key = r.getAs("dimension") + "/" + r.getAs("value");
            String text = switch (key) {
                case "followers_count/median" -> "median followers %,.0f";
                case "verified/true" -> null;
                case "posts/per_member" -> "%.1f posts per member";
                case "likes/median" -> "median likes %.0f";
                default -> "";
            };
            if (text == null) {
                numbers.add(String.format(Locale.ROOT, "%.0f%% verified", 100 * r.<Double>getAs("share")));
            } else if (!text.isEmpty()) {
                numbers.add(String.format(Locale.ROOT, text, r.<Double>getAs("metric")));
            }
        }
        return out.append("<p class=\"numbers\">").append(escapeHtml4(String.join(" · ", numbers))).append("</p>")
                .toString();
    }

    private static String name(Row row) {
        String label = row.getAs("label");
        return label != null ? label : row.<Boolean>getAs("suppressed") ? "Suppressed segment " + row.getAs("segment_id")
                : "Segment " + row.getAs("segment_id");
    }

    private static final String STYLE = String.join("\n",
            "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d1d1f;background:#f6f6f4}",
            "header p{color:#555;max-width:70em}",
            ".overview{display:flex;flex-wrap:wrap;gap:32px;align-items:flex-start}",
            "figure{margin:0;background:#fff;padding:12px;border-radius:8px}",
            "figcaption{font-weight:600;margin-bottom:6px}",
            ".chart text{font-size:11px;fill:#333}",
            "nav{margin:20px 0 12px}nav button{margin-left:6px;padding:4px 12px;cursor:pointer}",
            "#cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:16px}",
            ".card{background:#fff;border-radius:8px;border-top:6px solid #888;padding:12px 16px}",
            ".card h2{font-size:17px;margin:0 0 4px}.card h3{font-size:12px;text-transform:uppercase;color:#777;"
                    + "margin:10px 0 4px}",
            ".need span,.size{color:#666}.card table{width:100%;border-collapse:collapse}",
            ".card td{padding:1px 0;border-bottom:1px solid #eee}.num{text-align:right;color:#b3261e}",
            ".terms span{display:inline-block;background:#eef;padding:0 6px;margin:1px;border-radius:4px}",
            ".suppressed{color:#b3261e}.numbers{color:#444}");

    private static final String SCRIPT = String.join("\n",
            "document.querySelectorAll('nav button').forEach(function (button) {",
            "  button.addEventListener('click', function () {",
            "    var key = button.getAttribute('data-sort'), main = document.getElementById('cards');",
            "    var cards = Array.prototype.slice.call(main.children);",
            "    cards.sort(function (a, b) {",
            "      var bySize = Number(b.dataset.size) - Number(a.dataset.size);",
            "      if (key === 'size') { return bySize; }",
            "      var na = a.dataset.need || '\\uffff', nb = b.dataset.need || '\\uffff';",
            "      return na.localeCompare(nb) || bySize;",
            "    });",
            "    cards.forEach(function (card) { main.appendChild(card); });",
            "  });",
            "});");
}
