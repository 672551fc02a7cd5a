package org.l2l.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;

/** Conversions between {@link Parameters} and flat vectors, and vector comparisons. */
public final class Vectors {
    private Vectors() {}

    /**
     * The values of {@code p} flattened in the order of {@code template}'s names, so that an optimizee that
     * rebuilds its parameters in another name order still maps gene for gene.
     *
     * @param what names the source of {@code p} in the error message
     * @throws IllegalStateException if {@code p} is null or its names, kinds or lengths differ from the template's
     */
    public static double[] flatten(Parameters template, Parameters p, String what) {
        if (p == null) throw new IllegalStateException(what + " returned null");
        if (!p.sameShape(template)) {
            throw new IllegalStateException(what + " returned parameters " + p + " whose names or shapes differ from "
                    + template.names() + " with lengths " + lengths(template));
        }
        double[] out = new double[template.dimension()];
        int k = 0;
        for (String name : template.names()) {
            if (template.isArray(name)) {
                double[] a = p.array(name);
                System.arraycopy(a, 0, out, k, a.length);
                k += a.length;
            } else {
                out[k++] = p.scalar(name);
            }
        }
        return out;
    }

    /** Python's {@code list == list} on floats: equal lengths and {@code ==} element by element. */
    public static boolean sameValues(double[] a, double[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    /** Each row as parameters with {@code template}'s names and shapes, in order. */
    public static List<Parameters> individuals(Parameters template, double[][] rows) {
        List<Parameters> out = new ArrayList<>(rows.length);
        for (double[] v : rows) out.add(template.withVector(v));
        return out;
    }

    /**
     * Adds each parameter of {@code p} to {@code group} as {@code prefix.<name>}, arrays as arrays and scalars as
     * numbers: how the optimizers record an individual (a final or best one) in their result group.
     */
    public static void describe(ParameterGroup group, String prefix, Parameters p) {
        for (String name : p.names()) group.add(prefix + "." + name, p.isArray(name) ? p.array(name) : (Object) p.scalar(name));
    }

    /** A deep copy; null rows stay null. */
    public static double[][] copy(double[][] rows) {
        if (rows == null) return null;
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = rows[i] == null ? null : rows[i].clone();
        return out;
    }

    private static String lengths(Parameters p) {
        StringBuilder sb = new StringBuilder("[");
        for (String name : p.names()) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(p.length(name));
        }
        return sb.append(']').toString();
    }
}
