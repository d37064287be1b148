package io.needmap.pipeline.features;

import java.io.Serializable;
import smile.math.MathEx;

/** One account's weighted features as parallel index/value arrays: the sparse row of the matrix. */
public record SparseRow(String accountId, int[] indices, double[] values) implements Serializable {

    /** This row scaled to unit length, so long and short follow lists weigh the same. */
    public SparseRow normalized() {
        double norm = MathEx.norm(values);
        if (norm == 0) {
            return this;
        }
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] / norm;
        }
        return new SparseRow(accountId, indices, scaled);
    }

    /** Row times a dense column-block matrix held row-major ({@code columns} wide). */
    public double[] times(double[] matrix, int columns) {
        double[] out = new double[columns];
        for (int i = 0; i < indices.length; i++) {
            int base = indices[i] * columns;
            double v = values[i];
            for (int c = 0; c < columns; c++) {
                out[c] += v * matrix[base + c];
            }
        }
        return out;
    }
}
