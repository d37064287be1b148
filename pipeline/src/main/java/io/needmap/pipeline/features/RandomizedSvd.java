package io.needmap.pipeline.features;

import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import smile.math.MathEx;

/**
 * Truncated SVD of a tall sparse matrix X (accounts × features) by randomized subspace iteration
 * (Halko, Martinsson &amp; Tropp, "Finding structure with randomness", SIAM Review 53(2), 2011,
 * algorithms 4.4 and 5.3), returning the top right singular vectors.
 *
 * <p>Why not MLlib's {@code RowMatrix.computeSVD}: its ARPACK mode needs one distributed pass per
 * Lanczos iteration (often hundreds) and its local mode builds a dense features × features Gramian
 * on the driver. Here each pass computes XᵀX·Q for a features × r block Q in one sweep over the rows
 * (r = rank + oversampling), summing per-partition blocks on the driver, so memory is
 * features × r per task, partitions × features × r on the driver (about 400 MB at the largest
 * vocabulary and 32 partitions), never anything the size of accounts × features. The
 * whole fit takes {@code powerIterations + 2} passes.
 *
 * <p>Accuracy depends on the spectral gap: with one or two power iterations the leading vectors
 * are near-exact for clustered data (a few large singular values), less so for flat spectra,
 * where any rank-r projection is a compromise anyway. Bit-for-bit deterministic for a given seed
 * and partitioning, whatever the order tasks finish in.
 */
public final class RandomizedSvd {

    /** Hyper-parameters: target rank, extra random directions, power iterations, seed. */
    public record Options(int rank, int oversampling, int powerIterations, long seed) {
        public Options {
            if (rank < 1 || oversampling < 0 || powerIterations < 0) {
                throw new IllegalArgumentException("rank must be >= 1, oversampling and powerIterations >= 0");
            }
        }
    }

    private RandomizedSvd() {}

    /**
     * @return the top right singular vectors as a features × k matrix held row-major, where
     *     k = min(rank, features)
     */
    public static double[] fit(JavaRDD<SparseRow> rows, int features, Options options) {
        int width = Math.min(options.rank() + options.oversampling(), features);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(rows.context());
        RealMatrix q = orthonormal(gaussian(features, width, options.seed()));
        RealMatrix aq = gramTimes(context, rows, q, features, width);
        for (int i = 0; i < options.powerIterations(); i++) {
            q = orthonormal(aq);
            aq = gramTimes(context, rows, q, features, width);
        }
        // Rayleigh–Ritz: eigenvectors of Qᵀ(XᵀX)Q rotate Q onto the singular directions.
        RealMatrix small = q.transpose().multiply(aq);
        small = small.add(small.transpose()).scalarMultiply(0.5);
        EigenDecomposition eigen = new EigenDecomposition(small);
        int k = Math.min(options.rank(), width);
        Integer[] order = descendingEigenvalueOrder(eigen.getRealEigenvalues());
        RealMatrix rotation = new Array2DRowRealMatrix(width, k);
        for (int c = 0; c < k; c++) {
            rotation.setColumnVector(c, eigen.getEigenvector(order[c]));
        }
        return rowMajor(q.multiply(rotation));
    }

    /** The indices of {@code eigenvalues}, largest value first (Commons Math does not sort them). */
    public static Integer[] descendingEigenvalueOrder(double[] eigenvalues) {
        Integer[] order = new Integer[eigenvalues.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
        return order;
    }

    /**
     * XᵀX·Q in one pass: each row adds xᵀ(xQ); partitions sum locally and the driver adds the
     * per-partition blocks in partition order. Not a (tree) reduce: Spark merges those in task
     * completion order, and floating-point sums in a different order differ in the last bits, which
     * would let a cluster's memberships drift from a laptop's.
     */
    private static RealMatrix gramTimes(
            JavaSparkContext context, JavaRDD<SparseRow> rows, RealMatrix q, int features, int width) {
        Broadcast<double[]> block = context.broadcast(rowMajor(q));
        List<double[]> partials = rows.mapPartitions((Iterator<SparseRow> it) -> {
                    double[] qb = block.value();
                    double[] sum = null;
                    while (it.hasNext()) {
                        SparseRow row = it.next();
                        double[] projected = row.times(qb, width);
                        if (sum == null) {
                            sum = new double[features * width];
                        }
                        for (int i = 0; i < row.indices().length; i++) {
                            int base = row.indices()[i] * width;
                            double v = row.values()[i];
                            for (int c = 0; c < width; c++) {
                                sum[base + c] += v * projected[c];
                            }
                        }
                    }
                    return sum == null
                            ? List.<double[]>of().iterator()
                            : List.of(sum).iterator();
                })
                .collect();
        block.destroy();
        double[] total = new double[features * width];
        partials.forEach(partial -> addInPlace(total, partial));
        return fromRowMajor(total, features, width);
    }

    private static double[] addInPlace(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private static RealMatrix gaussian(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] data = new double[rows][columns];
        for (double[] row : data) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return new Array2DRowRealMatrix(data, false);
    }

    /**
     * Thin orthonormal basis of the columns of m by modified Gram–Schmidt, applied twice ("twice is
     * enough", Giraud et al. 2005). commons-math's QR would build the full features × features Q.
     * A column that vanishes (rank deficiency) stays zero and drops out of the subspace.
     */
    private static RealMatrix orthonormal(RealMatrix m) {
        int rows = m.getRowDimension();
        int columns = m.getColumnDimension();
        double[][] basis = new double[columns][];
        for (int c = 0; c < columns; c++) {
            double[] v = m.getColumn(c);
            double before = MathEx.norm(v);
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) {
                        dot += basis[p][r] * v[r];
                    }
                    for (int r = 0; r < rows; r++) {
                        v[r] -= dot * basis[p][r];
                    }
                }
            }
            double after = MathEx.norm(v);
            double scale = after > 1e-10 * Math.max(before, Double.MIN_NORMAL) ? 1 / after : 0;
            for (int r = 0; r < rows; r++) {
                v[r] *= scale;
            }
            basis[c] = v;
        }
        return new Array2DRowRealMatrix(basis, false).transpose();
    }

    private static double[] rowMajor(RealMatrix m) {
        int columns = m.getColumnDimension();
        double[] out = new double[m.getRowDimension() * columns];
        for (int r = 0; r < m.getRowDimension(); r++) {
            System.arraycopy(m.getRow(r), 0, out, r * columns, columns);
        }
        return out;
    }

    private static RealMatrix fromRowMajor(double[] data, int rows, int columns) {
        double[][] out = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, r * columns, out[r], 0, columns);
        }
        return new Array2DRowRealMatrix(out, false);
    }
}
