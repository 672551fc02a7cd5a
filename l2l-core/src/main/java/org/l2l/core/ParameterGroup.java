package org.l2l.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named group of run parameters (pypet's and L2L's {@code f_add_parameter_group}).
 *
 * <p>Values are {@code Double}, {@code Long}, {@code String}, {@code Boolean} or {@code double[]}.
 * Reading a key that does not exist fails with a message naming the group and its keys.
 */
public final class ParameterGroup {
    private final String name;
    private final String comment;
    private final Map<String, Object> values = new LinkedHashMap<>();

    ParameterGroup(String name, String comment) {
        this.name = Require.nonBlank("group name", name);
        this.comment = comment == null ? "" : comment;
    }

    /** The group's name. */
    public String name() {
        return name;
    }

    /** The group's comment. */
    public String comment() {
        return comment;
    }

    /** Adds a parameter; a key may be added only once. */
    public ParameterGroup add(String key, Object value) {
        Require.nonBlank("parameter key", key);
        if (values.containsKey(key)) {
            throw new IllegalArgumentException("parameter '" + name + "." + key + "' already exists");
        }
        values.put(key, SimulationResult.checkExtra(name + "." + key, value));
        return this;
    }

    /** The raw value of {@code key}. */
    public Object get(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + key + "' in group '" + name + "'; it has "
                    + values.keySet());
        }
        return v;
    }

    /** A numeric parameter as a double. */
    public double getDouble(String key) {
        return typed(key, Number.class).doubleValue();
    }

    /** An integral parameter as a long. */
    public long getLong(String key) {
        return typed(key, Long.class);
    }

    /** A string parameter. */
    public String getString(String key) {
        return typed(key, String.class);
    }

    /** All parameters, in insertion order (unmodifiable). */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    private <T> T typed(String key, Class<T> type) {
        Object v = get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("parameter '" + name + "." + key + "' is of type "
                    + v.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }
}
