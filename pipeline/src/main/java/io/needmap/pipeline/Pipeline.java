package io.needmap.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.needmap.pipeline.features.FeatureModel;
import io.needmap.pipeline.features.FeatureSources;
import io.needmap.pipeline.features.FeatureStage;
import io.needmap.pipeline.ingest.IngestResult;
import io.needmap.pipeline.ingest.IngestStage;
import io.needmap.pipeline.ingest.InputException;
import io.needmap.pipeline.ingest.InputReader;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.model.UserLabels;
import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.output.Manifest;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.output.StagedOutput;
import io.needmap.pipeline.profile.ProfileStage;
import io.needmap.pipeline.profile.SegmentMap;
import io.needmap.pipeline.report.ReportStage;
import io.needmap.pipeline.report.WallData;
import io.needmap.pipeline.segment.SegmentLineage;
import io.needmap.pipeline.segment.SegmentModel;
import io.needmap.pipeline.segment.SegmentStage;
import io.needmap.pipeline.topics.TermCache;
import io.needmap.pipeline.topics.TopicStage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
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
    /** Input bytes per shuffle partition when {@code spark.shuffle-partitions=auto}. */
    private static final long INPUT_BYTES_PER_PARTITION = 16L << 20;
    /** The auto count's bounds: both cores of a laptop busy, and the count large inputs were measured with. */
    private static final int MIN_AUTO_PARTITIONS = 2;

    private static final int MAX_AUTO_PARTITIONS = 32;
    /** Manifest key, per input table: the accepted rows' content hash (see {@link NeedmapModel.Fingerprint}). */
    private static final String CONTENT_HASH = "content_hash";
    /** How long to wait for metrics observed while a table was written; without them, a pass of its own. */
    private static final Duration OBSERVED_WITHIN = Duration.ofSeconds(30);

    private final SparkSession spark;
    private final PipelineConfig config;
    private final OutputLayout layout;
    private final RunContext context;
    /** The saved model {@link #assign} places accounts with; null when this run fits its own. */
    private final NeedmapModel placing;
    /** The term cache of the run this one continues (--previous, or assign's model), or null. */
    private final String termCacheSource;
    /**
     * Whether the shuffle partition count was fixed before the run (a number in
     * {@code spark.shuffle-partitions}, or Spark's own {@code spark.sql.shuffle.partitions}); else
     * ingest chooses it from the input's size and every later stage reads it from the manifest.
     */
    private final boolean shufflePartitionsFixed;

    public Pipeline(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        this(spark, config, layout, RunContext.none());
    }

    public Pipeline(SparkSession spark, PipelineConfig config, OutputLayout layout, RunContext context) {
        this(
                spark,
                config,
                layout,
                context,
                null,
                context.previous() == null ? null : new OutputLayout(context.previous()).termCache());
    }

    private Pipeline(
            SparkSession spark,
            PipelineConfig config,
            OutputLayout layout,
            RunContext context,
            NeedmapModel placing,
            String termCacheSource) {
        this.spark = spark;
        this.config = config;
        this.layout = layout;
        this.context = context;
        this.placing = placing;
        this.termCacheSource = termCacheSource;
        this.shufflePartitionsFixed = spark.conf().contains(SparkSessions.SHUFFLE_PARTITIONS);
    }

    /** Rows a stage read and wrote, for its log line; its manifest sections are saved by then. */
    private record StageReport(long rowsIn, long rowsOut) {}

    /**
     * A stage of {@link #run}: its name, the outputs of earlier stages it cannot run without (checked
     * before it starts), what it writes under the output folder, and its work.
     */
    private record Stage(String name, List<String> reads, List<String> writes, Supplier<StageReport> work) {}

    /** The stages of a run, in order; {@code inputDir} is read by ingest only. */
    private List<Stage> stages(String inputDir) {
        String accounts = layout.accepted(Table.ACCOUNTS);
        String follows = layout.accepted(Table.FOLLOWS);
        return List.of(
                new Stage(
                        "ingest",
                        List.of(),
                        List.of(layout.root() + "/accepted", layout.rejects(), layout.repairs()),
                        () -> ingestStage(inputDir)),
                new Stage(
                        "topics",
                        List.of(accounts),
                        List.of(layout.accountTerms(), layout.interestTerms(), layout.termCache()),
                        config.topics().enabled() ? this::topicsStage : this::skipTopics),
                new Stage(
                        "features",
                        List.of(accounts, follows),
                        List.of(layout.embeddings(), layout.model()),
                        this::featuresStage),
                new Stage(
                        "segment",
                        List.of(layout.embeddings()),
                        List.of(layout.memberships(), layout.segmentLineage()),
                        this::segmentStage),
                new Stage(
                        "profile",
                        List.of(layout.memberships(), accounts, follows),
                        List.of(
                                layout.segments(),
                                layout.segmentInterests(),
                                layout.segmentTerms(),
                                layout.segmentDemographics(),
                                layout.segmentOverlap(),
                                layout.segmentAssets(),
                                layout.segmentGaps(),
                                layout.segmentPartners()),
                        this::profileStage),
                new Stage(
                        "report",
                        List.of(layout.segments(), layout.segmentOverlap(), layout.segmentDemographics()),
                        List.of(layout.report(), layout.wallPdf()),
                        this::reportStage));
    }

    private Stage stage(String name) {
        return stages(null).stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Every stage, in order, straight into the output folder. */
    public void run(String inputDir) {
        stages(inputDir).forEach(this::execute);
    }

    /**
     * Every stage, in order, into a staging folder: a stage that already finished there from the same
     * input files, settings, needmap version and earlier stages is reused (after a crash, with
     * {@code --resume}), the others run and leave their marker.
     *
     * @return the summary {@code _SUCCESS} carries once the staging folder is published
     */
    public Map<String, Object> run(String inputDir, StagedOutput staged) {
        long start = System.nanoTime();
        String fingerprint = runFingerprint(inputDir);
        List<String> reused = new ArrayList<>();
        for (Stage stage : stages(inputDir)) {
            fingerprint = Fingerprints.sha256(fingerprint + "/" + stage.name());
            if (staged.finished(stage.name(), fingerprint)) {
                StageLog.reused(stage.name());
                reused.add(stage.name());
                continue;
            }
            execute(stage);
            staged.markFinished(stage.name(), fingerprint);
        }
        Manifest manifest = manifest();
        manifest.put("resumed_stages", reused);
        manifest.save();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("needmap_version", BuildVersions.load().getProperty("needmap", "unknown"));
        summary.put("finished", java.time.Instant.now().toString());
        summary.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        summary.put("accounts", read(layout.memberships()).count());
        summary.put("segments", manifest.get("profile") instanceof Map<?, ?> profile ? profile.get("segments") : null);
        summary.put("resumed_stages", reused);
        return summary;
    }

    /**
     * What a run is computed from: the input files (path, size, modification time), every setting,
     * the previous run and labels file it continues, and the needmap version.
     */
    private String runFingerprint(String inputDir) {
        StringBuilder what = new StringBuilder(BuildVersions.load().getProperty("needmap", "unknown"));
        context.settings().forEach((key, value) -> {
            if (!key.equals("run.progress-seconds")) { // only logging: a resumed run may change it
                what.append('\n').append(key).append('=').append(value);
            }
        });
        what.append("\nprevious=")
                .append(context.previous())
                .append("\nlabels=")
                .append(context.labels());
        for (String listed : new String[] {inputDir, context.labels()}) {
            if (listed != null) {
                what.append('\n')
                        .append(Fingerprints.listing(
                                listed, spark.sparkContext().hadoopConfiguration()));
            }
        }
        return Fingerprints.sha256(what.toString());
    }

    public void ingest(String inputDir) {
        execute(stages(inputDir).get(0));
    }

    public void topics() {
        execute(stage("topics"));
    }

    public void features() {
        execute(stage("features"));
    }

    public void segment() {
        execute(stage("segment"));
    }

    public void profile() {
        execute(stage("profile"));
    }

    public void report() {
        execute(stage("report"));
    }

    /**
     * Places the accounts of a new export into the segments of the model saved in {@code modelDir}:
     * ingest, topics and features as the model's run did them (its settings, its vocabulary, weights and
     * basis), each account to its nearest saved centroid under the saved id, then profile and report
     * with the saved labels. Nothing is refitted and no model is written.
     *
     * @return the summary {@code _SUCCESS} carries once the staging folder is published
     */
    public Map<String, Object> assign(String modelDir, String inputDir, StagedOutput staged) {
        NeedmapModel model = NeedmapModel.load(modelDir, spark);
        if (model.segments() == null) {
            throw new InputException("The model in " + modelDir + " has no segments yet: run `needmap segment` first.");
        }
        Properties trained = new Properties();
        trained.putAll(context.settings());
        model.metadata().settings().forEach((key, value) -> {
            if (!key.startsWith("spark.") && !key.startsWith("ingest.") && !key.startsWith("run.")) {
                trained.setProperty(key, value);
            }
        });
        Pipeline placed = new Pipeline(
                spark,
                PipelineConfig.from(trained),
                layout,
                context,
                model,
                new OutputLayout(new Path(modelDir).getParent().toString()).termCache());
        Map<String, Object> summary = placed.run(inputDir, staged);
        Manifest manifest = manifest();
        manifest.put(
                "assigned_with_model",
                Map.of(
                        "model",
                        modelDir,
                        "needmap_version",
                        model.metadata().needmapVersion(),
                        "created",
                        model.metadata().created()));
        manifest.save();
        return summary;
    }

    private StageReport ingestStage(String inputDir) {
        int partitions = shufflePartitionsFixed
                ? Integer.parseInt(spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS))
                : autoShufflePartitions(inputDir);
        spark.conf().set(SparkSessions.SHUFFLE_PARTITIONS, partitions);
        IngestResult result = IngestStage.run(new InputReader(spark, inputDir, config.format()));
        // Each table's fingerprint (rows, content hash) is observed while it is written: no pass of its own.
        Map<Table, Observation> fingerprints = new EnumMap<>(Table.class);
        result.accepted().keySet().forEach(table -> fingerprints.put(table, new Observation(table.fileName())));
        Consumer<Table> writeAccepted = table -> {
            Dataset<Row> rows = result.accepted().get(table);
            write(NeedmapModel.Fingerprint.observed(rows, fingerprints.get(table)), layout.accepted(table));
        };
        // Accounts first: follows and posts are checked against them. The other tables are written
        // concurrently, so a file parsed in one task (multi-line CSV) leaves no core idle.
        writeAccepted.accept(Table.ACCOUNTS);
        concurrently(result.accepted().keySet().stream()
                .filter(table -> table != Table.ACCOUNTS)
                .map(table -> (Runnable) () -> writeAccepted.accept(table))
                .toList());
        write(result.rejects(), layout.rejects());
        write(result.repairs(), layout.repairs());
        Map<String, Long> repairedByTable = countsByTable(result.repairedRows()); // reads the cache: before clearing it
        spark.catalog().clearCache();

        Map<String, Long> rejectedByTable =
                countsByTable(read(layout.rejects()).groupBy(IngestResult.TABLE).count());
        Map<String, Map<String, Long>> repairsByTable = new LinkedHashMap<>();
        read(layout.repairs())
                .groupBy(IngestResult.TABLE, IngestResult.COLUMN)
                .count()
                .orderBy(IngestResult.TABLE, IngestResult.COLUMN)
                .collectAsList()
                .forEach(r -> repairsByTable
                        .computeIfAbsent(r.getString(0), t -> new LinkedHashMap<>())
                        .put(r.getString(1), r.getLong(2)));
        Map<String, Object> tables = new LinkedHashMap<>();
        long read = 0;
        long accepted = 0;
        for (Table table : result.accepted().keySet()) {
            NeedmapModel.Fingerprint fingerprint = ObservedMetrics.arrived(fingerprints.get(table), OBSERVED_WITHIN)
                    .map(NeedmapModel.Fingerprint::of)
                    .orElseGet(() -> NeedmapModel.Fingerprint.of(read(layout.accepted(table))));
            long ok = fingerprint.rows();
            long bad = rejectedByTable.getOrDefault(table.fileName(), 0L);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("read", ok + bad);
            counts.put("accepted", ok);
            counts.put("rejected", bad);
            counts.put("repaired_rows", repairedByTable.getOrDefault(table.fileName(), 0L));
            counts.put("repairs", repairsByTable.getOrDefault(table.fileName(), Map.of()));
            counts.put(CONTENT_HASH, fingerprint.hash());
            tables.put(table.fileName(), counts);
            read += ok + bad;
            accepted += ok;
        }
        Manifest manifest = manifest();
        manifest.put("input", inputDir).put("tables", tables).put("shuffle_partitions", partitions);
        return done(manifest, read, accepted);
    }

    /**
     * One shuffle partition per {@value #INPUT_BYTES_PER_PARTITION} bytes of input, within
     * [{@value #MIN_AUTO_PARTITIONS}, {@value #MAX_AUTO_PARTITIONS}]: a small audience's shuffles
     * (and the cached tables they feed, which adaptive execution does not coalesce) are then a few
     * tasks rather than 32 near-empty ones. A function of the input only, never of the cluster, so
     * that a laptop and a cluster still split the same input alike.
     */
    private int autoShufflePartitions(String inputDir) {
        Path input = new Path(inputDir);
        long bytes;
        try {
            bytes = input.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .getContentSummary(input)
                    .getLength();
        } catch (FileNotFoundException e) {
            return MIN_AUTO_PARTITIONS; // the input reader reports the missing folder in a sentence
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot size the input " + inputDir, e);
        }
        long partitions = (bytes + INPUT_BYTES_PER_PARTITION - 1) / INPUT_BYTES_PER_PARTITION;
        return (int) Math.max(MIN_AUTO_PARTITIONS, Math.min(MAX_AUTO_PARTITIONS, partitions));
    }

    /** {@code table, count} rows as a map. */
    private static Map<String, Long> countsByTable(Dataset<Row> counts) {
        Map<String, Long> byTable = new LinkedHashMap<>();
        counts.collectAsList().forEach(r -> byTable.put(r.getString(0), r.getLong(1)));
        return byTable;
    }

    private StageReport topicsStage() {
        Dataset<Row> accounts = read(layout.accepted(Table.ACCOUNTS));
        Dataset<Row> interests = readIfExists(layout.accepted(Table.INTERESTS));
        TermCache cache = termCacheSource == null
                ? TermCache.none(config.topics())
                : TermCache.open(spark, termCacheSource, config.topics());
        TopicStage.Result result = TopicStage.run(
                accounts,
                readIfExists(layout.accepted(Table.POSTS)),
                interests == null
                        ? null
                        : new TopicStage.Interests(
                                interests, read(layout.accepted(Table.FOLLOWS)), minFollowersThatMatter()),
                config.topics(),
                cache);
        write(result.accountTerms(), layout.accountTerms());
        if (result.interestTerms() != null) {
            write(result.interestTerms(), layout.interestTerms());
        } else {
            delete(layout.interestTerms());
        }
        write(result.termCache(), layout.termCache());
        result.release();
        spark.catalog().clearCache();
        Map<String, Map<String, Long>> texts = result.textCounts().bySource();
        long read = texts.values().stream()
                .mapToLong(measures -> measures.get("texts"))
                .sum();
        Row termStats = read(layout.accountTerms())
                .agg(count(lit(1)), countDistinct("term"), countDistinct("account_id"))
                .first();
        Manifest manifest = manifest();
        Map<String, Object> topics = new LinkedHashMap<>(); // replaces an earlier run's section, "skipped" included
        topics.put("texts", texts);
        topics.put("term_cache", termCacheSection(cache, texts));
        if (interests != null) {
            long tagged = texts.getOrDefault("interest", Map.of()).getOrDefault("texts", 0L);
            topics.put(
                    "interests_skipped",
                    Map.of(
                            "rows",
                            interests.count() - tagged,
                            "reason",
                            "followed by fewer than " + minFollowersThatMatter() + " audience accounts"));
        }
        topics.put("distinct_terms", termStats.getLong(1));
        topics.put("accounts_with_terms", termStats.getLong(2));
        manifest.put("topics", topics);
        return done(manifest, read, termStats.getLong(0));
    }

    /**
     * Audience followers a followed account needs to matter downstream: to be a feature
     * ({@code features.min-accounts}) or, failing that, to be listed in a profile.
     */
    private int minFollowersThatMatter() {
        return minFollowersThatMatter(config);
    }

    /** {@link #minFollowersThatMatter()} of a configuration; public for the topics benchmark. */
    public static int minFollowersThatMatter(PipelineConfig config) {
        return Math.min(
                config.features().minAccounts(),
                Math.max(config.profile().minSupport(), config.profile().minMembers()));
    }

    /** Removes the term tables an earlier run may have left, so no stage reads stale terms. */
    /** Where this run's cache came from, how many texts it served and how many were tagged. */
    private Map<String, Object> termCacheSection(TermCache cache, Map<String, Map<String, Long>> texts) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("from", termCacheSource);
        if (cache.dropped() != null) {
            section.put("dropped", cache.dropped());
        }
        long fromCache =
                texts.values().stream().mapToLong(m -> m.get("from_cache")).sum();
        long read = texts.values().stream().mapToLong(m -> m.get("texts")).sum();
        section.put("texts_from_cache", fromCache);
        section.put("texts_tagged", read - fromCache);
        return section;
    }

    private StageReport skipTopics() {
        List.of(layout.accountTerms(), layout.interestTerms(), layout.termCache())
                .forEach(this::delete);
        Manifest manifest = manifest();
        manifest.put("topics", Map.of("skipped", "topics.enabled=false"));
        return done(manifest, 0, 0);
    }

    private StageReport featuresStage() {
        Dataset<Row> follows = read(layout.accepted(Table.FOLLOWS));
        Dataset<Row> accounts = read(layout.accepted(Table.ACCOUNTS));
        Dataset<Row> occurrences = FeatureSources.follows(follows);
        if (config.topics().termWeight() > 0 && exists(layout.accountTerms())) {
            occurrences = occurrences.unionByName(FeatureSources.terms(
                    read(layout.accountTerms()), config.topics().termWeight()));
        }
        if (config.features().followedTermWeight() > 0 && exists(layout.interestTerms())) {
            occurrences = occurrences.unionByName(FeatureSources.followedTerms(
                    follows, read(layout.interestTerms()), config.features().followedTermWeight()));
        }
        FeatureModel model;
        Observation embedded = new Observation("embedded");
        try (FeatureStage.Fitted fitted = placing != null
                ? new FeatureStage.Fitted(placing.features(), placing.features().transform(occurrences, accounts))
                : FeatureStage.fitTransform(occurrences, accounts, config.features())) {
            model = fitted.model();
            Dataset<Row> embeddings = fitted.embeddings().accounts();
            write(embeddings.observe(embedded, count(col("embedding")).as("with_signal")), layout.embeddings());
        }
        if (placing == null) {
            new NeedmapModel(model, null, Map.of(), modelMetadata(inputFingerprints())).save(layout.model(), spark);
        }
        spark.catalog().clearCache();
        long withSignal = ObservedMetrics.arrived(embedded, OBSERVED_WITHIN)
                .map(metrics -> ((Number) metrics.get("with_signal")).longValue())
                .orElseGet(() -> read(layout.embeddings())
                        .filter(col("embedding").isNotNull())
                        .count());
        Manifest manifest = manifest();
        manifest.putIn("features", "vocabulary", model.features().size());
        manifest.putIn("features", "accounts_with_features", withSignal);
        return done(manifest, follows.count(), withSignal);
    }

    private StageReport segmentStage() {
        Dataset<Row> embeddings = read(layout.embeddings());
        if (placing != null) {
            return place(embeddings);
        }
        SegmentStage.Result result = SegmentStage.run(embeddings, config.segment());
        SegmentModel model = continueLineage(result);
        write(
                model == result.model() ? result.memberships() : SegmentStage.assign(embeddings, model),
                layout.memberships());
        result.memberships().unpersist();
        saveSegments(model);
        Map<String, Object> candidates = new LinkedHashMap<>();
        result.model().candidates().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(c -> candidates.put(
                        String.valueOf(c.getKey()),
                        Map.of(
                                "stable_share",
                                rounded(c.getValue().stableShare()),
                                "min_jaccard",
                                rounded(c.getValue().minJaccard()),
                                "silhouette",
                                rounded(c.getValue().silhouette()))));
        Map<String, Object> segmentation = new LinkedHashMap<>();
        segmentation.put("k", result.model().k());
        segmentation.put("criterion", result.model().criterion());
        segmentation.put("fit_sample", result.sampleSize());
        segmentation.put("candidates", candidates);
        segmentation.put("merges", result.model().merges());
        Map<Integer, Double> stability = new TreeMap<>();
        for (int s = 0; s < model.k(); s++) {
            stability.put(
                    model.segmentIds()[s], Double.isNaN(model.stability()[s]) ? null : rounded(model.stability()[s]));
        }
        segmentation.put("stability", stability);
        segmentation.put("accounts_without_signal", result.withoutSignal());
        Manifest manifest = manifest();
        manifest.put("segmentation", segmentation);
        // One membership per account: rows in and out are the same accounts.
        return done(manifest, result.accounts(), result.accounts());
    }

    /** The segment stage of {@code assign}: every account to its nearest saved segment, nothing refitted. */
    private StageReport place(Dataset<Row> embeddings) {
        write(SegmentStage.assign(embeddings, placing.segments()), layout.memberships());
        delete(layout.segmentLineage());
        Dataset<Row> memberships = read(layout.memberships());
        Map<String, Object> segmentation = new LinkedHashMap<>();
        segmentation.put("k", placing.segments().k());
        segmentation.put("criterion", "placed into the segments of a saved model, not refitted");
        segmentation.put(
                "accounts_without_signal", memberships.filter("segment_id < 0").count());
        Manifest manifest = manifest();
        manifest.put("segmentation", segmentation);
        return done(manifest, embeddings.count(), memberships.count());
    }

    /**
     * With {@code --previous}: the fitted segments under the ids of the previous run's segments
     * they continue ({@link SegmentLineage}), {@code segment_lineage/} written, the input row counts
     * compared with the previous run's. Without: the fit as it is, and no lineage table.
     */
    private SegmentModel continueLineage(SegmentStage.Result result) {
        Manifest manifest = manifest();
        manifest.remove("previous_run").remove("lineage").put("warnings", new ArrayList<>());
        if (context.previous() == null) {
            delete(layout.segmentLineage());
            manifest.save();
            return result.model();
        }
        OutputLayout previous = new OutputLayout(context.previous());
        NeedmapModel before = NeedmapModel.loadLineage(previous.model(), spark);
        if (before.segments() == null) {
            throw new InputException("The previous run in " + context.previous() + " has no segments in its model.");
        }
        Dataset<Row> previousMemberships = read(previous.memberships());
        Map<Integer, Long> previousSizes = new TreeMap<>();
        previousMemberships
                .filter("segment_id >= 0")
                .groupBy("segment_id")
                .count()
                .collectAsList()
                .forEach(r -> previousSizes.put(r.getInt(0), r.getLong(1)));
        long[] sizes = new long[result.model().k()];
        result.memberships()
                .filter("segment_id >= 0")
                .groupBy("segment_id")
                .count()
                .collectAsList()
                .forEach(r -> sizes[r.getInt(0)] = r.getLong(1));
        Map<Integer, String> userLabels = new TreeMap<>();
        before.labels().forEach((id, label) -> {
            if (Columns.USER.equals(label.source())) {
                userLabels.put(id, label.label());
            }
        });
        SegmentLineage.Result lineage = SegmentLineage.match(
                previousSizes,
                sizes,
                SegmentLineage.overlaps(result.memberships(), previousMemberships),
                before.segments().nextSegmentId(),
                userLabels);
        write(SegmentLineage.table(spark, lineage.transitions()).repartition(1), layout.segmentLineage());
        manifest.put(
                "lineage",
                Map.of("previous", context.previous(), "transitions", SegmentLineage.summary(lineage.transitions())));
        compareInputs(
                manifest,
                Manifest.open(previous.manifest(), spark.sparkContext().hadoopConfiguration()));
        manifest.save();
        return result.model().withIds(lineage.ids(), lineage.nextSegmentId());
    }

    /**
     * Accepted rows per input table next to the previous run's, with a warning when a table moved
     * by more than {@code run.row-count-warning-factor} either way.
     */
    @SuppressWarnings("unchecked")
    private void compareInputs(Manifest manifest, Manifest previous) {
        Map<String, Object> now = (Map<String, Object>) manifest.get("tables");
        Map<String, Object> then = (Map<String, Object>) previous.get("tables");
        Map<String, Object> tables = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        double factor = config.rowCountWarningFactor();
        if (now != null && then != null) {
            now.forEach((table, counts) -> {
                long accepted = ((Number) ((Map<String, Object>) counts).get("accepted")).longValue();
                Map<String, Object> before = (Map<String, Object>) then.get(table);
                Long previousAccepted = before == null ? null : ((Number) before.get("accepted")).longValue();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("accepted", accepted);
                row.put("previous_accepted", previousAccepted);
                tables.put(table, row);
                long was = previousAccepted == null ? 0 : previousAccepted;
                if (accepted > factor * was || was > factor * accepted) {
                    warnings.add(String.format(
                            java.util.Locale.ROOT,
                            "%s: %,d accepted rows against %,d in the previous run (more than %.1f times %s)",
                            table,
                            accepted,
                            was,
                            factor,
                            accepted > was ? "more" : "fewer"));
                }
            });
        }
        warnings.forEach(StageLog::warn);
        manifest.put("previous_run", Map.of("output", context.previous(), "tables", tables));
        manifest.put("warnings", warnings);
    }

    /** Saves the segments into this run's model, with the labels a team gave them (previous run's, then --labels). */
    @SuppressWarnings("unchecked")
    private void saveSegments(SegmentModel segments) {
        Map<Integer, NeedmapModel.SegmentLabel> labels = new TreeMap<>();
        if (context.previous() != null) {
            NeedmapModel.loadLineage(new OutputLayout(context.previous()).model(), spark)
                    .labels()
                    .forEach((id, l) -> {
                        if (Columns.USER.equals(l.source()) && segments.indexOf(id) >= 0) {
                            labels.put(id, l);
                        }
                    });
        }
        List<Integer> unknown = new ArrayList<>();
        if (context.labels() != null) {
            UserLabels.read(spark, context.labels()).forEach((id, label) -> {
                if (segments.indexOf(id) >= 0) {
                    labels.put(id, new NeedmapModel.SegmentLabel(label, Columns.USER));
                } else {
                    unknown.add(id);
                }
            });
        }
        if (!unknown.isEmpty()) {
            String warning = "labels for segments " + unknown + " are ignored: this run has no segment with that id";
            StageLog.warn(warning);
            Manifest manifest = manifest();
            List<Object> warnings = new ArrayList<>((List<Object>) manifest.get("warnings"));
            warnings.add(warning);
            manifest.put("warnings", warnings).save();
        }
        NeedmapModel model = NeedmapModel.load(layout.model(), spark);
        new NeedmapModel(
                        model.features(),
                        segments,
                        labels,
                        modelMetadata(model.metadata().inputs()))
                .save(layout.model(), spark);
    }

    private NeedmapModel.Metadata modelMetadata(Map<String, NeedmapModel.Fingerprint> inputs) {
        return new NeedmapModel.Metadata(
                NeedmapModel.currentVersions(),
                Instant.now().toString(),
                context.commandLine(),
                context.settings(),
                config.seed(),
                inputs);
    }

    /**
     * The fingerprint of each accepted input table, as ingest recorded it in the manifest; computed
     * here (one pass per table) only for an output whose ingest did not record it.
     */
    @SuppressWarnings("unchecked")
    private Map<String, NeedmapModel.Fingerprint> inputFingerprints() {
        Map<String, Map<String, Object>> recorded =
                (Map<String, Map<String, Object>>) manifest().get("tables");
        Map<String, NeedmapModel.Fingerprint> inputs = new TreeMap<>();
        for (Table table : Table.values()) {
            Map<String, Object> counts = recorded == null ? null : recorded.get(table.fileName());
            if (counts != null && counts.get(CONTENT_HASH) != null) {
                inputs.put(
                        table.fileName(),
                        new NeedmapModel.Fingerprint(
                                ((Number) counts.get("accepted")).longValue(),
                                String.valueOf(counts.get(CONTENT_HASH))));
            } else if (exists(layout.accepted(table))) {
                inputs.put(table.fileName(), NeedmapModel.Fingerprint.of(read(layout.accepted(table))));
            }
        }
        return inputs;
    }

    private static double rounded(double value) {
        return Math.round(value * 1e4) / 1e4;
    }

    private StageReport profileStage() {
        Dataset<Row> memberships = read(layout.memberships());
        ProfileStage.Result result = ProfileStage.run(
                new ProfileStage.Inputs(
                        memberships,
                        read(layout.accepted(Table.FOLLOWS)),
                        read(layout.accepted(Table.ACCOUNTS)),
                        readIfExists(layout.accepted(Table.INTERESTS)),
                        readIfExists(layout.accepted(Table.POSTS)),
                        readIfExists(layout.accountTerms()),
                        readIfExists(layout.accepted(Table.ASSETS))),
                config.profile(),
                config.topics());
        // One file per table for BI tools. repartition(1), not coalesce(1): coalesce would also pull the
        // aggregations that produce these small tables into a single task. The tables are independent
        // and each is a chain of small stages, so they are written concurrently.
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(layout.segmentInterests(), result.segmentInterests());
        if (result.segmentTerms() != null) {
            tables.put(layout.segmentTerms(), result.segmentTerms());
        }
        // This run's model (none in assign, which keeps the saved one's labels), read once: the labels a
        // team wrote in it are kept, and every final label is saved back into it.
        NeedmapModel model =
                placing == null && exists(layout.model()) ? NeedmapModel.load(layout.model(), spark) : null;
        SegmentModel fitted = placing != null ? placing.segments() : model == null ? null : model.segments();
        Dataset<Row> segments =
                SegmentStage.withStability(UserLabels.apply(result.segments(), fixedLabels(model)), fitted);
        tables.put(layout.segments(), segments);
        if (fitted != null) {
            tables.put(layout.segmentMap(), SegmentMap.of(fitted, result.segments()));
        }
        tables.put(layout.segmentDemographics(), result.demographics());
        tables.put(layout.segmentOverlap(), result.overlap());
        tables.put(layout.segmentAssets(), result.segmentAssets());
        tables.put(layout.segmentGaps(), result.segmentGaps());
        tables.put(layout.segmentPartners(), result.segmentPartners());
        concurrently(tables.entrySet().stream()
                .map(t -> (Runnable) () -> write(t.getValue().repartition(1), t.getKey()))
                .toList());
        spark.catalog().clearCache();
        // The segments table is a few dozen rows: read once, and everything reported counted from it.
        List<Row> written = read(layout.segments())
                .select(Columns.SEGMENT_ID, Columns.LABEL, Columns.LABEL_SOURCE, "suppressed", "need")
                .orderBy(Columns.SEGMENT_ID)
                .collectAsList();
        if (model != null) {
            saveLabels(model, written);
        }
        Manifest manifest = manifest();
        manifest.putIn(
                "profile",
                "user_labelled_segments",
                written.stream()
                        .filter(r -> Columns.USER.equals(r.getString(2)))
                        .map(r -> r.getInt(0))
                        .toList());
        manifest.putIn("profile", "segments", written.size());
        manifest.putIn(
                "profile",
                "suppressed_segments",
                written.stream().filter(r -> r.getBoolean(3)).count());
        manifest.putIn(
                "profile",
                "labelled_with_need",
                written.stream().filter(r -> !r.isNullAt(4)).count());
        return done(manifest, memberships.count(), written.size());
    }

    /**
     * Labels the profile must not replace: a team's (source {@code user}) in this run's
     * {@code model}, or, in {@code assign}, every label of the saved model.
     */
    private Map<Integer, NeedmapModel.SegmentLabel> fixedLabels(NeedmapModel model) {
        if (placing != null) {
            return placing.labels();
        }
        Map<Integer, NeedmapModel.SegmentLabel> user = new TreeMap<>();
        if (model != null) {
            model.labels().forEach((id, label) -> {
                if (Columns.USER.equals(label.source())) {
                    user.put(id, label);
                }
            });
        }
        return user;
    }

    /**
     * Every segment's final label and its source into this run's {@code model}, for {@code assign}
     * and the next run; {@code segments} are rows of {@code segment_id, label, label_source, ...}.
     */
    private void saveLabels(NeedmapModel model, List<Row> segments) {
        if (model.segments() == null) {
            return;
        }
        Map<Integer, NeedmapModel.SegmentLabel> labels = new TreeMap<>();
        segments.forEach(r -> {
            if (!r.isNullAt(1)) {
                labels.put(r.getInt(0), new NeedmapModel.SegmentLabel(r.getString(1), r.getString(2)));
            }
        });
        model.withSegments(model.segments(), labels).save(layout.model(), spark);
    }

    @SuppressWarnings("unchecked")
    private StageReport reportStage() {
        WallData wall = WallData.of(
                WallData.Tables.read(spark, layout, (Map<String, ?>) manifest().get("tables")));
        ReportStage.write(
                wall, layout.report(), layout.wallPdf(), spark.sparkContext().hadoopConfiguration());
        return done(manifest(), wall.cards().size(), 2);
    }

    /** Saves what the stage put in the manifest and hands its row counts to {@link #execute}. */
    private static StageReport done(Manifest manifest, long rowsIn, long rowsOut) {
        manifest.save();
        return new StageReport(rowsIn, rowsOut);
    }

    /**
     * Runs one stage: checks that what it reads exists, times it (its Spark jobs in the job group of
     * its name, a progress line every {@code run.progress-seconds}), records its seconds and the run's
     * parameters in the manifest, and logs its one line.
     */
    private void execute(Stage stage) {
        for (String path : stage.reads()) {
            if (!exists(path)) {
                throw new InputException("Stage '" + stage.name() + "' reads " + path + ", which does not exist: run"
                        + " the stages before it first (needmap run does them all).");
            }
        }
        if (!shufflePartitionsFixed) {
            // The count ingest chose for this output (ingest itself sets its own): also when the
            // stages run one command at a time, or a resumed run reuses ingest.
            Object recorded = manifest().get("shuffle_partitions");
            spark.conf()
                    .set(
                            SparkSessions.SHUFFLE_PARTITIONS,
                            recorded == null ? MAX_AUTO_PARTITIONS : ((Number) recorded).intValue());
        }
        long start = System.nanoTime();
        StageReport report;
        try (StageProgress progress =
                StageProgress.start(spark.sparkContext(), stage.name(), config.progressSeconds())) {
            report = stage.work().get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Manifest manifest = manifest();
        manifest.putIn("stage_seconds", stage.name(), Math.round(seconds * 10) / 10.0);
        manifest.put("parameters", parameters()).put("seed", config.seed()).put("versions", versions());
        manifest.save();
        StageLog.log(stage.name(), report.rowsIn(), report.rowsOut(), seconds);
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("master", spark.sparkContext().master());
        p.put("shuffle_partitions", spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS));
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

    private void delete(String path) {
        onFileSystem(path, (fs, p) -> fs.delete(p, true));
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
            List<Future<?>> running =
                    jobs.stream().<Future<?>>map(threads::submit).toList();
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
