package io.needmap.pipeline.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.segment.SegmentEstimator;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The rules on tiny audiences: twenty ordinary people (the norm) and a few accounts of each shape,
 * flagged or not by the combination of their rules.
 */
class AccountFlaggingTest {
    private static final StructType ACCOUNTS = (StructType) DataType.fromDDL("account_id string, handle string,"
            + " display_name string, bio string, location string, language string, followers_count bigint,"
            + " following_count bigint, posts_count bigint, created_at timestamp, verified boolean");
    private static final StructType FOLLOWS = (StructType) DataType.fromDDL("account_id string, followed_id string");
    private static final StructType POSTS = (StructType) DataType.fromDDL("post_id string, account_id string,"
            + " created_at timestamp, text string, likes bigint, replies bigint, shares bigint");
    private static final Timestamp RECENT = Timestamp.valueOf("2025-12-01 10:00:00");
    private static final Timestamp OLD = Timestamp.valueOf("2015-03-01 10:00:00");

    private final List<Row> accounts = new ArrayList<>();
    private final List<Row> follows = new ArrayList<>();
    private final List<Row> posts = new ArrayList<>();

    static FlagOptions options(boolean exclude) {
        return new FlagOptions(
                exclude,
                3,
                50,
                3,
                10,
                3,
                0.3,
                0.9,
                4,
                0.3,
                0.9,
                0.3,
                List.of("buy now", "% off", "follow back"),
                365,
                5,
                0.2);
    }

    /** Twenty ordinary members: a bio, a few hundred followers, 100 followed, three varied recent posts. */
    private void ordinaryAudience() {
        for (int i = 0; i < 20; i++) {
            String id = "p" + i;
            account(id, "person_" + i, "Runner and coffee lover " + i, "Leeds", 200L + i, 100L, 40L, OLD);
            for (int f = 0; f < 6; f++) {
                follows.add(RowFactory.create(id, f < 3 ? "celebrity" + f : "niche" + i + "_" + f));
            }
            for (int p = 0; p < 3; p++) {
                post(id, "day " + p + " of training for the marathon, " + i, RECENT);
            }
        }
    }

    private void account(
            String id,
            String handle,
            String bio,
            String location,
            Long followers,
            Long following,
            Long postsCount,
            Timestamp created) {
        accounts.add(RowFactory.create(
                id, handle, null, bio, location, "en", followers, following, postsCount, created, false));
    }

    private void post(String account, String text, Timestamp at) {
        posts.add(RowFactory.create("t" + posts.size(), account, at, text, 0L, 0L, 0L));
    }

    /** {@code account_id -> "flag rules score"} of the flagged accounts. */
    private Map<String, String> flagged(boolean withPosts) {
        SparkSession spark = SparkTestSession.get();
        try (AccountFlagging.Result result = AccountFlagging.run(
                spark.createDataFrame(accounts, ACCOUNTS),
                spark.createDataFrame(follows, FOLLOWS),
                withPosts ? spark.createDataFrame(posts, POSTS) : null,
                options(true))) {
            Map<String, String> out = new TreeMap<>();
            result.flags()
                    .collectAsList()
                    .forEach(r -> out.put(r.getString(0), r.getString(1) + " " + r.getList(2) + " " + r.getInt(3)));
            return out;
        }
    }

    @Test
    void massFollowersAreBotsAndAJournalistFollowingAsManyIsNot() {
        ordinaryAudience();
        account("mass", "mass", null, null, 3L, 4000L, 0L, OLD);
        account("journalist", "jo_writes", "Reporter at the Daily", "Leeds", 30_000L, 5000L, 900L, OLD);
        for (int p = 0; p < 3; p++) {
            post("journalist", "story number " + p + " is out today", RECENT);
        }
        assertEquals(
                Map.of("mass", "bot [follow_ratio, mass_following, never_posted, dormant, empty_profile] 6"),
                flagged(true),
                "the journalist is not flagged");
    }

    @Test
    void repeatedPromotionsWithLinksAreSpamAndAShopOwnersVariedLinksAreNot() {
        ordinaryAudience();
        account("spammer", "deals_now", "Daily deals", null, 150L, 300L, 40L, OLD);
        account("shop", "maker_anna", "I make mugs", "York", 300L, 100L, 40L, OLD);
        for (int p = 0; p < 6; p++) {
            post("spammer", "50% OFF sneakers, buy now https://t.co/x" + p, RECENT);
            post("shop", "New mug no. " + p + " in my shop, 10% off https://shop.example.com/anna/" + p, RECENT);
        }
        assertEquals(
                Map.of("spammer", "spam [repeated_text, link_posts, promo_posts] 4"),
                flagged(true),
                "the shop owner is not flagged");
    }

