package org.l2l.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.optimizers.evolution.MultiGeneticAlgorithm;
import org.l2l.optimizers.gradient.MultiGradientDescent;

/**
 * What the multi-optimizers ({@link MultiGeneticAlgorithm}, {@link MultiGradientDescent}) share: an inner optimizer
 * proposes single parameter sets; these are packed {@code nInnerParams} at a time into
 * {@linkplain MultiIndividual multi-individuals} for evaluation, and each multi-individual's fitness vector is split
 * back into one evaluation per inner set.
 */
public final class InnerSets {
    private InnerSets() {}

    /**
     * The inner sets in groups of {@code n}, in order, each packed into one multi-individual. If the last group is
     * short it is padded with copies of its last set, so that every multi-individual holds exactly {@code n} sets (the
     * runner expects the same number of fitness components from every individual); {@link #split} ignores the
     * padding's fitness.
     */
    public static List<Parameters> pack(List<Parameters> inner, int n) {
        Require.positive("nInnerParams", n);
        List<Parameters> out = new ArrayList<>();
        for (int start = 0; start < inner.size(); start += n) {
            List<Parameters> group = new ArrayList<>(inner.subList(start, Math.min(inner.size(), start + n)));
            while (group.size() < n) group.add(group.get(group.size() - 1));
            out.add(MultiIndividual.pack(group));
        }
        return out;
    }

    /** The number of multi-individuals {@link #pack} makes of {@code innerCount} sets. */
    public static int packedCount(int innerCount, int n) {
        return (innerCount + n - 1) / n;
    }

    /**
     * {@code weights} repeated {@code n} times: the weights of a multi-individual of {@code n} sets, which rank it by
     * its best set ({@link FitnessWeights#repeat}).
     */
    public static FitnessWeights repeat(FitnessWeights weights, int n) {
        return weights.repeat(n);
    }

    /**
     * The evaluations of the inner sets {@code inner} (as packed by {@link #pack} with {@code n}) from those of
     * their multi-individuals: inner set {@code j n + t} gets the components {@code [t k, (t + 1) k)} of
     * multi-individual {@code j}'s fitness, {@code k} being the number of {@code innerWeights}, weighted by
     * {@code innerWeights}, and the multi-individual's extra data. A failed multi-individual fails each of its sets.
     *
     * @throws IllegalArgumentException if the result does not have one evaluation per multi-individual, or a fitness
     *     vector does not have {@code n k} components
     */
    public static GenerationResult split(GenerationResult result, List<Parameters> inner, int n, FitnessWeights innerWeights) {
        int expected = packedCount(inner.size(), n);
        if (result.size() != expected) {
            throw new IllegalArgumentException("generation " + result.generation() + " has " + result.size()
                    + " evaluations, but " + expected + " multi-individuals were proposed");
        }
        int k = innerWeights.size();
        List<Evaluation> out = new ArrayList<>(inner.size());
        for (int i = 0; i < inner.size(); i++) {
            Evaluation e = result.evaluations().get(i / n);
            Individual ind = new Individual(result.generation(), i, inner.get(i));
            if (e.failed()) {
                out.add(Evaluation.failed(ind, innerWeights, e.failure()));
                continue;
            }
            double[] fitness = e.fitness();
            if (fitness.length != n * k) {
                throw new IllegalArgumentException(e.individual().label() + " has " + fitness.length
                        + " fitness components, but its " + n + " inner sets of " + k + " components need " + n * k);
            }
            double[] slice = MultiIndividual.slice(fitness, i % n, k);
            out.add(new Evaluation(ind, slice, innerWeights.weigh(slice), e.extra(), null));
        }
        return new GenerationResult(result.generation(), out);
    }
}
