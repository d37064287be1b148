package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The real CLI's {@code run} on the bundled sample, done once per test JVM and shared by the
 * end-to-end test classes (a run takes about a minute), and a Spark session to read its outputs.
 */
final class SampleRun {
    static final Path SAMPLE =
            Path.of("..", "data-samples", "audience").toAbsolutePath().normalize();
    private static Path output;

    private SampleRun() {}

    /** The output folder of the sample run, running it on first use. */
    static synchronized Path output() {
        if (output == null) {
            try {
                Path dir = TestFolders.forThisJvm("needmap-sample-run");
                CliRun run = CliRun.of(
                        "run", "--input", SAMPLE.toString(), "--output", dir.toString(), "--master", "local[2]");
                assertEquals(0, run.exitCode(), run.err());
                output = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return output;
    }

    /** The JVM's shared session ({@link TestSpark}), for reading outputs; never stopped by a test. */
    static SparkSession spark() {
        return TestSpark.session();
    }
}
