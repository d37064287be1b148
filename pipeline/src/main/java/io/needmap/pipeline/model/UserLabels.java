package io.needmap.pipeline.model;

import static io.needmap.pipeline.output.Columns.AUTO;
import static io.needmap.pipeline.output.Columns.LABEL;
import static io.needmap.pipeline.output.Columns.LABEL_SOURCE;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.USER;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.needmap.pipeline.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The labels a team wrote for segment ids ({@code --labels FILE}: CSV with a header
 * {@code segment_id,label}, RFC 4180 quoting, read by Spark's CSV reader). Because ids are stable
 * across runs ({@code --previous}) the same file keeps naming the same segments. A label overrides
 * the automatic one; an id the run does not have is reported in the manifest and ignored.
 */
public final class UserLabels {

    private UserLabels() {}

    /**
     * {@code segments} with the given labels in place of the automatic ones and a
     * {@code label_source} column after {@code label}: the given label's source, else {@code auto}.
     */
    public static Dataset<Row> apply(Dataset<Row> segments, Map<Integer, NeedmapModel.SegmentLabel> fixed) {
        List<Row> rows = fixed.entrySet().stream()
                .map(e -> RowFactory.create(
                        e.getKey(), e.getValue().label(), e.getValue().source()))
                .toList();
        Dataset<Row> given = segments.sparkSession()
                .createDataFrame(
                        rows,
                        DataTypes.createStructType(List.of(
                                DataTypes.createStructField(SEGMENT_ID, DataTypes.IntegerType, false),
                                DataTypes.createStructField("_label", DataTypes.StringType, false),
                                DataTypes.createStructField("_source", DataTypes.StringType, false))));
        List<Column> columns = new ArrayList<>();
        for (String column : segments.columns()) {
            columns.add(
                    column.equals(LABEL) ? coalesce(col("_label"), col(LABEL)).as(LABEL) : col(column));
            if (column.equals(LABEL)) {
                columns.add(coalesce(col("_source"), lit(AUTO)).as(LABEL_SOURCE));
            }
        }
        return segments.join(given, new String[] {SEGMENT_ID}, "left").select(columns.toArray(Column[]::new));
    }

    /**
     * The labels of a fresh segmentation: the labels a team gave in the previous run ({@code user}
     * labels of its model) for the ids this run kept, then those of {@code --labels}, which win.
     *
     * @param previous the previous run's user labels by segment id (empty without {@code --previous})
     * @param given the labels file's labels by segment id (empty without {@code --labels})
     * @param ids whether this run has a segment with the id
     */
    public static Carried carry(
            Map<Integer, NeedmapModel.SegmentLabel> previous, Map<Integer, String> given, IntPredicate ids) {
        Map<Integer, NeedmapModel.SegmentLabel> labels = new TreeMap<>();
        previous.forEach((id, label) -> {
            if (ids.test(id)) {
                labels.put(id, label);
            }
        });
        List<Integer> unknown = new ArrayList<>();
        given.forEach((id, label) -> {
            if (ids.test(id)) {
                labels.put(id, new NeedmapModel.SegmentLabel(label, USER));
            } else {
                unknown.add(id);
            }
        });
        return new Carried(labels, unknown);
    }

    /**
     * @param labels every carried label by segment id
     * @param unknown ids of the labels file this run has no segment for, in the file's id order
     */
    public record Carried(Map<Integer, NeedmapModel.SegmentLabel> labels, List<Integer> unknown) {
        /** The warning for the ignored labels, if any. */
        public List<String> warnings() {
            return unknown.isEmpty()
                    ? List.of()
                    : List.of("labels for segments " + unknown + " are ignored: this run has no segment with that id");
        }
    }

    /** @throws InputException when the file is missing, lacks a column or holds a non-integer id */
    public static Map<Integer, String> read(SparkSession spark, String file) {
        Path path = new Path(file);
        try {
            if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
                throw new InputException("The labels file " + file + " does not exist.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dataset<Row> csv = spark.read()
                .option("header", true)
                .option("escape", "\"")
                .option("multiLine", true)
                .csv(file);
        for (String column : new String[] {SEGMENT_ID, LABEL}) {
            if (!Arrays.asList(csv.columns()).contains(column)) {
                throw new InputException("The labels file " + file + " has no column '" + column + "' (it has: "
                        + String.join(", ", csv.columns()) + ").");
            }
        }
        Map<Integer, String> labels = new TreeMap<>();
        for (Row row : csv.select(SEGMENT_ID, LABEL).collectAsList()) {
            String id = row.getString(0) == null ? "" : row.getString(0).strip();
            String label = row.getString(1) == null ? "" : row.getString(1).strip();
            if (label.isEmpty()) {
                continue;
            }
            try {
                labels.put(Integer.parseInt(id), label);
            } catch (NumberFormatException e) {
                throw new InputException(
                        "The labels file " + file + " has segment_id '" + id + "', which is not a whole number.");
            }
        }
        return labels;
    }
}
