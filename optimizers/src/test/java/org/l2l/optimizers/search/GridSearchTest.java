package org.l2l.optimizers.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestSphere;

class GridSearchTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);
    private static final TestSphere SPHERE = new TestSphere(); // parameters x (scalar), then coords (2 elements)

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void smallGridHasAllPointsInL2lsOrder() {
        GridSearch gs = new GridSearch(SPHERE, MINIMIZE,
                GridSearchParameters.builder().add("x", 0, 1, 2).add("coords", -1, 1, 1).build());
        List<Parameters> points = gs.firstGeneration();
        assertEquals(3 * 2 * 2, points.size());
        assertEquals(12, gs.size());
        // names sorted: coords (slowest, element 0 before element 1), then x (fastest)
        List<double[]> expected = new ArrayList<>();
        for (double c0 : new double[] {-1, 1}) {
            for (double c1 : new double[] {-1, 1}) {
                for (double x : new double[] {0, 0.5, 1}) expected.add(new double[] {x, c0, c1});
            }
        }
        for (int i = 0; i < points.size(); i++) {
            assertEquals(List.of("x", "coords"), points.get(i).names());
            assertArrayEquals(expected.get(i), points.get(i).toVector(), "point " + i);
        }
    }

    @Test
    void everyArrayElementIsItsOwnAxis() {
        TestSphere three = new TestSphere(3, -5, 5);
        GridSearch gs = new GridSearch(three, MINIMIZE,
                GridSearchParameters.builder().add("coords", 0, 1, 1).add("x", 7, 7, 0).build());
        List<Parameters> points = gs.firstGeneration();
        assertEquals(8, points.size());
        for (int i = 0; i < 8; i++) {
            double[] c = points.get(i).array("coords");
            assertArrayEquals(new double[] {(i >> 2) & 1, (i >> 1) & 1, i & 1}, c, "point " + i);
            assertEquals(7.0, points.get(i).scalar("x"));
        }
        assertEquals(8, new HashSet<>(points).size());
    }

    @Test
    void gridValuesAreNumpysLinspace() {
        // values printed by numpy 2.4.6: [repr(float(v)) for v in np.linspace(-0.3, 0.7, 7)]
        assertArrayEquals(new double[] {-0.3, -0.13333333333333333, 0.033333333333333326, 0.2, 0.36666666666666664,
            0.5333333333333332, 0.7}, GridSearch.linspace(-0.3, 0.7, 6));
        assertArrayEquals(new double[] {0.1, 0.3, 0.5, 0.7}, GridSearch.linspace(0.1, 0.7, 3));
        assertArrayEquals(new double[] {2.0, 2.0, 2.0}, GridSearch.linspace(2.0, 2.0, 2));
        assertArrayEquals(new double[] {1.0}, GridSearch.linspace(1.0, 3.0, 0));
    }

    @Test
    void gridNamesMustMatchTheIndividual() {
        String missing = message(() -> new GridSearch(SPHERE, MINIMIZE,
                GridSearchParameters.builder().add("x", 0, 1, 2).build()));
        assertTrue(missing.contains("no entry for the optimizee's parameter 'coords'"), missing);
        String extra = message(() -> new GridSearch(SPHERE, MINIMIZE, GridSearchParameters.builder()
                .add("x", 0, 1, 2).add("coords", 0, 1, 2).add("y", 0, 1, 2).build()));
        assertTrue(extra.contains("paramGrid['y'] is not a parameter"), extra);
    }

    @Test
    void badBoundsAndStepsNameTheField() {
        assertEquals("paramGrid['x'].nSteps must be >= 0, but was -1",
                message(() -> GridSearchParameters.builder().add("x", 0, 1, -1)));
        assertEquals("paramGrid['x'].upper must be >= lower (1.0), but was 0.0",
                message(() -> GridSearchParameters.builder().add("x", 1, 0, 3)));
        assertEquals("paramGrid['x'].lower must be finite, but was NaN",
                message(() -> GridSearchParameters.builder().add("x", Double.NaN, 0, 3)));
        assertEquals("paramGrid['coords'].upper must be finite, but was Infinity",
                message(() -> new GridSearchParameters(
                        Map.of("coords", new GridSearchParameters.Range(0, Double.POSITIVE_INFINITY, 2)))));
        assertEquals("paramGrid['x'] given twice",
                message(() -> GridSearchParameters.builder().add("x", 0, 1, 1).add("x", 0, 1, 1)));
        assertEquals("paramGrid must name at least one parameter", message(() -> new GridSearchParameters(Map.of())));
    }

    @Test
    void tooLargeAGridIsRejected() {
        TestSphere wide = new TestSphere(40, -5, 5);
        String m = message(() -> new GridSearch(wide, MINIMIZE,
                GridSearchParameters.builder().add("x", 0, 1, 1).add("coords", 0, 1, 1).build()));
        assertTrue(m.contains("more than"), m);
    }

    @Test
    void recordsTheBestPointAndFinishes() {
        GridSearch gs = new GridSearch(SPHERE, MINIMIZE,
                GridSearchParameters.builder().add("x", -1, 1, 2).add("coords", -1, 1, 2).build());
        assertTrue(gs.best().isEmpty());
        Parameters origin = SPHERE.createIndividual(org.l2l.core.Rng.seeded(1)).withVector(new double[3]);
        List<Parameters> points = gs.firstGeneration();
        assertEquals(27, points.size());

        Step step = gs.next(Drive.evaluate(0, points, SPHERE, MINIMIZE, p -> false));
        assertInstanceOf(Step.Finished.class, step);
        assertEquals(origin, gs.best().orElseThrow().individual().params());
        assertThrows(IllegalStateException.class,
                () -> gs.next(Drive.evaluate(0, points, SPHERE, MINIMIZE, p -> false)));

        // the origin fails: the best is the first point at distance 1 (first of equals, like numpy's argmax)
        GridSearch again = new GridSearch(SPHERE, MINIMIZE,
                GridSearchParameters.builder().add("x", -1, 1, 2).add("coords", -1, 1, 2).build());
        again.next(Drive.evaluate(0, points, SPHERE, MINIMIZE, p -> p.equals(origin)));
        Evaluation best = again.best().orElseThrow();
        assertEquals(1.0, best.fitness()[0]);
        int firstAtDistanceOne = 0;
        while (TestSphere.value(points.get(firstAtDistanceOne)) != 1.0) firstAtDistanceOne++;
        assertEquals(firstAtDistanceOne, best.individual().index());

        Trajectory traj = new Trajectory("grid");
        again.describe(traj);
        again.end(traj);
        assertEquals(-1.0, traj.group("gridSpec").getDouble("x.lowerBound"));
        assertEquals(1.0, traj.group("gridSpec").getDouble("coords.upperBound"));
        assertEquals(2L, traj.group("gridSpec").getLong("coords.nSteps"));
        assertEquals(1L, traj.group("gridSearchResult").getLong("nIteration"));
        assertArrayEquals(new double[] {1.0}, (double[]) traj.group("gridSearchResult").get("finalFitness"));
        assertArrayEquals(best.individual().params().array("coords"),
                (double[]) traj.group("gridSearchResult").get("finalIndividual.coords"));
    }

    @Test
    void allFailedLeavesNoBest() {
        GridSearch gs = new GridSearch(SPHERE, MINIMIZE,
                GridSearchParameters.builder().add("x", 0, 1, 1).add("coords", 0, 1, 1).build());
        gs.next(Drive.evaluate(0, gs.firstGeneration(), SPHERE, MINIMIZE, p -> true));
        assertTrue(gs.best().isEmpty());
    }
}
