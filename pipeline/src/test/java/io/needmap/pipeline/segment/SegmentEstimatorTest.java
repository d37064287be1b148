package io.needmap.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.features.FeatureEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class SegmentEstimatorTest {

    private static Dataset<Row> embeddings(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double angle = i * 0.01;
            rows.add(
                    RowFactory.create("acc" + i, i % 50 == 0 ? null : new double[] {Math.cos(angle), Math.sin(angle)}));
        }
        return SparkTestSession.get().createDataFrame(rows, FeatureEstimator.embeddingSchema());
    }

    @Test
    void theSampleDoesNotDependOnPartitioning() {
        SegmentOptions options = new SegmentOptions(3, 2, 5, 1, 0.75, 0.8, 0.7, false, 40, 40, 9);
        SegmentEstimator.Sample oneSample =
                SegmentEstimator.sample(embeddings(500).repartition(1), options);
        double[][] one = oneSample.points();
        double[][] seven =
                SegmentEstimator.sample(embeddings(500).repartition(7), options).points();
        assertEquals(40, one.length);
        assertEquals(490, oneSample.population(), "accounts with an embedding");
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], seven[i]);
        }
    }

    @Test
    void accountsWithoutEmbeddingHaveNoSignalSegment() {
        SegmentModel model =
                new SegmentModel(new double[][] {{1, 0}, {0, 1}}, new double[] {0.9, 0.6}, Map.of(), List.of(), "test");
        List<Row> rows = model.transform(embeddings(100)).orderBy("account_id").collectAsList();
        assertEquals(100, rows.size());
        Row noSignal = rows.stream()
                .filter(r -> r.getString(0).equals("acc50"))
                .findFirst()
                .orElseThrow();
        assertEquals(SegmentEstimator.NO_SIGNAL, noSignal.getInt(1));
        assertEquals(0.0, noSignal.getDouble(2));
        Row first = rows.stream()
                .filter(r -> r.getString(0).equals("acc1"))
                .findFirst()
                .orElseThrow();
        assertEquals(0, first.getInt(1));
        assertEquals(Math.cos(0.01), first.getDouble(2), 1e-12);
        assertEquals(1, first.getInt(3));
    }

    @Test
    void noChosenSegmentEndsUnderTheFloor() {
        List<Row> rows = new ArrayList<>();
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 300; i++) {
            double angle = (i < 280 ? 0 : Math.PI / 2) + 0.05 * random.nextGaussian();
            rows.add(RowFactory.create("acc" + i, new double[] {Math.cos(angle), Math.sin(angle)}));
        }
        Dataset<Row> embeddings = SparkTestSession.get().createDataFrame(rows, FeatureEstimator.embeddingSchema());
        SegmentEstimator.Result result = new SegmentEstimator(
                        new SegmentOptions(0, 2, 10, 25, 0.75, 0.8, 0.7, true, 300, 100, 3))
                .fit(embeddings, SegmentEstimator.Profiles.NONE);
        List<Row> sizes = result.memberships().groupBy("segment_id").count().collectAsList();
        result.memberships().unpersist();
        System.out.println(
                "DEBUG " + result.model().criterion() + " " + result.model().merges() + " "
                        + java.util.Arrays.deepToString(result.model().centroids()));
        assertEquals(1, sizes.size(), "the 20-account group is under the floor of 25: " + sizes);
        assertEquals(300L, sizes.get(0).getLong(1));
        assertEquals(
                java.util.Map.of(sizes.get(0).getInt(0), 300L),
                result.sizes(),
                "the sizes reported are the final ones");
        assertEquals(300L, result.accounts());
        assertEquals(0L, result.withoutSignal());
    }
}
