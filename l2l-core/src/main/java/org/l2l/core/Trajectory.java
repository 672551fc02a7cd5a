package org.l2l.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history of a run: its parameters in named groups, the individuals of each generation, their
 * results, and run metadata (L2L's and pypet's trajectory, typed).
 *
 * <pre>{@code
 * traj.addParameterGroup("ga", "genetic algorithm settings");
 * traj.addParameterToGroup("ga", "popSize", 32L);
 * long pop = traj.group("ga").getLong("popSize");
 * }</pre>
 *
 * <p>Only one thread, the driver's, touches a trajectory.
 */
public final class Trajectory {
    private final String name;
    private final Map<String, ParameterGroup> groups = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<List<Individual>> generations = new ArrayList<>();
    private final List<GenerationResult> results = new ArrayList<>();
    private Evaluation best;
    /** Generations before this one belong to a resumed run and are on disk, not in memory. */
    private int offset;

    /** An empty trajectory. */
    public Trajectory(String name) {
        this.name = Require.nonBlank("trajectory name", name);
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
        if (!generations.isEmpty() || offset != 0) throw new IllegalStateException("resumeAt must come first");
        this.offset = Require.nonNegative("generation", generation);
        this.best = best;
    }

    /**
     * Adds the next generation's individuals (L2L's {@code f_expand}). Generations are added in order
     * and each one's indices run from 0.
     */
    public List<Individual> expand(List<Parameters> params) {
        int g = generationCount();
        if (generations.size() > 0 && results.size() < generations.size()) {
            throw new IllegalStateException("generation " + (g - 1) + " has no results yet; cannot add generation " + g);
        }
        List<Individual> inds = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) inds.add(new Individual(g, i, params.get(i)));
        generations.add(List.copyOf(inds));
        return generations.get(generations.size() - 1);
    }

    /** Records the results of the newest generation. */
    public void addResults(GenerationResult result) {
        int g = generationCount() - 1;
        if (result.generation() != g || results.size() != generations.size() - 1) {
            throw new IllegalStateException("results for generation " + result.generation()
                    + " do not belong to the open generation " + g);
        }
        if (result.size() != generations.get(g - offset).size()) {
            throw new IllegalArgumentException("generation " + g + " has " + generations.get(g - offset).size()
                    + " individuals but " + result.size() + " results");
        }
        results.add(result);
        result.best().ifPresent(e -> {
            if (best == null || FitnessWeights.WEIGHTED_ORDER.compare(e.weightedFitness(), best.weightedFitness()) > 0) {
                best = e;
            }
        });
    }

    /** The number of generations added so far. */
    public int generationCount() {
        return offset + generations.size();
    }

    /** The number of generations whose results are complete. */
    public int completedGenerations() {
        return offset + results.size();
    }

    /** The individuals of generation {@code g}. */
    public List<Individual> individuals(int g) {
        checkGeneration(g, generationCount());
        return generations.get(g - offset);
    }

    /** The results of generation {@code g}, which must be complete. */
    public GenerationResult results(int g) {
        checkGeneration(g, completedGenerations());
        return results.get(g - offset);
    }

    /** The best successful evaluation over all generations so far. */
    public Optional<Evaluation> best() {
        return Optional.ofNullable(best);
    }

    private void checkGeneration(int g, int available) {
        if (g >= 0 && g < offset) {
            throw new IndexOutOfBoundsException("generation " + g + " of this resumed run is stored in the run "
                    + "directory (generations/), not in memory");
        }
        if (g < 0 || g >= available) {
            throw new IndexOutOfBoundsException("generation " + g + " is not available; there are " + available);
        }
    }
}
