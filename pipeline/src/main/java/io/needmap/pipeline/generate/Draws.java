package io.needmap.pipeline.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator's random draws: one independent stream per concern and index, so that asking for
 * more of one thing (posts, bots, long-tail descriptions) changes nothing else in the output, and the
 * small helpers every part of the generator draws with.
 */
final class Draws {
    static final long ACCOUNT_STREAM = 1;
    static final long SETUP_STREAM = 2;
    static final long DIRTY_STREAM = 3;
    static final long SECONDARY_NEED_STREAM = 4;
    static final long SINGLE_FOLLOWER_INTEREST_STREAM = 5;
    static final long GRADED_TASTES_STREAM = 6;
    static final long SPLIT_NEED_STREAM = 7;
    static final long ASSET_STREAM = 8;
    static final long EDGE_CASE_STREAM = 9;
    static final long PLANTED_BOT_STREAM = 10;

    private Draws() {}

    /** A generator for one (stream, index) pair: independent of every other pair, same for the same seed. */
    static SplittableRandom rng(long seed, long stream, long index) {
        return new SplittableRandom(mix64(mix64(seed + stream * 0x9E3779B97F4A7C15L) + index));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** {@code value} left-padded with zeros to {@code width} digits. */
    static String padded(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /** {@code prefix} and {@code value} left-padded with zeros to {@code width} digits: an id. */
    static String padded(char prefix, long value, int width) {
        String digits = Long.toString(value);
        StringBuilder out = new StringBuilder(width + 1).append(prefix);
        for (int k = digits.length(); k < width; k++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }
}
