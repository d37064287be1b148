package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code needmap generate}: presets, single options over a preset, the split need, omitted tables, and what
 * the help says.
 */
class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void anOptionOverridesThePresetAndOmittedTablesAreLeftOut() throws IOException {
        CliRun run = CliRun.of(
                "generate",
                "--output",
                dir.toString(),
                "--accounts",
                "400",
                "--segments",
                "6",
                "--preset",
                "realistic",
                "--dominant-share",
                "0.3",
                "--omit",
                "posts,interests");

        assertEquals(0, run.exitCode(), run.err());
        List<String> segments = Files.readAllLines(dir.resolve("truth/segments.csv"));
        assertTrue(segments.get(1).startsWith("0,tech savvy,120,"), segments.get(1));
        assertFalse(Files.exists(dir.resolve("posts.csv")));
        assertFalse(Files.exists(dir.resolve("interests.csv")));
        assertTrue(
                Files.exists(dir.resolve("truth/secondary_needs.csv")), "the realistic preset plants secondary needs");
        assertTrue(
                Files.readAllLines(dir.resolve("follows.csv")).stream().anyMatch(f -> f.contains(",lt_u")),
                "the realistic preset has single-follower accounts");
    }

    @Test
    void anUnknownTableToOmitIsABadUsage() {
        CliRun run = CliRun.of("generate", "--output", dir.toString(), "--omit", "accounts");

        assertEquals(NeedmapCli.BAD_INPUT, run.exitCode());
        assertTrue(
                run.err().contains("cannot omit 'accounts' (one of: interests, posts, assets, follows-rows)"),
                run.err());
    }

    @Test
    void theGradedPresetWithASplitNeedPlantsTheSixtyFortyCase() throws IOException {
        CliRun run = CliRun.of(
                "generate",
                "--output",
                dir.toString(),
                "--accounts",
                "1000",
                "--segments",
                "8",
                "--preset",
                "graded",
                "--dominant-share",
                "0.35",
                "--split-need",
                "0.35");

        assertEquals(0, run.exitCode(), run.err());
        List<String> segments = Files.readAllLines(dir.resolve("truth/segments.csv"));
        assertTrue(segments.get(1).startsWith("0,tech savvy,350,"), segments.get(1));
        List<String> split = Files.readAllLines(dir.resolve("truth/secondary_needs.csv"));
        assertEquals(1 + Math.round(0.35 * 350), split.size(), "header and the split members");
        assertEquals(
                1, split.stream().skip(1).map(s -> s.split(",")[1]).distinct().count(), "one second need");
        assertEquals(1, Files.readAllLines(dir.resolve("posts.csv")).size(), "no posts unless asked for");
    }

    @Test
    void aBadSplitNeedIsABadUsage() {
        CliRun run = CliRun.of("generate", "--output", dir.toString(), "--segments", "1", "--split-need", "0.35");

        assertEquals(NeedmapCli.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("splitNeedShare needs at least 2 segments"), run.err());
    }

    @Test
    void theHelpShowsEveryPresetsDefaults() {
        String help = NeedmapCli.commandLine()
                .getSubcommands()
                .get("generate")
                .getUsageMessage()
                .replaceAll("\\s+", " ");

        assertTrue(help.contains("(default 0.55; realistic: 0.1; graded: 0.3)"), help);
        assertTrue(help.contains("default|realistic|graded"), help);
        assertTrue(help.contains("--dominant-share"), help);
        assertTrue(help.contains("--split-need"), help);
        assertTrue(help.contains("--tastes"), help);
        assertTrue(help.contains("--omit"), help);
    }
}
