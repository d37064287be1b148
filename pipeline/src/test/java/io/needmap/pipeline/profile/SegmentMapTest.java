package io.needmap.pipeline.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import smile.math.MathEx;

class SegmentMapTest {
    @Test
    void pointsInAPlaneKeepEveryDistanceOnTheMap() {
        double[][] points = {{1, 0, 0, 2}, {4, 0, 0, 2}, {1, 4, 0, 2}, {4, 4, 0, 2}, {2.5, 2, 0, 2}};
        double[][] map = SegmentMap.coordinates(points);
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < points.length; j++) {
                assertEquals(MathEx.distance(points[i], points[j]), MathEx.distance(map[i], map[j]), 1e-9);
            }
        }
    }

    @Test
    void oneOrTwoSegmentsLieOnTheXAxis() {
        assertArrayEquals(new double[] {0, 0}, SegmentMap.coordinates(new double[][] {{0.6, 0.8}})[0]);
        double[][] two = SegmentMap.coordinates(new double[][] {{0, 0, 0}, {0, 3, 4}});
        assertArrayEquals(new double[] {-2.5, 0}, two[0]);
        assertArrayEquals(new double[] {2.5, 0}, two[1]);
    }
}
