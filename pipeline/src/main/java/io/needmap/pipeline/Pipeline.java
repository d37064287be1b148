package io.needmap.pipeline;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.needmap.pipeline.features.FeatureSources;
import io.needmap.pipeline.features.FeatureStage;
import io.needmap.pipeline.ingest.IngestResult;
import io.needmap.pipeline.ingest.IngestStage;
import io.needmap.pipeline.ingest.InputReader;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.output.Manifest;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.profile.ProfileStage;
import io.needmap.pipeline.report.ReportStage;
import io.needmap.pipeline.segment.SegmentStage;
import io.needmap.pipeline.topics.TopicStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the stages against an output folder: each reads its inputs from the {@link OutputLayout},
 * writes its outputs as snappy Parquet, records counts and seconds in the {@link Manifest} and
 * logs one line. Reading a stage's input back from Parquet also cuts Spark's lineage, so a later
 * stage never re-parses the CSV.
 */
public final class Pipeline {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final OutputLayout layout;

    public Pipeline(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        this.spark = spark;
        this.config = config;
        this.layout = layout;
    }

    /** Every stage, in order. */
    public void run(String inputDir) {
        ingest(inputDir);
        if (config.topics().enabled()) {
            topics();
        } else {
            skipTopics();
        }
        features();
        segment();
        profile();
        report();
    }

    public void ingest(String inputDir) {
        long start = System.nanoTime();
        IngestResult result = IngestStage.run(new InputReader(spark, inputDir, config.format()));
        // Accounts first: follows and posts are checked against them. The other tables are written
        // concurrently, so a file parsed in one task (multi-line CSV) leaves no core idle.
        write(result.accepted().get(Table.ACCOUNTS), layout.accepted(Table.ACCOUNTS));
        concurrently(result.accepted().entrySet().stream().filter(e -> e.getKey() != Table.ACCOUNTS)
                .map(e -> (Runnable) () -> write(e.getValue(), layout.accepted(e.getKey()))).toList());
        write(result.rejects(), layout.rejects());
        write(result.repairs(), layout.repairs());
        Map<String, Long> repairedByTable = countsByTable(result.repairedRows());  // reads the cache: before clearing it
        spark.catalog().clearCache();

        Map<String, Long> rejectedByTable = countsByTable(read(layout.rejects()).groupBy(IngestResult.TABLE).count());
        Map<String, Map<String, Long>> repairsByTable = new LinkedHashMap<>();
        read(layout.repairs()).groupBy(IngestResult.TABLE, IngestResult.COLUMN).count()
                .orderBy(IngestResult.TABLE, IngestResult.COLUMN).collectAsList()
                .forEach(r -> repairsByTable.computeIfAbsent(r.getString(0), t -> new LinkedHashMap<>())
                        .put(r.getString(1), r.getLong(2)));
        Map<String, Object> tables = new LinkedHashMap<>();
        long read = 0;
        long accepted = 0;
        for (Table table : result.accepted().keySet()) {
            long ok = read(layout.accepted(table)).count();
            long bad = rejectedByTable.getOrDefault(table.fileName(), 0L);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("read", ok + bad);
            counts.put("accepted", ok);
            counts.put("rejected", bad);
            counts.put("repaired_rows", repairedByTable.getOrDefault(table.fileName(), 0L));
            counts.put("repairs", repairsByTable.getOrDefault(table.fileName(), Map.of()));
            tables.put(table.fileName(), counts);
            read += ok + bad;
            accepted += ok;
        }
        Manifest manifest = manifest();
        manifest.put("input", inputDir).put("tables", tables);
        finish(manifest, "ingest", start, read, accepted);
    }

    /** {@code table, count} rows as a map. */
    private static Map<String, Long> countsByTable(Dataset<Row> counts) {
        Map<String, Long> byTable = new LinkedHashMap<>();
        counts.collectAsList().forEach(r -> byTable.put(r.getString(0), r.getLong(1)));
        return byTable;
    }

