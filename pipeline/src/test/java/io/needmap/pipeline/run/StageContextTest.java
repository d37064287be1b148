package io.needmap.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.spark.Parquet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading back what a run wrote: the same rows and schema as Spark's own read, without its inference job. */
class StageContextTest {
    private static final StructType WRITTEN =
            (StructType) DataType.fromDDL("account_id string not null, follows bigint, terms array<string>");

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();

    private StageContext context() {
        return StageContext.of(spark, null, new OutputLayout(dir.toString()), RunContext.none(), null);
    }

    private Dataset<Row> table(StructType schema, Row... rows) {
        return spark.createDataFrame(List.of(rows), schema);
    }

    /** The Spark job ids run from this thread while {@code read} ran. */
    private int[] jobsOf(Runnable read) {
        String group = "read-" + System.nanoTime();
        spark.sparkContext().setJobGroup(group, "a read", false);
        try {
            read.run();
        } finally {
            spark.sparkContext().clearJobGroup();
        }
        return spark.sparkContext().statusTracker().getJobIdsForGroup(group);
    }

    @Test
    void aTableItWroteIsReadBackAsSparkReadsItWithoutAJob() {
        StageContext context = context();
        String path = dir.resolve("memberships").toString();
        context.write(
                table(WRITTEN, RowFactory.create("a1", 3L, List.of("jazz")), RowFactory.create("a2", null, null)),
                path);

        AtomicReference<Dataset<Row>> read = new AtomicReference<>();
        assertEquals(0, jobsOf(() -> read.set(context.read(path))).length, "no schema-inference job");
        Dataset<Row> inferred = spark.read().parquet(path);
        assertEquals(inferred.schema(), read.get().schema(), "nullable columns, as Spark reads them from the footer");
        assertEquals(
                inferred.orderBy("account_id").collectAsList(),
                read.get().orderBy("account_id").collectAsList());
        String elsewhere = dir.resolve("written-by-another-run").toString();
        Parquet.write(table(WRITTEN, RowFactory.create("a3", 1L, List.of())), elsewhere);
        assertEquals(1, jobsOf(() -> context.read(elsewhere)).length, "a table it did not write: its footer is read");
    }

    @Test
    void aTableRewrittenOrDeletedAndWrittenElsewhereIsReadWithItsNewColumns() {
        StageContext context = context();
        String path = dir.resolve("segments").toString();
        StructType other = (StructType) DataType.fromDDL("segment_id int, label string");
        context.write(table(WRITTEN, RowFactory.create("a1", 3L, List.of("jazz"))), path);
        context.write(table(other, RowFactory.create(0, "Jazz lovers")), path);
        assertEquals(
                List.of(RowFactory.create(0, "Jazz lovers")), context.read(path).collectAsList());

        context.delete(path);
        StructType third = (StructType) DataType.fromDDL("segment_id int, size bigint");
        Parquet.write(table(third, RowFactory.create(1, 40L)), path);
        Dataset<Row> read = context.read(path);
        assertEquals(List.of("segment_id", "size"), List.of(read.columns()));
        assertEquals(List.of(RowFactory.create(1, 40L)), read.collectAsList());
    }
}
