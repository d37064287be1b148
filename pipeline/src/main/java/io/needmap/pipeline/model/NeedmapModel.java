package io.needmap.pipeline.model;

import static io.needmap.pipeline.output.Columns.CENTROID;
import static io.needmap.pipeline.output.Columns.LABEL;
import static io.needmap.pipeline.output.Columns.LABEL_SOURCE;
import static io.needmap.pipeline.output.Columns.MIXING_WEIGHT;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.STABILITY;
import static io.needmap.pipeline.output.Columns.USER;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.needmap.pipeline.InputException;
import io.needmap.pipeline.config.BuildVersions;
import io.needmap.pipeline.features.FeatureModel;
import io.needmap.pipeline.features.TermConceptModel;
import io.needmap.pipeline.run.RunContext;
import io.needmap.pipeline.segment.SegmentModel;
import io.needmap.pipeline.spark.Parquet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUTPUT/model/}: everything needed to place an account into a run's segments without
 * refitting ({@code needmap assign}) and to continue its segment ids in the next run
 * ({@code run --previous}). Saved and loaded only here, through Hadoop's FileSystem and Spark's
 * Parquet writer, so any Hadoop path works:
 * <ul>
 *   <li>{@code metadata.json}: provenance in the manner of Spark ML's {@code DefaultParamsWriter}
 *       metadata: needmap and library versions, creation time, command line, every setting and the
 *       seed, a fingerprint (accepted rows, content hash) of each input table, and
 *       {@code next_segment_id};</li>
 *   <li>{@code feature_vocabulary/} ({@code feature, accounts, feature_weight, index}) and
 *       {@code feature_basis/} ({@code index, vector}: the SVD basis, one row per feature);</li>
 *   <li>{@code term_concepts/} ({@code term, concept, term_vector}: the concept and the vector of each
 *       term that has one, see {@link io.needmap.pipeline.features.TermConcepts}); a model without it
 *       has none, a model saved before term vectors has concepts only;</li>
 *   <li>{@code segments/} ({@code segment_id, centroid, stability, mixing_weight, label,
 *       label_source}), once the segment stage has run.</li>
 * </ul>
 * A model is refused, with one sentence, by a needmap of another version: embeddings and labels
 * are only comparable within one version of the feature and segment code.
 *
 * @param features the vocabulary and basis
 * @param segments centroids with their stable ids, or null before the segment stage has run
 * @param labels each segment's label and where it came from ({@code user} or {@code auto})
 * @param metadata provenance
 */
