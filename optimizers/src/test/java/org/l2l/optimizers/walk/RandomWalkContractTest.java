package org.l2l.optimizers.walk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;
import org.l2l.optimizers.TestRegion;

/**
 * The random walk under the common contract. It runs against its own optimizee ({@link TestRegion}): the walk
 * needs scalar parameters with ranges and an {@code inside} answer, which the contract's sphere (with an array
 * parameter) does not give. Every optimizer built here writes to a directory of its own.
 */
class RandomWalkContractTest extends OptimizerContractTest {
    @TempDir
    static Path root;
    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    protected Optimizee optimizee() {
        return new TestRegion(0, 5, 1.5);
    }

    @Override
    protected Optimizer create(long seed) {
        try {
            Path ranges = root.resolve("ranges.csv");
            Files.writeString(ranges, TestRegion.RANGES);
            Path seeds = root.resolve("seeds.csv");
            Files.writeString(seeds, "seedpoint,x,y,z\nA,0,5,0.5\nB,0.5,5.5,0.25\n");
            return new RandomWalk(FitnessWeights.of(-1), RandomWalkParameters.builder().ranges(ranges.toString())
                    .seeds(seeds.toString()).paramsToExplore(List.of("x", "y")).nParticles(2).nIterations(8)
                    .minStepSize(0.05).maxStepSize(0.2).checkpointEvery(3).concatEveryNSave(2).seed(seed)
                    .outputDir(root.resolve("walk-" + COUNT.incrementAndGet())).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected int maxGenerations() {
        return 9;
    }

    @Override
    protected int maxPopulation() {
        return 4;
    }
}
