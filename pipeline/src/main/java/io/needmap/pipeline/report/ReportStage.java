package io.needmap.pipeline.report;

import static io.needmap.pipeline.output.Columns.LABEL_SOURCE;
import static io.needmap.pipeline.output.Columns.PREVIOUS_SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.SIZE_AFTER;
import static io.needmap.pipeline.output.Columns.SIZE_BEFORE;
import static io.needmap.pipeline.output.Columns.TRANSITION;
import static io.needmap.pipeline.output.Columns.USER;
import static io.needmap.pipeline.output.Columns.USER_LABEL;
import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.segment.SegmentLineage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage 5: the Customer Innovation Wall, {@code report/index.html}: one page a marketer opens from
 * disk (no network, no script library) with one sentence on how much of the audience the published
 * segments cover, a chart of segment sizes, their overlap and one card per segment (label, need,
 * size and share, top interests and terms with their lift, language mix and key numbers), sortable
 * by size or need.
 *
 * <p>Why a static page: it is the one output a non-analyst reads, it travels as an e-mail
 * attachment, and it can only show what the profile stage already published, so the privacy floor
 * holds for it too. Charts are inline SVG ({@link Charts}); every piece of text from the data is
 * HTML-escaped. A card shows only what exists: a list, chart or line the data has nothing for is
 * left out rather than drawn empty (no terms without the topics stage, no language mix when the
 * input has no languages). Overlap is a heat map up to {@value #HEAT_MAP_MAX_SEGMENTS} published
 * segments; beyond, its cells are too small to read and each segment lists its
 * {@value #CLOSEST_SEGMENTS} closest segments instead. Where it fails: the closest list hides how
 * far apart the rest are ({@code segment_overlap} stays the reference), and labels in charts are cut
 * at a fixed length (the full label is in the card and the tooltip).
 */
public final class ReportStage {
    private static final int CARD_ITEMS = 8;
    static final int HEAT_MAP_MAX_SEGMENTS = 15;
    static final int CLOSEST_SEGMENTS = 3;
    private static final String UNKNOWN = "unknown";
    /** Clusterwise stability from which a segment is stable, and from which it is a pattern (Hennig 2007). */
    private static final double STABLE = 0.75;

    private static final double PATTERN = 0.6;

    /** Key numbers of a card, by {@code dimension/value} of {@code segment_demographics}, in display order. */
    private static final List<Map.Entry<String, String>> KEY_NUMBERS = List.of(
            Map.entry("followers_count/median", "median followers %,.0f"),
            Map.entry("likes/median", "median likes %.0f"),
            Map.entry("posts/per_member", "%.1f posts per member"));

    private ReportStage() {}

    /**
     * The page for the published tables of one output folder (small: collected to the driver).
     *
     * @param memberships {@code segment_id} of every accepted account (negative: no usable signal),
     *     for the share of the audience the published segments cover
     * @param lineage {@code segment_lineage} against the previous run, or null without one: each card
     *     then says how its segment changed, and a section lists new and vanished segments
     */
    public static String render(
            Dataset<Row> segments,
            Dataset<Row> overlap,
            Dataset<Row> demographics,
            Dataset<Row> memberships,
            Dataset<Row> lineage) {
        List<Row> rows = segments.orderBy("segment_id").collectAsList();
        List<Row> transitions = lineage == null
                ? List.of()
                : lineage.orderBy(col(PREVIOUS_SEGMENT_ID).asc_nulls_last(), col(SEGMENT_ID))
                        .collectAsList();
        Map<Integer, List<Row>> byNewSegment = new HashMap<>();
        transitions.stream()
                .filter(t -> t.getAs(SEGMENT_ID) != null)
                .forEach(t -> byNewSegment
                        .computeIfAbsent(t.<Integer>getAs(SEGMENT_ID), k -> new ArrayList<>())
                        .add(t));
        List<Row> published =
                rows.stream().filter(r -> !r.<Boolean>getAs("suppressed")).toList();
        Map<Integer, List<Row>> cells = new HashMap<>();
        demographics
                .filter("dimension in ('language', 'followers_count', 'posts', 'likes', 'verified')")
                .orderBy("segment_id", "dimension", "members")
                .collectAsList()
                .forEach(r -> cells.computeIfAbsent(r.<Integer>getAs("segment_id"), k -> new ArrayList<>())
                        .add(r));
        Row audience = memberships
                .agg(count(lit(1)), count(when(col("segment_id").lt(0), lit(1))))
                .first();

        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Customer Innovation Wall</title><style>")
                .append(STYLE)
                .append("</style></head><body>")
                .append("<header><h1>Customer Innovation Wall</h1><p class=\"coverage\">")
                .append(escapeHtml4(coverage(rows, audience.getLong(0), audience.getLong(1))))
                .append(escapeHtml4(userLabelled(rows)))
                .append(
                        "</p><p>Lift = how many times more likely a segment member follows an account than the audience"
                                + " as a whole. Cells describing fewer members than the privacy floor are not shown.</p></header>")
                .append("<section class=\"overview\">");
        if (!rows.isEmpty()) {
            page.append("<figure><figcaption>Segment sizes</figcaption>")
                    .append(sizeChart(rows))
                    .append("</figure>");
        }
        page.append(overlapView(published, overlap.collectAsList()))
                .append("</section>")
                .append(lineage == null ? "" : changes(transitions))
                .append("<nav>Sort cards by <button type=\"button\" data-sort=\"size\">size</button>")
                .append("<button type=\"button\" data-sort=\"need\">need</button></nav><main id=\"cards\">");
        for (Row row : rows) {
            page.append(card(
                    row,
                    cells.getOrDefault(row.<Integer>getAs("segment_id"), List.of()),
                    lineage == null ? null : byNewSegment.getOrDefault(row.<Integer>getAs("segment_id"), List.of())));
        }
        return page.append("</main><script>")
                .append(SCRIPT)
                .append("</script></body></html>\n")
                .toString();
    }

    /**
     * What share of the audience the published segments cover, and where the rest is: in segments
     * below the privacy floor, or without any usable follow or term.
     */
    private static String coverage(List<Row> segments, long accounts, long withoutSignal) {
        long published = 0;
        long publishedAccounts = 0;
        long suppressed = 0;
        long suppressedAccounts = 0;
        for (Row segment : segments) {
            if (segment.<Boolean>getAs("suppressed")) {
                suppressed++;
                suppressedAccounts += segment.<Long>getAs("size");
            } else {
                published++;
                publishedAccounts += segment.<Long>getAs("size");
            }
        }
        List<String> rest = new ArrayList<>();
        if (suppressedAccounts > 0) {
            rest.add(counted(suppressedAccounts, "account") + " in " + counted(suppressed, "segment")
                    + " below the privacy floor " + (suppressedAccounts == 1 ? "is" : "are") + " not profiled");
        }
        if (withoutSignal > 0) {
            rest.add(counted(withoutSignal, "account") + (withoutSignal == 1 ? " has" : " have")
                    + " no usable follows or text");
        }
        return String.format(
                        Locale.ROOT,
                        "The %,d published %s %.0f%% of the %s",
                        published,
                        published == 1 ? "segment covers" : "segments cover",
                        100.0 * publishedAccounts / Math.max(1, accounts),
                        counted(accounts, "account"))
                + (rest.isEmpty() ? "" : " (" + String.join("; ", rest) + ")") + ".";
    }

    /** A sentence naming the segments whose label a team wrote ({@code label_source = user}); empty when none. */
    private static String userLabelled(List<Row> segments) {
        List<String> ids = segments.stream()
                .filter(ReportStage::userLabel)
                .map(r -> String.valueOf(r.<Integer>getAs(SEGMENT_ID)))
                .toList();
        return ids.isEmpty()
                ? ""
                : " Labels written by your team (not by needmap): segment" + (ids.size() == 1 ? " " : "s ")
                        + String.join(", ", ids) + ".";
    }

    private static boolean userLabel(Row segment) {
        return List.of(segment.schema().fieldNames()).contains(LABEL_SOURCE)
                && USER.equals(segment.getAs(LABEL_SOURCE));
    }

    /** Since the previous run: the segments that are new (emerged, or parts of a split or merge) and those that vanished. */
    private static String changes(List<Row> transitions) {
        List<String> added = new ArrayList<>();
        List<String> vanished = new ArrayList<>();
        java.util.Set<Integer> seenNew = new java.util.HashSet<>();
        java.util.Set<Integer> seenOld = new java.util.HashSet<>();
        for (Row t : transitions) {
            Integer before = t.getAs(PREVIOUS_SEGMENT_ID);
            Integer now = t.getAs(SEGMENT_ID);
            String kind = t.getAs(TRANSITION);
            if (SegmentLineage.SURVIVED.equals(kind)) {
                continue;
            }
            if (now != null && seenNew.add(now)) {
                added.add(String.format(
                        Locale.ROOT,
                        "segment %d (%s%s, %,d accounts)",
                        now,
                        kind,
                        before == null ? "" : " from segment " + before,
                        t.<Long>getAs(SIZE_AFTER)));
            }
            if (before != null && seenOld.add(before)) {
                String label = t.getAs(USER_LABEL);
                vanished.add(String.format(
                        Locale.ROOT,
                        "segment %d%s (%s, had %,d accounts)",
                        before,
                        label == null ? "" : " “" + label + "”",
                        kind,
                        t.<Long>getAs(SIZE_BEFORE)));
            }
        }
        StringBuilder html = new StringBuilder("<section class=\"changes\"><h2>Since the previous run</h2>");
        html.append("<p>New segments: ")
                .append(escapeHtml4(added.isEmpty() ? "none" : String.join("; ", added)))
                .append(".</p><p>Vanished segments: ")
                .append(escapeHtml4(vanished.isEmpty() ? "none" : String.join("; ", vanished)))
                .append(".</p>");
        return html.append("</section>").toString();
    }

    /** How a segment changed since the previous run, from its rows of {@code segment_lineage}. */
    private static String change(List<Row> transitions) {
        if (transitions.isEmpty()) {
            return "";
        }
        Row first = transitions.get(0);
        String kind = first.getAs(TRANSITION);
        long after = first.getAs(SIZE_AFTER);
        String text;
        if (SegmentLineage.SURVIVED.equals(kind)) {
            long before = first.getAs(SIZE_BEFORE);
            text = String.format(
                    Locale.ROOT,
                    "since the previous run: %,d → %,d accounts (%+.0f%%)",
                    before,
                    after,
                    100.0 * (after - before) / Math.max(1, before));
        } else if (SegmentLineage.EMERGED.equals(kind)) {
            text = "new since the previous run";
        } else {
            text = String.format(
                    Locale.ROOT,
                    "since the previous run: %s from segment%s %s",
                    kind,
                    transitions.size() == 1 ? "" : "s",
                    String.join(
                            ", ",
                            transitions.stream()
                                    .map(t -> String.valueOf(t.<Integer>getAs(PREVIOUS_SEGMENT_ID)))
                                    .toList()));
        }
        return "<p class=\"change\">" + escapeHtml4(text) + "</p>";
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
        List<Charts.Bar> bars = rows.stream()
                .sorted(Comparator.comparing(r -> -r.<Long>getAs("size")))
                .map(r -> new Charts.Bar(
                        name(r),
                        r.<Long>getAs("size"),
                        String.format(
                                Locale.ROOT, "%,d (%.1f%%)", r.<Long>getAs("size"), 100 * r.<Double>getAs("share")),
                        Charts.colour(r.<Integer>getAs("segment_id"))))
                .toList();
        return Charts.bars("Segment sizes", bars, 640, 18, 230);
    }

    /**
     * The overlap of the published segments: a heat map for a few, each segment's closest ones for
     * many; nothing when no pair of them overlaps above the privacy floor.
     */
    private static String overlapView(List<Row> published, List<Row> overlap) {
        Map<Integer, Map<Integer, Double>> jaccard = new HashMap<>();
        for (Row o : overlap) {
            int a = o.getAs("segment_a");
            int b = o.getAs("segment_b");
            jaccard.computeIfAbsent(a, k -> new HashMap<>()).put(b, o.getAs("jaccard"));
            jaccard.computeIfAbsent(b, k -> new HashMap<>()).put(a, o.getAs("jaccard"));
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        published.forEach(r -> names.put(r.getAs("segment_id"), name(r)));
        jaccard.keySet().retainAll(names.keySet());
        jaccard.values().forEach(pairs -> pairs.keySet().retainAll(names.keySet()));
        jaccard.values().removeIf(Map::isEmpty);
        if (jaccard.isEmpty()) {
            return "";
        }
        return names.size() <= HEAT_MAP_MAX_SEGMENTS
                ? heatMap(List.copyOf(names.keySet()), jaccard)
                : closestSegments(names, jaccard);
    }

    private static String heatMap(List<Integer> ids, Map<Integer, Map<Integer, Double>> jaccard) {
        double[][] values = new double[ids.size()][ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            Map<Integer, Double> pairs = jaccard.getOrDefault(ids.get(i), Map.of());
            for (int j = 0; j < ids.size(); j++) {
                values[i][j] = pairs.getOrDefault(ids.get(j), Double.NaN);
            }
        }
        int cell = Math.max(8, Math.min(22, 560 / ids.size()));
        return "<figure><figcaption>Audience overlap (Jaccard)</figcaption>"
                + Charts.heatMap(
                        "Audience overlap between segments (Jaccard of primary and secondary members)",
                        ids.stream().map(String::valueOf).toList(),
                        values,
                        cell)
                + "</figure>";
    }

    /** One row per segment that overlaps any other: its closest segments, by Jaccard, closest first. */
    private static String closestSegments(Map<Integer, String> names, Map<Integer, Map<Integer, Double>> jaccard) {
        StringBuilder table = new StringBuilder("<figure class=\"closest\"><figcaption>Closest segments (Jaccard of"
                        + " primary and secondary members)</figcaption><table><tr><th>segment</th><th colspan=\"")
                .append(CLOSEST_SEGMENTS)
                .append("\">closest segments, closest first</th></tr>");
        names.forEach((id, name) -> {
            Map<Integer, Double> pairs = jaccard.get(id);
            if (pairs == null) {
                return;
            }
            table.append("<tr><td>").append(escapeHtml4(name)).append("</td>");
            pairs.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(CLOSEST_SEGMENTS)
                    .forEach(pair -> table.append("<td>")
                            .append(escapeHtml4(names.get(pair.getKey())))
                            .append(String.format(
                                    Locale.ROOT, " <span class=\"num\">%.2f</span></td>", pair.getValue())));
            table.append("</tr>");
        });
        return table.append("</table></figure>").toString();
    }

    /** @param transitions the segment's rows of {@code segment_lineage}, or null without a previous run */
    private static String card(Row row, List<Row> cells, List<Row> transitions) {
        int id = row.getAs("segment_id");
        String need = row.getAs("need");
        StringBuilder card = new StringBuilder();
        card.append(String.format(
                        Locale.ROOT,
                        "<article class=\"card\" data-id=\"%d\" data-size=\"%d\" data-need=\"%s\""
                                + " style=\"border-top-color:%s\">",
                        id,
                        row.<Long>getAs("size"),
                        escapeHtml4(need == null ? "" : need),
                        Charts.colour(id)))
                .append("<h2>")
                .append(escapeHtml4(name(row)))
                .append("</h2><p class=\"need\">")
                .append(
                        need == null
                                ? "no clear need"
                                : "need: <b>" + escapeHtml4(need) + "</b>"
                                        + String.format(
                                                Locale.ROOT,
                                                " <span>(match %.0f%%)</span>",
                                                100 * row.<Double>getAs("need_score")))
                .append("</p><p class=\"size\">")
                .append(String.format(
                        Locale.ROOT,
                        "segment %d · %,d accounts · %.1f%% of the audience",
                        id,
                        row.<Long>getAs("size"),
                        100 * row.<Double>getAs("share")))
                .append("</p>")
                .append(stability(row))
                .append(userLabel(row) ? "<p class=\"label-source\">label written by your team</p>" : "")
                .append(transitions == null ? "" : change(transitions));
        if (row.<Boolean>getAs("suppressed")) {
            return card.append("<p class=\"suppressed\">Below the privacy floor: not profiled.</p></article>")
                    .toString();
        }
        List<Row> interests = items(row, "top_interests");
        if (!interests.isEmpty()) {
            card.append("<h3>Top interests</h3><table>");
            for (Row interest : interests) {
                String label = interest.isNullAt(1) ? interest.getString(0) : interest.getString(1);
                card.append("<tr><td>")
                        .append(escapeHtml4(label))
                        .append("</td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "×%.1f", interest.<Double>getAs("lift")))
                        .append("</td></tr>");
            }
            card.append("</table>");
        }
        List<Row> terms = items(row, "top_terms");
        if (!terms.isEmpty()) {
            card.append("<h3>Top terms</h3><p class=\"terms\">");
            for (Row term : terms) {
                card.append("<span>")
                        .append(escapeHtml4(term.<String>getAs("term")))
                        .append("</span> ");
            }
            card.append("</p>");
        }
        return card.append(languageMix(cells))
                .append(keyNumbers(cells))
                .append("</article>")
                .toString();
    }

    /**
     * How far a team can rely on the segment, read as Hennig (2007) reads clusterwise stability: 0.75
     * or more stable, 0.6 to 0.75 a pattern, less not stable; nothing when it was not measured.
     */
    private static String stability(Row row) {
        int index = Arrays.asList(row.schema().fieldNames()).indexOf(Columns.STABILITY);
        if (index < 0 || row.isNullAt(index)) {
            return "";
        }
        double stability = row.getDouble(index);
        String reading = stability >= STABLE
                ? "stable: it comes back when half the audience is segmented again"
                : stability >= PATTERN
                        ? "a pattern, not a stable segment: it only partly comes back when half the audience is"
                                + " segmented again"
                        : "not stable: it dissolves when half the audience is segmented again; read it as a hint";
        return String.format(
                Locale.ROOT,
                "<p class=\"stability %s\">stability %.2f · %s</p>",
                stability >= STABLE ? "stable" : "unstable",
                stability,
                reading);
    }

    /** The first {@link #CARD_ITEMS} of a list column, empty when it is null. */
    private static List<Row> items(Row row, String column) {
        int index = row.fieldIndex(column);
        if (row.isNullAt(index)) {
            return List.of();
        }
        List<Row> items = row.getList(index);
        return items.subList(0, Math.min(CARD_ITEMS, items.size()));
    }

    /** The four largest languages as bars; nothing when the input has no language for the segment. */
    private static String languageMix(List<Row> cells) {
        List<Row> languages = cells.stream()
                .filter(r -> "language".equals(r.getAs("dimension")))
                .toList();
        if (languages.stream().allMatch(r -> UNKNOWN.equals(r.getAs("value")))) {
            return "";
        }
        List<Charts.Bar> bars = languages.stream()
                .sorted(Comparator.comparing(r -> -r.<Long>getAs("members")))
                .limit(4)
                .map(r -> new Charts.Bar(
                        r.getAs("value"),
                        r.<Double>getAs("share"),
                        String.format(
                                Locale.ROOT,
                                "%.0f%% (index %.0f)",
                                100 * r.<Double>getAs("share"),
                                r.<Double>getAs("index")),
                        "#5b6b8c"))
                .toList();
        return "<h3>Language mix</h3>" + Charts.bars("Language mix", bars, 280, 16, 60);
    }

    /** Share verified and the medians of {@link #KEY_NUMBERS} on one line; nothing when none is published. */
    private static String keyNumbers(List<Row> cells) {
        Map<String, Row> byKey = new HashMap<>();
        cells.forEach(r -> byKey.put(r.getAs("dimension") + "/" + r.getAs("value"), r));
        List<String> numbers = new ArrayList<>();
        for (Map.Entry<String, String> number : KEY_NUMBERS) {
            Row cell = byKey.get(number.getKey());
            if (cell != null && cell.getAs("metric") != null) {
                numbers.add(String.format(Locale.ROOT, number.getValue(), cell.<Double>getAs("metric")));
            }
        }
        Row verified = byKey.get("verified/true");
        if (verified != null) {
            numbers.add(String.format(Locale.ROOT, "%.0f%% verified", 100 * verified.<Double>getAs("share")));
        }
        return numbers.isEmpty() ? "" : "<p class=\"numbers\">" + escapeHtml4(String.join(" · ", numbers)) + "</p>";
    }

    private static String name(Row row) {
        String label = row.getAs("label");
        return label != null
                ? label
                : row.<Boolean>getAs("suppressed")
                        ? "Suppressed segment " + row.getAs("segment_id")
                        : "Segment " + row.getAs("segment_id");
    }

    private static String counted(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }

    private static final String STYLE = String.join(
            "\n",
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
            ".suppressed,.stability.unstable{color:#b3261e}.stability{font-size:.9em}.numbers{color:#444}.label-source,.change{color:#5b6b8c;font-style:italic}",
            ".changes{background:#fff;border-radius:8px;padding:4px 16px;margin-top:16px}",
            ".closest table{border-collapse:collapse;font-size:12px}.closest td,.closest th{padding:2px 8px;"
                    + "border-bottom:1px solid #eee;text-align:left}.closest span{color:#777}");

    private static final String SCRIPT = String.join(
            "\n",
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
