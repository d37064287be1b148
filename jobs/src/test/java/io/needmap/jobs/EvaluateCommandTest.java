package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code needmap evaluate}'s truth argument: the generator's folder, a file, or a clear error. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTruthFolderMeansItsMembershipsNotItsOtherTables() throws IOException {
        Path truth = Files.createDirectories(dir.resolve("truth"));
        Files.writeString(truth.resolve("memberships.csv"), "account_id,segment_id,need\nu1,0,a\n");
        Files.writeString(truth.resolve("segments.csv"), "segment_id,need,size\n0,a,1\n");
        assertEquals(truth.resolve("memberships.csv").toString(), EvaluateCommand.truthCsv(truth.toString()));
        assertEquals(
                truth.resolve("segments.csv").toString(),
                EvaluateCommand.truthCsv(truth.resolve("segments.csv").toString()),
                "a file is read as given");
        assertEquals("hdfs://nn/truth.csv", EvaluateCommand.truthCsv("hdfs://nn/truth.csv"), "left to Spark");
    }

    @Test
    void aMissingTruthOrAFolderWithoutMembershipsIsAClearError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        InputException folder = assertThrows(InputException.class, () -> EvaluateCommand.truthCsv(empty.toString()));
        assertTrue(folder.getMessage().contains("without memberships.csv"), folder.getMessage());
        CliRun run = CliRun.of(
                "evaluate",
                "--output",
                dir.resolve("out").toString(),
                "--truth",
                dir.resolve("nope.csv").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void anOutputWithoutMembershipsIsAClearError() throws IOException {
        Path truth = Files.writeString(dir.resolve("truth.csv"), "account_id,segment_id\nu1,0\n");
        CliRun run = CliRun.of("evaluate", "--output", dir.resolve("out").toString(), "--truth", truth.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("no memberships in"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }
}
