package org.l2l.optimizers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.Require;
import org.l2l.optimizers.annealing.ParallelTemperingParameters;
import org.l2l.optimizers.annealing.SimulatedAnnealingParameters;
import org.l2l.optimizers.distribution.CmaEsParameters;
import org.l2l.optimizers.distribution.CrossEntropyParameters;
import org.l2l.optimizers.distribution.FaceParameters;
import org.l2l.optimizers.evolution.GeneticAlgorithmParameters;
import org.l2l.optimizers.evolution.MultiGeneticAlgorithmParameters;
import org.l2l.optimizers.evolution.Nsga2Parameters;
import org.l2l.optimizers.gradient.EvolutionStrategiesParameters;
import org.l2l.optimizers.gradient.MultiGradientDescentParameters;
import org.l2l.optimizers.gradient.NaturalEvolutionStrategiesParameters;
import org.l2l.optimizers.search.GridSearchParameters;
import org.l2l.optimizers.walk.RandomWalkParameters;

/**
 * Every size that sets how many individuals a generation holds is refused up front when it cannot fit, naming
 * the field, the limit and why, instead of running the driver out of memory later (1e9 is the classic typo).
 */
class GenerationSizeLimitsTest {
    private static final int HUGE = 1_000_000_000;

    private static void refused(String field, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build, field);
        assertTrue(e.getMessage().startsWith(field), "names the field first: " + e.getMessage());
        assertTrue(e.getMessage().contains("at most") && e.getMessage().contains("cannot fit"), "limit and why: " + e.getMessage());
    }

    @Test
    void populationSizesBeyondTheLimitAreRefusedForEveryOptimizer() {
        refused("popSize", () -> GeneticAlgorithmParameters.builder().popSize(HUGE).build());
        refused("tournSize", () -> GeneticAlgorithmParameters.builder().tournSize(HUGE).build());
        refused("popSize", () -> MultiGeneticAlgorithmParameters.builder().popSize(HUGE).build());
        refused("popSize * nInnerParams", () -> MultiGeneticAlgorithmParameters.builder().popSize(1000).nInnerParams(10_000).build());
        refused("popSize", () -> Nsga2Parameters.builder().popSize(HUGE).build());
        refused("popSize", () -> CrossEntropyParameters.builder().popSize(HUGE).build());
        refused("minPopSize", () -> FaceParameters.builder().minPopSize(HUGE).maxPopSize(HUGE).build());
        refused("maxPopSize", () -> FaceParameters.builder().maxPopSize(HUGE).build());
        refused("nExpand", () -> FaceParameters.builder().nExpand(HUGE).build());
        refused("popSize", () -> CmaEsParameters.builder().popSize(HUGE).build());
        refused("popSize", () -> EvolutionStrategiesParameters.builder().popSize(HUGE).build());
        refused("popSize * 2", () -> EvolutionStrategiesParameters.builder().popSize(600_000).mirroredSampling(true).build());
        refused("popSize", () -> NaturalEvolutionStrategiesParameters.builder().mu(0, 0).sigma(1).popSize(HUGE).build());
        refused("nRandomSteps", () -> MultiGradientDescentParameters.builder().nRandomSteps(HUGE).nInnerParams(1).classic());
        refused("nRandomSteps * nInnerParams", () -> MultiGradientDescentParameters.builder().nRandomSteps(1000).nInnerParams(10_000).classic());
        refused("nParallelRuns", () -> SimulatedAnnealingParameters.builder().nParallelRuns(HUGE).build());
        refused("nParallelRuns", () -> ParallelTemperingParameters.builder().nParallelRuns(HUGE).build());
        refused("paramGrid", () -> GridSearchParameters.builder().add("a", 0, 1, 9999).add("b", 0, 1, 9999).build());
        refused("nParticles", () -> RandomWalkParameters.builder()
                .ranges(List.of(new RandomWalkParameters.Range("x", 0, 1)))
                .seeds(List.of(new RandomWalkParameters.SeedPoint("s", Map.of("x", 0.5)))).nParticles(HUGE).build());
    }

    @Test
    void theLimitItselfIsAccepted() {
        assertDoesNotThrow(() -> GeneticAlgorithmParameters.builder().popSize(Require.MAX_GENERATION_SIZE).build());
        assertDoesNotThrow(() -> GridSearchParameters.builder().add("a", 0, 1, 999).add("b", 0, 1, 999).build());
    }
}
