package org.l2l.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one individual: named double scalars and named double arrays, in a fixed order
 * (L2L's {@code {'x': 1.0, 'coords': array([...])}}).
 *
 * <p>Immutable. Reading a name that does not exist fails with a message listing the names that do, so
 * a typo never reads as zero or creates an entry.
 *
 * <pre>{@code
 * Parameters p = Parameters.builder().scalar("x", 0.5).array("coords", 1.0, 2.0).build();
 * double x = p.scalar("x");
 * double[] flat = p.toVector();                 // [0.5, 1.0, 2.0]
 * Parameters q = p.withVector(new double[] {0, 0, 0});   // same names and shapes
 * }</pre>
 */
public final class Parameters {
    private final Map<String, double[]> values; // insertion-ordered; scalars are stored with length 1
    private final Map<String, Boolean> isArray;

    private Parameters(Map<String, double[]> values, Map<String, Boolean> isArray) {
        this.values = values;
        this.isArray = isArray;
    }

    /** A builder for parameters in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameter names, in order. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** Whether a parameter of this name exists. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Whether the named parameter is an array (as opposed to a scalar). */
    public boolean isArray(String name) {
        return isArray.get(require(name));
    }

    /** The named scalar. Fails if the name is unknown or names an array. */
    public double scalar(String name) {
        require(name);
        if (isArray.get(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is an array, not a scalar");
        }
        return values.get(name)[0];
    }

    /** A copy of the named array. Fails if the name is unknown or names a scalar. */
    public double[] array(String name) {
        require(name);
        if (!isArray.get(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is a scalar, not an array");
        }
        return values.get(name).clone();
    }

    /** The number of doubles in the named parameter: 1 for a scalar. */
    public int length(String name) {
        return values.get(require(name)).length;
    }

    /** The total number of doubles over all parameters. */
    public int dimension() {
        int n = 0;
        for (double[] v : values.values()) n += v.length;
        return n;
    }

    /** All values flattened in parameter order, arrays element by element. */
    public double[] toVector() {
        double[] out = new double[dimension()];
        int i = 0;
        for (double[] v : values.values()) {
            System.arraycopy(v, 0, out, i, v.length);
            i += v.length;
        }
        return out;
    }

    /** The flattened names: a scalar {@code x} as {@code x}, an array {@code c} as {@code c_0, c_1, ...}. */
    public List<String> flatNames() {
        List<String> out = new ArrayList<>();
        values.forEach((name, v) -> {
            if (isArray.get(name)) {
                for (int i = 0; i < v.length; i++) out.add(name + "_" + i);
            } else {
                out.add(name);
            }
        });
        return out;
    }

    /** Parameters with the same names and shapes as these, filled from {@code vector}. */
    public Parameters withVector(double[] vector) {
        if (vector.length != dimension()) {
            throw new IllegalArgumentException("vector has " + vector.length + " values, but parameters "
                    + names() + " have " + dimension());
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            int n = e.getValue().length;
            out.put(e.getKey(), Arrays.copyOfRange(vector, i, i + n));
            i += n;
        }
        return new Parameters(Collections.unmodifiableMap(out), isArray);
    }

    /** Whether {@code other} has the same names, kinds and lengths. */
    public boolean sameShape(Parameters other) {
        if (!values.keySet().equals(other.values.keySet())) return false;
        for (String n : values.keySet()) {
            if (isArray.get(n) != other.isArray.get(n) || length(n) != other.length(n)) return false;
        }
        return true;
    }

    private String require(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; the parameters are " + names());
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Parameters p) || !values.keySet().equals(p.values.keySet())) return false;
        for (String n : values.keySet()) {
            if (!isArray.get(n).equals(p.isArray.get(n)) || !Arrays.equals(values.get(n), p.values.get(n))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((name, v) -> {
            if (sb.length() > 1) sb.append(", ");
            sb.append(name).append('=');
            sb.append(isArray.get(name) ? Arrays.toString(v) : Double.toString(v[0]));
        });
        return sb.append('}').toString();
    }

    /** Builds {@link Parameters}; names must be unique and non-blank. */
    public static final class Builder {
        private final Map<String, double[]> values = new LinkedHashMap<>();
        private final Map<String, Boolean> isArray = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a scalar. */
        public Builder scalar(String name, double value) {
            return put(name, new double[] {value}, false);
        }

        /** Adds an array (copied). */
        public Builder array(String name, double... value) {
            Require.nonNull("array '" + name + "'", value);
            return put(name, value.clone(), true);
        }

        private Builder put(String name, double[] v, boolean array) {
            Require.nonBlank("parameter name", name);
            if (values.containsKey(name)) throw new IllegalArgumentException("parameter '" + name + "' given twice");
            values.put(name, v);
            isArray.put(name, array);
            return this;
        }

        /** The immutable parameters. */
        public Parameters build() {
            return new Parameters(Collections.unmodifiableMap(new LinkedHashMap<>(values)),
                    Collections.unmodifiableMap(new LinkedHashMap<>(isArray)));
        }
    }
}
