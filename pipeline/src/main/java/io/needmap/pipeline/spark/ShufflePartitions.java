package io.needmap.pipeline.spark;

import io.needmap.pipeline.output.Manifest;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The shuffle partition count of a run. Either fixed before the run (a number in
 * {@code spark.shuffle-partitions}, or Spark's own {@code spark.sql.shuffle.partitions}), or chosen
 * by ingest from the input's size ({@code auto}) and recorded in the manifest, from which every
 * later stage reads it: also when the stages run one command at a time, or a resumed run reuses
 * ingest.
 *
 * <p>Weakness: whether the count is fixed is decided when this object is made, from the session's
 * settings; a session shared by several runs (the tests' one session per JVM) keeps the count the
 * first run set, so later runs in it see a fixed count.
 */
public final class ShufflePartitions {
    /** Manifest section holding the count ingest chose. */
    public static final String SECTION = "shuffle_partitions";
    /** Input bytes per shuffle partition when {@code spark.shuffle-partitions=auto}. */
    private static final long INPUT_BYTES_PER_PARTITION = 16L << 20;
    /** The auto count's bounds: both cores of a laptop busy, and the count large inputs were measured with. */
    private static final int MIN_AUTO_PARTITIONS = 2;

    private static final int MAX_AUTO_PARTITIONS = 32;

    private final SparkSession spark;
    private final boolean fixed;

    public ShufflePartitions(SparkSession spark) {
        this.spark = spark;
        this.fixed = spark.conf().contains(SparkSessions.SHUFFLE_PARTITIONS);
    }

    /** Sets and returns the count for a run over {@code inputDir}: the fixed one, else one from its size. */
    public int forInput(String inputDir) {
        int partitions = fixed ? Integer.parseInt(spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS)) : auto(inputDir);
        spark.conf().set(SparkSessions.SHUFFLE_PARTITIONS, partitions);
        return partitions;
    }

    /** Sets the count ingest recorded for this output, unless it is fixed. */
    public void fromManifest(Manifest manifest) {
        if (!fixed) {
            Integer recorded = manifest.get(SECTION, Integer.class);
            spark.conf().set(SparkSessions.SHUFFLE_PARTITIONS, recorded == null ? MAX_AUTO_PARTITIONS : recorded);
        }
    }

    /** The count in effect now, as Spark holds it. */
    public String current() {
        return spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS);
    }

    /**
     * One shuffle partition per {@value #INPUT_BYTES_PER_PARTITION} bytes of input, within
     * [{@value #MIN_AUTO_PARTITIONS}, {@value #MAX_AUTO_PARTITIONS}]: a small audience's shuffles
     * (and the cached tables they feed, which adaptive execution does not coalesce) are then a few
     * tasks rather than 32 near-empty ones. A function of the input only, never of the cluster, so
     * that a laptop and a cluster still split the same input alike.
     */
    private int auto(String inputDir) {
        Path input = new Path(inputDir);
        long bytes;
        try {
            bytes = input.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .getContentSummary(input)
                    .getLength();
        } catch (FileNotFoundException e) {
            return MIN_AUTO_PARTITIONS; // the input reader reports the missing folder in a sentence
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot size the input " + inputDir, e);
        }
        long partitions = (bytes + INPUT_BYTES_PER_PARTITION - 1) / INPUT_BYTES_PER_PARTITION;
        return (int) Math.max(MIN_AUTO_PARTITIONS, Math.min(MAX_AUTO_PARTITIONS, partitions));
    }
}
