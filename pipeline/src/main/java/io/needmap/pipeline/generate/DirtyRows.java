package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.Draws.padded;

import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.ingest.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The malformed rows the input contract lists, written on top of the valid ones as real exports have
 * them: duplicate and empty keys, non-numeric and negative counts, impossible dates, follows of
 * unknown accounts or with an empty key, a truncated last line, negative likes. Every kind comes at
 * least once when the dirty rate is above 0, and each is counted for {@code truth/dirty.csv}. Dirty
 * accounts other than duplicates get ids ({@code x...}) that collide with no valid one; a duplicate
 * repeats an earlier id with other values, and the first occurrence is the true one.
 *
 * <p>Weakness: the dirt is the contract's list, dealt in turn; an export's own kinds of damage
 * (encodings, shifted columns) are not made.
 */
final class DirtyRows {
    static final List<String> ACCOUNT_DIRT =
            List.of("duplicate", "empty_account_id", "non_numeric_count", "negative_count", "impossible_date");
    static final List<String> FOLLOW_DIRT = List.of("unknown_account", "empty_followed_id", "empty_account_id");
    static final String TRUNCATED = "truncated";
    static final List<String> POST_DIRT = List.of("empty_account_id", "negative_likes");

    private static final int FOLLOWERS = Table.ACCOUNTS.column("followers_count");
    private static final int CREATED_AT = Table.ACCOUNTS.column("created_at");
    private static final String[] BAD_NUMBERS = {"12k", "n/a", "1,2k"};
    private static final String[] BAD_DATES = {"2023-02-30", "2023-13-01", "2021-04-31"};

    private final GeneratorOptions options;
    private final AudienceText text;
    private final FollowPools pools;
    private final int idWidth;
    private final SplittableRandom dirt;
    private final int[][] dirtCounts = {
        new int[ACCOUNT_DIRT.size()], new int[FOLLOW_DIRT.size() + 1], new int[POST_DIRT.size()]
    };

    DirtyRows(GeneratorOptions options, AudienceText text, FollowPools pools, int idWidth) {
        this.options = options;
        this.text = text;
        this.pools = pools;
        this.idWidth = idWidth;
        dirt = Draws.rng(options.seed(), Draws.DIRTY_STREAM, 0);
    }

    /**
     * Dirty rows for a table of about {@code validRows} rows and {@code kinds} kinds of dirt: none when
     * clean or without valid rows (a header-only table stays so), else every kind at least once.
     */
    long total(long validRows, int kinds) {
        return options.dirtyRate() == 0 || validRows == 0
                ? 0
                : Math.max(kinds, Math.round(options.dirtyRate() * validRows));
    }

    /** How many of {@code total} rows spread evenly over {@code steps} fall due at step {@code i}. */
    static long spread(long total, long steps, long i) {
        return (i + 1) * total / steps - i * total / steps;
    }

    /** The {@code n}-th dirty account row, written after valid account {@code after}. */
    String[] account(long n, int after) {
        int kind = (int) (n % ACCOUNT_DIRT.size());
        dirtCounts[0][kind]++;
        int segment = dirt.nextInt(options.segments());
        String id = switch (ACCOUNT_DIRT.get(kind)) {
            case "duplicate" -> padded('u', dirt.nextInt(after + 1), idWidth);
            case "empty_account_id" -> "";
            default -> padded('x', n, idWidth);
        };
        String[] row = text.accountRow(dirt, id, Needs.only(segment), GeneratorOptions.MIN_FOLLOWS + dirt.nextInt(100));
        switch (ACCOUNT_DIRT.get(kind)) {
            case "non_numeric_count" ->
                row[FOLLOWERS + dirt.nextInt(3)] = BAD_NUMBERS[dirt.nextInt(BAD_NUMBERS.length)];
            case "negative_count" -> row[FOLLOWERS + dirt.nextInt(3)] = "-" + (1 + dirt.nextInt(500));
            case "impossible_date" -> row[CREATED_AT] = BAD_DATES[dirt.nextInt(BAD_DATES.length)];
            default -> {}
        }
        return row;
    }

    /** The {@code n}-th dirty follow row, written among the follows of {@code accountId}. */
    String[] follow(long n, String accountId) {
        int kind = (int) (n % FOLLOW_DIRT.size());
        dirtCounts[1][kind]++;
        int segment = dirt.nextInt(options.segments());
        return switch (FOLLOW_DIRT.get(kind)) {
            case "unknown_account" ->
                new String[] {
                    padded('g', n, idWidth), pools.nicheAccount(segment, dirt.nextInt(pools.nicheSize(segment)))
                };
            case "empty_followed_id" -> new String[] {accountId, ""};
            default -> new String[] {"", pools.backboneAccount(dirt.nextInt(FollowPools.BACKBONE_SIZE))};
        };
    }

    /** The {@code n}-th dirty post row, attached to {@code accountId} where it keeps its key. */
    String[] post(long n, String accountId, Needs needs) {
        int kind = (int) (n % POST_DIRT.size());
        dirtCounts[2][kind]++;
        String[] row = text.postRow(dirt, accountId, needs);
        if (POST_DIRT.get(kind).equals("empty_account_id")) {
            row[AudienceText.POST_ACCOUNT_ID] = "";
        } else {
            row[AudienceText.LIKES] = "-" + (1 + dirt.nextInt(20));
        }
        return row;
    }

    /** Ends {@code follows} in the middle of a row of the last account, as an export cut off mid-write. */
    void truncate(CsvTable follows, String lastAccountId) throws IOException {
        follows.writeTruncated(lastAccountId, pools.longTailAccount(dirt));
        dirtCounts[1][FOLLOW_DIRT.size()]++;
    }

    /** Dirty rows per table and kind; none for a table whose rows are not written. */
    Map<String, Map<String, Integer>> byTable() {
        List<String> followKinds = new ArrayList<>(FOLLOW_DIRT);
        followKinds.add(TRUNCATED);
        List<List<String>> kinds = List.of(ACCOUNT_DIRT, followKinds, POST_DIRT);
        List<String> tables = List.of("accounts", "follows", "posts");
        List<Boolean> written =
                List.of(true, !options.omits(OmittedTable.FOLLOWS_ROWS), !options.omits(OmittedTable.POSTS));
        Map<String, Map<String, Integer>> byTable = new LinkedHashMap<>();
        for (int t = 0; t < tables.size(); t++) {
            Map<String, Integer> byKind = new LinkedHashMap<>();
            for (int k = 0; k < kinds.get(t).size(); k++) {
                byKind.put(kinds.get(t).get(k), written.get(t) ? dirtCounts[t][k] : 0);
            }
            byTable.put(tables.get(t), Collections.unmodifiableMap(byKind));
        }
        return Collections.unmodifiableMap(byTable);
    }
}
