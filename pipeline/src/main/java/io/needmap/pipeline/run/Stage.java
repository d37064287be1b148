package io.needmap.pipeline.run;

import io.needmap.pipeline.output.OutputLayout;
import java.util.List;

/**
 * One step of a run, in the manner of Spark ML's {@code PipelineStage}: a name, the outputs of
 * earlier stages it cannot run without, what it writes under the output folder, and its work. The
 * {@link Runner} checks what it reads, times, logs and records it; the stage itself only computes,
 * writes its tables and says what to record.
 *
 * <p>Weakness: {@link #reads} and {@link #writes} are declarations the runner trusts: a stage that
 * reads a table it did not declare fails inside Spark with Spark's message rather than the runner's
 * sentence, and only a stage that declares {@link OutputLayout#model()} defers the resume markers
 * until the model is saved.
 */
public interface Stage {
    /** The name in logs, the manifest's {@code stage_seconds}, resume markers and the command line. */
    String name();

    /** What the stage does, in a sentence: the description of its command. */
    String description();

    /** Paths under {@code layout} that must exist before the stage starts. */
    List<String> reads(OutputLayout layout);

    /** Paths under {@code layout} the stage writes (or removes when it has nothing to write). */
    List<String> writes(OutputLayout layout);

    /** Does the stage's work; the report says what it read, wrote and what to record. */
    StageReport run(StageContext context);
}
