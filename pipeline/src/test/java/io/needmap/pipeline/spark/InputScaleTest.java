package io.needmap.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.output.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputScaleTest {
    private static final long MB = 1L << 20;

    /** A session with Spark's defaults: none of the settings below fixed. */
    private static SparkSession defaults() {
        SparkSession session = SparkTestSession.get().newSession();
        session.conf().unset(SparkSessions.SHUFFLE_PARTITIONS);
        return session;
    }

    @Test
    void aSmallInputGetsTheFewestPartitionsAndNoReplanningOrWholeStageCode(@TempDir Path input) throws IOException {
        Files.write(input.resolve("accounts.csv"), new byte[3000]);
        SparkSession spark = defaults();

        InputScale.Chosen chosen = new InputScale(spark).forInput(input.toString());

        assertEquals(new InputScale.Chosen(2, 3000), chosen);
        assertEquals("2", spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS));
        assertEquals("false", spark.conf().get(InputScale.ADAPTIVE_EXECUTION));
        assertEquals("false", spark.conf().get(InputScale.WHOLE_STAGE_CODEGEN));
    }

    @Test
    void aLargeInputKeepsSparksDefaultsAndGetsAPartitionPerSixteenMegabytes() {
        SparkSession spark = defaults();
        InputScale scale = new InputScale(spark);
        scale.forSize(1); // a small input first: the large one must undo its settings

        assertEquals(5, scale.forSize(80 * MB).partitions());
        assertEquals("true", spark.conf().get(InputScale.ADAPTIVE_EXECUTION));
        assertEquals("true", spark.conf().get(InputScale.WHOLE_STAGE_CODEGEN));
        assertEquals(32, scale.forSize(4096 * MB).partitions(), "at most 32");
        assertEquals(2, scale.forSize(8 * MB + 1).partitions(), "just over the small input's bound");
        assertEquals("true", spark.conf().get(InputScale.WHOLE_STAGE_CODEGEN));
        assertEquals(2, scale.forSize(8 * MB).partitions(), "at the bound");
        assertEquals("false", spark.conf().get(InputScale.WHOLE_STAGE_CODEGEN));
        assertEquals(3, scale.forSize(32 * MB + 1).partitions());
    }

    @Test
    void whatTheUserFixedIsKept() {
        SparkSession spark = defaults();
        spark.conf().set(SparkSessions.SHUFFLE_PARTITIONS, 7);
        spark.conf().set(InputScale.ADAPTIVE_EXECUTION, true);

        assertEquals(7, new InputScale(spark).forSize(0).partitions());
        assertEquals("true", spark.conf().get(InputScale.ADAPTIVE_EXECUTION));
        assertEquals("false", spark.conf().get(InputScale.WHOLE_STAGE_CODEGEN), "not fixed: the small input's");
    }

    @Test
    void aLaterCommandTakesTheSettingsIngestRecorded(@TempDir Path output) {
        Manifest manifest = Manifest.open(output.resolve("manifest.json").toString(), new Configuration());
        SparkSession spark = defaults();
        InputScale.Chosen chosen = new InputScale(spark).forSize(5 * MB);
        manifest.put(InputScale.PARTITIONS_SECTION, chosen.partitions())
                .put(InputScale.BYTES_SECTION, chosen.inputBytes());

        SparkSession later = defaults();
        new InputScale(later).fromManifest(manifest);
        assertEquals("2", later.conf().get(SparkSessions.SHUFFLE_PARTITIONS));
        assertEquals("false", later.conf().get(InputScale.WHOLE_STAGE_CODEGEN));

        SparkSession older = defaults(); // an output written before the size was recorded
        new InputScale(older).fromManifest(manifest.remove(InputScale.BYTES_SECTION));
        assertEquals("true", older.conf().get(InputScale.WHOLE_STAGE_CODEGEN));
    }
}
