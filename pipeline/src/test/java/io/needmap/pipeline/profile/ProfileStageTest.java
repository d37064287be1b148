package io.needmap.pipeline.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ProfileStageTest {
    private final SparkSession spark = SparkTestSession.get();

    /**
     * 10 accounts: segment 0 = a0..a5 (6), segment 1 = a6..a9 (4), one unsegmented account.
     * Everyone follows "news"; segment 0 all follow "garden"; a6..a8 follow "chess";
     * only a9 follows "rare"; a0 and a6 follow "mixed".
     */
    private ProfileStage.Result profile(int minSupport) {
        List<String> memberships = new ArrayList<>();
        List<String> follows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            memberships.add("select 'a" + i + "' as account_id, " + (i < 6 ? 0 : 1) + " as segment_id");
            follows.add("select 'a" + i + "' as account_id, 'news' as followed_id");
            if (i < 6) {
                follows.add("select 'a" + i + "', 'garden'");
            }
            if (i >= 6 && i < 9) {
                follows.add("select 'a" + i + "', 'chess'");
            }
        }
        memberships.add("select 'lonely', -1");
        follows.add("select 'a9', 'rare'");
        follows.add("select 'a0', 'mixed'");
        follows.add("select 'a6', 'mixed'");
        follows.add("select 'lonely', 'chess'");
        Dataset<Row> interests = spark.sql("select 'garden' as followed_id, 'Garden Weekly' as name, 'home' as category");
        return ProfileStage.run(spark.sql(String.join(" union all ", memberships)),
                spark.sql(String.join(" union all ", follows)), interests, null, new ProfileOptions(3, minSupport), 3);
    }

    private static Row stat(ProfileStage.Result result, int segment, String followed) {
        return result.segmentInterests().collectAsList().stream()
                .filter(r -> r.getInt(0) == segment && r.getString(1).equals(followed)).findFirst().orElse(null);
    }

    @Test
    void reachLiftAndZAreExact() {
        ProfileStage.Result result = profile(1);
        Row garden = stat(result, 0, "garden");
        assertEquals("Garden Weekly", garden.getAs("name"));
        assertEquals(6L, (long) garden.getAs("members_following"));
        assertEquals(1.0, garden.getAs("reach"), 1e-12);
        assertEquals(0.6, garden.getAs("population_reach"), 1e-12, "the unsegmented account does not count");
        assertEquals(1 / 0.6, garden.getAs("lift"), 1e-12);
        double expected = 6 * 0.6;
        assertEquals((6 - expected) / Math.sqrt(expected * 0.4), garden.getAs("z"), 1e-9);
        assertEquals(0.0, stat(result, 0, "news").getAs("z"), "followed by everyone: no evidence either way");
    }

    @Test
    void segmentsListTheirMostDistinctiveInterestsByZ() {
        List<Row> segments = profile(1).segments().collectAsList();
        assertEquals(2, segments.size());
        assertEquals(6L, segments.get(0).getLong(1));
        assertEquals(0.6, segments.get(0).getDouble(2), 1e-12);
        List<Row> top1 = segments.get(1).getList(3);
        assertEquals("chess", top1.get(0).getString(0), "3 of 4 members beat the 1-member 'rare' despite lower lift");
        assertTrue(top1.stream().noneMatch(r -> r.getString(0).equals("news")), "lift 1 is never distinctive");
        assertNull(top1.get(0).get(1), "no name known for chess");
    }

    @Test
    void minimumSupportDropsThinEvidence() {
        ProfileStage.Result result = profile(2);
        assertNull(stat(result, 1, "rare"));
        assertNull(stat(result, 0, "mixed"));
        assertEquals(3L, (long) stat(result, 1, "chess").getAs("members_following"));
    }
}
