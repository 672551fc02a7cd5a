package org.l2l.optimizers.walk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.l2l.core.Require;

/**
 * Settings of {@link RandomWalk}: the options of ISF's {@code RW} class
 * ({@code biophysics_fitting.exploration_from_seedpoint.RW}), in Java casing, with ISF's defaults.
 *
 * <pre>{@code
 * RandomWalkParameters p = RandomWalkParameters.builder()
 *         .ranges("classpath:org/l2l/optimizees/neuron/ranges.csv")   // or a file: name,min,max
 *         .seeds("seeds.csv")                                         // a row per seed point
 *         .paramsToExplore(List.of("gNa", "gK"))
 *         .minStepSize(0.01).maxStepSize(0.02)
 *         .nIterations(1000).nParticles(4)
 *         .build();
 * }</pre>
 *
 * @param ranges every parameter's range, in parameter order; the walk runs in coordinates normalized to [0, 1]
 *     by these ranges
 * @param seeds the seed points, in table order; each has a value for every parameter, inside its range
 * @param paramsToExplore the parameters that walk; the others keep their seed point's values
 * @param selectedSeedPoints the ids of the seed points to walk from; empty for all
 * @param minStepSize the shortest step, in normalized units, {@code >= 0}
 * @param maxStepSize the longest step, in normalized units, {@code > 0} and {@code >= minStepSize}
 * @param mode which steps are allowed
 * @param filterClass the {@link RandomWalkFilter} of {@link RandomWalkMode#CUSTOM}; null for the other modes
 * @param aimParams explored parameters to steer towards target values (original units, inside the range)
 * @param stopNInsideWithAimParams a particle stops after this many inside models with every aim reached; -1
 *     never
 * @param nIterations the steps each particle takes after evaluating its seed point (iteration 0), {@code > 0}
 * @param nParticles the particles per seed point, {@code > 0}
 * @param checkpointEvery write a particle's rows every this many iterations, {@code > 0}
 * @param checkpointByTime if {@code > 0}, write a particle's rows once this many minutes have passed since its
 *     last checkpoint instead (time wins over {@code checkpointEvery}); 0 off
 * @param concatEveryNSave concatenate a particle's checkpoint files into one after this many checkpoints,
 *     {@code > 0}
 * @param insideKey the key of the Boolean extra value by which the optimizee says a model is inside
 * @param outputDir where the walk writes its files; null for {@code <run directory>/walk}
 * @param maxSuggestions the most proposals drawn for one step; a particle that finds no acceptable step in
 *     that many stops (ISF would try forever)
 * @param seed the seed of the particles' random generators
 */
