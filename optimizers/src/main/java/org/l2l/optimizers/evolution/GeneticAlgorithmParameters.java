package org.l2l.optimizers.evolution;

import org.l2l.core.Require;

/**
 * Settings of the {@link GeneticAlgorithm}: L2L's {@code GeneticAlgorithmParameters}, with the names in Java
 * casing ({@code pop_size} is {@link #popSize()}, and so on).
 *
 * <p>L2L's named tuple has no defaults; the {@link #builder() builder} starts from the values of L2L's example
 * script {@code bin/l2l-fun-ga.py} (seed 0, 50 individuals, 100 generations, ...), each documented on its setter.
 *
 * <pre>{@code
 * GeneticAlgorithmParameters p = GeneticAlgorithmParameters.builder().seed(42).popSize(20).nIteration(30).build();
 * }</pre>
 *
 * @param seed seed of the optimizer's own random generator
 * @param popSize the number of individuals in the population, {@code > 0}
 * @param cxProb the probability that a pair of consecutive offspring is mated by blend crossover
 * @param mutProb the probability that an offspring is mutated
 * @param nIteration the number of generations to run, {@code > 0}
 * @param indProb the probability, within a mutation, that each gene receives Gaussian noise
 * @param tournSize the number of aspirants (drawn with replacement) in each selection tournament, {@code > 0}
 * @param matePar the blend crossover's {@code alpha}: how far beyond the parents' interval children may lie
 * @param mutPar the standard deviation of the Gaussian mutation
 */
public record GeneticAlgorithmParameters(long seed, int popSize, double cxProb, double mutProb, int nIteration,
                                         double indProb, int tournSize, double matePar, double mutPar) {
    /** Validates every field; a message names the field and its bad value. */
    public GeneticAlgorithmParameters {
        Require.positive("popSize", popSize);
        Require.probability("cxProb", cxProb);
        Require.probability("mutProb", mutProb);
        Require.positive("nIteration", nIteration);
        Require.probability("indProb", indProb);
        Require.positive("tournSize", tournSize);
        Require.nonNegative("matePar", matePar);
        Require.nonNegative("mutPar", mutPar);
    }

    /** A builder preset with the values of L2L's example {@code bin/l2l-fun-ga.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GeneticAlgorithmParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private long seed = 0;
        private int popSize = 50;
        private double cxProb = 0.5;
        private double mutProb = 0.3;
        private int nIteration = 100;
        private double indProb = 0.02;
        private int tournSize = 15;
        private double matePar = 0.5;
        private double mutPar = 1.0;

        private Builder() {}

        /** Seed of the optimizer's random generator; L2L's example uses 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Population size, {@code > 0}; L2L's example uses 50. */
        public Builder popSize(int popSize) {
            this.popSize = popSize;
            return this;
        }

        /** Crossover probability per pair, in [0, 1]; L2L's example uses 0.5. */
        public Builder cxProb(double cxProb) {
            this.cxProb = cxProb;
            return this;
        }

        /** Mutation probability per individual, in [0, 1]; L2L's example uses 0.3. */
        public Builder mutProb(double mutProb) {
            this.mutProb = mutProb;
            return this;
        }

        /** Number of generations, {@code > 0}; L2L's example uses 100. */
        public Builder nIteration(int nIteration) {
            this.nIteration = nIteration;
            return this;
        }

        /** Mutation probability per gene, in [0, 1]; L2L's example uses 0.02. */
        public Builder indProb(double indProb) {
            this.indProb = indProb;
            return this;
        }

        /** Tournament size, {@code > 0}; L2L's example uses 15. */
        public Builder tournSize(int tournSize) {
            this.tournSize = tournSize;
            return this;
        }

        /** Blend crossover alpha, finite and {@code >= 0}; L2L's example uses 0.5. */
        public Builder matePar(double matePar) {
            this.matePar = matePar;
            return this;
        }

        /** Gaussian mutation standard deviation, finite and {@code >= 0}; L2L's example uses 1. */
        public Builder mutPar(double mutPar) {
            this.mutPar = mutPar;
            return this;
        }

        /** The validated parameters. */
        public GeneticAlgorithmParameters build() {
            return new GeneticAlgorithmParameters(seed, popSize, cxProb, mutProb, nIteration, indProb, tournSize,
                    matePar, mutPar);
        }
    }
}
