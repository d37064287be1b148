package io.needmap.pipeline.report;

import static io.needmap.pipeline.output.Columns.FOLLOWED_ID;
import static io.needmap.pipeline.output.Columns.LABEL;
import static io.needmap.pipeline.output.Columns.LABEL_SOURCE;
import static io.needmap.pipeline.output.Columns.NEED;
import static io.needmap.pipeline.output.Columns.PREVIOUS_SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.SHARE;
import static io.needmap.pipeline.output.Columns.SIZE;
import static io.needmap.pipeline.output.Columns.SIZE_AFTER;
import static io.needmap.pipeline.output.Columns.SIZE_BEFORE;
import static io.needmap.pipeline.output.Columns.SUPPRESSED;
import static io.needmap.pipeline.output.Columns.TERM;
import static io.needmap.pipeline.output.Columns.TRANSITION;
import static io.needmap.pipeline.output.Columns.USER;
import static io.needmap.pipeline.output.Columns.USER_LABEL;
import static org.apache.spark.sql.functions.col;

import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.segment.SegmentEstimator;
import io.needmap.pipeline.segment.SegmentLineage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the wall shows, as plain records read once from the published tables (a few dozen segments:
 * collected to the driver): the templates render these and never touch Spark, and every sentence and
 * number is worded here, so a test can read it without a page.
 *
 * <p>The overview: the coverage sentence, the segment map ({@code segment_map}, bubbles coloured by
 * need), the size chart, the overlap (a heat map up to {@value #HEAT_MAP_MAX_SEGMENTS} published
 * segments, beyond that each segment's {@value #CLOSEST_SEGMENTS} closest), the input's data quality
 * (from the manifest) with what the accounts became ({@link DataQuality}: read, flagged by kind and
 * rule, without signal, in suppressed and in published segments) and, with a previous run, the segments that are new or vanished. Then one card
 * per segment: label and need, size and change, stability, who they are (language mix and key
 * numbers, each with its index against the audience), what defines them (top interests and terms)
 * and the three ideation boxes.
 *
 * <p>Weakness: a card shows the first {@value #CARD_ITEMS} items of each list and the first
 * {@value #BOX_ITEMS} of each box, so that it fits one printed page; the tables hold the rest.
 */
public record WallData(
        String coverage,
        String userLabelled,
        Charts.BubbleMap map,
        List<Legend> legend,
        Charts.BarChart sizes,
        Charts.HeatMap heatMap,
        List<Closest> closest,
        List<Quality> quality,
        DataQuality accounts,
        List<AccountLine> accountLines,
        String flagNote,
        Changes changes,
        List<Card> cards) {

    static final int HEAT_MAP_MAX_SEGMENTS = 15;
    static final int CLOSEST_SEGMENTS = 3;
    static final int CARD_ITEMS = 8;
    static final int BOX_ITEMS = 5;
    private static final String UNKNOWN = "unknown";
    /** Clusterwise stability from which a segment is stable, and from which it is a pattern (Hennig 2007). */
    private static final double STABLE = 0.75;

    private static final double PATTERN = 0.6;

    /** Key numbers of a card, by {@code dimension/value} of {@code segment_demographics}, in display order. */
    private static final List<Map.Entry<String, String>> KEY_NUMBERS = List.of(
            Map.entry("followers_count/median", "median followers %,.0f"),
            Map.entry("likes/median", "median likes %.0f"),
            Map.entry("posts/per_member", "%.1f posts per member"));

    /** A need's colour on the map and the cards. */
    public record Legend(String need, String colour) {}

    /** A segment of the closest-segments table and its closest ones with their Jaccard, closest first. */
    public record Closest(String name, List<Neighbour> neighbours) {}

    public record Neighbour(String name, String jaccard) {}

    /** One input table's rows read, accepted, rejected (quarantined in rejects/) and repaired. */
    public record Quality(String table, long read, long accepted, long rejected, long repairedRows) {}

    /** A line of the data-quality panel's accounts: what they are, how many, and (flagged kinds) the rules. */
    public record AccountLine(String what, String accounts, String detail) {}

    /** Since the previous run: sentences on the new and the vanished segments. */
    public record Changes(String added, String vanished) {}

    /** A top interest or term with its lift as printed. */
    public record Item(String name, String lift) {}

    /** An asset the segment's distinctive needs are served by, with what it covers. */
    public record AssetItem(String name, String matched, String score) {}

    /** A distinctive need no asset covers: its kind, the item and its lift. */
    public record Gap(String kind, String item, String lift) {}

    /** A followed account to court: name, category and lift. */
    public record Partner(String name, String category, String lift) {}

    /** One segment's card; a suppressed one has only its header. */
    public record Card(
            int id,
            String name,
            String need,
            String needScore,
            long size,
            String sizeLine,
            String colour,
            boolean suppressed,
            String stabilityClass,
            String stability,
            boolean userLabel,
            String change,
            List<Item> interests,
            List<String> terms,
            Charts.BarChart languages,
            String numbers,
            List<AssetItem> assets,
            List<Gap> gaps,
            List<Partner> partners) {}

    /**
     * The published tables the wall reads; {@code lineage}, {@code map} and the ideation tables may be
     * null (no previous run, an output profiled before they existed), {@code flags} too (the flags stage
     * did not run); {@code tables} is the manifest's
     * {@code tables} section (null: no data-quality figures).
     */
    public record Tables(
            Dataset<Row> segments,
            Dataset<Row> overlap,
            Dataset<Row> demographics,
            Dataset<Row> memberships,
            Dataset<Row> lineage,
            Dataset<Row> map,
            Dataset<Row> assets,
            Dataset<Row> gaps,
            Dataset<Row> partners,
            Dataset<Row> flags,
            Map<String, ?> tables) {

        /** The tables of the context's output folder, each optional one when it exists. */
        public static Tables read(StageContext context, Map<String, ?> manifestTables) {
            OutputLayout layout = context.layout();
            return new Tables(
                    context.read(layout.segments()),
                    context.read(layout.segmentOverlap()),
                    context.read(layout.segmentDemographics()),
                    context.read(layout.memberships()),
                    context.readIfExists(layout.segmentLineage()),
                    context.readIfExists(layout.segmentMap()),
                    context.readIfExists(layout.segmentAssets()),
                    context.readIfExists(layout.segmentGaps()),
                    context.readIfExists(layout.segmentPartners()),
                    context.readIfExists(layout.accountFlags()),
                    manifestTables);
        }
    }

    /** Collects the tables and words the wall. */
    public static WallData of(Tables in) {
        List<Row> rows = in.segments().orderBy(SEGMENT_ID).collectAsList();
        List<Row> published =
                rows.stream().filter(r -> !r.<Boolean>getAs(SUPPRESSED)).toList();
        Map<String, String> needColours = new LinkedHashMap<>();
        rows.stream()
                .map(r -> r.<String>getAs(NEED))
                .filter(need -> need != null)
                .distinct()
                .sorted()
                .forEach(need -> needColours.put(need, Charts.colour(needColours.size())));
        DataQuality accounts = DataQuality.of(in.memberships(), in.segments(), in.flags());
        List<Row> transitions = in.lineage() == null
                ? List.of()
                : in.lineage()
                        .orderBy(col(PREVIOUS_SEGMENT_ID).asc_nulls_last(), col(SEGMENT_ID))
                        .collectAsList();
        Map<Integer, List<Row>> byNewSegment = new HashMap<>();
        transitions.stream()
                .filter(t -> t.getAs(SEGMENT_ID) != null)
                .forEach(t -> byNewSegment
                        .computeIfAbsent(t.<Integer>getAs(SEGMENT_ID), k -> new ArrayList<>())
                        .add(t));
        Map<Integer, List<Row>> cells = bySegment(in.demographics()
                .filter("dimension in ('language', 'followers_count', 'posts', 'likes', 'verified')")
                .orderBy(SEGMENT_ID, "dimension", "members"));
        Map<Integer, List<Row>> assets = bySegment(in.assets(), "rank");
        Map<Integer, List<Row>> gaps = bySegment(in.gaps(), "rank");
        Map<Integer, List<Row>> partners = bySegment(in.partners(), "rank");
        List<Card> cards = new ArrayList<>();
        for (Row row : rows) {
            int id = row.getAs(SEGMENT_ID);
            cards.add(card(
                    row,
                    colourOf(row, needColours),
                    cells.getOrDefault(id, List.of()),
                    in.lineage() == null ? null : byNewSegment.getOrDefault(id, List.of()),
                    assets.getOrDefault(id, List.of()),
                    gaps.getOrDefault(id, List.of()),
                    partners.getOrDefault(id, List.of())));
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        published.forEach(r -> names.put(r.getAs(SEGMENT_ID), name(r)));
        Map<Integer, Map<Integer, Double>> jaccard = jaccard(in.overlap().collectAsList(), names.keySet());
        boolean heat = !jaccard.isEmpty() && names.size() <= HEAT_MAP_MAX_SEGMENTS;
        return new WallData(
                coverage(rows, accounts),
                userLabelled(rows),
                map(in.map(), published, needColours),
                needColours.entrySet().stream()
                        .map(e -> new Legend(e.getKey(), e.getValue()))
                        .toList(),
                rows.isEmpty() ? null : sizeChart(rows, needColours),
                heat ? heatMap(List.copyOf(names.keySet()), jaccard) : null,
                heat || jaccard.isEmpty() ? List.of() : closest(names, jaccard),
                quality(in.tables()),
                accounts,
                accountLines(accounts),
                flagNote(accounts),
                in.lineage() == null ? null : changes(transitions),
                cards);
    }

    /** The published cards: the printed wall's pages after the overview. */
    public List<Card> publishedCards() {
        return cards.stream().filter(c -> !c.suppressed()).toList();
    }

    private static Map<Integer, List<Row>> bySegment(Dataset<Row> table, String... order) {
        Map<Integer, List<Row>> rows = new HashMap<>();
        if (table != null) {
            Dataset<Row> ordered = order.length == 0 ? table : table.orderBy(SEGMENT_ID, order);
            ordered.collectAsList()
                    .forEach(r -> rows.computeIfAbsent(r.<Integer>getAs(SEGMENT_ID), k -> new ArrayList<>())
                            .add(r));
        }
        return rows;
    }

    private static String colourOf(Row segment, Map<String, String> needColours) {
        String need = segment.getAs(NEED);
        return need == null ? Charts.NO_NEED : needColours.get(need);
    }

    /**
     * What share of the audience the published segments cover, and where the rest is: in segments
     * below the privacy floor, without any usable follow or term, or flagged and left out.
     */
    private static String coverage(List<Row> segments, DataQuality audience) {
        long accounts = audience.accounts();
        long withoutSignal = audience.withoutSignal();
        long suppressed = segments.stream()
                .filter(segment -> segment.<Boolean>getAs(SUPPRESSED))
                .count();
        long published = segments.size() - suppressed;
        long publishedAccounts = audience.inPublishedSegments();
        long suppressedAccounts = audience.inSuppressedSegments();
        List<String> rest = new ArrayList<>();
        if (suppressedAccounts > 0) {
            rest.add(counted(suppressedAccounts, "account") + " in " + counted(suppressed, "segment")
                    + " below the privacy floor " + (suppressedAccounts == 1 ? "is" : "are") + " not profiled");
        }
        if (withoutSignal > 0) {
            rest.add(counted(withoutSignal, "account") + (withoutSignal == 1 ? " has" : " have")
                    + " no usable follows or text");
        }
        if (audience.flaggedLeftOut() > 0) {
            rest.add(counted(audience.flaggedLeftOut(), "account") + " flagged as bot, spam or inactive "
                    + (audience.flaggedLeftOut() == 1 ? "is" : "are") + " left out");
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
                .filter(WallData::userLabel)
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

    /** The published segments on the map; null without a {@code segment_map} table or with no segment on it. */
    private static Charts.BubbleMap map(Dataset<Row> map, List<Row> published, Map<String, String> needColours) {
        if (map == null) {
            return null;
        }
        Map<Integer, Row> segments = new HashMap<>();
        published.forEach(r -> segments.put(r.getAs(SEGMENT_ID), r));
        List<Charts.Point> points = new ArrayList<>();
        for (Row place : map.orderBy(SEGMENT_ID).collectAsList()) {
            Row segment = segments.get(place.<Integer>getAs(SEGMENT_ID));
            if (segment != null) {
                String need = segment.getAs(NEED);
                points.add(new Charts.Point(
                        segment.getAs(SEGMENT_ID),
                        place.getAs("x"),
                        place.getAs("y"),
                        segment.getAs(SIZE),
                        colourOf(segment, needColours),
                        String.format(
                                Locale.ROOT,
                                "%d · %s · %s · %,d accounts",
                                segment.<Integer>getAs(SEGMENT_ID),
                                name(segment),
                                need == null ? "no clear need" : need,
                                segment.<Long>getAs(SIZE))));
            }
        }
        return points.isEmpty() ? null : Charts.bubbles(points, needColours, 560, 300);
    }

    private static Charts.BarChart sizeChart(List<Row> rows, Map<String, String> needColours) {
        List<Charts.Bar> bars = rows.stream()
                .sorted(Comparator.comparing(r -> -r.<Long>getAs(SIZE)))
                .map(r -> new Charts.Bar(
                        name(r),
                        r.<Long>getAs(SIZE),
                        String.format(Locale.ROOT, "%,d (%.1f%%)", r.<Long>getAs(SIZE), 100 * r.<Double>getAs(SHARE)),
                        colourOf(r, needColours)))
                .toList();
        return Charts.bars("Segment sizes", bars, 640, 18, 230);
    }

    /** Jaccard of each pair of published segments, both ways; only segments overlapping another. */
    private static Map<Integer, Map<Integer, Double>> jaccard(List<Row> overlap, Set<Integer> published) {
        Map<Integer, Map<Integer, Double>> jaccard = new HashMap<>();
        for (Row o : overlap) {
            int a = o.getAs("segment_a");
            int b = o.getAs("segment_b");
            if (published.contains(a) && published.contains(b)) {
                jaccard.computeIfAbsent(a, k -> new HashMap<>()).put(b, o.getAs("jaccard"));
                jaccard.computeIfAbsent(b, k -> new HashMap<>()).put(a, o.getAs("jaccard"));
            }
        }
        return jaccard;
    }

    private static Charts.HeatMap heatMap(List<Integer> ids, Map<Integer, Map<Integer, Double>> jaccard) {
        double[][] values = new double[ids.size()][ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            Map<Integer, Double> pairs = jaccard.getOrDefault(ids.get(i), Map.of());
            for (int j = 0; j < ids.size(); j++) {
                values[i][j] = pairs.getOrDefault(ids.get(j), Double.NaN);
            }
        }
        return Charts.heatMap(
                "Audience overlap between segments (Jaccard of primary and secondary members)",
                ids.stream().map(String::valueOf).toList(),
                values,
                Math.max(8, Math.min(22, 560 / ids.size())));
    }

    /** One row per segment that overlaps any other: its closest segments, by Jaccard, closest first. */
    private static List<Closest> closest(Map<Integer, String> names, Map<Integer, Map<Integer, Double>> jaccard) {
        List<Closest> closest = new ArrayList<>();
        names.forEach((id, name) -> {
            Map<Integer, Double> pairs = jaccard.get(id);
            if (pairs != null) {
                closest.add(new Closest(
                        name,
                        pairs.entrySet().stream()
                                .sorted(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
                                        .thenComparing(Map.Entry.comparingByKey()))
                                .limit(CLOSEST_SEGMENTS)
                                .map(pair -> new Neighbour(
                                        names.get(pair.getKey()), String.format(Locale.ROOT, "%.2f", pair.getValue())))
                                .toList()));
            }
        });
        return closest;
    }

    /** Read, accepted, rejected and repaired rows per input table, from the manifest's {@code tables}. */
    private static List<Quality> quality(Map<String, ?> tables) {
        List<Quality> quality = new ArrayList<>();
        if (tables != null) {
            tables.forEach((table, counts) -> {
                if (counts instanceof Map<?, ?> c) {
                    quality.add(new Quality(
                            table,
                            number(c.get("read")),
                            number(c.get("accepted")),
                            number(c.get("rejected")),
                            number(c.get("repaired_rows"))));
                }
            });
        }
        return quality;
    }

    /**
     * The panel's accounts: read, flagged per kind with the rules that fired (and whether they were
     * left out of the segments), without signal, in suppressed and in published segments.
     */
    private static List<AccountLine> accountLines(DataQuality audience) {
        List<AccountLine> lines = new ArrayList<>();
        lines.add(new AccountLine("accounts read", counted(audience.accounts()), ""));
        boolean leftOut = audience.flaggedLeftOut() > 0;
        audience.flaggedByKind()
                .forEach((kind, n) -> lines.add(new AccountLine(
                        "flagged " + kind + (leftOut ? ", left out" : ", kept in"),
                        counted(n),
                        audience.rulesByKind().getOrDefault(kind, Map.of()).entrySet().stream()
                                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                        .thenComparing(Map.Entry.comparingByKey()))
                                .map(rule -> rule.getKey() + " " + counted(rule.getValue()))
                                .collect(Collectors.joining(", ")))));
        if (audience.flaggedByKind().isEmpty()) {
            lines.add(new AccountLine("flagged (bots, spam, inactive)", counted(0), ""));
        }
        lines.add(new AccountLine("no usable follows or text", counted(audience.withoutSignal()), ""));
        lines.add(new AccountLine("in suppressed segments", counted(audience.inSuppressedSegments()), ""));
        lines.add(new AccountLine(
                "in published segments",
                counted(audience.inPublishedSegments()),
                audience.flaggedInPublishedSegments() == 0
                        ? ""
                        : counted(audience.flaggedInPublishedSegments()) + " of them flagged"));
        return lines;
    }

    /** Where the flagged accounts went: left out (segment -2), kept in, or none flagged. */
    private static String flagNote(DataQuality audience) {
        if (audience.flagged() == 0) {
            return "No account fired enough of the flag rules to be taken for a bot, spam or an inactive account.";
        }
        return audience.flaggedLeftOut() > 0
                ? "Flagged accounts (account_flags/) are left out of the segments and profiles and listed in"
                        + " memberships/ under segment " + SegmentEstimator.FLAGGED
                        + "; flags.exclude=false keeps them in, still flagged."
                : "Flagged accounts (account_flags/) were kept in the segments (flags.exclude=false), still flagged"
                        + " in memberships/ (column flag).";
    }

    private static String counted(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** Since the previous run: the segments that are new (emerged, or parts of a split or merge) and those that vanished. */
    private static Changes changes(List<Row> transitions) {
        List<String> added = new ArrayList<>();
        List<String> vanished = new ArrayList<>();
        Set<Integer> seenNew = new HashSet<>();
        Set<Integer> seenOld = new HashSet<>();
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
        return new Changes(
                added.isEmpty() ? "none" : String.join("; ", added),
                vanished.isEmpty() ? "none" : String.join("; ", vanished));
    }

    /** How a segment changed since the previous run, from its rows of {@code segment_lineage}; null when none. */
    private static String change(List<Row> transitions) {
        if (transitions.isEmpty()) {
            return null;
        }
        Row first = transitions.get(0);
        String kind = first.getAs(TRANSITION);
        long after = first.getAs(SIZE_AFTER);
        if (SegmentLineage.SURVIVED.equals(kind)) {
            long before = first.getAs(SIZE_BEFORE);
            return String.format(
                    Locale.ROOT,
                    "since the previous run: %,d → %,d accounts (%+.0f%%)",
                    before,
                    after,
                    100.0 * (after - before) / Math.max(1, before));
        }
        if (SegmentLineage.EMERGED.equals(kind)) {
            return "new since the previous run";
        }
        return String.format(
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

    /** @param transitions the segment's rows of {@code segment_lineage}, or null without a previous run */
    private static Card card(
            Row row,
            String colour,
            List<Row> cells,
            List<Row> transitions,
            List<Row> assets,
            List<Row> gaps,
            List<Row> partners) {
        int id = row.getAs(SEGMENT_ID);
        String need = row.getAs(NEED);
        boolean suppressed = row.getAs(SUPPRESSED);
        int stabilityIndex = Arrays.asList(row.schema().fieldNames()).indexOf(Columns.STABILITY);
        Double stability = stabilityIndex < 0 || row.isNullAt(stabilityIndex) ? null : row.getDouble(stabilityIndex);
        return new Card(
                id,
                name(row),
                need,
                need == null
                        ? null
                        : String.format(Locale.ROOT, "(match %.0f%%)", 100 * row.<Double>getAs("need_score")),
                row.<Long>getAs(SIZE),
                String.format(
                        Locale.ROOT,
                        "segment %d · %,d accounts · %.1f%% of the audience",
                        id,
                        row.<Long>getAs(SIZE),
                        100 * row.<Double>getAs(SHARE)),
                colour,
                suppressed,
                stability == null ? null : stability >= STABLE ? "stable" : "unstable",
                stability == null ? null : stability(stability),
                userLabel(row),
                transitions == null ? null : change(transitions),
                suppressed
                        ? List.of()
                        : items(row, "top_interests").stream()
                                .map(i -> new Item(
                                        i.isNullAt(1) ? i.getString(0) : i.getString(1),
                                        String.format(Locale.ROOT, "×%.1f", i.<Double>getAs("lift"))))
                                .toList(),
                suppressed
                        ? List.of()
                        : items(row, "top_terms").stream()
                                .map(t -> t.<String>getAs(TERM))
                                .toList(),
                suppressed ? null : languageMix(cells),
                suppressed ? null : keyNumbers(cells),
                assets.stream()
                        .limit(BOX_ITEMS)
                        .map(a -> new AssetItem(
                                a.<String>getAs("name") == null ? a.getAs("asset_id") : a.getAs("name"),
                                String.join(", ", a.<String>getList(a.fieldIndex("matched"))),
                                String.format(Locale.ROOT, "%.1f", a.<Double>getAs("score"))))
                        .toList(),
                gaps.stream()
                        .limit(BOX_ITEMS)
                        .map(g -> new Gap(g.getAs("kind"), g.getAs("item"), lift(g)))
                        .toList(),
                partners.stream()
                        .limit(BOX_ITEMS)
                        .map(p -> new Partner(
                                p.<String>getAs("name") == null ? p.getAs(FOLLOWED_ID) : p.getAs("name"),
                                p.getAs("category"),
                                lift(p)))
                        .toList());
    }

    private static String lift(Row row) {
        return String.format(Locale.ROOT, "×%.1f", row.<Double>getAs("lift"));
    }

    /**
     * How far a team can rely on the segment, read as Hennig (2007) reads clusterwise stability: 0.75
     * or more stable, 0.6 to 0.75 a pattern, less not stable.
     */
    private static String stability(double stability) {
        String reading = stability >= STABLE
                ? "stable: it comes back when half the audience is segmented again"
                : stability >= PATTERN
                        ? "a pattern, not a stable segment: it only partly comes back when half the audience is"
                                + " segmented again"
                        : "not stable: it dissolves when half the audience is segmented again; read it as a hint";
        return String.format(Locale.ROOT, "stability %.2f · %s", stability, reading);
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

    /** The four largest languages as bars; null when the input has no language for the segment. */
    private static Charts.BarChart languageMix(List<Row> cells) {
        List<Row> languages = cells.stream()
                .filter(r -> "language".equals(r.getAs("dimension")))
                .toList();
        if (languages.stream().allMatch(r -> UNKNOWN.equals(r.getAs("value")))) {
            return null;
        }
        List<Charts.Bar> bars = languages.stream()
                .sorted(Comparator.comparing(r -> -r.<Long>getAs("members")))
                .limit(4)
                .map(r -> new Charts.Bar(
                        r.getAs("value"),
                        r.<Double>getAs(SHARE),
                        String.format(
                                Locale.ROOT,
                                "%.0f%% (index %.0f)",
                                100 * r.<Double>getAs(SHARE),
                                r.<Double>getAs("index")),
                        "#5b6b8c"))
                .toList();
        return Charts.bars("Language mix", bars, 280, 16, 60);
    }

    /** Share verified and the medians of {@link #KEY_NUMBERS} on one line; null when none is published. */
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
            numbers.add(String.format(Locale.ROOT, "%.0f%% verified", 100 * verified.<Double>getAs(SHARE)));
        }
        return numbers.isEmpty() ? null : String.join(" · ", numbers);
    }

    private static String name(Row row) {
        String label = row.getAs(LABEL);
        return label != null
                ? label
                : row.<Boolean>getAs(SUPPRESSED)
                        ? "Suppressed segment " + row.getAs(SEGMENT_ID)
                        : "Segment " + row.getAs(SEGMENT_ID);
    }

    private static String counted(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }
}
