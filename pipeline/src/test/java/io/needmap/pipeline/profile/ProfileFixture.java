package io.needmap.pipeline.profile;

import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.topics.TopicOptions;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A small audience: segment 0 (60 deal seekers, 5 of them French-speaking, 3 in Paris), segment 1
 * (10 members, below the privacy floor of 25) and segment 2 (40 pet owners). Everyone follows a
 * news account; segment 0 also follows audience member c0, who is not a public account. The brand
 * has two assets: a coupon club whose own account is the deals account, and a gift card.
 */
public final class ProfileFixture {
    public static final int FLOOR = 25;

    private ProfileFixture() {}

    /** Topic options with ten top terms; the fixture has no terms, only the assets are read with them. */
    public static final TopicOptions TOPICS = new TopicOptions(true, false, 50, 2000, 1.0, 10, Set.of(), 0);

    /** The profile with a distinctive lift of 1.5: segment 0's deals account has a lift of 1.83. */
    public static SegmentProfiling.Result profile() {
        return SegmentProfiling.run(inputs(), new ProfileOptions(10, 5, FLOOR, "", 0.3, 1.5), TOPICS);
    }

    public static SegmentProfiling.Inputs inputs() {
        SparkSession spark = SparkTestSession.get();
        List<Row> memberships = new ArrayList<>();
        List<Row> accounts = new ArrayList<>();
        List<Row> follows = new ArrayList<>();
        add(memberships, accounts, follows, "a", 60, 0, 2, "deals1");
        add(memberships, accounts, follows, "b", 10, 1, 0, "pets1");
        add(memberships, accounts, follows, "c", 40, 2, 0, "pets1");
        for (int i = 0; i < 60; i++) {
            follows.add(RowFactory.create("a" + i, "c0"));
        }
        List<Row> interests = List.of(
                RowFactory.create("deals1", "Coupon Corner", "Deals", "Coupons and discount deals every day."),
                RowFactory.create("pets1", "Pet Care <Plus> & Co", "Pets", "Everything for dogs and cats."),
                RowFactory.create("news", "World News", "News", "Headlines."));
        return new SegmentProfiling.Inputs(
                spark.createDataFrame(
                        memberships,
                        schema("account_id:string", "segment_id:int", "score:double", "second_segment_id:int")),
                spark.createDataFrame(follows, schema("account_id:string", "followed_id:string")),
                spark.createDataFrame(
                        accounts,
                        schema(
                                "account_id:string",
                                "handle:string",
                                "bio:string",
                                "location:string",
                                "language:string",
                                "followers_count:long",
                                "created_at:timestamp",
                                "verified:boolean")),
                spark.createDataFrame(
                        interests,
                        schema("followed_id:string", "name:string", "category:string", "description:string")),
                null,
                null,
                spark.createDataFrame(
                        List.of(
                                RowFactory.create(
                                        "as_deals",
                                        "Coupon <Club> & Co",
                                        "product",
                                        "Coupons and discount deals for members.",
                                        "deals1"),
                                RowFactory.create(
                                        "as_card", "Gift Card", "product", "A gift card for any occasion.", null)),
                        schema(
                                "asset_id:string",
                                "name:string",
                                "kind:string",
                                "description:string",
                                "followed_id:string")));
    }

    private static void add(
            List<Row> memberships,
            List<Row> accounts,
            List<Row> follows,
            String prefix,
            int n,
            int segment,
            int second,
            String interest) {
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            memberships.add(RowFactory.create(id, segment, 0.9, second));
            boolean french = segment == 0 && i < 5;
            accounts.add(RowFactory.create(
                    id,
                    "handle_" + id,
                    "secret bio of " + id,
                    i < 3 ? "Paris" : "Berlin",
                    french ? "fr" : "en",
                    (long) (i * 10),
                    Timestamp.valueOf("2015-01-01 00:00:00"),
                    i % 2 == 0));
            follows.add(RowFactory.create(id, interest));
            follows.add(RowFactory.create(id, "news"));
        }
    }

    private static StructType schema(String... fields) {
        return StructType.fromDDL(String.join(", ", fields).replace(':', ' '));
    }
}
