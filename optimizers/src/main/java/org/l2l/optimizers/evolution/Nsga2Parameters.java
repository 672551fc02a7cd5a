package org.l2l.optimizers.evolution;

import org.l2l.core.Require;

/**
 * Settings of {@link Nsga2}. L2L has no NSGA-II; the {@link #builder() builder}'s defaults are those of Deb et al.
 * (2002) for real-coded variables (crossover probability 0.9, distribution indices 20 for crossover and mutation,
 * mutation probability {@code 1/n} per variable), with 100 individuals and 100 generations; each is documented on
 * its setter.
 *
 * <pre>{@code
 * Nsga2Parameters p = Nsga2Parameters.builder().seed(42).popSize(40).nIteration(25).build();
 * }</pre>
 *
 * @param seed seed of the optimizer's own random generator
 * @param popSize the number of individuals in the population and of offspring per generation, {@code >= 2}
 * @param nIteration the number of generations to run, {@code > 0}; a run evaluates {@code popSize * nIteration}
 *                   individuals
 * @param cxProb the probability that a pair of parents is recombined by simulated binary crossover
 * @param etaCrossover the distribution index of simulated binary crossover, finite and {@code >= 0}: larger values
 *                     keep children closer to their parents
 * @param indProb the probability that each variable of a child is changed by polynomial mutation, in [0, 1]; NaN
 *                means {@code 1/n} for an individual of {@code n} values
 * @param etaMutation the distribution index of polynomial mutation, finite and {@code >= 0}: larger values give
 *                    smaller changes
 */
public record Nsga2Parameters(long seed, int popSize, int nIteration, double cxProb, double etaCrossover,
                              double indProb, double etaMutation) {
    /** Validates every field; a message names the field and its bad value. */
    public Nsga2Parameters {
        if (popSize < 2) throw new IllegalArgumentException("popSize must be >= 2, but was " + popSize);
        Require.positive("nIteration", nIteration);
        Require.probability("cxProb", cxProb);
        Require.nonNegative("etaCrossover", etaCrossover);
        if (!Double.isNaN(indProb)) Require.probability("indProb", indProb);
        Require.nonNegative("etaMutation", etaMutation);
    }

    /** The per-variable mutation probability for individuals of {@code dimension} values. */
    public double indProbFor(int dimension) {
        return Double.isNaN(indProb) ? 1.0 / dimension : indProb;
    }

    /** A builder preset with Deb's settings; see the class comment. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Nsga2Parameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private long seed = 0;
        private int popSize = 100;
        private int nIteration = 100;
        private double cxProb = 0.9;
        private double etaCrossover = 20;
        private double indProb = Double.NaN;
        private double etaMutation = 20;

        private Builder() {}

        /** Seed of the optimizer's random generator; 0 by default. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Population size, {@code >= 2}; 100 by default (Deb et al. 2002). */
        public Builder popSize(int popSize) {
            this.popSize = popSize;
            return this;
        }

        /** Number of generations, {@code > 0}; 100 by default. */
        public Builder nIteration(int nIteration) {
            this.nIteration = nIteration;
            return this;
        }

        /** Crossover probability per pair of parents, in [0, 1]; 0.9 by default (Deb et al. 2002). */
        public Builder cxProb(double cxProb) {
            this.cxProb = cxProb;
            return this;
        }

        /** Distribution index of simulated binary crossover, {@code >= 0}; 20 by default (Deb et al. 2002). */
        public Builder etaCrossover(double etaCrossover) {
            this.etaCrossover = etaCrossover;
            return this;
        }

        /** Mutation probability per variable, in [0, 1]; by default (NaN) {@code 1/n} for {@code n} variables. */
        public Builder indProb(double indProb) {
            this.indProb = indProb;
            return this;
        }

        /** Distribution index of polynomial mutation, {@code >= 0}; 20 by default (Deb et al. 2002). */
        public Builder etaMutation(double etaMutation) {
            this.etaMutation = etaMutation;
            return this;
        }

        /** The validated parameters. */
        public Nsga2Parameters build() {
            return new Nsga2Parameters(seed, popSize, nIteration, cxProb, etaCrossover, indProb, etaMutation);
        }
    }
}
