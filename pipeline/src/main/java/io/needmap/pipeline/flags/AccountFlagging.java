package io.needmap.pipeline.flags;

import static io.needmap.pipeline.output.Columns.FOLLOWED_ID;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.segment.SegmentEstimator;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What the flags stage ({@link Flags}) does, right after ingest: every accepted account checked against the {@link FlagRule}s,
 * so that bots, spam and dead accounts, which audits find to be a fifth of a typical audience
 * (SparkToro/Followerwonk 2022), do not become segments a team reads as customer needs.
 *
 * <p>Output {@code account_flags}: one row per flagged account, {@code account_id, flag} (the
 * {@link FlagRule.Kind} its fired rules weigh most for: spam before bot before inactive on a tie),
 * {@code rules} (the fired rules' names) and {@code score} (their summed weights, at least
 * {@code flags.min-score}). The thresholds that adapt to the audience (its median following, its
 * popular backbone, its newest date, whether it has profile fields at all) are computed from the
 * accounts being flagged, in every run, {@code assign} and {@code --previous} included: they describe
 * this export, and an export grows or loses accounts between runs while the rules stay the same.
 *
 * <p>Weakness: the audience's norms are only robust while fewer than half its accounts are mass
 * followers (a median). Follows are counted from the {@code follows} table when it holds more than
 * {@code following_count} says, so an export of a sample of follows understates the following of
 * accounts without a count. A text repeated across many accounts (a coordinated campaign) is not
 * seen: repetition is counted per account.
 */
public final class AccountFlagging {
    private static final String URL = "(?i)(https?://|www\\.)\\S*";
    private static final String WHOLE_START = "(?<![\\p{L}\\p{N}])";
    private static final String WHOLE_END = "(?![\\p{L}\\p{N}])";

    /**
     * What the rules measure an account against: the audience's median following, the data's newest
     * date (null when no date is known), the share of accounts with a bio or location, whether an
     * export has a posts table, and how many followed accounts form the popular backbone.
     */
    public record Norms(
            double medianFollowing,
            Timestamp reference,
            double profileShare,
            boolean postsTable,
            long backboneAccounts) {}

    /**
     * The flagged accounts ({@code account_flags}) and the manifest's section, over cached
     * per-account signals that {@link #close} releases.
     */
    public record Result(Dataset<Row> flags, Summary summary, Dataset<Row> cached) implements AutoCloseable {
        @Override
        public void close() {
            cached.unpersist();
        }
    }

    private AccountFlagging() {}

