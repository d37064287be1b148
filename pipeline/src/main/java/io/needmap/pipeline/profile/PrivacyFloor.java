package io.needmap.pipeline.profile;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The minimum number of audience members any published number may describe (k-anonymity's
 * threshold applied to aggregates, as in the "rule of n" statistical offices use for tables):
 * a segment smaller than {@code minMembers} is published only as a suppressed row (its size, no
 * label, interests, demographics or overlaps), and every segment × interest, segment × term,
 * demographic or overlap cell counting fewer members is dropped.
 *
 * <p>Where it fails: dropping small cells hides them but differencing is still possible (a
 * segment's total minus its published cells); the floor protects against naming individuals
 * through a profile, not against a determined attacker with the memberships table, which is why
 * memberships stay internal to the output folder.
 */
public record PrivacyFloor(int minMembers) {

    public PrivacyFloor {
        if (minMembers < 1) {
            throw new IllegalArgumentException("profile.min-members must be >= 1, not " + minMembers);
        }
    }

    /** Whether a segment of {@code segmentSize} accounts is profiled (else published only as suppressed). */
    public boolean publishes(long segmentSize) {
        return segmentSize >= minMembers;
    }

    /** The cells of {@code table} whose {@code members} column reaches the floor. */
    public Dataset<Row> cells(Dataset<Row> table, String members) {
        return table.filter(col(members).geq(minMembers));
    }
}
