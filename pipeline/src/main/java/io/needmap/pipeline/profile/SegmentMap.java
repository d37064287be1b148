package io.needmap.pipeline.profile;

import static io.needmap.pipeline.output.Columns.SUPPRESSED;
import static org.apache.spark.sql.functions.col;

import io.needmap.pipeline.features.RandomizedSvd;
import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.segment.SegmentModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import smile.math.MathEx;

/**
 * The wall's map ({@code segment_map}: {@code segment_id, x, y}): each published segment placed in
 * the plane so that segments whose members follow and say similar things sit close, by classical
 * (Torgerson) multidimensional scaling of the Euclidean distances between the directions of the
 * segments' centroids in the account embedding (their lengths, how tight each segment is, left out): the two leading eigenvectors of the double-centred squared distances, each
 * scaled by the square root of its eigenvalue (Commons Math's {@link EigenDecomposition}; Smile's
 * {@code MDS} calls ARPACK through the native libraries this build leaves out of Smile).
 *
 * <p>Why classical MDS: a few dozen points, an exact and deterministic answer in one eigen
 * decomposition, and distances on the map are the best rank-2 approximation of the centroids' own
 * (UMAP and t-SNE are for thousands of points and keep only neighbourhoods).
 *
 * <p>Weakness: two dimensions cannot hold every distance between 40 directions; the map shows the
 * two main axes along which segments differ, and two segments drawn close may still differ along a
 * third (the {@code segment_overlap} table and the cards stay the reference). An axis's sign is
 * arbitrary, so the map may come out mirrored from one run to the next.
 */
public final class SegmentMap {
    public static final StructType SCHEMA =
            (StructType) DataType.fromDDL("segment_id int not null, x double not null, y double not null");

    private SegmentMap() {}

    /**
     * @param model the fitted segments, whose centroids are placed
     * @param segments the {@code segments} table: only its published segments are placed
     */
    public static Dataset<Row> of(SegmentModel model, Dataset<Row> segments) {
        List<Integer> published = segments
                .filter(col(SUPPRESSED).equalTo(false))
                .select(Columns.SEGMENT_ID)
                .orderBy(Columns.SEGMENT_ID)
                .collectAsList()
                .stream()
                .map(r -> r.getInt(0))
                .filter(id -> model.indexOf(id) >= 0)
                .toList();
        // Directions only: a centroid's length is how tight its segment is, not what its members do.
        double[][] centroids = published.stream()
                .map(id -> unit(model.centroids()[model.indexOf(id)]))
                .toArray(double[][]::new);
        double[][] xy = coordinates(centroids);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            rows.add(RowFactory.create(published.get(i), xy[i][0], xy[i][1]));
        }
        return segments.sparkSession().createDataFrame(rows, SCHEMA);
    }

    private static double[] unit(double[] v) {
        double[] unit = v.clone();
        MathEx.unitize2(unit);
        return unit;
    }

    /** Two coordinates per point; fewer than three points lie on the x axis, at their distance. */
    static double[][] coordinates(double[][] points) {
        int n = points.length;
        double[][] distances = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                distances[i][j] = MathEx.distance(points[i], points[j]);
                distances[j][i] = distances[i][j];
            }
        }
        if (n >= 3) {
            return classical(distances);
        }
        double half = n == 2 ? distances[0][1] / 2 : 0;
        double[][] line = new double[n][2];
        for (int i = 0; i < n; i++) {
            line[i][0] = (2 * i - (n - 1)) * half;
        }
        return line;
    }

    /** Torgerson's scaling: B = −½ J D⁽²⁾ J, coordinates = the top two eigenvectors × √eigenvalue. */
    private static double[][] classical(double[][] distances) {
        int n = distances.length;
        RealMatrix squared = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                squared.setEntry(i, j, distances[i][j] * distances[i][j]);
            }
        }
        RealMatrix centring =
                MatrixUtils.createRealIdentityMatrix(n).subtract(new Array2DRowRealMatrix(n, n).scalarAdd(1.0 / n));
        RealMatrix b = centring.multiply(squared).multiply(centring).scalarMultiply(-0.5);
        EigenDecomposition eigen = new EigenDecomposition(b);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = RandomizedSvd.descendingEigenvalueOrder(values);
        double[][] xy = new double[n][2];
        for (int axis = 0; axis < 2; axis++) {
            double scale = Math.sqrt(Math.max(0, values[order[axis]]));
            double[] vector = eigen.getEigenvector(order[axis]).toArray();
            for (int i = 0; i < n; i++) {
                xy[i][axis] = vector[i] * scale;
            }
        }
        return xy;
    }
}