    public void topics() {
        long start = System.nanoTime();
        Dataset<Row> accounts = read(layout.accepted(Table.ACCOUNTS));
        TopicStage.Result result = TopicStage.run(accounts, readIfExists(layout.accepted(Table.POSTS)),
                readIfExists(layout.accepted(Table.INTERESTS)), config.topics());
        write(result.accountTerms(), layout.accountTerms());
        write(result.interestTerms(), layout.interestTerms());
        Map<String, Map<String, Long>> texts = result.textCounts().bySource();
        long read = texts.values().stream().mapToLong(measures -> measures.get("texts")).sum();
        Row termStats = read(layout.accountTerms()).agg(count(lit(1)), countDistinct("term"),
                countDistinct("account_id")).first();
        Manifest manifest = manifest();
        Map<String, Object> topics = new LinkedHashMap<>();  // replaces an earlier run's section, "skipped" included
        topics.put("texts", texts);
        topics.put("distinct_terms", termStats.getLong(1));
        topics.put("accounts_with_terms", termStats.getLong(2));
        manifest.put("topics", topics);
        finish(manifest, "topics", start, read, termStats.getLong(0));
    }

    /** Removes the term tables an earlier run may have left, so no stage reads stale terms. */
    private void skipTopics() {
        for (String path : List.of(layout.accountTerms(), layout.interestTerms())) {
            onFileSystem(path, (fs, p) -> fs.delete(p, true));
        }
        Manifest manifest = manifest();
        manifest.put("topics", Map.of("skipped", "topics.enabled=false"));
        finish(manifest, "topics", System.nanoTime(), 0, 0);
    }

    public void features() {
        long start = System.nanoTime();
        Dataset<Row> follows = read(layout.accepted(Table.FOLLOWS));
        Dataset<Row> accounts = read(layout.accepted(Table.ACCOUNTS));
        Dataset<Row> occurrences = FeatureSources.follows(follows);
        if (config.topics().termWeight() > 0 && exists(layout.accountTerms())) {
            occurrences = occurrences.unionByName(
                    FeatureSources.terms(read(layout.accountTerms()), config.topics().termWeight()));
        }
        FeatureStage.Result result = FeatureStage.run(occurrences, accounts, config.features());
        write(result.vocabulary(), layout.vocabulary());
        write(result.embeddings(), layout.embeddings());
        spark.catalog().clearCache();
        long withSignal = read(layout.embeddings()).filter("embedding is not null").count();
        Manifest manifest = manifest();
        manifest.putIn("features", "vocabulary", read(layout.vocabulary()).count());
        manifest.putIn("features", "accounts_with_features", withSignal);
        finish(manifest, "features", start, follows.count(), withSignal);
    }

    public void segment() {
        long start = System.nanoTime();
        Dataset<Row> embeddings = read(layout.embeddings());
        SegmentStage.Result result = SegmentStage.run(embeddings, config.segment());
        write(result.memberships(), layout.memberships());
        Dataset<Row> memberships = read(layout.memberships());
        Map<String, Object> silhouette = new LinkedHashMap<>();
        result.model().silhouetteByK().forEach((k, s) -> silhouette.put(String.valueOf(k), Math.round(s * 1e4) / 1e4));
        Manifest manifest = manifest();
        manifest.put("segmentation", Map.of("k", result.model().k(), "criterion", result.model().criterion(),
                "fit_sample", result.sampleSize(), "silhouette_by_k", silhouette,
                "accounts_without_signal", memberships.filter("segment_id < 0").count()));
        finish(manifest, "segment", start, embeddings.count(), memberships.count());
    }