    /**
     * @param accounts accepted accounts
     * @param follows accepted follows
     * @param posts accepted posts, or null
     */
    public static Result run(Dataset<Row> accounts, Dataset<Row> follows, Dataset<Row> posts, FlagOptions options) {
        long audience = accounts.count();
        // The backbone is at most (follows / audience) / backbone-share accounts: collected once and
        // joined as a local table, so the follows are not aggregated twice.
        Dataset<Row> popular = follows.groupBy(FOLLOWED_ID)
                .count()
                .filter(col("count").geq(Math.max(1.0, options.backboneShare() * audience)))
                .select(col(FOLLOWED_ID), lit(1).as("_backbone"));
        List<Row> backboneRows = popular.collectAsList();
        long backboneAccounts = backboneRows.size();
        Dataset<Row> backbone = follows.sparkSession().createDataFrame(backboneRows, popular.schema());
        Dataset<Row> followed = follows.join(broadcast(backbone), new String[] {FOLLOWED_ID}, "left")
                .groupBy(Columns.ACCOUNT_ID)
                .agg(count(lit(1)).as("follows_rows"), count(col("_backbone")).as("backbone_follows"));
        Dataset<Row> signals = accounts.select(
                        col(Columns.ACCOUNT_ID),
                        col("handle"),
                        col("display_name"),
                        col("bio"),
                        col("location"),
                        col("followers_count").as("followers"),
                        col("following_count"),
                        col("posts_count"),
                        col("created_at"))
                .join(followed, new String[] {Columns.ACCOUNT_ID}, "left");
        signals = posts == null
                ? signals.withColumn("post_rows", lit(0L))
                        .withColumn("link_posts", lit(0L))
                        .withColumn("promo_posts", lit(0L))
                        .withColumn("top_repeat", lit(0L))
                        .withColumn("last_post", lit(null).cast("timestamp"))
                : signals.join(postSignals(posts, options), new String[] {Columns.ACCOUNT_ID}, "left");
        signals = signals.na()
                .fill(0L, new String[] {"follows_rows", "backbone_follows", "post_rows", "link_posts", "promo_posts"})
                .withColumn("following", greatest(col("following_count"), col("follows_rows")))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Row measured = signals.agg(
                        percentile_approx(col("following"), lit(0.5), lit(10_000)),
                        greatest(max("created_at"), max("last_post")),
                        avg(when(col("bio").isNotNull().or(col("location").isNotNull()), 1.0)
                                .otherwise(0.0)))
                .first();
        Norms norms = new Norms(
                measured.isNullAt(0) ? 0 : ((Number) measured.get(0)).doubleValue(),
                measured.isNullAt(1) ? null : measured.getTimestamp(1),
                measured.isNullAt(2) ? 0 : measured.getDouble(2),
                posts != null,
                backboneAccounts);

        List<Column> fired = new ArrayList<>();
        Map<FlagRule.Kind, Column> byKind = new LinkedHashMap<>();
        Column score = lit(0);
        for (FlagRule rule : FlagRule.values()) {
            Column fires = rule.fires(options, norms);
            fired.add(when(fires, lit(rule.label())));
            Column weight = when(fires, lit(rule.weight())).otherwise(lit(0));
            score = score.plus(weight);
            byKind.merge(rule.kind(), weight, Column::plus);
        }
        Column spam = byKind.get(FlagRule.Kind.SPAM);
        Column bot = byKind.get(FlagRule.Kind.BOT);
        Column inactive = byKind.get(FlagRule.Kind.INACTIVE);
        Column kind = when(spam.geq(bot).and(spam.geq(inactive)), lit(FlagRule.Kind.SPAM.label()))
                .when(bot.geq(inactive), lit(FlagRule.Kind.BOT.label()))
                .otherwise(lit(FlagRule.Kind.INACTIVE.label()));
        Dataset<Row> scored = signals.select(
                col(Columns.ACCOUNT_ID),
                kind.as(Columns.FLAG),
                array_compact(array(fired.toArray(Column[]::new))).as(Columns.RULES),
                score.as(Columns.SCORE));
        Dataset<Row> flags = scored.filter(col(Columns.SCORE).geq(options.minScore()));
        return new Result(flags, summary(scored, audience, norms, options), signals);
    }

    /**
     * Per account with posts: how many, how many carry a link or a promotional phrase, how often its
     * most repeated text (lower-cased, links and spacing aside) occurs, and its last post's date.
     */
    private static Dataset<Row> postSignals(Dataset<Row> posts, FlagOptions options) {
        // A phrase is matched whole: no letter or digit may touch an end of it that is a letter or digit.
        String promo = options.promoPhrases().isEmpty()
                ? "(?!)"
                : "(?i)(?:"
                        + options.promoPhrases().stream()
                                .map(phrase -> (Character.isLetterOrDigit(phrase.charAt(0)) ? WHOLE_START : "")
                                        + Pattern.quote(phrase)
                                        + (Character.isLetterOrDigit(phrase.charAt(phrase.length() - 1))
                                                ? WHOLE_END
                                                : ""))
                                .collect(Collectors.joining("|"))
                        + ")";
        Column text = coalesce(col("text"), lit(""));
        Column normalised = trim(regexp_replace(lower(regexp_replace(text, URL, " ")), "\\s+", " "));
        return posts.select(
                        col(Columns.ACCOUNT_ID),
                        col("created_at"),
                        when(text.rlike(URL), 1).otherwise(0).as("_link"),
                        when(text.rlike(promo), 1).otherwise(0).as("_promo"),
                        normalised.as("_text"))
                .groupBy(col(Columns.ACCOUNT_ID), col("_text"))
                .agg(
                        count(lit(1)).as("_times"),
                        sum("_link").as("_links"),
                        sum("_promo").as("_promos"),
                        max("created_at").as("_last"))
                .groupBy(Columns.ACCOUNT_ID)
                .agg(
                        sum("_times").as("post_rows"),
                        sum("_links").as("link_posts"),
                        sum("_promos").as("promo_posts"),
                        max(when(col("_text").notEqual(""), col("_times"))).as("top_repeat"),
                        max("_last").as("last_post"));
    }

