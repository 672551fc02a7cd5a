package org.l2l.optimizers.search;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.BiFunction;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;

/**
 * The best successful evaluation told so far, independent of the order results arrive in: of equal weighted
 * fitnesses the one with the smallest {@code (generation, index)} wins. Saved and restored with an optimizer's
 * checkpoint (the fitness and the identifiers; the parameters are recreated by the optimizer).
 */
public final class BestSoFar {
    private Evaluation best;

    /** Considers {@code e}; failed evaluations never win. */
    public void offer(Evaluation e) {
        if (e.failed()) return;
        if (best == null) {
            best = e;
            return;
        }
        int c = FitnessWeights.WEIGHTED_ORDER.compare(e.weightedFitness(), best.weightedFitness());
        if (c > 0 || c == 0 && before(e.individual(), best.individual())) best = e;
    }

    private static boolean before(Individual a, Individual b) {
        return a.generation() < b.generation() || a.generation() == b.generation() && a.index() < b.index();
    }

    /** The best evaluation, or null if none succeeded. */
    public Evaluation get() {
        return best;
    }

    /** Writes the best evaluation's identifiers and fitness (not its extra data). */
    public void write(DataOutputStream out) throws IOException {
        out.writeBoolean(best != null);
        if (best == null) return;
        out.writeInt(best.individual().generation());
        out.writeInt(best.individual().index());
        double[] f = best.fitness(), w = best.weightedFitness();
        out.writeInt(f.length);
        for (double x : f) out.writeDouble(x);
        for (double x : w) out.writeDouble(x);
    }

    /** Reads what {@link #write} wrote; {@code params} recreates the parameters of a (generation, index). */
    public void read(DataInputStream in, BiFunction<Integer, Integer, Parameters> params) throws IOException {
        best = null;
        if (!in.readBoolean()) return;
        int g = in.readInt(), i = in.readInt(), n = in.readInt();
        if (n < 0 || n > 1 << 16) throw new IOException("corrupt fitness length " + n);
        double[] f = new double[n], w = new double[n];
        for (int k = 0; k < n; k++) f[k] = in.readDouble();
        for (int k = 0; k < n; k++) w[k] = in.readDouble();
        best = new Evaluation(new Individual(g, i, params.apply(g, i)), f, w, Map.of(), null);
    }
}
