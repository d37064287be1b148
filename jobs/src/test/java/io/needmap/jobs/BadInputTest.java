package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input the pipeline cannot run on ends with one sentence and exit code 2, never a stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private CliRun run(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "run", "--input", dir.toString(), "--output", dir.resolve("out").toString(), "--master", "local[1]"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void assertOneCleanSentence(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("needmap: " + expected), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void missingFollowsTable() throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), "account_id\na1\n");
        assertOneCleanSentence(run(), "Required table 'follows' not found in " + dir);
    }

    @Test
    void missingKeyColumn() throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), "account_id\na1\n");
        Files.writeString(dir.resolve("follows.csv"), "account_id,followed\na1,b1\n");
        assertOneCleanSentence(run(), "follows.csv has no column 'followed_id' (it has: account_id, followed).");
    }

    @Test
    void accountsWithHeaderOnly() throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), "account_id,handle,followers_count\n");
        Files.writeString(dir.resolve("follows.csv"), "account_id,followed_id\na1,b1\n");
        assertOneCleanSentence(run(), "accounts.csv has no rows: there is no audience to segment.");
    }

    @Test
    void missingInputFolder() {
        CliRun run = CliRun.of("run", "--input", dir.resolve("nope").toString(), "--output", dir.toString());
        assertOneCleanSentence(run, "Input folder " + dir.resolve("nope") + " does not exist.");
    }

    @Test
    void malformedConfigurationValue() {
        assertOneCleanSentence(
                run("--set", "segment.count=many"),
                "Configuration key 'segment.count' must be a whole number, not 'many'.");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = run("--inptu", "x");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Unknown options: '--inptu'"), run.err());
    }
}
