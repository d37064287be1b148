package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end, the way a BI tool sees it: {@code needmap run} on the bundled sample, then the Parquet
 * outputs read with DuckDB's JDBC driver, joined on {@code segment_id}.
 */
class BiReadinessTest {
    static Path output;

    @BeforeAll
    static void run() {
        output = SampleRun.output();
    }

    @Test
    void tablesJoinOnSegmentIdAndSizesAddUp() throws SQLException, IOException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            for (String table : new String[] {
                "segments",
                "segment_interests",
                "segment_demographics",
                "segment_overlap",
                "memberships",
                "segment_assets",
                "segment_gaps",
                "segment_partners",
                "segment_map"
            }) {
                sql.execute("create view " + table + " as select * from read_parquet('" + output.resolve(table)
                        + "/*.parquet')");
            }
            long accepted = single(
                    sql, "select count(*) from read_parquet('" + output.resolve("accepted/accounts") + "/*.parquet')");
            long withoutSignal = single(sql, "select count(*) from memberships where segment_id < 0");
            assertEquals(
                    accepted - withoutSignal,
                    single(sql, "select sum(size) from segments"),
                    "segment sizes add up to the accepted accounts with a segment");
            assertEquals(
                    0, single(sql, "select count(*) from segment_interests i anti join segments s using (segment_id)"));
            for (String ideation : new String[] {"segment_assets", "segment_gaps", "segment_partners", "segment_map"}) {
                assertEquals(
                        0,
                        single(
                                sql,
                                "select count(*) from " + ideation + " i anti join (select * from segments where"
                                        + " not suppressed) s using (segment_id)"),
                        ideation + " describes published segments only");
            }
            assertEquals(
                    0,
                    single(sql, "select count(*) from segment_demographics d anti join segments s using (segment_id)"));
            assertEquals(
                    0,
                    single(
                            sql,
                            "select count(*) from segment_overlap o anti join segments s "
                                    + "on o.segment_a = s.segment_id"));
            assertEquals(
                    0,
                    single(
                            sql,
                            "select count(*) from segment_overlap o anti join segments s "
                                    + "on o.segment_b = s.segment_id"));
            assertTrue(single(
                            sql,
                            "select count(*) from segments s join segment_interests i using (segment_id) "
                                    + "where not s.suppressed and i.lift > 1")
                    > 0);
            // Language cells of a segment cover at most its members.
            assertEquals(
                    0,
                    single(
                            sql,
                            "select count(*) from (select segment_id, sum(members) m from "
                                    + "segment_demographics where dimension = 'language' group by 1) d join segments s using (segment_id) "
                                    + "where d.m > s.size"));
            assertTrue(
                    single(sql, "select count(*) from segments where need is not null") > 0, "some segment has a need");
        }
        assertTrue(Files.size(output.resolve("report/index.html")) > 1000);
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
