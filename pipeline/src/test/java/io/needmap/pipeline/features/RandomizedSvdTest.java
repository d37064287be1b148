package io.needmap.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class RandomizedSvdTest {

    /** 300 rows in 4 groups, each group using its own 10 of 60 columns plus random noise columns. */
    private static double[][] blockMatrix() {
        Random random = new Random(3);
        double[][] dense = new double[300][60];
        for (int r = 0; r < dense.length; r++) {
            int group = r % 4;
            for (int c = 0; c < 10; c++) {
                dense[r][group * 10 + c] = random.nextDouble() < 0.7 ? 1 : 0;
            }
            dense[r][40 + random.nextInt(20)] = 1;
        }
        return dense;
    }

    private static List<SparseRow> sparse(double[][] dense) {
        List<SparseRow> rows = new ArrayList<>();
        for (int r = 0; r < dense.length; r++) {
            List<Integer> idx = new ArrayList<>();
            for (int c = 0; c < dense[r].length; c++) {
                if (dense[r][c] != 0) {
                    idx.add(c);
                }
            }
            rows.add(new SparseRow(
                    "r" + r,
                    idx.stream().mapToInt(i -> i).toArray(),
                    idx.stream().mapToDouble(c -> dense[0].length > 0 ? 1.0 : 0).toArray()));
        }
        return rows;
    }

    @Test
    void findsTheSameTopSubspaceAsAnExactSvd() {
        double[][] dense = blockMatrix();
        JavaRDD<SparseRow> rows = JavaSparkContext.fromSparkContext(
                        SparkTestSession.get().sparkContext())
                .parallelize(sparse(dense), 3);
        int k = 4;
        double[] basis = RandomizedSvd.fit(rows, 60, new RandomizedSvd.Options(k, 8, 2, 11));
        assertEquals(60 * k, basis.length);

        RealMatrix exact = new SingularValueDecomposition(new Array2DRowRealMatrix(dense))
                .getV()
                .getSubMatrix(0, 59, 0, k - 1);
        RealMatrix approx = new Array2DRowRealMatrix(60, k);
        for (int r = 0; r < 60; r++) {
            for (int c = 0; c < k; c++) {
                approx.setEntry(r, c, basis[r * k + c]);
            }
        }
        // Cosines of the principal angles between the two subspaces are the singular values of VᵀV'.
        double[] cosines = new SingularValueDecomposition(exact.transpose().multiply(approx)).getSingularValues();
        for (double cosine : cosines) {
            assertTrue(cosine > 0.999, "principal angle cosine " + cosine);
        }
        RealMatrix gram = approx.transpose().multiply(approx);
        for (int i = 0; i < k; i++) {
            assertEquals(1.0, gram.getEntry(i, i), 1e-9, "columns are orthonormal");
        }
    }
}
