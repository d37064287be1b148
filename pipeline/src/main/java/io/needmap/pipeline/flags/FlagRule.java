package io.needmap.pipeline.flags;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;

/**
 * One documented sign that an account is not a person who could become a customer, as a Spark
 * condition on the per-account signals {@link AccountFlagging} computes. Each rule has a kind (what it
 * suggests the account is) and a weight: an account is flagged when its fired rules weigh
 * {@code flags.min-score} (3) together, so no single weak rule (weight 1) flags anyone. A rule whose
 * data is missing (no followers count, no posts, an export without profile fields) does not fire.
 *
 * <p>Sources: Socialbakers' Fake Follower Check criteria, as evaluated by Cresci et al. 2015 ("Fame
 * for sale", Decision Support Systems 80): following/followers of 50:1, the same text more than three
 * times, more than 90% of posts links, more than 30% spam phrases, never posted, no bio nor location;
 * trendHERO and Meltwater for mass followers measured against the audience; BotometerLite (Yang et al.
 * 2020, AAAI) for digits in screen names; SparkToro/Followerwonk 2022 for inactivity.
 *
 * <p>Weakness: every rule is a heuristic on profile counts and texts. A coordinated bot with a
 * written bio, a plausible follower count and varied texts fires none of them, and a real person can
 * fire three (an old account with no bio that never posted is flagged {@code inactive}, which it is).
 */
public enum FlagRule {
    /** Follows at least {@code follow-ratio} times as many accounts as follow it, and at least the audience's median. */
    FOLLOW_RATIO(Kind.BOT, 1, (o, n) -> followsFarMore(o, n)),
    /**
     * Follows {@code mass-following-factor} times the audience's median or more while followed by
     * almost nobody ({@link #FOLLOW_RATIO} holds): a mass follower. Weight 2, and it implies
     * {@link #FOLLOW_RATIO}, so it flags on its own: it is itself two conditions.
     */
    MASS_FOLLOWING(
            Kind.BOT,
            2,
            (o, n) ->
                    followsFarMore(o, n).and(col("following").geq(lit(n.medianFollowing() * o.massFollowingFactor())))),
    /** At least {@code backbone-only-share} of its (at least {@code min-follows}) follows go to the popular backbone. */
    BACKBONE_ONLY(
            Kind.BOT,
            1,
            (o, n) -> col("follows_rows")
                    .geq(o.minFollows())
                    .and(col("backbone_follows").geq(col("follows_rows").multiply(o.backboneOnlyShare())))),
    /** A run of {@code name-digits} digits in the handle or display name (a generated name). */
    DIGIT_NAME(Kind.BOT, 1, (o, n) -> {
        String digits = "[0-9]{" + o.nameDigits() + "}";
        return col("handle").rlike(digits).or(col("display_name").rlike(digits));
    }),
    /** The same text (links and spacing aside) at least {@code repeat-count} times and {@code repeat-share} of its posts. */
    REPEATED_TEXT(
            Kind.SPAM,
            2,
            (o, n) -> enoughPosts(o)
                    .and(col("top_repeat").geq(o.repeatCount()))
                    .and(col("top_repeat").geq(col("post_rows").multiply(o.repeatShare())))),
    /** At least {@code link-share} of its posts carry a link. */
    LINK_POSTS(
            Kind.SPAM,
            1,
            (o, n) -> enoughPosts(o).and(col("link_posts").geq(col("post_rows").multiply(o.linkShare())))),
    /** At least {@code promo-share} of its posts carry a promotional phrase. */
    PROMO_POSTS(
            Kind.SPAM,
            1,
            (o, n) -> enoughPosts(o).and(col("promo_posts").geq(col("post_rows").multiply(o.promoShare())))),
    /** No post in {@code posts} and a {@code posts_count} of 0 (or none, when the export has a posts table). */
    NEVER_POSTED(Kind.INACTIVE, 1, (o, n) -> neverPosted(n)),
    /** Its last post (never posted: its creation) lies {@code dormant-days} or more before the data's newest date. */
    DORMANT(
            Kind.INACTIVE,
            1,
            (o, n) -> n.reference() == null
                    ? lit(false)
                    : coalesce(col("last_post"), when(neverPosted(n), col("created_at")))
                            .lt(date_sub(lit(n.reference()), o.dormantDays()))),
    /** Neither a bio nor a location, in an export where at least {@code min-profile-share} of the accounts have one. */
    EMPTY_PROFILE(
            Kind.INACTIVE,
            1,
            (o, n) -> lit(n.profileShare() >= o.minProfileShare())
                    .and(col("bio").isNull())
                    .and(col("location").isNull()));

    /** What a flagged account is taken for: the kind its fired rules weigh most for. */
    public enum Kind {
        SPAM,
        BOT,
        INACTIVE;

        /** The value of the {@code flag} column. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final int weight;
    private final BiFunction<FlagOptions, AccountFlagging.Norms, Column> condition;

    FlagRule(Kind kind, int weight, BiFunction<FlagOptions, AccountFlagging.Norms, Column> condition) {
        this.kind = kind;
        this.weight = weight;
        this.condition = condition;
    }

    /** The rule's name in {@code account_flags.rules} and the manifest. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    public int weight() {
        return weight;
    }

    /** Whether the rule fires, never null: missing data reads as not fired. */
    Column fires(FlagOptions options, AccountFlagging.Norms norms) {
        return coalesce(condition.apply(options, norms), lit(false));
    }

    private static Column followsFarMore(FlagOptions o, AccountFlagging.Norms n) {
        return col("followers")
                .isNotNull()
                .and(col("following").geq(greatest(col("followers"), lit(1L)).multiply(o.followRatio())))
                .and(col("following").geq(lit(Math.max(1, n.medianFollowing()))));
    }

    private static Column enoughPosts(FlagOptions o) {
        return col("post_rows").geq(o.minPosts());
    }

    private static Column neverPosted(AccountFlagging.Norms n) {
        return col("post_rows")
                .equalTo(0)
                .and(
                        n.postsTable()
                                ? coalesce(col("posts_count").equalTo(0), lit(true))
                                : col("posts_count").equalTo(0));
    }
}