public record NeedmapModel(
        FeatureModel features, SegmentModel segments, Map<Integer, SegmentLabel> labels, Metadata metadata) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String METADATA = "metadata.json";
    static final String VOCABULARY = "feature_vocabulary";
    static final String BASIS = "feature_basis";
    static final String TERM_CONCEPTS = "term_concepts";
    static final String SEGMENTS = "segments";

    public NeedmapModel {
        labels = Map.copyOf(labels);
    }

    /** A segment's name and its source, {@code user} or {@code auto} ({@link io.needmap.pipeline.output.Columns}). */
    public record SegmentLabel(String label, String source) {}

    /**
     * An input table's accepted rows and the sum of their xxhash64 values (order-independent, and
     * independent of how the table is partitioned). Ingest computes it while it writes each table
     * ({@link #observed}), so that recording it costs no pass of its own.
     */
    public record Fingerprint(long rows, String hash) {
        private static final String ROWS = "rows";
        private static final String HASH = "hash";

        /** {@code table}, computing its fingerprint into {@code observation} as an action reads it. */
        public static Dataset<Row> observed(Dataset<Row> table, Observation observation) {
            Column[] aggregate = aggregate(table);
            return table.observe(observation, aggregate[0], aggregate[1]);
        }

        /** The fingerprint {@link #observed} computed, from the observation's values once the action has run. */
        public static Fingerprint of(Map<String, Object> observed) {
            return from(observed::get);
        }

        /** The fingerprint of {@code table}, by a pass of its own. */
        public static Fingerprint of(Dataset<Row> table) {
            Column[] aggregate = aggregate(table);
            return from(table.agg(aggregate[0], aggregate[1]).first()::getAs);
        }

        private static Column[] aggregate(Dataset<Row> table) {
            Column[] columns =
                    Arrays.stream(table.columns()).map(functions::col).toArray(Column[]::new);
            return new Column[] {
                count(lit(1)).as(ROWS),
                sum(xxhash64(columns).cast("decimal(38,0)")).as(HASH)
            };
        }

        /** From the values of {@link #aggregate}, looked up by name; an empty table's hash is "0". */
        private static Fingerprint from(Function<String, Object> valueOf) {
            Object hash = valueOf.apply(HASH);
            return new Fingerprint(
                    ((Number) valueOf.apply(ROWS)).longValue(),
                    hash == null ? "0" : ((BigDecimal) hash).toPlainString());
        }
    }

    /**
     * Provenance of a model.
     *
     * @param versions needmap's and its libraries' versions ({@link BuildVersions}, plus java)
     * @param created ISO-8601 instant
     * @param commandLine the arguments of the command that wrote the model
     * @param settings every configuration key the run used
     * @param inputs fingerprint of each accepted input table
     */
    public record Metadata(
            Map<String, String> versions,
            String created,
            List<String> commandLine,
            Map<String, String> settings,
            long seed,
            Map<String, Fingerprint> inputs) {
        public Metadata {
            versions = Map.copyOf(versions);
            commandLine = List.copyOf(commandLine);
            settings = Map.copyOf(settings);
            inputs = Map.copyOf(inputs);
        }

        /** Provenance of a model made now by the run of {@code context}, from inputs with these fingerprints. */
        public static Metadata of(RunContext context, long seed, Map<String, Fingerprint> inputs) {
            return new Metadata(
                    currentVersions(),
                    Instant.now().toString(),
                    context.commandLine(),
                    context.settings(),
                    seed,
                    inputs);
        }

        public String needmapVersion() {
            return versions.get("needmap");
        }
    }

    /** The labels a team wrote (source {@code user}), which no automatic label replaces. */
    public Map<Integer, SegmentLabel> userLabels() {
        Map<Integer, SegmentLabel> user = new TreeMap<>();
        labels.forEach((id, label) -> {
            if (USER.equals(label.source())) {
                user.put(id, label);
            }
        });
        return user;
    }

    /** The same model with other segments (and their labels). */
    public NeedmapModel withSegments(SegmentModel fitted, Map<Integer, SegmentLabel> segmentLabels) {
        return new NeedmapModel(features, fitted, segmentLabels, metadata);
    }

    /** The versions this build of needmap reports (needmap, spark, smile, corenlp, java). */
    public static Map<String, String> currentVersions() {
        Map<String, String> versions = new TreeMap<>();
        BuildVersions.load().forEach((k, v) -> versions.put(String.valueOf(k), String.valueOf(v)));
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    /** Writes the model to {@code location}, replacing whatever was there. */
    public void save(String location, SparkSession spark) {
        Path root = new Path(location);
        try {
            root.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(root, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the model to " + location, e);
        }
        Parquet.write(features.vocabulary(spark).coalesce(1), location + "/" + VOCABULARY);
        List<Row> basis = new ArrayList<>(features.features().size());
        for (int i = 0; i < features.features().size(); i++) {
            basis.add(RowFactory.create(i, boxed(features.basis(), i * features.dimensions(), features.dimensions())));
        }
        Parquet.write(spark.createDataFrame(basis, basisSchema()).coalesce(1), location + "/" + BASIS);
        Parquet.write(features.termConcepts().table(spark).coalesce(1), location + "/" + TERM_CONCEPTS);
        saveSegments(location, spark);
    }

    /**
     * Writes the segments, their labels and the metadata to the model at {@code location}, replacing
     * those and keeping its feature part: what a rerun of the segment or profile stage changes (the
     * vocabulary and basis of a large audience are most of a model's bytes).
     */
    public void saveSegments(String location, SparkSession spark) {
        Path root = new Path(location);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(new Path(root, SEGMENTS), true);
            if (segments != null) {
                List<Row> rows = new ArrayList<>();
                for (int s = 0; s < segments.k(); s++) {
                    SegmentLabel label = labels.get(segments.segmentIds()[s]);
                    rows.add(RowFactory.create(
                            segments.segmentIds()[s],
                            boxed(segments.centroids()[s], 0, segments.centroids()[s].length),
                            Double.isNaN(segments.stability()[s]) ? null : segments.stability()[s],
                            segments.weights()[s],
                            label == null ? null : label.label(),
                            label == null ? null : label.source()));
                }
                Parquet.write(spark.createDataFrame(rows, segmentSchema()).coalesce(1), location + "/" + SEGMENTS);
            }
            try (OutputStream out = fs.create(new Path(root, METADATA), true)) {
                JSON.writeValue(out, metadataJson());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the model to " + location, e);
        }
    }

    private Map<String, Object> metadataJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("class", NeedmapModel.class.getName());
        json.put("needmap_version", metadata.needmapVersion());
        json.put("versions", new TreeMap<>(metadata.versions()));
        json.put("created", metadata.created());
        json.put("command_line", metadata.commandLine());
        json.put("seed", metadata.seed());
        json.put("settings", new TreeMap<>(metadata.settings()));
        Map<String, Object> inputs = new TreeMap<>();
        metadata.inputs().forEach((table, f) -> inputs.put(table, Map.of("rows", f.rows(), "hash", f.hash())));
        json.put("inputs", inputs);
        json.put("features", features.features().size());
        json.put("dimensions", features.dimensions());
        if (segments != null) {
            json.put("segments", segments.k());
            json.put("next_segment_id", segments.nextSegmentId());
        }
        return json;
    }

    /**
     * The model at {@code location}.
     *
     * @throws InputException when there is none, or it was written by another version of needmap
     */
    public static NeedmapModel load(String location, SparkSession spark) {
        return read(location, spark, true);
    }

    /**
     * The segment ids and labels of a model of any version, for {@code run --previous}: they
     * depend on no version's feature code (its feature basis is read but must not be used).
     */
    public static NeedmapModel loadLineage(String location, SparkSession spark) {
        return read(location, spark, false);
    }

    @SuppressWarnings("unchecked")
    private static NeedmapModel read(String location, SparkSession spark, boolean sameVersion) {
        Path root = new Path(location);
        Map<String, Object> json;
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path metadataFile = new Path(root, METADATA);
            if (!fs.exists(metadataFile)) {
                throw new InputException(location + " holds no needmap model (no " + METADATA
                        + "): point to the model/ folder of a run's output.");
            }
            try (InputStream in = fs.open(metadataFile)) {
                json = JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model in " + location, e);
        }
        String version = String.valueOf(json.get("needmap_version"));
        String current = currentVersions().get("needmap");
        if (sameVersion && !version.equals(current)) {
            throw new InputException(
                    "The model in " + location + " was written by needmap " + version + " and this is needmap "
                            + current + ": rerun `needmap run` with this version to build a new model.");
        }
        List<String> features = new ArrayList<>();
        List<Long> accounts = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        spark.read()
                .parquet(location + "/" + VOCABULARY)
                .orderBy("index")
                .collectAsList()
                .forEach(r -> {
                    features.add(r.getAs("feature"));
                    accounts.add(r.getAs("accounts"));
                    weights.add(r.getAs(FeatureModel.FEATURE_WEIGHT));
                });
        int dimensions = ((Number) json.get("dimensions")).intValue();
        double[] basis = new double[features.size() * dimensions];
        spark.read().parquet(location + "/" + BASIS).collectAsList().forEach(r -> {
            List<Double> vector = r.getList(1);
            for (int d = 0; d < dimensions; d++) {
                basis[r.getInt(0) * dimensions + d] = vector.get(d);
            }
        });
        TermConceptModel termConcepts = TermConceptModel.EMPTY;
        try {
            Path conceptsPath = new Path(root, TERM_CONCEPTS);
            if (conceptsPath
                    .getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .exists(conceptsPath)) {
                termConcepts = TermConceptModel.fromTable(spark.read().parquet(location + "/" + TERM_CONCEPTS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the term concepts in " + location, e);
        }
        FeatureModel featureModel = new FeatureModel(
                features,
                accounts.stream().mapToLong(Long::longValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray(),
                basis,
                dimensions,
                termConcepts);
        SegmentModel segmentModel = null;
        Map<Integer, SegmentLabel> labels = new LinkedHashMap<>();
        if (json.containsKey("next_segment_id")) {
            List<Row> rows = spark.read()
                    .parquet(location + "/" + SEGMENTS)
                    .orderBy(SEGMENT_ID)
                    .collectAsList();
            double[][] centroids = new double[rows.size()][];
            double[] stability = new double[rows.size()];
            double[] mixingWeights = SegmentModel.equalWeights(rows.size());
            int[] ids = new int[rows.size()];
            for (int s = 0; s < rows.size(); s++) {
                Row r = rows.get(s);
                ids[s] = r.getAs(SEGMENT_ID);
                centroids[s] = r.<Double>getList(r.fieldIndex(CENTROID)).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
                boolean measured = Arrays.asList(r.schema().fieldNames()).contains(STABILITY)
                        && !r.isNullAt(r.fieldIndex(STABILITY));
                stability[s] = measured ? r.getDouble(r.fieldIndex(STABILITY)) : Double.NaN;
                if (Arrays.asList(r.schema().fieldNames()).contains(MIXING_WEIGHT)) {
                    mixingWeights[s] = r.getDouble(r.fieldIndex(MIXING_WEIGHT));
                }
                if (r.getAs(LABEL) != null) {
                    labels.put(ids[s], new SegmentLabel(r.getAs(LABEL), r.getAs(LABEL_SOURCE)));
                }
            }
            segmentModel = new SegmentModel(
                    centroids,
                    stability,
                    mixingWeights,
                    ids,
                    ((Number) json.get("next_segment_id")).intValue(),
                    Map.of(),
                    List.of(),
                    "segments of the model in " + location);
        }
        Map<String, Fingerprint> inputs = new TreeMap<>();
        ((Map<String, Map<String, Object>>) json.getOrDefault("inputs", Map.of()))
                .forEach((table, f) -> inputs.put(
                        table, new Fingerprint(((Number) f.get("rows")).longValue(), String.valueOf(f.get("hash")))));
        Metadata metadata = new Metadata(
                (Map<String, String>) json.get("versions"),
                String.valueOf(json.get("created")),
                (List<String>) json.get("command_line"),
                (Map<String, String>) json.get("settings"),
                ((Number) json.get("seed")).longValue(),
                inputs);
        return new NeedmapModel(featureModel, segmentModel, labels, metadata);
    }

    private static List<Double> boxed(double[] values, int from, int length) {
        List<Double> out = new ArrayList<>(length);
        for (int i = from; i < from + length; i++) {
            out.add(values[i]);
        }
        return out;
    }

    private static StructType basisSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("index", DataTypes.IntegerType, false),
                DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.DoubleType, false), false)));
    }

    private static StructType segmentSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField(SEGMENT_ID, DataTypes.IntegerType, false),
                DataTypes.createStructField(CENTROID, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
                DataTypes.createStructField(STABILITY, DataTypes.DoubleType, true),
                DataTypes.createStructField(MIXING_WEIGHT, DataTypes.DoubleType, false),
                DataTypes.createStructField(LABEL, DataTypes.StringType, true),
                DataTypes.createStructField(LABEL_SOURCE, DataTypes.StringType, true)));
    }
}