    @Test
    void oldEmptyNeverPostingAccountsAreInactiveAndANewAccountWithABioIsNot() {
        ordinaryAudience();
        account("dead", "ghost", null, null, 2L, 30L, 0L, OLD);
        account("new", "sam_new", "Just moved to York, into climbing", null, 0L, 110L, 0L, RECENT);
        for (int f = 0; f < 6; f++) {
            follows.add(RowFactory.create("new", "niche_new_" + f));
        }
        // The new account never posted and follows 110 with no follower (50:1): two weak rules, not enough.
        assertEquals(Map.of("dead", "inactive [never_posted, dormant, empty_profile] 3"), flagged(true));
    }

    @Test
    void followsOnlyOfTheBackboneAndAGeneratedNameAddUp() {
        ordinaryAudience();
        account("fan", "fan12345678", "I love everything", "Leeds", 2L, 120L, 5L, OLD);
        account("fan_named", "fan_anna", "I love everything", "Leeds", 2L, 120L, 5L, OLD);
        for (String id : List.of("fan", "fan_named")) {
            follows.add(RowFactory.create(id, "celebrity0"));
            follows.add(RowFactory.create(id, "celebrity1"));
            follows.add(RowFactory.create(id, "celebrity2"));
        }
        assertEquals(
                Map.of("fan", "bot [follow_ratio, backbone_only, digit_name] 3"),
                flagged(false),
                "fan_named fires two weak rules only");
    }

    @Test
    void rulesWhoseDataIsMissingDoNotFire() {
        // A listening-history export: no profile fields, no counts, no posts at all.
        for (int i = 0; i < 30; i++) {
            accounts.add(RowFactory.create("u" + i, null, null, null, null, null, null, null, null, null, null));
            for (int f = 0; f < 4; f++) {
                follows.add(RowFactory.create("u" + i, "artist" + f));
            }
        }
        assertEquals(Map.of(), flagged(false));
        SparkSession spark = SparkTestSession.get();
        try (AccountFlagging.Result result = AccountFlagging.run(
                spark.createDataFrame(accounts, ACCOUNTS),
                spark.createDataFrame(follows, FOLLOWS),
                null,
                options(true))) {
            Map<String, Long> fired = result.summary().firedOverAllAccounts();
            assertEquals(30L, fired.get("backbone_only"), "every follow is of artists all 30 follow");
            assertEquals(0L, fired.get("empty_profile"), "no account has profile fields: the rule does not run");
            assertEquals(0L, fired.get("never_posted"), "nothing is known about posts");
            assertEquals(0L, result.summary().flagged());
        }
    }

    @Test
    void membershipsKeepTheFlaggedAccountsUnderTheirOwnSegment() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> memberships = spark.createDataFrame(
                List.of(RowFactory.create("a", 0, 0.9, 1), RowFactory.create("b", -1, 0.0, null)),
                SegmentEstimator.membershipSchema());
        Dataset<Row> flags = spark.createDataFrame(
                List.<Row>of(RowFactory.create("x", "spam", List.of("repeated_text"), 3)),
                (StructType) DataType.fromDDL("account_id string, flag string, rules array<string>, score int"));
        Map<String, Row> excluded = new TreeMap<>();
        AccountFlagging.withFlags(memberships, flags, true)
                .collectAsList()
                .forEach(r -> excluded.put(r.getString(0), r));
        assertEquals(List.of("a", "b", "x"), List.copyOf(excluded.keySet()));
        assertEquals(SegmentEstimator.FLAGGED, excluded.get("x").getInt(1));
        assertEquals("spam", excluded.get("x").getString(4));
        assertNull(excluded.get("a").get(4));
        // Kept in (flags.exclude=false): the segmented accounts only, the flag column still there.
        Dataset<Row> kept = AccountFlagging.withFlags(
                spark.createDataFrame(List.of(RowFactory.create("x", 2, 0.5, 0)), SegmentEstimator.membershipSchema()),
                flags,
                false);
        Row x = kept.first();
        assertEquals(2, x.getInt(1));
        assertEquals("spam", x.getString(4));
        assertEquals(1, kept.count());
        assertTrue(List.of(kept.columns()).contains("flag"));
    }
}