    public void profile() {
        long start = System.nanoTime();
        Dataset<Row> memberships = read(layout.memberships());
        ProfileStage.Result result = ProfileStage.run(new ProfileStage.Inputs(memberships,
                read(layout.accepted(Table.FOLLOWS)), read(layout.accepted(Table.ACCOUNTS)),
                readIfExists(layout.accepted(Table.INTERESTS)), readIfExists(layout.accepted(Table.POSTS)),
                readIfExists(layout.accountTerms())), config.profile(), config.topics().topTerms());
        // One file per table for BI tools. repartition(1), not coalesce(1): coalesce would also pull the
        // aggregations that produce these small tables into a single task. The tables are independent
        // and each is a chain of small stages, so they are written concurrently.
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(layout.segmentInterests(), result.segmentInterests());
        if (result.segmentTerms() != null) {
            tables.put(layout.segmentTerms(), result.segmentTerms());
        }
        tables.put(layout.segments(), result.segments());
        tables.put(layout.segmentDemographics(), result.demographics());
        tables.put(layout.segmentOverlap(), result.overlap());
        concurrently(tables.entrySet().stream()
                .map(t -> (Runnable) () -> write(t.getValue().repartition(1), t.getKey())).toList());
        spark.catalog().clearCache();
        Dataset<Row> segments = read(layout.segments());
        Manifest manifest = manifest();
        manifest.putIn("profile", "segments", segments.count());
        manifest.putIn("profile", "suppressed_segments", segments.filter("suppressed").count());
        manifest.putIn("profile", "labelled_with_need", segments.filter("need is not null").count());
        finish(manifest, "profile", start, memberships.count(), segments.count());
    }

    public void report() {
        long start = System.nanoTime();
        Dataset<Row> segments = read(layout.segments());
        String html = ReportStage.render(segments, read(layout.segmentOverlap()), read(layout.segmentDemographics()));
        ReportStage.write(html, layout.report(), spark.sparkContext().hadoopConfiguration());
        finish(manifest(), "report", start, segments.count(), 1);
    }

    private void finish(Manifest manifest, String stage, long startNanos, long rowsIn, long rowsOut) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        manifest.putIn("stage_seconds", stage, Math.round(seconds * 10) / 10.0);
        manifest.put("parameters", parameters()).put("seed", config.seed()).put("versions", versions());
        manifest.save();
        StageLog.log(stage, rowsIn, rowsOut, seconds);
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("master", spark.sparkContext().master());
        p.put("features", config.features().toString());
        p.put("segment", config.segment().toString());
        p.put("profile", config.profile().toString());
        p.put("topics", config.topics().toString());
        return p;
    }

    private Map<String, Object> versions() {
        Properties versions = BuildVersions.load();
        Map<String, Object> out = new LinkedHashMap<>();
        versions.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, versions.getProperty(k)));
        out.put("spark_runtime", spark.version());
        out.put("java", System.getProperty("java.version"));
        return out;
    }

    private Manifest manifest() {
        return Manifest.open(layout.manifest(), spark.sparkContext().hadoopConfiguration());
    }

    private Dataset<Row> read(String path) {
        return spark.read().parquet(path);
    }

    private Dataset<Row> readIfExists(String path) {
        return exists(path) ? read(path) : null;
    }

    private boolean exists(String path) {
        return onFileSystem(path, FileSystem::exists);
    }

    private boolean onFileSystem(String path, FileSystemCall call) {
        try {
            Path p = new Path(path);
            return call.apply(p.getFileSystem(spark.sparkContext().hadoopConfiguration()), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Hadoop file-system call on one path (exists, delete), which may throw. */
    private interface FileSystemCall {
        boolean apply(FileSystem fs, Path path) throws IOException;
    }

    /** Runs independent Spark jobs from one thread each; the first failure is rethrown as it was. */
    private static void concurrently(List<Runnable> jobs) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, jobs.size()));
        try {
            List<Future<?>> running = jobs.stream().<Future<?>>map(threads::submit).toList();
            for (Future<?> job : running) {
                job.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void write(Dataset<Row> data, String path) {
        data.write().mode(SaveMode.Overwrite).option("compression", "snappy").parquet(path);
    }
}
