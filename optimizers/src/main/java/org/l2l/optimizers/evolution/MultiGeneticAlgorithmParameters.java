package org.l2l.optimizers.evolution;

import org.l2l.core.Require;

/**
 * Settings of the {@link MultiGeneticAlgorithm}: L2L's {@code MultiGeneticAlgorithmParameters}, which are the
 * {@link GeneticAlgorithmParameters} plus {@code n_inner_params}, the number of inner parameter sets per
 * multi-individual.
 *
 * <p>L2L ships no example script for its multi-GA. The {@link #builder() builder} is the genetic algorithm's (flat,
 * the same fields and defaults, from its GA example {@code bin/l2l-fun-ga.py}) plus {@code nInnerParams}, 2 as in
 * its multi-gradient-descent example {@code bin/l2l-fun-mgd.py}.
 *
 * <pre>{@code
 * MultiGeneticAlgorithmParameters p = MultiGeneticAlgorithmParameters.builder().popSize(40).nInnerParams(4).build();
 * }</pre>
 *
 * @param geneticAlgorithm the settings of the genetic algorithm that evolves the inner sets; {@code popSize} counts
 *     inner sets
 * @param nInnerParams the number of inner parameter sets per multi-individual, {@code > 0}
 */
public record MultiGeneticAlgorithmParameters(GeneticAlgorithmParameters geneticAlgorithm, int nInnerParams) {
    /** Validates every field; a message names the field and its bad value. */
    public MultiGeneticAlgorithmParameters {
        Require.nonNull("geneticAlgorithm", geneticAlgorithm);
        Require.positive("nInnerParams", nInnerParams);
        Require.generationSize("popSize * nInnerParams (the inner parameter sets of a generation)",
                (long) geneticAlgorithm.popSize() * nInnerParams);
    }

    /** A builder preset with the values of L2L's examples {@code bin/l2l-fun-ga.py} and {@code bin/l2l-fun-mgd.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds {@link MultiGeneticAlgorithmParameters}: the genetic algorithm's settings ({@link
     * GeneticAlgorithmParameters.Settings}) and {@code nInnerParams}; validation happens in {@link #build()}.
     */
    public static final class Builder extends GeneticAlgorithmParameters.Settings<Builder> {
        private int nInnerParams = 2;

        private Builder() {}

        /** Inner parameter sets per multi-individual, {@code > 0}; L2L's multi-GD example uses 2. */
        public Builder nInnerParams(int nInnerParams) {
            this.nInnerParams = nInnerParams;
            return this;
        }

        /** The validated parameters. */
        public MultiGeneticAlgorithmParameters build() {
            return new MultiGeneticAlgorithmParameters(geneticAlgorithm(), nInnerParams);
        }
    }
}
