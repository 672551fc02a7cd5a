package org.l2l.optimizers;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizer;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;

/**
 * The skeleton of a generational optimizer, which each optimizer fills in instead of repeating: the run state
 * (generation, finished, the proposals in flight), the checks ({@link #firstGeneration()} only for a new run, one
 * evaluation per proposal), {@link #describe} from the parameter record, checkpoints through one codec with a format
 * version, and {@link #continueFrom} for optimizers that can go on after finishing.
 *
 * <p>A subclass supplies {@link #proposals()} (the generation being evaluated), {@link #learn} (one generation's
 * evaluations in, the reason to stop or null out), and {@link #writeState}/{@link #readState} for its own fields. A
 * checkpoint is {@code [format, generation, finished, rng state]} followed by what {@link #writeState} writes, in
 * {@link StateBytes}: the layout most optimizers wrote before this class existed, so their old checkpoints read. An
 * optimizer whose older formats kept more in the header ({@link #legacyHeaderInts}) reads them through
 * {@link #readLegacyState} and writes the current format from then on.
 *
 * @param <P> the parameters: a record, or a sealed interface of records (one per variant)
 */
public abstract class GenerationalOptimizer<P> implements Optimizer {
    private final String name;
    private final String parameterGroup;
    private final int stateFormat;
    /** The fitness weights of the run. */
    protected final FitnessWeights weights;
    /** The parameters of the run. */
    protected final P params;
    /** The optimizer's one random generator, saved with every checkpoint. */
    protected final Rng rng;
    private int generation;
    private boolean finished;
    private boolean continuing;
    private boolean restoringFinished;

    /**
     * The run state of a new run at generation 0.
     *
     * @param name the optimizer's name in messages, such as {@code "simulated annealing"}
     * @param parameterGroup the trajectory group {@link #describe} writes
     * @param stateFormat the checkpoint format this version writes and reads
     */
    protected GenerationalOptimizer(String name, String parameterGroup, int stateFormat, FitnessWeights weights,
                                    P params, Rng rng) {
        this.name = name;
        this.parameterGroup = parameterGroup;
        this.stateFormat = stateFormat;
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
        this.rng = Require.nonNull("rng", rng);
    }

    @Override
    public final FitnessWeights fitnessWeights() {
        return weights;
    }

    /** The parameters of this run. */
    public final P parameters() {
        return params;
    }

    /** The generation being evaluated (the last one evaluated, once finished). */
    public final int generation() {
        return generation;
    }

    /** Whether {@link #next} has returned {@link Step.Finished}. */
    public final boolean isFinished() {
        return finished;
    }

