package io.needmap.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Isolated: it reads the progress of the jobs on the shared context, which must be its own only. */
@Isolated
class StageProgressTest {
    /** A long interval: no line is logged by itself, the tests ask for {@link StageProgress#line}. */
    private static final int NEVER = 3600;

    private static final CountDownLatch TASK_STARTED = new CountDownLatch(1);
    private static final CountDownLatch RELEASE_TASKS = new CountDownLatch(1);

    private final SparkSession spark = SparkTestSession.get();
    private final SparkContext context = spark.sparkContext();

    @TempDir
    Path dir;

    @Test
    void aLineSaysTheStageTheTasksOfItsSparkStageAndTheRowsItsTasksRead() throws Exception {
        String table = dir.resolve("rows").toString();
        spark.range(1000).repartition(4).write().parquet(table);
        drainListenerBus(); // the write's task ends are not the stage's

        try (StageProgress progress = StageProgress.start(context, "topics", NEVER)) {
            String before = progress.line();
            assertTrue(
                    before.matches(
                            "progress stage=topics elapsed=\\d+s driver work, no Spark stage running rows_read=0 .*"),
                    before);

            ExecutorService thread = Executors.newSingleThreadExecutor();
            Future<Long> job = thread.submit(() -> spark.read()
                    .parquet(table)
                    .filter((FilterFunction<Row>) row -> {
                        TASK_STARTED.countDown();
                        RELEASE_TASKS.await();
                        return true;
                    })
                    .count());
            TASK_STARTED.await();
            drainListenerBus(); // the stage was submitted before its first task ran
            String running = progress.line();
            RELEASE_TASKS.countDown();
            assertEquals(1000L, job.get());
            thread.shutdown();

            // named after the query: adaptive execution runs the scan from its own thread
            assertTrue(running.contains(" spark=\"count at StageProgressTest.java:"), running);
            Matcher tasks =
                    Pattern.compile(" tasks=(\\d+)/(\\d+) \\(\\d+ running\\) ").matcher(running);
            assertTrue(tasks.find(), running);
            int done = Integer.parseInt(tasks.group(1));
            int total = Integer.parseInt(tasks.group(2));
            assertTrue(total > 0 && done <= total, running);

            drainListenerBus();
            String after = progress.line();
            assertTrue(after.contains(" driver work, no Spark stage running rows_read=1,000 "), after);
            assertTrue(after.endsWith(" rows_written=0"), after);
        }
    }

    @Test
    void jobsOfTheStageCarryItsNameAsJobGroupAlsoFromThreadsItCreates() throws Exception {
        try (StageProgress progress = StageProgress.start(context, "profile", 0)) {
            assertEquals(Set.of("profile"), jobGroups(() -> spark.range(10).count()));
            ExecutorService thread = Executors.newSingleThreadExecutor(); // as Pipeline.concurrently
            assertEquals(
                    Set.of("profile"),
                    jobGroups(() -> thread.submit(() -> spark.range(10).count()).get()));
            thread.shutdown();
        }
        assertEquals(Set.of("none"), jobGroups(() -> spark.range(10).count()));
    }

    @Test
    void linesAreLoggedWhileAStageRunsOnlyAndNotAtAllWhenOff() throws Exception {
        Captured captured = Captured.attach();
        try {
            try (StageProgress progress = StageProgress.start(context, "segment", 1)) {
                assertTrue(captured.first.await(60, TimeUnit.SECONDS), "no progress line in a minute");
                assertTrue(context.listenerBus().listeners().contains(progress));
            }
            List<String> duringTheStage = List.copyOf(captured.lines);
            assertTrue(
                    duringTheStage
                            .get(0)
                            .matches("progress stage=segment elapsed=\\d+s driver work, no Spark stage"
                                    + " running rows_read=0 shuffle_rows_read=0 shuffle_rows_written=0 rows_written=0"),
                    duringTheStage.get(0));

            try (StageProgress off = StageProgress.start(context, "report", 0)) {
                assertFalse(context.listenerBus().listeners().contains(off));
                Thread.sleep(1500); // longer than the first stage's interval: it would have logged by now
            }
            assertEquals(duringTheStage, captured.lines, "lines after the stage or with progress off");
        } finally {
            captured.detach();
        }
    }

    /** The job groups of the Spark jobs that {@code jobs} runs. */
    private Set<String> jobGroups(Callable<?> jobs) throws Exception {
        Set<String> groups = ConcurrentHashMap.newKeySet();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                groups.add(start.properties().getProperty("spark.jobGroup.id", "none"));
            }
        };
        context.addSparkListener(listener);
        try {
            jobs.call();
            drainListenerBus();
        } finally {
            context.removeSparkListener(listener);
        }
        return groups;
    }

    /** Lets every listener see the events posted so far (Spark's own tests do the same). */
    private void drainListenerBus() throws Exception {
        context.listenerBus().waitUntilEmpty();
    }

    /** The messages of logger {@code io.needmap.progress} at INFO, whatever the tests' log configuration. */
    private static final class Captured extends AbstractAppender {
        private static final String LOGGER = "io.needmap.progress";
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        private Captured() {
            super("captured-progress", null, null, true, Property.EMPTY_ARRAY);
        }

        static Captured attach() {
            Captured appender = new Captured();
            appender.start();
            LoggerContext logging = (LoggerContext) LogManager.getContext(false);
            Configuration config = logging.getConfiguration();
            LoggerConfig logger = LoggerConfig.newBuilder()
                    .withLoggerName(LOGGER)
                    .withLevel(Level.INFO)
                    .withAdditivity(false)
                    .withConfig(config)
                    .build();
            logger.addAppender(appender, Level.INFO, null);
            config.addLogger(LOGGER, logger);
            logging.updateLoggers();
            return appender;
        }

        void detach() {
            LoggerContext logging = (LoggerContext) LogManager.getContext(false);
            logging.getConfiguration().removeLogger(LOGGER);
            logging.updateLoggers();
            stop();
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
            first.countDown();
        }
    }
}
