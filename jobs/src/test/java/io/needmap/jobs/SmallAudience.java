package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small generated audience the export-shape and crash tests run (300 accounts, 5 planted
 * segments of 60, one post each), generated once per test JVM, and the real CLI's run of its
 * accounts and follows alone, also made once: {@link ExportShapesTest} checks that run's output,
 * and {@link CrashSafetyTest} kills a second run of the same input over a copy of it, resumes it,
 * and compares with it. What both check holds for any audience; one run less is about a minute of
 * CPU on 2 cores.
 */
final class SmallAudience {
    /** The settings of every run of this audience: one post per account, 4 shuffle partitions. */
    static final List<String> RUN_SETTINGS =
            List.of("--set", "topics.max-posts-per-account=1", "--set", "spark.shuffle-partitions=4");

    /** A run's input folder and its published output. */
    record Run(Path input, Path output) {}

    private static final Object GENERATING = new Object();
    private static final Object RUNNING = new Object();
    private static Path root;
    private static Path generated;
    private static Run accountsAndFollows;

    private SmallAudience() {}

    /** The generated audience's folder (all four tables, the planted truth), generated on first use. */
    static Path generated() {
        synchronized (GENERATING) {
            return generatedOnce();
        }
    }

    private static Path generatedOnce() {
        if (generated == null) {
            Path folder = root().resolve("generated");
            CliRun run = CliRun.of(
                    "generate",
                    "--output",
                    folder.toString(),
                    "--accounts",
                    "300",
                    "--segments",
                    "5",
                    "--seed",
                    "11",
                    "--mean-follows",
                    "30",
                    "--posts",
                    "1");
            assertEquals(0, run.exitCode(), run.err());
            generated = folder;
        }
        return generated;
    }

    /** {@code parent/name}: an input folder holding copies of the named generated tables. */
    static Path shape(Path parent, String name, String... tables) throws IOException {
        Path input = Files.createDirectories(parent.resolve(name));
        for (String table : tables) {
            Files.copy(generated().resolve(table + ".csv"), input.resolve(table + ".csv"));
        }
        return input;
    }

    /**
     * The run of the accounts and follows tables alone, made on first use (a second caller waits for
     * it; the generated audience stays available to other callers meanwhile).
     */
    static Run accountsAndFollows() {
        synchronized (RUNNING) {
            return accountsAndFollowsOnce();
        }
    }

    private static Run accountsAndFollowsOnce() {
        if (accountsAndFollows == null) {
            try {
                Path input = shape(root(), "accounts-follows", "accounts", "follows");
                Path output = root().resolve("accounts-follows-out");
                CliRun run = CliRun.of(runArgs(input, output));
                assertEquals(0, run.exitCode(), run.err());
                accountsAndFollows = new Run(input, output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return accountsAndFollows;
    }

    /** The CLI's {@code run} of {@code input} into {@code output} with {@link #RUN_SETTINGS}, then {@code extra}. */
    static String[] runArgs(Path input, Path output, String... extra) {
        List<String> args = new ArrayList<>(
                List.of("run", "--input", input.toString(), "--output", output.toString(), "--master", "local[2]"));
        args.addAll(RUN_SETTINGS);
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static Path root() {
        synchronized (GENERATING) {
            return rootOnce();
        }
    }

    private static Path rootOnce() {
        if (root == null) {
            try {
                root = TestFolders.forThisJvm("needmap-small-audience");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }
}
