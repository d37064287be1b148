package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs a crash cannot corrupt: a run killed with SIGKILL in the middle of a stage leaves the
 * previous output byte for byte, {@code --resume} then reuses what was finished and ends with the
 * memberships of an uninterrupted run, and a second run on a locked output is refused. These are
 * properties of the staging folder, not of the segmentation's quality: a small audience (300
 * accounts, {@link SmallAudience}) shows them as well as a large one.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class CrashSafetyTest {
    @TempDir
    Path dir;

    /**
     * The uninterrupted run is {@link SmallAudience}'s (ExportShapesTest checks it too): the killed
     * run and the resumed one write over a copy of its output, from the same input and settings.
     */
    @Test
    void aKilledRunLeavesThePreviousOutputAndResumeFinishesIt() throws Exception {
        SmallAudience.Run uninterrupted = SmallAudience.accountsAndFollows();
        Path input = uninterrupted.input();
        Path output = dir.resolve("out");
        TestFolders.copy(uninterrupted.output(), output);
        Map<String, String> before = contents(output);

        Process killed = launch(SmallAudience.runArgs(input, output));
        // Ingest's own line (not its progress lines, "progress stage=ingest elapsed=..."): the stage is
        // finished and marked, flags is running now.
        awaitLine(killed, "stage=ingest rows_in=");
        killed.destroyForcibly().waitFor();
        assertEquals(before, contents(output), "the killed run touched the published output");
        assertTrue(Files.exists(dir.resolve(".out.staging")) && Files.exists(dir.resolve(".out.lock")));

        CliRun resumed = CliRun.of(SmallAudience.runArgs(input, output, "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(memberships(uninterrupted.output()), memberships(output));
        String success = Files.readString(output.resolve("_SUCCESS"));
        assertTrue(success.contains("\"resumed_stages\":[\"ingest\""), success);
    }

    @Test
    void aSecondRunOnALockedOutputIsRefused() throws IOException {
        Files.writeString(
                dir.resolve(".out.lock"),
                "{\"host\":\"" + InetAddress.getLocalHost().getHostName() + "\",\"pid\":"
                        + ProcessHandle.current().pid() + ",\"started\":\"2026-12-01T10:00:00Z\"}");
        CliRun refused = CliRun.of(SmallAudience.runArgs(SampleRun.SAMPLE, dir.resolve("out")));
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(
                refused.err()
                        .contains("is locked by another needmap run (pid "
                                + ProcessHandle.current().pid() + " on "),
                refused.err());
        assertTrue(!refused.err().contains("Exception"), refused.err());
    }

    private static List<Row> memberships(Path output) {
        return SampleRun.spark()
                .read()
                .parquet(output.resolve("memberships").toString())
                .orderBy("account_id")
                .collectAsList();
    }

    /** Every file under the folder and the SHA-256 of its bytes. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(
                        root.relativize(file).toString(),
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }

    /** The CLI in a JVM of its own, with this JVM's flags and class path, so that it can be killed. */
    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D"))
                .forEach(command::add);
        // A JVM that lives until features starts, then is killed: C1 only, as the cluster check's JVMs,
        // so that its JIT does not take CPU from the test running beside this one.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NeedmapCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void awaitLine(Process process, String marker) throws IOException {
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            seen.append(line).append('\n');
            if (line.contains(marker)) {
                return;
            }
        }
        throw new AssertionError("the run ended before '" + marker + "':\n" + seen);
    }
}
