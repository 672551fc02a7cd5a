package org.l2l.optimizers.search;

import org.l2l.core.Require;

/**
 * The settings of {@link RandomSearch}.
 *
 * <pre>{@code
 * RandomSearchParameters p = RandomSearchParameters.builder().seed(1).nSamples(5000).build();
 * }</pre>
 *
 * @param seed the seed of the samples' random streams
 * @param nSamples how many samples to evaluate (the budget)
 * @param popSize the samples per generation when run with a generation barrier; it also lays out the samples'
 *     identifiers: sample {@code k} is individual {@code (k / popSize, k % popSize)} in either mode
 */
public record RandomSearchParameters(long seed, int nSamples, int popSize) {
    /** Validates the fields. */
    public RandomSearchParameters {
        Require.positive("nSamples", nSamples);
        Require.positive("popSize", popSize);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RandomSearchParameters}. */
    public static final class Builder {
        private long seed = 42;
        private int nSamples = 1000;
        private int popSize = 100;

        private Builder() {}

        /** The seed; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The number of samples, at least 1; default 1000. */
        public Builder nSamples(int nSamples) {
            this.nSamples = nSamples;
            return this;
        }

        /** Samples per generation, at least 1; default 100. */
        public Builder popSize(int popSize) {
            this.popSize = popSize;
            return this;
        }

        /** The validated parameters. */
        public RandomSearchParameters build() {
            return new RandomSearchParameters(seed, nSamples, popSize);
        }
    }
}
