package io.needmap.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.InputException;
import io.needmap.pipeline.output.Manifest;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.output.StagedOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with fake stages and a fake engine: no Spark, milliseconds. */
class RunnerTest {
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path dir;

    /** What the fake engine was asked, in order. */
    private final List<String> calls = new ArrayList<>();

    private final Engine engine = new Engine() {
        @Override
        public void prepare(Manifest manifest) {
            calls.add("prepare");
        }

        @Override
        public Watch watch(String stage) {
            calls.add("watch " + stage);
            return () -> calls.add("unwatch " + stage);
        }

        @Override
        public void describe(Manifest manifest) {
            manifest.put("parameters", Map.of("engine", "fake"));
        }
    };

    /** A stage that counts its runs, writes a marker file, and fails while {@code failing} is set. */
    private static final class Fake implements Stage {
        final String name;
        final Function<OutputLayout, List<String>> reads;
        final Function<OutputLayout, List<String>> writes;
        final Function<StageContext, StageReport> report;
        int runs;
        boolean failing;

        Fake(String name, Function<StageContext, StageReport> report) {
            this(name, l -> List.of(), l -> List.of(l.root() + "/" + name), report);
        }

        Fake(
                String name,
                Function<OutputLayout, List<String>> reads,
                Function<OutputLayout, List<String>> writes,
                Function<StageContext, StageReport> report) {
            this.name = name;
            this.reads = reads;
            this.writes = writes;
            this.report = report;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a fake stage";
        }

        @Override
        public List<String> reads(OutputLayout layout) {
            return reads.apply(layout);
        }

        @Override
        public List<String> writes(OutputLayout layout) {
            return writes.apply(layout);
        }

        @Override
        public StageReport run(StageContext context) {
            runs++;
            if (failing) {
                throw new IllegalStateException(name + " crashed");
            }
            return report.apply(context);
        }
    }

    private static Fake counting(String name, long rows) {
        return new Fake(name, c -> StageReport.of(rows, rows + 1).with(name, Map.of("rows", rows)));
    }

    /** A stage that writes the model: its resume marker waits for the model to be saved. */
    private static Fake modelWriter(String name) {
        return new Fake(name, l -> List.of(), l -> List.of(l.model()), c -> StageReport.of(1, 1));
    }

    private List<String> run(Plan plan, String fingerprint, boolean resume) {
        try (StagedOutput staged = StagedOutput.open(dir.resolve("out").toString(), HADOOP, resume)) {
            Runner runner = new Runner(context(new OutputLayout(staged.staging())), engine);
            return runner.run(plan, staged, fingerprint);
        }
    }

    private static StageContext context(OutputLayout layout) {
        return StageContext.withoutSpark(HADOOP, layout, RunContext.none());
    }

    private Manifest stagingManifest() {
        return Manifest.open(dir.resolve(".out.staging/manifest.json").toString(), HADOOP);
    }

    @Test
    void recordsEachStagesSectionsSecondsAndTheRunsParameters() {
        Plan plan = new Plan(List.of(counting("a", 3), counting("b", 5)));
        assertEquals(List.of(), run(plan, "run", false));
        Manifest manifest = stagingManifest();
        assertEquals(Map.of("rows", 3), manifest.get("a"));
        assertEquals(Map.of("rows", 5), manifest.get("b"));
        assertEquals(Map.of("engine", "fake"), manifest.get("parameters"));
        assertEquals(List.of(), manifest.get("resumed_stages"));
        assertEquals(
                List.of("a", "b"),
                List.copyOf(((Map<?, ?>) manifest.get("stage_seconds"))
                        .keySet().stream().map(String::valueOf).toList()));
        assertEquals(List.of("prepare", "watch a", "unwatch a", "prepare", "watch b", "unwatch b"), calls);
    }

    @Test
    void resumeReusesTheStagesFinishedFromTheSameFingerprintAndRunsTheRest() {
        Fake a = counting("a", 1);
        Fake b = counting("b", 2);
        Fake c = counting("c", 3);
        Plan plan = new Plan(List.of(a, b, c));
        c.failing = true;
        assertThrows(IllegalStateException.class, () -> run(plan, "run", false));
        c.failing = false;

        assertEquals(List.of("a", "b"), run(plan, "run", true));
        assertEquals(List.of(1, 1, 2), List.of(a.runs, b.runs, c.runs));
        assertEquals(List.of("a", "b"), stagingManifest().get("resumed_stages"));
        assertEquals(Map.of("rows", 1), stagingManifest().get("a"), "a reused stage keeps its manifest section");
    }

    @Test
    void anotherFingerprintOrNoResumeRecomputesEverything() {
        Fake a = counting("a", 1);
        Plan plan = new Plan(List.of(a));
        run(plan, "run", false);
        assertEquals(List.of(), run(plan, "other input or settings", true));
        assertEquals(List.of(), run(plan, "other input or settings", false));
        assertEquals(3, a.runs);
    }

