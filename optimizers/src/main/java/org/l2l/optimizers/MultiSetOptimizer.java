package org.l2l.optimizers;

import java.util.List;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Optimizer;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;

/**
 * The skeleton of the multi-optimizers: a {@link GenerationalOptimizer} on single parameter sets (the inner
 * optimizer) whose proposals are evaluated {@code nInnerParams} at a time in {@linkplain MultiIndividual
 * multi-individuals} ({@link InnerSets}). The inner optimizer keeps the run state, the checks, the checkpoints and
 * {@code continueFrom} (where it supports it); this class packs its proposals and splits the results back, and
 * describes the multi-optimizer's parameter record.
 *
 * <p>{@link #fitnessWeights()} are those of one inner set repeated {@code nInnerParams} times
 * ({@link InnerSets#repeat}), which rank a multi-individual by its best inner set.
 *
 * @param <P> the parameter record, which holds the inner optimizer's parameters and {@code nInnerParams}
 * @param <O> the inner optimizer
 */
public abstract class MultiSetOptimizer<P extends Record, O extends GenerationalOptimizer<?>> implements Optimizer {
    private final String name;
    private final String parameterGroup;
    /** The parameters of the run. */
    protected final P params;
    /** The optimizer of single sets that does the work. */
    protected final O inner;
    private final int nInnerParams;
    private final FitnessWeights innerWeights;
    private final FitnessWeights weights;
    private List<Parameters> pending = List.of();

    /**
     * @param name the optimizer's name in messages and the trajectory
     * @param parameterGroup the trajectory group {@link #describe} writes
     * @param innerWeights the fitness weights of one inner set
     * @param inner the inner optimizer, new, built with {@code innerWeights}
     */
    protected MultiSetOptimizer(String name, String parameterGroup, P params, int nInnerParams,
                                FitnessWeights innerWeights, O inner) {
        this.name = name;
        this.parameterGroup = parameterGroup;
        this.params = Require.nonNull("params", params);
        this.nInnerParams = Require.positive("nInnerParams", nInnerParams);
        this.innerWeights = Require.nonNull("weights", innerWeights);
        this.weights = InnerSets.repeat(innerWeights, nInnerParams);
        this.inner = Require.nonNull("inner optimizer", inner);
    }

    /** The weights of one inner set, repeated {@code nInnerParams} times. */
    @Override
    public final FitnessWeights fitnessWeights() {
        return weights;
    }

    /** The parameters of this run. */
    public final P parameters() {
        return params;
    }

    /** Records every component of the parameter record, the inner optimizer's flat, then {@link #describeDerived}. */
    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(parameterGroup, name + " settings");
        GenerationalOptimizer.describeRecord(g, params);
        describeDerived(g);
    }

    /** Values derived from the parameters, recorded after them; none by default. */
    protected void describeDerived(ParameterGroup group) {}

    /** The inner optimizer's first generation, packed. */
    @Override
    public final List<Parameters> firstGeneration() {
        return pack(inner.firstGeneration());
    }

    @Override
    public final Step next(GenerationResult result) {
        Step step = inner.next(InnerSets.split(result, pending, nInnerParams, innerWeights));
        if (step instanceof Step.Next n) return Step.next(pack(n.individuals()));
        pending = List.of();
        return step;
    }

    /** The single sets awaiting evaluation, in the inner optimizer's order (empty once finished). */
    public final List<Parameters> pendingInnerSets() {
        return pending;
    }

    /** Records the inner optimizer's results in its own group. */
    @Override
    public void end(Trajectory trajectory) {
        inner.end(trajectory);
    }

    /** The generation pending evaluation, or the last one once finished. */
    public final int generation() {
        return inner.generation();
    }

    /** Whether {@link #next} has returned {@link Step.Finished}. */
    public final boolean isFinished() {
        return inner.isFinished();
    }

    /** The inner optimizer's complete state: the packing is a function of it. */
    @Override
    public final byte[] saveState() {
        return inner.saveState();
    }

    /** Continues from {@link #saveState()}; returns the pending multi-individuals, or null if the run had finished. */
    @Override
    public final List<Parameters> restoreState(byte[] state) {
        return packOrNull(inner.restoreState(state));
    }

    /**
     * Continues an earlier run with these settings (more iterations, say) as the inner optimizer does;
     * {@code nInnerParams} may differ from the earlier run's.
     *
     * @throws UnsupportedOperationException if the inner optimizer cannot continue earlier runs
     */
    @Override
    public final List<Parameters> continueFrom(byte[] state) {
        return packOrNull(inner.continueFrom(state));
    }

    private List<Parameters> packOrNull(List<Parameters> sets) {
        if (sets == null) {
            pending = List.of();
            return null;
        }
        return pack(sets);
    }

    private List<Parameters> pack(List<Parameters> sets) {
        pending = List.copyOf(sets);
        return InnerSets.pack(pending, nInnerParams);
    }
}
