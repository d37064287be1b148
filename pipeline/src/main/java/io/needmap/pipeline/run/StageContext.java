package io.needmap.pipeline.run;

import io.needmap.pipeline.InputException;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.features.FeatureModel;
import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.output.Manifest;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.spark.InputScale;
import io.needmap.pipeline.spark.Parquet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Everything a {@link Stage} works with: the Spark session, the configuration, the output folder,
 * the run's context (command line, settings, previous run, labels), the manifest, and this run's
 * {@link NeedmapModel} as it is assembled in memory. Stages replace the model here; the
 * {@link Runner} saves it once, after the last stage that writes it.
 *
 * <p>Weakness: the model is held for one runner; a stage run on its own (one command per stage)
 * starts from the model saved in the output, so that command saves the whole model again.
 */
public final class StageContext {
    private final SparkSession spark;
    private final Configuration hadoop;
    private final PipelineConfig config;
    private final OutputLayout layout;
    private final RunContext run;
    private final InputScale scale;
    private NeedmapModel model;
    private boolean modelChanged;
    /** The feature part of the model as the output holds it (loaded or last saved); null when none is. */
    private FeatureModel savedFeatures;
    /**
     * The schema of each table this context wrote, so that reading it back needs no schema
     * inference (Spark runs a job per Parquet read to read a footer: some thirty per run).
     */
    private final Map<String, StructType> written = new ConcurrentHashMap<>();

    private StageContext(
            SparkSession spark,
            Configuration hadoop,
            PipelineConfig config,
            OutputLayout layout,
            RunContext run,
            InputScale scale) {
        this.spark = spark;
        this.hadoop = hadoop;
        this.config = config;
        this.layout = layout;
        this.run = run;
        this.scale = scale;
    }

    public static StageContext of(
            SparkSession spark, PipelineConfig config, OutputLayout layout, RunContext run, InputScale scale) {
        return new StageContext(spark, spark.sparkContext().hadoopConfiguration(), config, layout, run, scale);
    }

    /** A context for stages that touch only files and the manifest (the runner's tests): no Spark. */
    public static StageContext withoutSpark(Configuration hadoop, OutputLayout layout, RunContext run) {
        return new StageContext(null, hadoop, null, layout, run, null);
    }

    /** Starts from a saved model that no stage of this run replaces ({@code assign}). */
    public StageContext startingFrom(NeedmapModel saved) {
        this.model = saved;
        this.modelChanged = false;
        return this;
    }

    public SparkSession spark() {
        if (spark == null) {
            throw new IllegalStateException("this stage needs Spark, and the context was made without it");
        }
        return spark;
    }

    public Configuration hadoop() {
        return hadoop;
    }

    public PipelineConfig config() {
        return config;
    }

    public OutputLayout layout() {
        return layout;
    }

    public RunContext run() {
        return run;
    }

    public InputScale scale() {
        return scale;
    }

    /** The manifest as saved so far (each call reads it afresh). */
    public Manifest manifest() {
        return Manifest.open(layout.manifest(), hadoop);
    }

    /**
     * This run's model: the one a stage of this run made, else the one saved in the output.
     *
     * @throws InputException when neither exists
     */
    public NeedmapModel model() {
        if (model == null) {
            model = NeedmapModel.load(layout.model(), spark());
            savedFeatures = model.features();
        }
        return model;
    }

    /** {@link #model()}, or empty when no stage made one and the output holds none. */
    public Optional<NeedmapModel> modelIfAny() {
        return model != null || exists(layout.model()) ? Optional.of(model()) : Optional.empty();
    }

    /** Replaces this run's model in memory; the runner saves it. */
    public void model(NeedmapModel updated) {
        model = updated;
        modelChanged = true;
    }

    /**
     * Saves the model if a stage replaced it since it was last saved: all of it, or only its segments
     * and metadata when its feature part is the one the output already holds (a rerun of segment or
     * profile on its own).
     */
    @SuppressWarnings("ReferenceEquality") // the same object: the part loaded or saved, not an equal one
    void saveModel() {
        if (modelChanged) {
            if (model.features() == savedFeatures) {
                model.saveSegments(layout.model(), spark());
            } else {
                model.save(layout.model(), spark());
            }
            savedFeatures = model.features();
            modelChanged = false;
        }
    }

    /**
     * The Parquet table at {@code path}; with the schema it was written with when this context wrote
     * it (Spark reads every file column as nullable either way), else with the schema in its footer.
     */
    public Dataset<Row> read(String path) {
        StructType schema = written.get(path);
        return schema == null
                ? spark().read().parquet(path)
                : spark().read().schema(schema).parquet(path);
    }

    public Dataset<Row> readIfExists(String path) {
        return exists(path) ? read(path) : null;
    }

    /** Writes {@code data} as snappy Parquet, replacing what was there. */
    public void write(Dataset<Row> data, String path) {
        written.remove(path);
        Parquet.write(data, path);
        written.put(path, data.schema());
    }

    public boolean exists(String path) {
        Path p = new Path(path);
        try {
            return p.getFileSystem(hadoop).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String path) {
        written.remove(path);
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(hadoop);
            fs.delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs independent Spark jobs from one thread each; the first failure is rethrown as it was. */
    public static void concurrently(List<Runnable> jobs) {
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
}
