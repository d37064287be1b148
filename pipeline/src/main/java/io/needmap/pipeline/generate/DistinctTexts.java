package io.needmap.pipeline.generate;

import java.util.Arrays;

/**
 * Counts texts and how many of them are distinct, by a 64-bit hash of each (8 bytes a text, so a
 * million-account audience is counted in tens of megabytes; two different texts collide with a
 * chance of about {@code n² / 2^65}, nil at these sizes).
 */
final class DistinctTexts {
    private long[] hashes = new long[1024];
    private int count;

    void add(String text) {
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        hashes[count++] = hash(text);
    }

    long count() {
        return count;
    }

    long distinct() {
        long[] sorted = Arrays.copyOf(hashes, count);
        Arrays.sort(sorted);
        long distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** FNV-1a over the UTF-16 code units, finished by a bit mixer. */
    private static long hash(String text) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001B3L;
        }
        return Draws.mix64(h);
    }
}
