package io.needmap.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.features.FeatureStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class SegmentStageTest {

    private static Dataset<Row> embeddings(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double angle = i * 0.01;
            rows.add(RowFactory.create("acc" + i, i % 50 == 0 ? null : new double[] {Math.cos(angle), Math.sin(angle)}));
        }
        return SparkTestSession.get().createDataFrame(rows, FeatureStage.embeddingSchema());
    }

    @Test
    void theSampleDoesNotDependOnPartitioning() {
        SegmentOptions options = new SegmentOptions(3, 2, 5, 40, 40, 9);
        double[][] one = SegmentStage.sample(embeddings(500).repartition(1), options);
        double[][] seven = SegmentStage.sample(embeddings(500).repartition(7), options);
        assertEquals(40, one.length);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], seven[i]);
        }
    }

    @Test
    void accountsWithoutEmbeddingHaveNoSignalSegment() {
        SegmentModel model = new SegmentModel(new double[][] {{1, 0}, {0, 1}}, Map.of(), "test");
        List<Row> rows = SegmentStage.assign(embeddings(100), model).orderBy("account_id").collectAsList();
        assertEquals(100, rows.size());
        Row noSignal = rows.stream().filter(r -> r.getString(0).equals("acc50")).findFirst().orElseThrow();
        assertEquals(SegmentStage.NO_SIGNAL, noSignal.getInt(1));
        assertEquals(0.0, noSignal.getDouble(2));
        Row first = rows.stream().filter(r -> r.getString(0).equals("acc1")).findFirst().orElseThrow();
        assertEquals(0, first.getInt(1));
        assertEquals(Math.cos(0.01), first.getDouble(2), 1e-12);
        assertEquals(1, first.getInt(3));
    }
}
