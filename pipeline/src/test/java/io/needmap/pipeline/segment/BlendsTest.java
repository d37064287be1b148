package io.needmap.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.features.SparseRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlendsTest {
    private static final int FEATURES = 30;

    /**
     * An account following {@code fromFirst} of need one's ten accounts (features 0-9) and
     * {@code fromSecond} of need two's (10-19), or of need three's (20-29) when {@code third}.
     */
    private static SparseRow follower(Random random, int fromFirst, int fromSecond, boolean third) {
        List<Integer> features = new ArrayList<>();
        pick(random, 0, fromFirst, features);
        pick(random, third ? 20 : 10, fromSecond, features);
        int[] indices = features.stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] values = new double[indices.length];
        Arrays.fill(values, 1);
        return new SparseRow("a", indices, values).normalized();
    }

    private static void pick(Random random, int from, int count, List<Integer> into) {
        List<Integer> pool = new ArrayList<>();
        for (int f = from; f < from + 10; f++) {
            pool.add(f);
        }
        java.util.Collections.shuffle(pool, random);
        into.addAll(pool.subList(0, count));
    }

    /** The closest blend to group {@code of}, every other group a possible partner. */
    private static Blends.Blend closest(double[][] gram, int of) {
        return Blends.closest(gram, of, new boolean[gram.length]);
    }

    /**
     * Three needs (one: 60 accounts, two: 30, three: 30) and 40 members of need one who also follow
     * need two for a third of their follows.
     */
    private static SparseRow[] audience(int[] labels) {
        Random random = new Random(3);
        SparseRow[] rows = new SparseRow[labels.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = switch (labels[i]) {
                case 0 -> follower(random, 6, 0, false);
                case 1 -> follower(random, 0, 6, false);
                case 2 -> follower(random, 0, 6, true);
                default -> follower(random, 4, 2, false);
            };
        }
        return rows;
    }

    private static int[] groups() {
        int[] labels = new int[160];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 60 ? 0 : i < 90 ? 1 : i < 120 ? 2 : 3;
        }
        return labels;
    }

    @Test
    void membersOfOneNeedWhoAlsoFollowAnotherAreABlendOfTheTwoANeedIsNot() {
        int[] labels = groups();
        double[][] gram = Blends.gram(audience(labels), labels, 4, FEATURES);
        Blends.Blend blend = closest(gram, 3);
        assertTrue(blend.left() < 0.3, "the blend group (40 members: sampling noise leaves ~0.2): " + blend);
        assertEquals(List.of(0, 1), List.of(blend.first(), blend.second()), blend.toString());
        assertTrue(blend.firstWeight() > blend.secondWeight(), "more of need one than of need two: " + blend);
        for (int need = 1; need < 3; need++) {
            Blends.Blend closest = closest(gram, need);
            assertTrue(closest.left() > 0.7, "need " + need + ": " + closest);
        }
        // Need one is partly its blend group scaled (its members follow need one too), but less
        // so than the group is a blend: the group goes first, and then need one stands alone.
        assertTrue(closest(gram, 0).left() > 2 * blend.left(), "need one: " + closest(gram, 0));
    }

    @Test
    void aNeedCutInTwoIsOneHalfTheOtherScaled() {
        int[] labels = groups();
        SparseRow[] rows = audience(labels);
        // Need one's 60 members cut into two groups of 30.
        int[] cut = labels.clone();
        for (int i = 30; i < 60; i++) {
            cut[i] = 4;
        }
        double[][] gram = Blends.gram(rows, cut, 5, FEATURES);
        Blends.Blend half = closest(gram, 4);
        assertEquals(0, half.first(), half.toString());
        assertTrue(half.left() < 0.35, "30 members a half: " + half);
    }

    @Test
    void aBlendJoinsTheSegmentOfItsMainNeedAndNeedsAreKept() {
        int[] labels = groups();
        SparseRow[] rows = audience(labels);
        List<String> merges = new ArrayList<>();
        WardSegmenter.Components components = WardSegmenter.joinBlends(rows, labels, 0.5, merges);
        assertArrayEquals(labels, components.labels(), "the blend stays a component of its own");
        assertArrayEquals(new int[] {0, 1, 2, 0}, components.segmentOf(), "its segment: need one's");
        int[] segments = components.segments();
        assertEquals(3, Arrays.stream(segments).distinct().count(), Arrays.toString(segments));
        for (int i = 120; i < 160; i++) {
            assertEquals(segments[0], segments[i], "a blend member left need one: " + i);
        }
        assertEquals(1, merges.size(), merges.toString());
        assertTrue(
                merges.get(0).contains("a group of 40 sampled accounts joined the segment of its main need"),
                merges.toString());
        assertTrue(merges.get(0).endsWith("mostly the 60's"), merges.toString());
        assertArrayEquals(
                new int[] {0, 1, 2, 3},
                WardSegmenter.joinBlends(rows, labels, 0, new ArrayList<>()).segmentOf(),
                "a limit of 0 keeps every group");
    }
}
