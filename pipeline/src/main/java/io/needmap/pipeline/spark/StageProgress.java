package io.needmap.pipeline.spark;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

/**
 * A pipeline stage as Spark and the log see it, from {@link #start} to {@link #close}: Spark jobs
 * started meanwhile by the calling thread, or by threads it creates, carry the stage name as their
 * job group ({@code spark.jobGroup.id} in the event log), and every {@code run.progress-seconds}
 * one INFO line of logger {@code io.needmap.progress} tells a long run is alive: what runs (the
 * call sites of the actions behind the active Spark stages, or driver work), their tasks done of
 * total, and the rows the pipeline stage's finished tasks read and wrote.
 *
 * <p>Where it is wrong: the counts come from Spark's listener bus, which is asynchronous, so they
 * lag and drop events when its queue overflows (Spark then logs "Dropping event"); rows count only
 * finished tasks and only what Spark measures (file scans, shuffles, file writes; not work on the
 * driver or local collections); jobs that another thread starts outside the stage are counted too;
 * and jobs started from threads created before the stage (a long-lived pool) do not carry its job
 * group.
 */
public final class StageProgress extends SparkListener implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger("io.needmap.progress");

    private final SparkContext spark;
    private final String stage;
    private final long started = System.nanoTime();
    /** The Spark stages running now, by id. */
    private final Map<Integer, SparkStage> active = new TreeMap<>();
    /** What each running SQL query is, by execution id: the call site of the action that started it. */
    private final Map<Long, String> queries = new HashMap<>();

    private long rowsRead;
    private long shuffleRowsRead;
    private long shuffleRowsWritten;
    private long rowsWritten;
    /** Logs the lines; null when {@code run.progress-seconds} is 0. */
    private ScheduledExecutorService timer;

    /** One attempt of a Spark stage and its tasks. */
    private static final class SparkStage {
        final int attempt;
        final String name;
        final int tasks;
        int done;
        int running;

        SparkStage(StageInfo info, String name) {
            attempt = info.attemptNumber();
            this.name = name;
            tasks = info.numTasks();
        }
    }

    private StageProgress(SparkContext spark, String stage) {
        this.spark = spark;
        this.stage = stage;
    }

    /**
     * Marks the start of pipeline stage {@code stage} on this thread; close it on the same thread.
     *
     * @param seconds between two progress lines, the first one after {@code seconds}; 0 for none
     */
    public static StageProgress start(SparkContext spark, String stage, long seconds) {
        StageProgress progress = new StageProgress(spark, stage);
        // No description: Spark SQL then describes each query by the call site of its action.
        spark.setJobGroup(stage, null, false);
        if (seconds > 0) {
            spark.addSparkListener(progress);
            progress.timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "needmap-progress");
                thread.setDaemon(true);
                return thread;
            });
            var unused = progress.timer.scheduleAtFixedRate(
                    () -> LOG.info(progress.line()), seconds, seconds, TimeUnit.SECONDS);
        }
        return progress;
    }

    /** Ends the stage: no progress line after this returns, and later jobs of this thread carry no group. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            spark.removeSparkListener(this);
        }
        spark.clearJobGroup();
    }

    /** The progress line for what the listener has heard so far. */
    synchronized String line() {
        StringBuilder line = new StringBuilder("progress stage=")
                .append(stage)
                .append(" elapsed=")
                .append(duration((System.nanoTime() - started) / 1_000_000_000L));
        if (active.isEmpty()) {
            line.append(" driver work, no Spark stage running");
        } else {
            String names = active.values().stream().map(s -> s.name).distinct().collect(Collectors.joining("; "));
            int done = active.values().stream().mapToInt(s -> s.done).sum();
            int tasks = active.values().stream().mapToInt(s -> s.tasks).sum();
            int running = active.values().stream().mapToInt(s -> s.running).sum();
            line.append(
                    String.format(Locale.ROOT, " spark=\"%s\" tasks=%d/%d (%d running)", names, done, tasks, running));
        }
        return line.append(String.format(
                        Locale.ROOT,
                        " rows_read=%,d shuffle_rows_read=%,d shuffle_rows_written=%,d rows_written=%,d",
                        rowsRead,
                        shuffleRowsRead,
                        shuffleRowsWritten,
                        rowsWritten))
                .toString();
    }

    /** {@code 45s}, {@code 2m30s}, {@code 1h02m05s}. */
    private static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    @Override
    public synchronized void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart start) {
            queries.put(start.executionId(), start.description());
        } else if (event instanceof SparkListenerSQLExecutionEnd end) {
            queries.remove(end.executionId());
        }
    }

    /**
     * A stage of a SQL query is named after the query: a stage that adaptive execution submits from
     * its own threads has a call site inside Spark ({@code $anonfun$withThreadLocalCaptured$2 at ...}).
     */
    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        StageInfo info = submitted.stageInfo();
        String query =
                submitted.properties() == null ? null : submitted.properties().getProperty("spark.sql.execution.id");
        String name = query == null ? info.name() : queries.getOrDefault(Long.parseLong(query), info.name());
        active.put(info.stageId(), new SparkStage(info, name));
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
        active.remove(completed.stageInfo().stageId());
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart task) {
        SparkStage s = active.get(task.stageId());
        if (s != null && s.attempt == task.stageAttemptId()) {
            s.running++;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
        SparkStage s = active.get(task.stageId());
        boolean succeeded = task.taskInfo().successful();
        if (s != null && s.attempt == task.stageAttemptId()) {
            s.running--;
            s.done += succeeded ? 1 : 0;
        }
        TaskMetrics metrics = task.taskMetrics();
        if (succeeded && metrics != null) { // a failed task's rows are read again by its retry
            rowsRead += metrics.inputMetrics().recordsRead();
            shuffleRowsRead += metrics.shuffleReadMetrics().recordsRead();
            shuffleRowsWritten += metrics.shuffleWriteMetrics().recordsWritten();
            rowsWritten += metrics.outputMetrics().recordsWritten();
        }
    }
}
