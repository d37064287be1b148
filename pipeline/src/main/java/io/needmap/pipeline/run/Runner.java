package io.needmap.pipeline.run;

import io.needmap.pipeline.InputException;
import io.needmap.pipeline.output.Manifest;
import io.needmap.pipeline.output.StagedOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs stages against an output folder, the one place that does so: for each stage it checks that
 * what it reads exists, prepares the engine, times the stage, logs its warnings and its one line
 * (rows in, rows out, seconds), and records its manifest sections, its seconds and the run's
 * parameters. Over a whole {@link Plan} in a staging folder it also resumes: a stage that finished
 * there from the same fingerprint (what the run is computed from, chained through the stages
 * before it) is reused. The run's model, assembled in memory by the stages, is saved once, after the
 * last stage that writes it; the stages from the first that writes it to the last are marked finished
 * only then, so a resumed run never reuses a stage whose part of the model was not saved. A stage's
 * log line is written after its marker, so a scheduler (or a test) that sees it knows the stage
 * would be reused; only the model's writers before the last one log before their markers.
 *
 * <p>Weakness: a crash between the first stage that builds the model and the save makes a resumed
 * run redo every stage from that first one, though their tables were written.
 */
public final class Runner {
    private final StageContext context;
    private final Engine engine;

    public Runner(StageContext context, Engine engine) {
        this.context = context;
        this.engine = engine;
    }

    /** One stage on its own (a single-stage command), straight into the output folder. */
    public void runOne(Stage stage) {
        Runnable logLine = execute(stage);
        context.saveModel();
        logLine.run();
    }

    /**
     * Every stage of {@code plan}, in order, into the staging folder: a stage that already finished
     * there from {@code runFingerprint} and the same earlier stages is reused, the others run and leave
     * their marker. Records the reused stages as the manifest's {@code resumed_stages}.
     *
     * @return the names of the reused stages
     */
    public List<String> run(Plan plan, StagedOutput staged, String runFingerprint) {
        String modelPath = context.layout().model();
        int firstModelWriter = -1;
        int lastModelWriter = -1;
        for (int i = 0; i < plan.stages().size(); i++) {
            if (plan.stages().get(i).writes(context.layout()).contains(modelPath)) {
                firstModelWriter = firstModelWriter < 0 ? i : firstModelWriter;
                lastModelWriter = i;
            }
        }
        String fingerprint = runFingerprint;
        List<String> reused = new ArrayList<>();
        Map<String, String> unmarked = new LinkedHashMap<>();
        for (int i = 0; i < plan.stages().size(); i++) {
            Stage stage = plan.stages().get(i);
            fingerprint = Fingerprints.sha256(fingerprint + "/" + stage.name());
            if (staged.finished(stage.name(), fingerprint)) {
                StageLog.reused(stage.name());
                reused.add(stage.name());
                continue;
            }
            Runnable logLine = execute(stage);
            unmarked.put(stage.name(), fingerprint);
            if (i < firstModelWriter || i >= lastModelWriter) {
                context.saveModel();
                unmarked.forEach(staged::markFinished);
                unmarked.clear();
            }
            logLine.run();
        }
        Manifest manifest = context.manifest();
        manifest.put("resumed_stages", reused);
        manifest.save();
        return reused;
    }

    /**
     * Runs the stage and records it in the manifest; returns its log line, which the caller writes
     * once the stage's output is safe (saved, and marked finished when it can be), so that a run
     * killed right after a stage's line appears resumes after that stage.
     */
    private Runnable execute(Stage stage) {
        for (String path : stage.reads(context.layout())) {
            if (!context.exists(path)) {
                throw new InputException("Stage '" + stage.name() + "' reads " + path + ", which does not exist: run"
                        + " the stages before it first (needmap run does them all).");
            }
        }
        engine.prepare(context.manifest());
        long start = System.nanoTime();
        StageReport report;
        try (Engine.Watch watch = engine.watch(stage.name())) {
            report = stage.run(context);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.warningList().forEach(StageLog::warn);
        Manifest manifest = context.manifest();
        report.sections().forEach((section, value) -> {
            if (value == null) {
                manifest.remove(section);
            } else {
                manifest.put(section, value);
            }
        });
        manifest.putIn("stage_seconds", stage.name(), Math.round(seconds * 10) / 10.0);
        engine.describe(manifest);
        manifest.save();
        return () -> StageLog.log(stage.name(), report.rowsIn(), report.rowsOut(), seconds);
    }
}
