package org.l2l.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The encoding of L2L's multi-individuals: one individual that carries several inner parameter sets, for
 * optimizees that evaluate many parameter sets at once (on a GPU, say). The multi-optimizers
 * ({@code MultiGeneticAlgorithm}, {@code MultiGradientDescent}) propose them, and an optimizee that understands
 * them (such as {@code MultiFunctionOptimizee}) returns one fitness vector per inner set.
 *
 * <p>As in L2L, where a multi-individual is {@code {'coords': [c_0, c_1, ...]}}, every parameter keeps its name
 * and holds the values of all inner sets one after another: a scalar {@code x} becomes an array of {@code m}
 * values, an array {@code coords} of length {@code d} an array of {@code m * d} values, set {@code i} at
 * {@code [i d, (i + 1) d)}. The fitness vector of a multi-individual is the inner sets' fitness vectors one after
 * another: with {@code k} fitness components per set, set {@code i} has components {@code [i k, (i + 1) k)}.
 *
 * <pre>{@code
 * Parameters one = Parameters.builder().scalar("x", 1).array("coords", 2, 3).build();
 * Parameters two = Parameters.builder().scalar("x", 4).array("coords", 5, 6).build();
 * Parameters multi = MultiIndividual.pack(List.of(one, two));   // {x=[1, 4], coords=[2, 3, 5, 6]}
 * List<Parameters> sets = MultiIndividual.unpack(multi, one);    // [one, two]
 * }</pre>
 */
public final class MultiIndividual {
    private MultiIndividual() {}

    /**
     * One multi-individual holding {@code sets}, in order, with the names in the order of the first set.
     *
     * @throws IllegalArgumentException if {@code sets} is empty or the sets differ in names or shapes
     */
    public static Parameters pack(List<Parameters> sets) {
        Require.nonNull("sets", sets);
        if (sets.isEmpty()) throw new IllegalArgumentException("a multi-individual needs at least one inner set");
        Parameters first = Require.nonNull("sets[0]", sets.get(0));
        for (int i = 1; i < sets.size(); i++) {
            if (!first.sameShape(Require.nonNull("sets[" + i + "]", sets.get(i)))) {
                throw new IllegalArgumentException("inner set " + i + " " + sets.get(i)
                        + " differs in names or shapes from inner set 0 " + first);
            }
        }
        Parameters.Builder b = Parameters.builder();
        for (String name : first.names()) {
            int len = first.length(name);
            double[] all = new double[len * sets.size()];
            for (int i = 0; i < sets.size(); i++) {
                Parameters p = sets.get(i);
                double[] v = p.isArray(name) ? p.array(name) : new double[] {p.scalar(name)};
                System.arraycopy(v, 0, all, i * len, len);
            }
            b.array(name, all);
        }
        return b.build();
    }

    /**
     * The number of inner sets in {@code multi}, for inner sets shaped like {@code template}. A plain individual
     * of the template's shape counts as one set.
     *
     * @throws IllegalArgumentException if {@code multi} is not a multi-individual of such sets
     */
    public static int count(Parameters multi, Parameters template) {
        Require.nonNull("multi", multi);
        Require.nonNull("template", template);
        if (multi.sameShape(template)) return 1;
        if (!multi.names().stream().sorted().toList().equals(template.names().stream().sorted().toList())) {
            throw new IllegalArgumentException("the multi-individual's parameters " + multi.names()
                    + " are not those of an inner set " + template.names());
        }
        int m = -1;
        for (String name : template.names()) {
            int len = template.length(name);
            if (len == 0 && multi.isArray(name) && multi.length(name) == 0) continue; // no values, no information
            if (len == 0 || !multi.isArray(name) || multi.length(name) == 0 || multi.length(name) % len != 0) {
                throw new IllegalArgumentException("the multi-individual's parameter '" + name + "' has "
                        + multi.length(name) + " values, which is not a positive multiple of the inner sets' " + len);
            }
            int sets = multi.length(name) / len;
            if (m >= 0 && sets != m) {
                throw new IllegalArgumentException("the multi-individual's parameters hold different numbers of inner "
                        + "sets: " + m + " before '" + name + "', " + sets + " in it");
            }
            m = sets;
        }
        return Math.max(m, 1);
    }

    /**
     * The inner sets of {@code multi}, each with the names, kinds (scalar or array) and name order of
     * {@code template}. A plain individual of the template's shape is returned as its only set.
     *
     * @throws IllegalArgumentException if {@code multi} is not a multi-individual of such sets
     */
    public static List<Parameters> unpack(Parameters multi, Parameters template) {
        int m = count(multi, template);
        if (multi.sameShape(template)) return List.of(multi);
        List<Parameters> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            Parameters.Builder b = Parameters.builder();
            for (String name : template.names()) {
                int len = template.length(name);
                double[] v = Arrays.copyOfRange(multi.array(name), i * len, (i + 1) * len);
                if (template.isArray(name)) {
                    b.array(name, v);
                } else {
                    b.scalar(name, v[0]);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * The fitness components of inner set {@code set} in a multi-individual's fitness vector, with
     * {@code components} components per set.
     *
     * @throws IllegalArgumentException if the vector is too short for that set
     */
    public static double[] slice(double[] fitness, int set, int components) {
        Require.nonNull("fitness", fitness);
        Require.positive("components", components);
        Require.nonNegative("set", set);
        if ((set + 1) * components > fitness.length) {
            throw new IllegalArgumentException("a fitness vector of " + fitness.length + " components has no inner set "
                    + set + " of " + components + " components");
        }
        return Arrays.copyOfRange(fitness, set * components, (set + 1) * components);
    }
}
