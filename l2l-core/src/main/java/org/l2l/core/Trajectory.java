package org.l2l.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a run: its parameters in named groups, the newest generation's individuals and results,
 * the best evaluation so far, and run metadata (L2L's and pypet's trajectory, typed).
 *
 * <pre>{@code
 * traj.addParameterGroup("ga", "genetic algorithm settings");
 * traj.addParameterToGroup("ga", "popSize", 32L);
 * long pop = traj.group("ga").getLong("popSize");
 * }</pre>
 *
 * <p>Memory stays bounded however long the run: only the newest generation (its individuals and, once
 * evaluated, its results) and the best evaluation are kept. Older generations are in the run directory,
 * one file each ({@code generations/gen-N.kryo}), where the runner stores every generation as it
 * completes; {@code l2l inspect} reads them from there.
 *
 * <p>Only one thread, the driver's, touches a trajectory.
 */
public final class Trajectory {
    private final String name;
    private final Map<String, ParameterGroup> groups = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    /** The individuals of the newest generation ({@code generationCount - 1}); empty before the first. */
    private List<Individual> newest = List.of();
    /** The results of the newest complete generation, or null before the first. */
    private GenerationResult newestResults;
    private Evaluation best;
    private Comparator<double[]> order = FitnessWeights.WEIGHTED_ORDER;
    /** Generations added so far, including those of the earlier part of a resumed run. */
    private int generationCount;
    /** The first generation of this driver's part of a resumed run; 0 otherwise. */
    private int resumedAt;

    /** An empty trajectory. */
    public Trajectory(String name) {
        this.name = Require.nonBlank("trajectory name", name);
    }

    /**
     * Ranks evaluations for {@link #best()} by {@code weights.order()} ({@link FitnessWeights#order()}): by the best
     * inner set for the weights of multi-individuals; by {@link FitnessWeights#WEIGHTED_ORDER} until called.
     */
    public void rankBy(FitnessWeights weights) {
        this.order = Require.nonNull("weights", weights).order();
    }

    /** The trajectory's name. */
    public String name() {
        return name;
    }

    /** Adds a new, empty parameter group; fails if it exists. */
    public ParameterGroup addParameterGroup(String group, String comment) {
        if (groups.containsKey(group)) throw new IllegalArgumentException("parameter group '" + group + "' already exists");
        ParameterGroup g = new ParameterGroup(group, comment);
        groups.put(group, g);
        return g;
    }

    /** Adds a parameter to an existing group; fails if the group does not exist. */
    public void addParameterToGroup(String group, String key, Object value) {
        group(group).add(key, value);
    }

    /** The named group; fails, listing the groups, if it does not exist. */
    public ParameterGroup group(String group) {
        ParameterGroup g = groups.get(group);
        if (g == null) {
            throw new IllegalArgumentException("no parameter group '" + group + "'; the groups are " + groups.keySet());
        }
        return g;
    }

    /** Whether the group exists. */
    public boolean hasGroup(String group) {
        return groups.containsKey(group);
    }

    /** All groups, in creation order. */
    public List<ParameterGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** Sets a metadata entry (seed, host, start time, ...). */
    public void putMetadata(String key, String value) {
        metadata.put(Require.nonBlank("metadata key", key), Require.nonNull("metadata '" + key + "'", value));
    }

    /** A metadata entry, if present. */
    public Optional<String> metadata(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    /** All metadata (unmodifiable). */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /**
     * Continues a stored run at {@code generation}: the generations before it stay on disk (a resumed
     * run reads only its last one), and {@code best} is the best evaluation among them.
     */
    public void resumeAt(int generation, Evaluation best) {
        if (generationCount != 0) throw new IllegalStateException("resumeAt must come first");
        this.generationCount = Require.nonNegative("generation", generation);
        this.resumedAt = generation;
        this.best = best;
    }

    /**
     * Adds the next generation's individuals (L2L's {@code f_expand}). Generations are added in order,
     * each once the previous one has its results, and each one's indices run from 0. The previous
     * generation's individuals and results are dropped from memory (they are in the run directory).
     */
    public List<Individual> expand(List<Parameters> params) {
        int g = generationCount;
        if (awaitingResults()) {
            throw new IllegalStateException("generation " + (g - 1) + " has no results yet; cannot add generation " + g);
        }
        List<Individual> inds = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) inds.add(new Individual(g, i, params.get(i)));
        newest = List.copyOf(inds);
        generationCount++;
        return newest;
    }

    /** Records the results of the newest generation. */
    public void addResults(GenerationResult result) {
        int g = generationCount - 1;
        if (result.generation() != g || !awaitingResults()) {
            throw new IllegalStateException("results for generation " + result.generation()
                    + " do not belong to the open generation " + g);
        }
        if (result.size() != newest.size()) {
            throw new IllegalArgumentException("generation " + g + " has " + newest.size()
                    + " individuals but " + result.size() + " results");
        }
        newestResults = result;
        result.best(order).ifPresent(e -> {
            if (best == null || order.compare(e.weightedFitness(), best.weightedFitness()) > 0) {
                best = e;
            }
        });
    }

    /** The number of generations added so far. */
    public int generationCount() {
        return generationCount;
    }

    /** The number of generations whose results are complete. */
    public int completedGenerations() {
        return awaitingResults() ? generationCount - 1 : generationCount;
    }

    /**
     * Whether the newest generation awaits its results: this driver added it ({@link #expand}), and the newest
     * results are not its own.
     */
    private boolean awaitingResults() {
        return generationCount > resumedAt
                && (newestResults == null || newestResults.generation() != generationCount - 1);
    }

    /**
     * The individuals of generation {@code g}, which must be the newest one: older generations are read
     * from the run directory.
     */
    public List<Individual> individuals(int g) {
        checkInMemory(g, generationCount);
        return newest;
    }

    /**
     * The results of generation {@code g}, which must be the newest complete one: older generations are
     * read from the run directory.
     */
    public GenerationResult results(int g) {
        checkInMemory(g, completedGenerations());
        return newestResults;
    }

    /** The results of the newest complete generation, if any. */
    public Optional<GenerationResult> latestResults() {
        return Optional.ofNullable(newestResults);
    }

    /**
     * Records one result of an asynchronous run (no generations): keeps it if it is the best so far; of equal
     * weighted fitnesses the smallest {@code (generation, index)} wins, so the best does not depend on the order
     * results arrive in. A resumed asynchronous run first passes the stored best here.
     */
    public void addEvaluation(Evaluation e) {
        if (e.failed()) return;
        if (best == null) {
            best = e;
            return;
        }
        int c = order.compare(e.weightedFitness(), best.weightedFitness());
        Individual a = e.individual(), b = best.individual();
        if (c > 0 || c == 0 && (a.generation() < b.generation() || a.generation() == b.generation() && a.index() < b.index())) {
            best = e;
        }
    }

    /** The best successful evaluation over all generations so far. */
    public Optional<Evaluation> best() {
        return Optional.ofNullable(best);
    }

    private void checkInMemory(int g, int available) {
        if (g < 0 || g >= available) {
            throw new IndexOutOfBoundsException("generation " + g + " is not available; there are " + available);
        }
        if (g != available - 1 || g < resumedAt) {
            throw new IndexOutOfBoundsException("generation " + g + " is stored in the run directory "
                    + "(generations/gen-N.kryo), not in memory: the trajectory keeps only the newest generation");
        }
    }
}