public record RandomWalkParameters(List<Range> ranges, List<SeedPoint> seeds, List<String> paramsToExplore,
                                   List<String> selectedSeedPoints, double minStepSize, double maxStepSize,
                                   RandomWalkMode mode, String filterClass, Map<String, Double> aimParams,
                                   int stopNInsideWithAimParams, int nIterations, int nParticles, int checkpointEvery,
                                   double checkpointByTime, int concatEveryNSave, String insideKey, Path outputDir,
                                   int maxSuggestions, long seed) {
    /** The tolerance (normalized units) within which an aim parameter counts as reached, as in ISF. */
    public static final double AIM_TOLERANCE = 1e-4;

    /**
     * One parameter's range.
     *
     * @param name the parameter's name
     * @param min its smallest value, finite
     * @param max its largest value, finite and {@code >= min}
     */
    public record Range(String name, double min, double max) {
        /** Validates the range. */
        public Range {
            Require.nonBlank("parameter name", name);
            Require.finite("min of '" + name + "'", min);
            Require.finite("max of '" + name + "'", max);
            if (min > max) {
                throw new IllegalArgumentException("parameter '" + name + "': min " + min + " is greater than max " + max);
            }
        }

        /** {@code v} normalized to [0, 1] by this range. */
        public double normalize(double v) {
            return (v - min) / (max - min);
        }

        /** The value at normalized position {@code u}. */
        public double denormalize(double u) {
            return u * (max - min) + min;
        }
    }

    /**
     * One seed point.
     *
     * @param id its id ({@code seedpoint} column, or the row index)
     * @param values a value for every parameter, by name
     */
    public record SeedPoint(String id, Map<String, Double> values) {
        /** Validates and copies. */
        public SeedPoint {
            Require.nonBlank("seed point id", id);
            if (id.contains("/") || id.contains("\\") || id.equals(".") || id.equals("..")) {
                throw new IllegalArgumentException("seed point id '" + id + "' cannot name a directory");
            }
            values = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull("values of seed point '" + id + "'", values)));
        }
    }

    /** Validates every field; a message names the field and its bad value. */
    public RandomWalkParameters {
        ranges = List.copyOf(Require.nonNull("ranges", ranges));
        if (ranges.isEmpty()) throw new IllegalArgumentException("ranges must name at least one parameter");
        Map<String, Range> byName = new LinkedHashMap<>();
        for (Range r : ranges) {
            if (byName.put(r.name(), r) != null) throw new IllegalArgumentException("ranges name parameter '" + r.name() + "' twice");
        }
        seeds = List.copyOf(Require.nonNull("seeds", seeds));
        if (seeds.isEmpty()) throw new IllegalArgumentException("seeds must hold at least one seed point");
        Set<String> ids = new HashSet<>();
        for (SeedPoint s : seeds) {
            if (!ids.add(s.id())) throw new IllegalArgumentException("seeds: seed point id '" + s.id() + "' appears twice");
            for (Range r : ranges) {
                Double v = s.values().get(r.name());
                if (v == null) {
                    throw new IllegalArgumentException("seeds: seed point '" + s.id() + "' has no value for parameter '"
                            + r.name() + "'");
                }
                if (!(v >= r.min() && v <= r.max())) {
                    throw new IllegalArgumentException("seeds: seed point '" + s.id() + "', parameter '" + r.name() + "' = "
                            + v + " is outside its range [" + r.min() + ", " + r.max() + "]");
                }
            }
        }
        paramsToExplore = List.copyOf(Require.nonNull("paramsToExplore", paramsToExplore));
        if (paramsToExplore.isEmpty()) throw new IllegalArgumentException("paramsToExplore must name at least one parameter");
        Set<String> seen = new HashSet<>();
        for (String p : paramsToExplore) {
            Range r = byName.get(p);
            if (r == null) {
                throw new IllegalArgumentException("paramsToExplore: unknown parameter '" + p + "'; the parameters are "
                        + byName.keySet());
            }
            if (!seen.add(p)) throw new IllegalArgumentException("paramsToExplore names '" + p + "' twice");
            if (!(r.max() > r.min())) {
                throw new IllegalArgumentException("paramsToExplore: parameter '" + p + "' has an empty range [" + r.min()
                        + ", " + r.max() + "]; it cannot walk");
            }
        }
        selectedSeedPoints = List.copyOf(Require.nonNull("selectedSeedPoints", selectedSeedPoints));
        for (String s : selectedSeedPoints) {
            if (!ids.contains(s)) {
                List<String> known = new ArrayList<>();
                for (SeedPoint sp : seeds) known.add(sp.id());
                throw new IllegalArgumentException("selectedSeedPoints: unknown seed point '" + s + "'; the seed points are "
                        + known);
            }
        }
        Require.nonNegative("minStepSize", minStepSize);
        Require.positive("maxStepSize", maxStepSize);
        if (minStepSize > maxStepSize) {
            throw new IllegalArgumentException("minStepSize must be <= maxStepSize, but was " + minStepSize + " > " + maxStepSize);
        }
        Require.nonNull("mode", mode);
        if (mode == RandomWalkMode.CUSTOM) {
            Require.nonBlank("filterClass (required by mode custom)", filterClass);
            filterClass(filterClass);
        } else if (filterClass != null) {
            throw new IllegalArgumentException("filterClass is only for mode custom, but mode is " + mode.label());
        }
        Map<String, Double> aims = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : Require.nonNull("aimParams", aimParams).entrySet()) {
            String k = e.getKey();
            Double v = e.getValue();
            if (!paramsToExplore.contains(k)) {
                throw new IllegalArgumentException("aimParams: '" + k + "' is not one of paramsToExplore " + paramsToExplore);
            }
            Range r = byName.get(k);
            if (v == null || !(v >= r.min() && v <= r.max())) {
                throw new IllegalArgumentException("aimParams: the aim of '" + k + "' = " + v + " is outside its range ["
                        + r.min() + ", " + r.max() + "]");
            }
            aims.put(k, v);
        }
        aimParams = Collections.unmodifiableMap(aims);
        if (stopNInsideWithAimParams < -1 || stopNInsideWithAimParams == 0) {
            throw new IllegalArgumentException("stopNInsideWithAimParams must be -1 (never) or > 0, but was "
                    + stopNInsideWithAimParams);
        }
        Require.positive("nIterations", nIterations);
        Require.positive("nParticles", nParticles);
        Require.positive("checkpointEvery", checkpointEvery);
        Require.nonNegative("checkpointByTime", checkpointByTime);
        Require.positive("concatEveryNSave", concatEveryNSave);
        Require.nonBlank("insideKey", insideKey);
        Require.positive("maxSuggestions", maxSuggestions);
    }

    /** The parameter names, in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Range r : ranges) out.add(r.name());
        return out;
    }

    /** The named parameter's range. */
    public Range range(String name) {
        for (Range r : ranges) if (r.name().equals(name)) return r;
        throw new IllegalArgumentException("no parameter named '" + name + "'; the parameters are " + names());
    }

    /** The seed points this walk starts from: {@link #selectedSeedPoints} or all, in table order. */
    public List<SeedPoint> walkedSeeds() {
        if (selectedSeedPoints.isEmpty()) return seeds;
        List<SeedPoint> out = new ArrayList<>();
        for (SeedPoint s : seeds) if (selectedSeedPoints.contains(s.id())) out.add(s);
        return out;
    }

    /** Loads {@code name} and checks that it is a public {@link RandomWalkFilter} with a public no-argument constructor. */
    static Class<? extends RandomWalkFilter> filterClass(String name) {
        Class<?> c;
        try {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            c = Class.forName(name, false, cl != null ? cl : RandomWalkParameters.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("filterClass: class " + name + " is not on the classpath", e);
        }
        if (!RandomWalkFilter.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException("filterClass: " + name + " does not implement " + RandomWalkFilter.class.getName());
        }
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("filterClass: " + name + " has no public no-argument constructor", e);
        }
        return c.asSubclass(RandomWalkFilter.class);
    }

    /** A builder with ISF's defaults; {@code ranges} and {@code seeds} must be given. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RandomWalkParameters}; files are read and everything validated in {@link #build()}. */
    public static final class Builder {
        private String rangesSource;
        private List<Range> ranges;
        private String seedsSource;
        private List<SeedPoint> seeds;
        private List<String> paramsToExplore;
        private List<String> selectedSeedPoints = List.of();
        private double minStepSize = 0;
        private double maxStepSize = 0.02;
        private RandomWalkMode mode = RandomWalkMode.NONE;
        private String filterClass;
        private Map<String, Double> aimParams = Map.of();
        private int stopNInsideWithAimParams = -1;
        private int nIterations = 60000;
        private int nParticles = 1;
        private int checkpointEvery = 100;
        private double checkpointByTime = 0;
        private int concatEveryNSave = 60;
        private String insideKey = "inside";
        private Path outputDir;
        private int maxSuggestions = 1_000_000;
        private long seed = 0;

        private Builder() {}

        /**
         * The parameter ranges from a file path or a {@code classpath:} resource: CSV {@code name,min,max} (one row
         * per parameter), or JSON {@code {"p": [min, max], ...}}. Required (or {@link #ranges(List)}).
         */
        public Builder ranges(String source) {
            this.rangesSource = Require.nonBlank("ranges", source);
            this.ranges = null;
            return this;
        }

        /** The parameter ranges, in parameter order. */
        public Builder ranges(List<Range> ranges) {
            this.ranges = Require.nonNull("ranges", ranges);
            this.rangesSource = null;
            return this;
        }

        /**
         * The seed points from a CSV file path or {@code classpath:} resource: a row per seed point, a column per
         * parameter, an optional {@code seedpoint} id column. Required (or {@link #seeds(List)}).
         */
        public Builder seeds(String source) {
            this.seedsSource = Require.nonBlank("seeds", source);
            this.seeds = null;
            return this;
        }

        /** The seed points. */
        public Builder seeds(List<SeedPoint> seeds) {
            this.seeds = Require.nonNull("seeds", seeds);
            this.seedsSource = null;
            return this;
        }

        /** The parameters that walk; default all. */
        public Builder paramsToExplore(List<String> v) {
            this.paramsToExplore = v;
            return this;
        }

        /** The seed points to walk from, by id; default all. */
        public Builder selectedSeedPoints(List<String> v) {
            this.selectedSeedPoints = v;
            return this;
        }

        /** The shortest step (normalized), {@code >= 0}; ISF's default 0. */
        public Builder minStepSize(double v) {
            this.minStepSize = v;
            return this;
        }

        /** The longest step (normalized), {@code > 0}; ISF's default 0.02. */
        public Builder maxStepSize(double v) {
            this.maxStepSize = v;
            return this;
        }

        /** The mode; default {@link RandomWalkMode#NONE}. */
        public Builder mode(RandomWalkMode v) {
            this.mode = v;
            return this;
        }

        /** The {@link RandomWalkFilter} class of mode custom; default none. */
        public Builder filterClass(String v) {
            this.filterClass = v;
            return this;
        }

        /** Aim values (original units) of explored parameters; default none. */
        public Builder aimParams(Map<String, Double> v) {
            this.aimParams = v;
            return this;
        }

        /** Stop a particle after this many inside models with every aim reached; default -1 (never). */
        public Builder stopNInsideWithAimParams(int v) {
            this.stopNInsideWithAimParams = v;
            return this;
        }

        /** Steps per particle after its seed point; ISF's default 60000. */
        public Builder nIterations(int v) {
            this.nIterations = v;
            return this;
        }

        /** Particles per seed point; default 1. */
        public Builder nParticles(int v) {
            this.nParticles = v;
            return this;
        }

        /** Checkpoint every this many iterations; ISF's default 100. */
        public Builder checkpointEvery(int v) {
            this.checkpointEvery = v;
            return this;
        }

        /** Checkpoint after this many minutes instead, if {@code > 0}; default 0 (off). */
        public Builder checkpointByTime(double v) {
            this.checkpointByTime = v;
            return this;
        }

        /** Concatenate after this many checkpoints; ISF's default 60. */
        public Builder concatEveryNSave(int v) {
            this.concatEveryNSave = v;
            return this;
        }

        /** The extra value saying whether a model is inside; default {@code "inside"}. */
        public Builder insideKey(String v) {
            this.insideKey = v;
            return this;
        }

        /** Where to write the walk's files; default {@code <run directory>/walk}. */
        public Builder outputDir(Path v) {
            this.outputDir = v;
            return this;
        }

        /** The most proposals drawn for one step; default 1000000. */
        public Builder maxSuggestions(int v) {
            this.maxSuggestions = v;
            return this;
        }

        /** The seed of the particles' random generators; default 0. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** Reads the tables and returns the validated parameters. */
        public RandomWalkParameters build() {
            List<Range> r = ranges != null ? ranges : rangesSource != null ? RandomWalkTables.ranges(rangesSource) : null;
            if (r == null) throw new IllegalArgumentException("ranges must be given (a CSV or JSON file, or a list)");
            List<SeedPoint> s = seeds != null ? seeds : seedsSource != null ? RandomWalkTables.seeds(seedsSource, r) : null;
            if (s == null) throw new IllegalArgumentException("seeds must be given (a CSV file, or a list)");
            List<String> explore = paramsToExplore;
            if (explore == null) {
                explore = new ArrayList<>();
                for (Range range : r) explore.add(range.name());
            }
            return new RandomWalkParameters(r, s, explore, selectedSeedPoints, minStepSize, maxStepSize, mode, filterClass,
                    aimParams, stopNInsideWithAimParams, nIterations, nParticles, checkpointEvery, checkpointByTime,
                    concatEveryNSave, insideKey, outputDir, maxSuggestions, seed);
        }
    }
}