    /**
     * Records every component of the parameter record ({@link #describeRecord}), as {@link #resolvedParameter} resolves
     * it, then {@link #describeDerived}.
     */
    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(parameterGroup, name + " settings");
        describeRecord(g, (Record) params, this::resolvedParameter);
        describeDerived(g);
    }

    /**
     * The value {@link #describe} records for the parameter component {@code component}: {@code value} itself by
     * default. Parameters that leave a value to be resolved against the optimizee (a default population size that
     * depends on the dimension, written as 0 or NaN) record the value the run uses.
     */
    protected Object resolvedParameter(String component, Object value) {
        return value;
    }

    /** Values derived from the parameters and the optimizee, recorded after the parameters; none by default. */
    protected void describeDerived(ParameterGroup group) {}

    /**
     * Adds each component of {@code record} to {@code group}: integers as {@code Long}, enums by name, lists of enums
     * as their names separated by spaces, arrays as copies, {@link Described} values as they describe themselves, a
     * nested record (the settings one optimizer wraps for another) component by component under its own names, null
     * not at all, other values as they are.
     */
    public static void describeRecord(ParameterGroup group, Record record) {
        describeRecord(group, record, (component, value) -> value);
    }

    private static void describeRecord(ParameterGroup group, Record record,
                                       BiFunction<String, Object, Object> resolve) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
            }
            v = resolve.apply(c.getName(), v);
            if (v == null) continue;
            if (v instanceof Record inner) {
                describeRecord(group, inner, resolve);
                continue;
            }
            if (v instanceof Described d) {
                d.describe(group);
                continue;
            }
            if (v instanceof Integer i) v = (long) i;
            else if (v instanceof Enum<?> e) v = e.name();
            else if (v instanceof double[] d) v = d.clone();
            else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Enum<?>) {
                v = l.stream().map(x -> ((Enum<?>) x).name()).collect(Collectors.joining(" "));
            }
            group.add(c.getName(), v);
        }
    }

    @Override
    public final List<Parameters> firstGeneration() {
        if (generation != 0 || finished) throw new IllegalStateException("firstGeneration() is only for a new run");
        return pending();
    }

    /** The proposals awaiting evaluation (empty once finished). */
    public final List<Parameters> pending() {
        return finished ? List.of() : proposals();
    }

    /** The generation being evaluated, as individuals. */
    protected abstract List<Parameters> proposals();

    /**
     * Checks that {@code result} has one evaluation per proposal, lets {@link #learn} take it in, and finishes or moves
     * to the next generation.
     *
     * @throws IllegalStateException if the run has finished
     * @throws IllegalArgumentException naming the generation and both sizes if the result does not fit the proposals
     */
    @Override
    public final Step next(GenerationResult result) {
        if (finished) throw new IllegalStateException(name + " has finished; next() must not be called");
        Require.nonNull("result", result);
        int expected = proposals().size();
        if (result.size() != expected) {
            throw new IllegalArgumentException("generation " + result.generation() + " has " + result.size()
                    + " evaluations, but " + expected + " individuals were proposed");
        }
        String stop = learn(result);
        if (stop != null) {
            finished = true;
            return Step.finished(stop);
        }
        generation++;
        return Step.next(pending());
    }

    /**
     * Takes in the evaluations of generation {@link #generation()} (one per proposal, in order) and prepares the next
     * proposals.
     *
     * @return why the run stops now, or null to go on
     */
    protected abstract String learn(GenerationResult result);

    @Override
    public final byte[] saveState() {
        StateBytes.Writer w = new StateBytes.Writer().ints(stateFormat, generation).bool(finished).longs(rng.state());
        writeState(w);
        return w.toBytes();
    }

    @Override
    public final List<Parameters> restoreState(byte[] bytes) {
        restore(bytes);
        return finished ? null : pending();
    }

    /**
     * Starts a new run from the state an earlier run ended with, under these (possibly longer) settings, when the
     * optimizer says its {@link #lastGeneration()}: a run that had stopped before finishing goes on with its pending
     * proposals; a finished one with the proposals of the generation after its last ({@link #proposeAfterFinishing}).
     * Returns null if the earlier run had already reached these settings' end.
     */
    @Override
    public List<Parameters> continueFrom(byte[] bytes) {
        if (lastGeneration() < 0) return Optimizer.super.continueFrom(bytes);
        continuing = true;
        try {
            restore(bytes);
        } finally {
            continuing = false;
        }
        if (finished) {
            if (generation >= lastGeneration()) return null;
            String stop = proposeAfterFinishing();
            if (stop != null) return null;
            finished = false;
            generation++;
        }
        return pending();
    }

    /**
     * For {@link #continueFrom} of a finished run: prepares the proposals of the generation after
     * {@link #generation()}, as {@link #learn} would have had the run gone on, drawing only from {@link #rng}.
     * Returns why there is nothing to propose, or null. By default there is nothing to do: the optimizer computed its
     * next proposals before it stopped.
     */
    protected String proposeAfterFinishing() {
        return null;
    }

    /**
     * The last generation these settings run to, for {@link #continueFrom}, when a finished run can go on with more
     * iterations (its state holds what the next generation needs). -1, the default, when it cannot: then
     * {@code continueFrom} is not supported.
     */
    protected int lastGeneration() {
        return -1;
    }

    /** Whether {@link #readState} reads the state of an earlier run that {@link #continueFrom} goes on with. */
    protected final boolean continuing() {
        return continuing;
    }

    /**
     * For {@link #learn}: moves on past a generation that needs no evaluation (a genetic algorithm whose offspring
     * all kept their fitness); it counts towards the run's generations.
     */
    protected final void skipGeneration() {
        generation++;
    }

    /** Whether {@link #readState} (or {@link #readLegacyState}) reads the state of a run that had finished. */
    protected final boolean restoringFinished() {
        return restoringFinished;
    }

    private void restore(byte[] bytes) {
        StateBytes.Reader r = new StateBytes.Reader(Require.nonNull("state", bytes));
        int format = r.integer();
        int headerInts = format == stateFormat ? 0 : legacyHeaderInts(format);
        if (headerInts < 0) {
            throw new IllegalArgumentException(name + " state format " + format + " is not supported (this version reads "
                    + readableFormats() + ")");
        }
        int gen = r.integer();
        int[] header = new int[headerInts];
        for (int i = 0; i < headerInts; i++) header[i] = r.integer();
        boolean done = r.bool();
        long[] rngState = r.longs();
        restoringFinished = done;
        try {
            if (format == stateFormat) readState(r, gen);
            else readLegacyState(r, format, gen, header);
        } finally {
            restoringFinished = false;
        }
        rng.setState(rngState);
        generation = gen;
        finished = done;
    }

    private String readableFormats() {
        List<Integer> formats = new ArrayList<>();
        for (int f = 1; f < stateFormat; f++) if (legacyHeaderInts(f) >= 0) formats.add(f);
        formats.add(stateFormat);
        if (formats.size() == 1) return "format " + stateFormat;
        String all = formats.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "formats " + all.substring(0, all.lastIndexOf(", ")) + " and " + stateFormat;
    }

    /**
     * For an older checkpoint format that this version still reads: how many ints it kept in its header between the
     * generation and the finished flag (0 if its header was this class's). -1, the default, for a format it does not
     * read.
     */
    protected int legacyHeaderInts(int format) {
        return -1;
    }

    /**
     * Reads what an older format ({@link #legacyHeaderInts}) held after the header, as {@link #readState} does for the
     * current one; the next {@link #saveState} writes the current format.
     *
     * @param format the older format
     * @param header the ints the older format kept in its header
     * @throws IllegalArgumentException if it does not fit, naming the parameter
     */
    protected void readLegacyState(StateBytes.Reader r, int format, int generation, int[] header) {
        throw new UnsupportedOperationException(getClass().getName() + " says it reads format " + format
                + " but does not read it");
    }

    /** Writes the optimizer's own fields, after the common header. */
    protected abstract void writeState(StateBytes.Writer w);

    /**
     * Reads what {@link #writeState} wrote and checks it fits these parameters before setting any field.
     *
     * @param generation the generation the state is at
     * @throws IllegalArgumentException if it does not fit, naming the parameter
     */
    protected abstract void readState(StateBytes.Reader r, int generation);
}
