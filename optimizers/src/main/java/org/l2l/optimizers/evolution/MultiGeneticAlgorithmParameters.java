package org.l2l.optimizers.evolution;

import org.l2l.core.Require;

/**
 * Settings of the {@link MultiGeneticAlgorithm}: L2L's {@code MultiGeneticAlgorithmParameters}, with the names in
 * Java casing. They are the {@link GeneticAlgorithmParameters} plus {@code nInnerParams}, the number of inner
 * parameter sets per multi-individual.
 *
 * <p>L2L ships no example script for its multi-GA. The {@link #builder() builder} therefore starts from the values of
 * its GA example {@code bin/l2l-fun-ga.py} (seed 0, 50 individuals, 100 generations, ...) and the
 * {@code n_inner_params=2} of its multi-gradient-descent example {@code bin/l2l-fun-mgd.py}.
 *
 * <pre>{@code
 * MultiGeneticAlgorithmParameters p = MultiGeneticAlgorithmParameters.builder().popSize(40).nInnerParams(4).build();
 * }</pre>
 *
 * @param seed seed of the optimizer's own random generator
 * @param popSize the number of (inner) individuals in the population, {@code > 0}
 * @param cxProb the probability that a pair of consecutive offspring is mated by blend crossover
 * @param mutProb the probability that an offspring is mutated
 * @param nIteration the number of generations to run, {@code > 0}
 * @param indProb the probability, within a mutation, that each gene receives Gaussian noise
 * @param tournSize the number of aspirants (drawn with replacement) in each selection tournament, {@code > 0}
 * @param matePar the blend crossover's {@code alpha}
 * @param mutPar the standard deviation of the Gaussian mutation
 * @param nInnerParams the number of inner parameter sets per multi-individual, {@code > 0}
 */
public record MultiGeneticAlgorithmParameters(long seed, int popSize, double cxProb, double mutProb, int nIteration,
                                              double indProb, int tournSize, double matePar, double mutPar,
                                              int nInnerParams) {
    /** Validates every field; a message names the field and its bad value. */
    public MultiGeneticAlgorithmParameters {
        new GeneticAlgorithmParameters(seed, popSize, cxProb, mutProb, nIteration, indProb, tournSize, matePar, mutPar);
        Require.positive("nInnerParams", nInnerParams);
    }

    /** The settings of the genetic algorithm that evolves the inner sets. */
    public GeneticAlgorithmParameters geneticAlgorithm() {
        return new GeneticAlgorithmParameters(seed, popSize, cxProb, mutProb, nIteration, indProb, tournSize, matePar,
                mutPar);
    }

    /** A builder preset with the values of L2L's examples {@code bin/l2l-fun-ga.py} and {@code bin/l2l-fun-mgd.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MultiGeneticAlgorithmParameters}; validation happens in {@link #build()}. */
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
        private int nInnerParams = 2;

        private Builder() {}

        /** Seed of the optimizer's random generator; L2L's GA example uses 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Population size (inner sets), {@code > 0}; L2L's GA example uses 50. */
        public Builder popSize(int popSize) {
            this.popSize = popSize;
            return this;
        }

        /** Crossover probability per pair, in [0, 1]; L2L's GA example uses 0.5. */
        public Builder cxProb(double cxProb) {
            this.cxProb = cxProb;
            return this;
        }

        /** Mutation probability per individual, in [0, 1]; L2L's GA example uses 0.3. */
        public Builder mutProb(double mutProb) {
            this.mutProb = mutProb;
            return this;
        }

        /** Number of generations, {@code > 0}; L2L's GA example uses 100. */
        public Builder nIteration(int nIteration) {
            this.nIteration = nIteration;
            return this;
        }

        /** Mutation probability per gene, in [0, 1]; L2L's GA example uses 0.02. */
        public Builder indProb(double indProb) {
            this.indProb = indProb;
            return this;
        }

        /** Tournament size, {@code > 0}; L2L's GA example uses 15. */
        public Builder tournSize(int tournSize) {
            this.tournSize = tournSize;
            return this;
        }

        /** Blend crossover alpha, finite and {@code >= 0}; L2L's GA example uses 0.5. */
        public Builder matePar(double matePar) {
            this.matePar = matePar;
            return this;
        }

        /** Gaussian mutation standard deviation, finite and {@code >= 0}; L2L's GA example uses 1. */
        public Builder mutPar(double mutPar) {
            this.mutPar = mutPar;
            return this;
        }

        /** Inner parameter sets per multi-individual, {@code > 0}; L2L's multi-GD example uses 2. */
        public Builder nInnerParams(int nInnerParams) {
            this.nInnerParams = nInnerParams;
            return this;
        }

        /** The validated parameters. */
        public MultiGeneticAlgorithmParameters build() {
            return new MultiGeneticAlgorithmParameters(seed, popSize, cxProb, mutProb, nIteration, indProb, tournSize,
                    matePar, mutPar, nInnerParams);
        }
    }
}
