package org.l2l.optimizers.search;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.l2l.core.AsyncOptimizer;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;

/**
 * Random search: {@code nSamples} independent samples, each uniform in the optimizee's domain (its
 * {@code createIndividual}, passed through its {@code bound}), the baseline every optimizer should beat.
 *
 * <p>Sample {@code k} draws from its own stream {@code Rng.derive(seed, "RandomSearch", k)} and is the
 * individual {@code (k / popSize, k % popSize)}, so the samples and their results do not depend on the order
 * or timing of evaluation, nor on the mode: asynchronous ({@link AsyncOptimizer}, {@link Ordering#ANY}, the
 * runner's default) or generation by generation ({@link Optimizer}, {@code popSize} samples per generation).
 * The best is the best weighted fitness, of equals the lowest sample.
 *
 * <pre>{@code
 * RandomSearch rs = new RandomSearch(optimizee, FitnessWeights.of(-1),
 *         RandomSearchParameters.builder().seed(3).nSamples(2000).build());
 * }</pre>
 */
public final class RandomSearch implements Optimizer, AsyncOptimizer {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "randomSearch";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "randomSearchResult";
    private static final int STATE_MAGIC = 0x524E4453; // "RNDS"

    private final Optimizee optimizee;
    private final FitnessWeights weights;
    private final RandomSearchParameters params;
    private final BestSoFar best = new BestSoFar();
    /** Samples handed out, and results told. */
    private int asked;
    private int told;
    private boolean started;

    /** A random search over {@code optimizee}'s domain. */
    public RandomSearch(Optimizee optimizee, FitnessWeights weights, RandomSearchParameters params) {
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
    }

    /** Sample {@code k}'s parameters. */
    public Parameters sample(int k) {
        return optimizee.bound(optimizee.createIndividual(Rng.derive(params.seed(), "RandomSearch", k)));
    }

    private Individual individual(int k) {
        return new Individual(k / params.popSize(), k % params.popSize(), sample(k));
    }

    /** The parameters this search was built with. */
    public RandomSearchParameters parameters() {
        return params;
    }

    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "random search settings");
        g.add("seed", params.seed());
        g.add("nSamples", (long) params.nSamples());
        g.add("popSize", (long) params.popSize());
    }

    /** Random search keeps no files. */
    @Override
    public void useRunDirectory(Path runDirectory) {}

    // ---- generation by generation

    /** Samples 0 .. popSize - 1 (fewer if nSamples is smaller). */
    @Override
    public List<Parameters> firstGeneration() {
        start();
        return generation(0);
    }

    private List<Parameters> generation(int g) {
        int from = g * params.popSize(), to = Math.min(params.nSamples(), from + params.popSize());
        List<Parameters> out = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) out.add(sample(k));
        asked = to;
        return out;
    }

    @Override
    public Step next(GenerationResult result) {
        for (Evaluation e : result.evaluations()) tell(e);
        if (isFinished()) return Step.finished("random search evaluated its " + params.nSamples() + " samples");
        return Step.next(generation(result.generation() + 1));
    }

    @Override
    public List<Parameters> restoreState(byte[] state) {
        restore(state);
        if (told == params.nSamples()) return null;
        if (told % params.popSize() != 0) {
            throw new IllegalArgumentException("the saved random search is not at a generation's end; resume it asynchronously");
        }
        return generation(told / params.popSize());
    }

    // ---- asynchronous

    /** Samples are independent: any number at any time. */
    @Override
    public Ordering ordering() {
        return Ordering.ANY;
    }

    @Override
    public void start() {
        if (started) throw new IllegalStateException("the random search has started already");
        started = true;
    }

    /** The next {@code n} samples (fewer at the end of the budget). */
    @Override
    public List<Individual> ask(int n) {
        Require.positive("n", n);
        List<Individual> out = new ArrayList<>();
        while (out.size() < n && asked < params.nSamples()) out.add(individual(asked++));
        return out;
    }

    @Override
    public void tell(Evaluation evaluation) {
        Individual ind = evaluation.individual();
        long k = (long) ind.generation() * params.popSize() + ind.index();
        if (ind.index() >= params.popSize() || k >= asked) {
            throw new IllegalArgumentException("the random search did not propose " + ind.label());
        }
        if (told >= asked) throw new IllegalStateException("every sample was told already; " + ind.label() + " is extra");
        best.offer(evaluation);
        told++;
    }

    /** Whether every sample has been handed out. */
    @Override
    public boolean isFinished() {
        return asked >= params.nSamples();
    }

    /** The samples handed out and told, and the best so far. */
    @Override
    public byte[] saveState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_MAGIC);
            out.writeInt(params.popSize());
            out.writeInt(asked);
            out.writeInt(told);
            best.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void restore(byte[] state) {
        Require.nonNull("state", state);
        if (started) throw new IllegalStateException("restore() is only for a new RandomSearch object");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != STATE_MAGIC) throw new IllegalArgumentException("not a random search state");
            int pop = in.readInt();
            if (pop != params.popSize()) {
                throw new IllegalArgumentException("the saved random search has popSize " + pop + ", these settings " + params.popSize());
            }
            asked = in.readInt();
            told = in.readInt();
            if (asked < 0 || told < 0 || told > asked) throw new IOException("corrupt counts");
            best.read(in, (g, i) -> sample(g * params.popSize() + i));
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt random search state: " + e.getMessage(), e);
        }
        started = true;
    }

    /** Records the samples evaluated and the best one ({@code finalIndividual.<name>}, {@code finalFitness}). */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "random search result");
        g.add("samples", (long) told);
        Evaluation b = best.get();
        if (b != null) {
            Parameters p = b.individual().params();
            for (String name : p.names()) g.add("finalIndividual." + name, p.isArray(name) ? p.array(name) : (Object) p.scalar(name));
            g.add("finalFitness", b.fitness());
        }
    }

    /** The best successful evaluation told so far (of equal fitnesses the lowest sample), if any. */
    public java.util.Optional<Evaluation> best() {
        return java.util.Optional.ofNullable(best.get());
    }

    @Override
    public String toString() {
        return "RandomSearch" + Arrays.asList(params.seed(), params.nSamples(), params.popSize());
    }
}
