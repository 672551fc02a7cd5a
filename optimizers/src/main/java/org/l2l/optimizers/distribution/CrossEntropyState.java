package org.l2l.optimizers.distribution;

import java.util.function.IntConsumer;
import org.l2l.optimizers.StateBytes;

/**
 * What the cross-entropy method and FACE keep between generations, and their checkpoint of it: the sample being
 * evaluated, the temperature of the non-elite selection, the last evaluated generation's best and elite threshold, and
 * the fitted distribution.
 */
final class CrossEntropyState {
    final CrossEntropyModel model;
    /** The generation being evaluated (the last one evaluated, once finished). */
    double[][] sample;
    double temperature = 1;
    /** The last evaluated generation's elite threshold ({@code -inf} before any). */
    double gamma = Double.NEGATIVE_INFINITY;
    /** The last evaluated generation's best weighted fitness ({@code -inf} before any). */
    double bestFitness = Double.NEGATIVE_INFINITY;
    /** The last evaluated generation's best individual, or null before any. */
    double[] bestIndividual;

    /** The state of a new run: {@code model} fitted to the first generation, {@code sample}. */
    CrossEntropyState(CrossEntropyModel model, double[][] sample) {
        this.model = model;
        this.sample = sample;
    }

    /**
     * Takes in the weighted fitnesses of {@link #sample}: the best individual, its fitness and the elite threshold (the
     * {@code nElite}-th best fitness) become the last evaluated generation's. Returns the indices by descending fitness.
     */
    Integer[] rank(double[] wf, int nElite) {
        Integer[] order = CrossEntropy.rankDescending(wf);
        bestIndividual = sample[order[0]].clone();
        bestFitness = wf[order[0]];
        gamma = wf[order[nElite - 1]];
        return order;
    }

    /** Appends the state to a checkpoint. */
    void write(StateBytes.Writer w) {
        w.matrix(new double[][] {{temperature, gamma, bestFitness}}).matrix(new double[][] {bestIndividual})
                .matrix(sample);
        model.write(w);
    }

    /**
     * Reads a state written by {@link #write}, checking each individual's dimension and, with {@code checkSize}, the
     * number of individuals, before anything is set.
     *
     * @param what the optimizer, for messages
     */
    void read(StateBytes.Reader r, String what, int dimension, IntConsumer checkSize) {
        double[][] scalars = r.matrix();
        double[][] best = r.matrix();
        double[][] pop = r.matrix();
        if (scalars.length != 1 || scalars[0] == null || scalars[0].length != 3 || best.length != 1) {
            throw new IllegalArgumentException("corrupt " + what + " state");
        }
        checkSize.accept(pop.length);
        for (double[] v : pop) {
            if (v == null || v.length != dimension) throw new IllegalArgumentException("corrupt " + what + " state");
        }
        model.read(r);
        temperature = scalars[0][0];
        gamma = scalars[0][1];
        bestFitness = scalars[0][2];
        bestIndividual = best[0];
        sample = pop;
    }
}
