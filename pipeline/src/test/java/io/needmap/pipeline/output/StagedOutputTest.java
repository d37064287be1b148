package io.needmap.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.InputException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputTest {
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path dir;

    @Test
    void theOutputIsReplacedWholeOnlyOnPublish() throws IOException {
        Path output = dir.resolve("out");
        Files.createDirectories(output.resolve("segments"));
        Files.writeString(output.resolve("segments/part-0"), "previous run");
        try (StagedOutput staged = StagedOutput.open(output.toString(), HADOOP, false)) {
            Path staging = Path.of(java.net.URI.create(staged.staging()));
            Files.createDirectories(staging.resolve("segments"));
            Files.writeString(staging.resolve("segments/part-0"), "this run");
            assertEquals("previous run", Files.readString(output.resolve("segments/part-0")), "nothing visible yet");
            staged.publish(Map.of("segments", 3));
        }
        assertEquals("this run", Files.readString(output.resolve("segments/part-0")));
        assertTrue(Files.readString(output.resolve("_SUCCESS")).contains("\"segments\":3"));
        assertFalse(
                Files.exists(dir.resolve(".out.staging"))
                        || Files.exists(dir.resolve(".out.old"))
                        || Files.exists(dir.resolve(".out.lock")),
                "no staging, old output or lock left");
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefusedWithTheHolderNamed() {
        String output = dir.resolve("out").toString();
        try (StagedOutput first = StagedOutput.open(output, HADOOP, false)) {
            InputException refused = assertThrows(InputException.class, () -> StagedOutput.open(output, HADOOP, false));
            assertTrue(
                    refused.getMessage()
                            .contains("locked by another needmap run (pid "
                                    + ProcessHandle.current().pid()),
                    refused.getMessage());
        }
        StagedOutput.open(output, HADOOP, false).close();
    }

    /**
     * The lock names this host and a pid no process can have (above Linux's limit of 2^22 pids and
     * macOS's 99,999; odd, so never a Windows pid): the holder is dead for certain. The pid of a
     * process that has just exited could be reused by another one before the lock is checked.
     */
    @Test
    void theLockOfAKilledRunIsTakenOver() throws IOException {
        long deadPid = Integer.MAX_VALUE;
        assertTrue(ProcessHandle.of(deadPid).isEmpty(), "no process has pid " + deadPid);
        Files.writeString(
                dir.resolve(".out.lock"),
                "{\"host\":\"" + InetAddress.getLocalHost().getHostName() + "\",\"pid\":" + deadPid
                        + ",\"started\":\"earlier\"}");
        StagedOutput.open(dir.resolve("out").toString(), HADOOP, false).close();
        assertFalse(Files.exists(dir.resolve(".out.lock")));
    }

    @Test
    void anOutputInAFolderThatDoesNotExistYetIsStaged() {
        Path output = dir.resolve("runs/acme/out");
        try (StagedOutput staged = StagedOutput.open(output.toString(), HADOOP, false)) {
            staged.publish(Map.of());
        }
        assertTrue(Files.exists(output.resolve("_SUCCESS")));
    }

    @Test
    void finishedStagesAreKeptForResumeAndClearedOtherwise() {
        String output = dir.resolve("out").toString();
        try (StagedOutput staged = StagedOutput.open(output, HADOOP, false)) {
            staged.markFinished("ingest", "abc");
        }
        try (StagedOutput resumed = StagedOutput.open(output, HADOOP, true)) {
            assertTrue(resumed.finished("ingest", "abc"));
            assertFalse(resumed.finished("ingest", "other inputs"));
            assertFalse(resumed.finished("topics", "abc"));
        }
        try (StagedOutput fresh = StagedOutput.open(output, HADOOP, false)) {
            assertFalse(fresh.finished("ingest", "abc"), "without --resume a rerun starts clean");
        }
    }

    @Test
    void anOutputLeftAsideByAnInterruptedPublishIsPutBack() throws IOException {
        Files.createDirectories(dir.resolve(".out.old"));
        Files.writeString(dir.resolve(".out.old/manifest.json"), "{}");
        StagedOutput.open(dir.resolve("out").toString(), HADOOP, false).close();
        assertEquals("{}", Files.readString(dir.resolve("out/manifest.json")));
    }
}