    /**
     * The manifest's {@code flags} section: accounts checked, flagged in all, per flag and per rule
     * (among the flagged), each rule's firings over every account, and the norms the rules used.
     */
    public record Summary(
            long accounts,
            long flagged,
            boolean excluded,
            Map<String, Long> byFlag,
            Map<String, Long> byRule,
            Map<String, Long> firedOverAllAccounts,
            UsedNorms norms) {}

    /** The {@link Norms} as recorded: the mass-following threshold they make, the newest date as text. */
    public record UsedNorms(
            double medianFollowing,
            double massFollowingFrom,
            String newestDate,
            double shareWithBioOrLocation,
            long backboneAccounts,
            boolean postsTable) {}

    private static Summary summary(Dataset<Row> scored, long audience, Norms norms, FlagOptions options) {
        Column flagged = col(Columns.SCORE).geq(options.minScore());
        List<Column> counts = new ArrayList<>();
        counts.add(count(when(flagged, lit(1))));
        for (FlagRule.Kind kind : FlagRule.Kind.values()) {
            counts.add(count(when(flagged.and(col(Columns.FLAG).equalTo(kind.label())), lit(1))));
        }
        for (FlagRule rule : FlagRule.values()) {
            Column fires = array_contains(col(Columns.RULES), rule.label());
            counts.add(count(when(fires.and(flagged), lit(1))));
            counts.add(count(when(fires, lit(1))));
        }
        Row row = scored.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new))
                .first();
        Map<String, Long> byFlag = new LinkedHashMap<>();
        int at = 1;
        for (FlagRule.Kind kind : FlagRule.Kind.values()) {
            byFlag.put(kind.label(), row.getLong(at++));
        }
        Map<String, Long> byRule = new LinkedHashMap<>();
        Map<String, Long> firedAnywhere = new LinkedHashMap<>();
        for (FlagRule rule : FlagRule.values()) {
            byRule.put(rule.label(), row.getLong(at++));
            firedAnywhere.put(rule.label(), row.getLong(at++));
        }
        return new Summary(
                audience,
                row.getLong(0),
                options.exclude(),
                byFlag,
                byRule,
                firedAnywhere,
                new UsedNorms(
                        norms.medianFollowing(),
                        norms.medianFollowing() * options.massFollowingFactor(),
                        norms.reference() == null ? null : norms.reference().toString(),
                        Math.round(norms.profileShare() * 1e4) / 1e4,
                        norms.backboneAccounts(),
                        norms.postsTable()));
    }

    /** {@code rows} without the accounts of {@code flags} ({@code account_id} of both); {@code rows} when flags is null. */
    public static Dataset<Row> withoutFlagged(Dataset<Row> rows, Dataset<Row> flags) {
        return flags == null
                ? rows
                : rows.join(
                        broadcast(flags.select(Columns.ACCOUNT_ID)), new String[] {Columns.ACCOUNT_ID}, "left_anti");
    }

    /**
     * {@code memberships} of the accounts that were segmented, with a {@code flag} column (null for
     * unflagged accounts) and, when {@code excluded}, every flagged account added under segment
     * {@link SegmentEstimator#FLAGGED} with score 0.
     */
    public static Dataset<Row> withFlags(Dataset<Row> memberships, Dataset<Row> flags, boolean excluded) {
        Dataset<Row> kinds = flags.select(Columns.ACCOUNT_ID, Columns.FLAG);
        Dataset<Row> all = memberships;
        if (excluded) {
            all = all.unionByName(kinds.select(
                    col(Columns.ACCOUNT_ID),
                    lit(SegmentEstimator.FLAGGED).as(Columns.SEGMENT_ID),
                    lit(0.0).as("score"),
                    lit(null).cast("int").as("second_segment_id")));
        }
        List<Column> columns = new ArrayList<>();
        for (String name : SegmentEstimator.membershipSchema().fieldNames()) {
            columns.add(col(name));
        }
        columns.add(col(Columns.FLAG));
        return all.join(kinds, new String[] {Columns.ACCOUNT_ID}, "left").select(columns.toArray(Column[]::new));
    }
}