    @Test
    void stagesBuildingTheModelAreMarkedFinishedOnlyOnceTheLastOfThemHasRun() {
        Fake ingest = counting("ingest", 1);
        Fake features = modelWriter("features");
        Fake segment = modelWriter("segment");
        Fake report = counting("report", 1);
        Plan plan = new Plan(List.of(ingest, features, segment, report));
        segment.failing = true;
        assertThrows(IllegalStateException.class, () -> run(plan, "run", false));
        segment.failing = false;
        assertEquals(List.of("ingest"), run(plan, "run", true), "features' part of the model was never saved");
        assertEquals(2, features.runs);

        report.failing = true;
        assertThrows(IllegalStateException.class, () -> run(plan, "again", false));
        report.failing = false;
        assertEquals(List.of("ingest", "features", "segment"), run(plan, "again", true));
    }

    /**
     * A scheduler (and CrashSafetyTest) may kill a run as soon as a stage's line appears: the stage
     * must then already be marked finished, or the resumed run redoes it.
     */
    @Test
    void aStagesLogLineComesAfterItsMarker() {
        Plan plan = new Plan(List.of(counting("ingest", 1), counting("flags", 1)));
        Map<String, Boolean> markedWhenLogged = new LinkedHashMap<>();
        org.apache.logging.log4j.core.Logger log =
                (org.apache.logging.log4j.core.Logger) LogManager.getLogger(StageLog.class);
        Level level = log.getLevel();
        try (StagedOutput staged = StagedOutput.open(dir.resolve("out").toString(), HADOOP, false)) {
            Appender watch = new AbstractAppender("stage-lines", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    String stage = event.getMessage().getFormattedMessage().replaceAll("^stage=(\\w+) .*", "$1");
                    String fingerprint = Fingerprints.sha256(
                            stage.equals("ingest") ? "run/ingest" : Fingerprints.sha256("run/ingest") + "/flags");
                    markedWhenLogged.put(stage, staged.finished(stage, fingerprint));
                }
            };
            watch.start();
            Configurator.setLevel(log, Level.INFO);
            log.addAppender(watch);
            try {
                new Runner(context(new OutputLayout(staged.staging())), engine).run(plan, staged, "run");
            } finally {
                log.removeAppender(watch);
                Configurator.setLevel(log, level);
            }
        }
        assertEquals(Map.of("ingest", true, "flags", true), markedWhenLogged);
    }

    @Test
    void aStageWhoseInputIsMissingStopsWithASentenceBeforeItRuns() {
        Fake profile = new Fake("profile", l -> List.of(l.memberships()), l -> List.of(), c -> StageReport.of(0, 0));
        Runner runner = new Runner(context(new OutputLayout(dir.toString())), engine);
        InputException e = assertThrows(InputException.class, () -> runner.runOne(profile));
        assertTrue(e.getMessage().contains("Stage 'profile' reads " + dir + "/memberships, which does not exist"));
        assertEquals(0, profile.runs);
    }

    @Test
    void aStagesWarningsReplaceTheRecordedOnesAndOtherStagesLeaveThemAlone() {
        Runner runner = new Runner(context(new OutputLayout(dir.toString())), engine);
        runner.runOne(new Fake("segment", c -> StageReport.of(1, 1).warnings(List.of("posts: fewer rows"))));
        runner.runOne(counting("profile", 1));
        Manifest manifest = Manifest.open(dir.resolve("manifest.json").toString(), HADOOP);
        assertEquals(List.of("posts: fewer rows"), manifest.get("warnings"));

        runner.runOne(new Fake("segment", c -> StageReport.of(1, 1).warnings(List.of())));
        manifest = Manifest.open(dir.resolve("manifest.json").toString(), HADOOP);
        assertEquals(List.of(), manifest.get("warnings"));
    }

    @Test
    void aStageRemovesTheSectionsAnEarlierRunLeft() {
        Runner runner = new Runner(context(new OutputLayout(dir.toString())), engine);
        runner.runOne(new Fake("segment", c -> StageReport.of(1, 1).with("lineage", Map.of("previous", "x"))));
        runner.runOne(new Fake("segment", c -> StageReport.of(1, 1).without("lineage")));
        assertNull(
                Manifest.open(dir.resolve("manifest.json").toString(), HADOOP).get("lineage"));
    }

    @Test
    void theRunFingerprintFollowsInputsSettingsAndLineageButNotTheProgressInterval() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("accounts.csv"), "account_id\na\n");
        RunContext base =
                new RunContext(List.of("run"), Map.of("seed", "42", "run.progress-seconds", "30"), null, null);
        String fingerprint = Fingerprints.ofRun(base, input.toString(), HADOOP);
        assertEquals(fingerprint, Fingerprints.ofRun(base, input.toString(), HADOOP));
        assertEquals(
                fingerprint,
                Fingerprints.ofRun(
                        new RunContext(List.of("run"), Map.of("seed", "42", "run.progress-seconds", "5"), null, null),
                        input.toString(),
                        HADOOP));
        assertNotEquals(
                fingerprint,
                Fingerprints.ofRun(
                        new RunContext(List.of("run"), Map.of("seed", "7"), null, null), input.toString(), HADOOP));
        assertNotEquals(
                fingerprint,
                Fingerprints.ofRun(
                        new RunContext(base.commandLine(), base.settings(), "runs/2025-06", null),
                        input.toString(),
                        HADOOP));
        Files.writeString(input.resolve("accounts.csv"), "account_id\na\nb\n");
        assertNotEquals(fingerprint, Fingerprints.ofRun(base, input.toString(), HADOOP));
        assertFalse(fingerprint.isBlank());
    }
}
