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
        Require.generationSize("popSize", popSize);
        Require.probability("cxProb", cxProb);
        Require.probability("mutProb", mutProb);
        Require.positive("nIteration", nIteration);
        Require.probability("indProb", indProb);
        Require.generationSize("tournSize", tournSize);
        Require.nonNegative("matePar", matePar);
        Require.nonNegative("mutPar", mutPar);
    }

    /** A builder preset with the values of L2L's example {@code bin/l2l-fun-ga.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GeneticAlgorithmParameters}; validation happens in {@link #build()}. */
    public static final class Builder extends Settings<Builder> {
        private Builder() {}

        /** The validated parameters. */
        public GeneticAlgorithmParameters build() {
            return geneticAlgorithm();
        }
    }

    /**
     * The settings of a genetic algorithm with their defaults and setters, once: {@link Builder} and the builders of
     * optimizers that run a genetic algorithm inside ({@link MultiGeneticAlgorithmParameters.Builder}) extend it, so
     * an experiment file sets the same flat fields on either.
     *
     * @param <B> the builder, which each setter returns
     */
    public abstract static class Settings<B extends Settings<B>> {
        private long seed = 0;
        private int popSize = 50;
        private double cxProb = 0.5;
        private double mutProb = 0.3;
        private int nIteration = 100;
        private double indProb = 0.02;
        private int tournSize = 15;
        private double matePar = 0.5;
        private double mutPar = 1.0;

        /** Settings preset with the values of L2L's example {@code bin/l2l-fun-ga.py}. */
        protected Settings() {}

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** Seed of the optimizer's random generator; L2L's example uses 0. */
        public B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /** Population size, {@code > 0}; L2L's example uses 50. */
        public B popSize(int popSize) {
            this.popSize = popSize;
            return self();
        }

        /** Crossover probability per pair, in [0, 1]; L2L's example uses 0.5. */
        public B cxProb(double cxProb) {
            this.cxProb = cxProb;
            return self();
        }

        /** Mutation probability per individual, in [0, 1]; L2L's example uses 0.3. */
        public B mutProb(double mutProb) {
            this.mutProb = mutProb;
            return self();
        }

        /** Number of generations, {@code > 0}; L2L's example uses 100. */
        public B nIteration(int nIteration) {
            this.nIteration = nIteration;
            return self();
        }

        /** Mutation probability per gene, in [0, 1]; L2L's example uses 0.02. */
        public B indProb(double indProb) {
            this.indProb = indProb;
            return self();
        }

        /** Tournament size, {@code > 0}; L2L's example uses 15. */
        public B tournSize(int tournSize) {
            this.tournSize = tournSize;
            return self();
        }

        /** Blend crossover alpha, finite and {@code >= 0}; L2L's example uses 0.5. */
        public B matePar(double matePar) {
            this.matePar = matePar;
            return self();
        }

        /** Gaussian mutation standard deviation, finite and {@code >= 0}; L2L's example uses 1. */
        public B mutPar(double mutPar) {
            this.mutPar = mutPar;
            return self();
        }

        /** The genetic algorithm's validated parameters. */
        protected final GeneticAlgorithmParameters geneticAlgorithm() {
            return new GeneticAlgorithmParameters(seed, popSize, cxProb, mutProb, nIteration, indProb, tournSize,
                    matePar, mutPar);
        }
    }
}
