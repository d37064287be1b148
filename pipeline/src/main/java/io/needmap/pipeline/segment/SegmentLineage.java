package io.needmap.pipeline.segment;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.JACCARD;
import static io.needmap.pipeline.output.Columns.PREVIOUS_SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.SIZE_AFTER;
import static io.needmap.pipeline.output.Columns.SIZE_BEFORE;
import static io.needmap.pipeline.output.Columns.TRANSITION;
import static io.needmap.pipeline.output.Columns.USER_LABEL;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Matches this run's segments to a previous run's by their members, as MONIC does (Spiliopoulou,
 * Ntoutsi, Theodoridis &amp; Schult, "MONIC: modeling and monitoring cluster transitions", KDD
 * 2006), so that a segment that is still there keeps its id and a dashboard or a label keyed on it
 * keeps working.
 *
 * <p>{@code out(p, n)} is the share of previous segment p's members (in the previous run) that are
 * in new segment n, {@code in(p, n)} the share of n's members (in this run) that were in p; an
 * account that left the audience or lost its signal counts against both, so a segment whose members
 * mostly left disappears. With the thresholds below, checked in this order for each previous segment p:
 * <ul>
 *   <li>{@code merged}: p and at least one other previous segment each send at least
 *       {@value #MATCH} of their members to the same new segment n;</li>
 *   <li>{@code split}: at least two new segments each receive at least {@value #SPLIT_PART} of p,
 *       together at least {@value #MATCH};</li>
 *   <li>{@code survived}: one new segment n holds at least {@value #MATCH} of p and p is at least
 *       {@value #MATCH} of n: n keeps p's id;</li>
 *   <li>{@code disappeared}: none of these;</li>
 * </ul>
 * and a new segment that no previous one survived as, split into or merged into has
 * {@code emerged}. Segments that did not survive get ids from {@code next_segment_id} on, never
 * used before in the lineage. Because both shares of a survival exceed one half, a previous segment
 * survives as at most one new segment and a new one continues at most one previous segment: the
 * matching is one-to-one by construction and needs no assignment solver (Hungarian method).
 *
 * <p>Where it fails: a segment that drifts gradually, each run moving under half its members, will
 * at some point count as disappeared and re-emerge under a new id; accounts absent from either run
 * do not vote, so a segment that churns almost completely (new followers replacing old) cannot be
 * matched.
 */
public final class SegmentLineage {
    /** Share of a segment's members, both ways, that makes it the same segment. */
    public static final double MATCH = 0.5;
    /** Share of a previous segment's members that makes a new segment one part of its split. */
    public static final double SPLIT_PART = 0.25;

    public static final String SURVIVED = "survived";
    public static final String SPLIT = "split";
    public static final String MERGED = "merged";
    public static final String EMERGED = "emerged";
    public static final String DISAPPEARED = "disappeared";

    /** Accounts in previous segment {@code previousId} that are now in the segment at {@code newIndex}. */
    public record Overlap(int previousId, int newIndex, long members) {}

    /** One row of {@code segment_lineage}; {@code previousId} null for emerged, {@code segmentId} for disappeared. */
    public record Transition(
            Integer previousId,
            Integer segmentId,
            String transition,
            double jaccard,
            long sizeBefore,
            long sizeAfter,
            String userLabel) {}

    /** The id of each new segment (by index) and the transitions. */
    public record Result(int[] ids, int nextSegmentId, List<Transition> transitions) {}

    private SegmentLineage() {}

    /**
     * @param previousSizes members of each previous segment id in the previous run
     * @param newSizes members of each new segment, by index in the fitted model
     * @param overlaps accounts segmented in both runs, counted by previous id and new index
     * @param nextSegmentId the previous model's {@code next_segment_id}
     * @param userLabels labels a team wrote for previous segment ids
     */
    public static Result match(
            Map<Integer, Long> previousSizes,
            long[] newSizes,
            List<Overlap> overlaps,
            int nextSegmentId,
            Map<Integer, String> userLabels) {
        Map<Integer, long[]> byPrevious = new TreeMap<>();
        previousSizes.keySet().forEach(p -> byPrevious.put(p, new long[newSizes.length]));
        for (Overlap o : overlaps) {
            byPrevious.computeIfAbsent(o.previousId(), p -> new long[newSizes.length])[o.newIndex()] += o.members();
        }
        Map<Integer, double[]> out = new HashMap<>();
        byPrevious.forEach((p, counts) -> {
            long total = Math.max(
                    previousSizes.getOrDefault(p, 0L),
                    java.util.Arrays.stream(counts).sum());
            double[] shares = new double[counts.length];
            for (int n = 0; n < counts.length; n++) {
                shares[n] = total == 0 ? 0 : (double) counts[n] / total;
            }
            out.put(p, shares);
        });
        int[] mainSources = new int[newSizes.length];
        out.values().forEach(shares -> {
            for (int n = 0; n < shares.length; n++) {
                mainSources[n] += shares[n] >= MATCH ? 1 : 0;
            }
        });

        int[] ids = new int[newSizes.length];
        java.util.Arrays.fill(ids, -1);
        boolean[] explained = new boolean[newSizes.length];
        List<Transition> transitions = new ArrayList<>();
        Map<Integer, List<Integer>> targets = new LinkedHashMap<>();
        Map<Integer, String> kinds = new HashMap<>();
        for (Map.Entry<Integer, double[]> e :
                out.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            int p = e.getKey();
            double[] shares = e.getValue();
            List<Integer> mergedInto = new ArrayList<>();
            List<Integer> parts = new ArrayList<>();
            double partShare = 0;
            int best = -1;
            for (int n = 0; n < shares.length; n++) {
                if (shares[n] >= MATCH && mainSources[n] >= 2) {
                    mergedInto.add(n);
                }
                if (shares[n] >= SPLIT_PART) {
                    parts.add(n);
                    partShare += shares[n];
                }
                if (best < 0 || shares[n] > shares[best]) {
                    best = n;
                }
            }
            long[] counts = byPrevious.get(p);
            if (!mergedInto.isEmpty()) {
                kinds.put(p, MERGED);
                targets.put(p, mergedInto);
            } else if (parts.size() >= 2 && partShare >= MATCH) {
                kinds.put(p, SPLIT);
                targets.put(p, parts);
            } else if (best >= 0
                    && shares[best] >= MATCH
                    && (double) counts[best] / Math.max(1, newSizes[best]) >= MATCH) {
                kinds.put(p, SURVIVED);
                targets.put(p, List.of(best));
                ids[best] = p;
            } else {
                kinds.put(p, DISAPPEARED);
                targets.put(p, List.of());
            }
        }
        int next = nextSegmentId;
        for (int n = 0; n < ids.length; n++) {
            if (ids[n] < 0) {
                ids[n] = next++;
            }
        }
        targets.forEach((p, ns) -> {
            long before = previousSizes.getOrDefault(p, 0L);
            if (ns.isEmpty()) {
                transitions.add(new Transition(p, null, kinds.get(p), 0, before, 0, userLabels.get(p)));
            }
            for (int n : ns) {
                explained[n] = true;
                long both = byPrevious.get(p)[n];
                transitions.add(new Transition(
                        p,
                        ids[n],
                        kinds.get(p),
                        jaccard(both, before, newSizes[n]),
                        before,
                        newSizes[n],
                        userLabels.get(p)));
            }
        });
        for (int n = 0; n < ids.length; n++) {
            if (!explained[n]) {
                transitions.add(new Transition(null, ids[n], EMERGED, 0, 0, newSizes[n], null));
            }
        }
        return new Result(ids, next, transitions);
    }

    private static double jaccard(long both, long before, long after) {
        long union = before + after - both;
        return union <= 0 ? 0 : (double) both / union;
    }

    /**
     * Accounts segmented in both runs, counted by previous segment id and new segment index.
     *
     * @param current {@code account_id, segment_id} with segment_id the index in the fitted model
     * @param previous the previous run's {@code memberships}
     */
    public static List<Overlap> overlaps(Dataset<Row> current, Dataset<Row> previous) {
        return current
                .filter(col(SEGMENT_ID).geq(0))
                .select(col(ACCOUNT_ID), col(SEGMENT_ID).as("_new"))
                .join(previous.filter(col(SEGMENT_ID).geq(0)).select(ACCOUNT_ID, SEGMENT_ID), ACCOUNT_ID)
                .groupBy(SEGMENT_ID, "_new")
                .count()
                .collectAsList()
                .stream()
                .map(r -> new Overlap(r.getInt(0), r.getInt(1), r.getLong(2)))
                .toList();
    }

    /** {@code segment_lineage}, one row per transition. */
    public static Dataset<Row> table(SparkSession spark, List<Transition> transitions) {
        List<Row> rows = transitions.stream()
                .map(t -> RowFactory.create(
                        t.previousId(),
                        t.segmentId(),
                        t.transition(),
                        t.jaccard(),
                        t.sizeBefore(),
                        t.sizeAfter(),
                        t.userLabel()))
                .toList();
        return spark.createDataFrame(rows, schema());
    }

    public static StructType schema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField(PREVIOUS_SEGMENT_ID, DataTypes.IntegerType, true),
                DataTypes.createStructField(SEGMENT_ID, DataTypes.IntegerType, true),
                DataTypes.createStructField(TRANSITION, DataTypes.StringType, false),
                DataTypes.createStructField(JACCARD, DataTypes.DoubleType, false),
                DataTypes.createStructField(SIZE_BEFORE, DataTypes.LongType, false),
                DataTypes.createStructField(SIZE_AFTER, DataTypes.LongType, false),
                DataTypes.createStructField(USER_LABEL, DataTypes.StringType, true)));
    }

    /** Transitions counted by kind, for the manifest. */
    public static Map<String, Long> summary(List<Transition> transitions) {
        Map<String, Long> counts = new TreeMap<>();
        transitions.forEach(t -> counts.merge(t.transition().toLowerCase(Locale.ROOT), 1L, Long::sum));
        return counts;
    }
}
