package io.needmap.pipeline.spark;

import io.needmap.pipeline.output.Manifest;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings a run takes from its input's size, chosen by ingest and recorded in the
 * manifest, from which every later stage reads them: also when the stages run one command at a
 * time, or a resumed run reuses ingest.
 *
 * <ul>
 *   <li>The shuffle partition count: either fixed before the run (a number in
 *       {@code spark.shuffle-partitions}, or Spark's own {@code spark.sql.shuffle.partitions}), or
 *       ({@code auto}) one per {@value #INPUT_BYTES_PER_PARTITION} bytes of input.
 *   <li>On a small input (at most {@value #SMALL_INPUT_BYTES} bytes), adaptive query execution and
 *       whole-stage code generation off. Every shuffle is then a task or two: adaptive execution has
 *       nothing to coalesce or split but runs each shuffle as a Spark job of its own to re-plan after
 *       it, and code generation compiles a class (Janino) for work that takes milliseconds. Measured
 *       on one machine, the same run with and without: a 300-account audience 304 → 184 Spark jobs,
 *       44.6 → 32.6 s in a warm JVM; the bundled sample (5.8 MB) 85.2 → 72.5 s warm, 149 → 136 s
 *       cold; the outputs equal to six decimals (floating-point sums add in another order). On 30 MB
 *       (20,000 accounts, 1.2M follows) they cost 5% instead (269 → 282 s: compiled code pays for
 *       itself on ingest's and topics' million rows), hence the bound well below that. A setting the
 *       user gave Spark ({@code --conf}, {@code spark-defaults.conf}) is kept.
 * </ul>
 *
 * <p>Weakness: what the user fixed is read when this object is made, from the session's settings; a
 * session shared by several runs (a JVM running several commands in one session) keeps what the
 * first run set, so later runs in it see those settings as fixed. The size is the input folder's
 * bytes, whatever their format: a compressed Parquet export counts as smaller than the same rows in
 * CSV.
 */
public final class InputScale {
    /** Manifest section holding the shuffle partition count ingest chose. */
    public static final String PARTITIONS_SECTION = "shuffle_partitions";
    /** Manifest section holding the input's size in bytes, which the small-input settings follow. */
    public static final String BYTES_SECTION = "input_bytes";

    public static final String ADAPTIVE_EXECUTION = "spark.sql.adaptive.enabled";
    public static final String WHOLE_STAGE_CODEGEN = "spark.sql.codegen.wholeStage";
    /** Spark's settings that are off on a small input. */
    private static final List<String> OFF_ON_SMALL_INPUT = List.of(ADAPTIVE_EXECUTION, WHOLE_STAGE_CODEGEN);

    private static final long INPUT_BYTES_PER_PARTITION = 16L << 20;
    /** The auto count's bounds: both cores of a laptop busy, and the count large inputs were measured with. */
    private static final int MIN_AUTO_PARTITIONS = 2;

    private static final int MAX_AUTO_PARTITIONS = 32;
    /** The largest small input: a quarter of what {@code auto} gives two partitions (measured, see above). */
    private static final long SMALL_INPUT_BYTES = 8L << 20;

    private final SparkSession spark;
    private final boolean fixedPartitions;
    private final List<String> fixedByUser;

    public InputScale(SparkSession spark) {
        this.spark = spark;
        this.fixedPartitions = spark.conf().contains(SparkSessions.SHUFFLE_PARTITIONS);
        this.fixedByUser =
                OFF_ON_SMALL_INPUT.stream().filter(spark.conf()::contains).toList();
    }

    /** What ingest chose for an input, for the manifest. */
    public record Chosen(int partitions, long inputBytes) {}

    /** Sets and returns the settings for a run over {@code inputDir}. */
    public Chosen forInput(String inputDir) {
        return forSize(size(inputDir));
    }

    /** Sets and returns the settings for an input of {@code bytes}. */
    public Chosen forSize(long bytes) {
        int partitions = fixedPartitions
                ? Integer.parseInt(spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS))
                : (int) Math.max(
                        MIN_AUTO_PARTITIONS,
                        Math.min(
                                MAX_AUTO_PARTITIONS,
                                (bytes + INPUT_BYTES_PER_PARTITION - 1) / INPUT_BYTES_PER_PARTITION));
        apply(partitions, bytes);
        return new Chosen(partitions, bytes);
    }

    /**
     * Sets what ingest recorded for this output. An output written before the size was recorded
     * runs with Spark's defaults.
     */
    public void fromManifest(Manifest manifest) {
        Integer partitions = manifest.get(PARTITIONS_SECTION, Integer.class);
        Long bytes = manifest.get(BYTES_SECTION, Long.class);
        apply(partitions == null ? MAX_AUTO_PARTITIONS : partitions, bytes == null ? Long.MAX_VALUE : bytes);
    }

    /** The value in effect now of a Spark SQL setting, as Spark holds it. */
    public String current(String key) {
        return spark.conf().get(key);
    }

    private void apply(int partitions, long bytes) {
        if (!fixedPartitions) {
            spark.conf().set(SparkSessions.SHUFFLE_PARTITIONS, partitions);
        }
        for (String key : OFF_ON_SMALL_INPUT) {
            if (fixedByUser.contains(key)) {
                continue;
            }
            if (bytes <= SMALL_INPUT_BYTES) {
                spark.conf().set(key, false);
            } else {
                spark.conf().unset(key);
            }
        }
    }

    /** The input folder's bytes; 0 for a missing folder, which the input reader reports in a sentence. */
    private long size(String inputDir) {
        Path input = new Path(inputDir);
        try {
            return input.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .getContentSummary(input)
                    .getLength();
        } catch (FileNotFoundException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot size the input " + inputDir, e);
        }
    }
}
