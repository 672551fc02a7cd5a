package org.l2l.runner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way an experiment file's settings reach an optimizer or optimizee: each field of a JSON object calls the
 * builder's setter of the same name, so whatever the file leaves out keeps the builder's documented default, and
 * {@code build()} validates the whole. There are no defaults here.
 *
 * <p>Every error names the field ({@code optimizer.popSize}, {@code optimizee.center.x},
 * {@code optimizer.mu[1]}) and goes through {@link #error}. A setter's value is converted by {@link #value} from the
 * setter's declared type: {@code int}, {@code long}, {@code double}, {@code boolean}, {@code String}, {@link Path},
 * {@link Duration} ({@code "90s"}, {@code "2h"}, ISO-8601; null or {@code "off"} for none),
 * enums (by name, any case), types with a static {@code of(String)} factory, arrays (a single value stands for a
 * one-element array), {@link List} and {@link Map} with string keys, and settings records that have a builder of
 * their own (bound from a nested object, for the parameters one optimizer wraps for another).
 *
 * <pre>{@code
 * Binder b = new Binder("exp.json", "optimizer");
 * GeneticAlgorithmParameters p = b.build(b.set(node, GeneticAlgorithmParameters.builder(), Set.of("type")),
 *         GeneticAlgorithmParameters.Builder::build);
 * }</pre>
 */
final class Binder {
    private final String file;
    private final String prefix;

    /**
     * A binder for one section of {@code file}.
     *
     * @param file the experiment file's name, the start of every message
     * @param prefix the section's dotted path, such as {@code optimizer}; field names are appended to it
     */
    Binder(String file, String prefix) {
        this.file = file;
        this.prefix = prefix;
    }

    /** A binder for the object at {@code field} inside this one's section. */
    Binder nested(String field) {
        return new Binder(file, path(field));
    }

    /** The full dotted name of {@code field} in this section ({@code optimizer.popSize}). */
    String path(String field) {
        if (field == null || field.isEmpty()) return prefix;
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    /**
     * The one error path: {@code problem} with the field at fault, as the exception every bad experiment file
     * ends in.
     *
     * @param field the field inside this section, or null for the section itself
     */
    ExperimentFileException error(String field, String problem, Throwable cause) {
        return new ExperimentFileException(file, path(field), problem, cause);
    }

    private ExperimentFileException expected(String field, String what, JsonNode v) {
        return error(field, "must be " + what + ", but was " + v, null);
    }

    /**
     * Calls {@code builder}'s setter of each field of {@code n} but those in {@code skip}, with the field's value.
     *
     * @return {@code builder}
     * @throws ExperimentFileException if a field has no setter (listing the known fields) or a value does not fit
     */
    <B> B set(JsonNode n, B builder, Set<String> skip) {
        return set(n, builder, skip, null);
    }

    /**
     * As {@link #set(JsonNode, Object, Set)}, accepting only the fields in {@code allowed} (when not null), for a
     * builder shared by several variants whose fields differ.
     */
    <B> B set(JsonNode n, B builder, Set<String> skip, Set<String> allowed) {
        if (!n.isObject()) throw error(null, "must be an object", null);
        Map<String, List<Method>> setters = setters(builder.getClass());
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (skip.contains(key)) continue;
            List<Method> overloads = setters.get(key);
            if (overloads == null || allowed != null && !allowed.contains(key)) {
                Set<String> known = new TreeSet<>(allowed != null ? allowed : setters.keySet());
                known.addAll(skip);
                throw error(key, "unknown field; known fields are " + known, null);
            }
            Method m = pick(overloads, e.getValue());
            Object arg = value(key, m.getGenericParameterTypes()[0], e.getValue());
            try {
                m.invoke(builder, arg);
            } catch (InvocationTargetException ex) {
                throw error(key, String.valueOf(ex.getCause().getMessage()), ex.getCause());
            } catch (IllegalAccessException ex) {
                throw error(key, "cannot be set: " + ex.getMessage(), ex);
            }
        }
        return builder;
    }

    /**
     * Calls {@code build} on {@code builder}; an {@link IllegalArgumentException} becomes an error on the field its
     * message starts with when that is one of the builder's settings (the parameter records' messages do: "popSize
     * must be > 0, but was -3"), else on the section.
     */
    <B, T> T build(B builder, Function<B, T> build) {
        Set<String> known = setters(builder.getClass()).keySet();
        return check(() -> build.apply(builder), msg -> {
            String first = msg.split("[ \\[.:']", 2)[0];
            return known.contains(first) ? first : null;
        });
    }

    /**
     * Runs {@code step} (a build, or one call on a builder); an {@link IllegalArgumentException} becomes an error on
     * the field {@code fieldOf} names for its message (null: the section).
     */
    <T> T check(Supplier<T> step, Function<String, String> fieldOf) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            String msg = String.valueOf(e.getMessage());
            throw error(fieldOf.apply(msg), msg, e);
        }
    }

    /**
     * Setters: public one-argument methods returning the builder's own type, by name; also those it inherits from a
     * generic settings class whose setters return the builder ({@code GeneticAlgorithmParameters.Settings}, which the
     * builders of the optimizers that wrap a genetic algorithm extend), erased to that class.
     */
    private static Map<String, List<Method>> setters(Class<?> type) {
        Map<String, List<Method>> out = new TreeMap<>();
        for (Method m : type.getMethods()) {
            Class<?> r = m.getReturnType();
            boolean returnsBuilder = r == type || r != Object.class && !r.isInterface() && r.isAssignableFrom(type);
            if (m.getParameterCount() == 1 && returnsBuilder && !Modifier.isStatic(m.getModifiers())) {
                out.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            }
        }
        return out;
    }

    /** Of overloaded setters ({@code ranges(String)} and {@code ranges(List)}), the one that takes a string for text. */
    private static Method pick(List<Method> overloads, JsonNode v) {
        if (overloads.size() == 1) return overloads.get(0);
        for (Method m : overloads) {
            boolean text = m.getParameterTypes()[0] == String.class;
            if (text == v.isTextual()) return m;
        }
        return overloads.get(0);
    }

    /**
     * {@code v} as a value of {@code type}, for the field {@code field} (its path inside this section, used in
     * messages). This is the one place a JSON value is checked and converted.
     */
    Object value(String field, Type type, JsonNode v) {
        Class<?> raw = raw(type);
        if (raw == int.class || raw == Integer.class) {
            if (!v.isIntegralNumber()) throw expected(field, "an integer", v);
            if (!v.canConvertToInt()) {
                throw expected(field, "an integer in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]", v);
            }
            return v.intValue();
        }
        if (raw == long.class || raw == Long.class) {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) throw expected(field, "an integer", v);
            return v.longValue();
        }
        if (raw == double.class || raw == Double.class) {
            if (!v.isNumber()) throw expected(field, "a number", v);
            return v.doubleValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (!v.isBoolean()) throw expected(field, "true or false", v);
            return v.booleanValue();
        }
        if (raw == String.class) {
            if (!v.isTextual()) throw expected(field, "a string", v);
            return v.textValue();
        }
        if (raw == Path.class) {
            if (!v.isTextual() || v.textValue().isBlank()) throw expected(field, "a file name", v);
            return Path.of(v.textValue());
        }
        if (raw == Duration.class) {
            if (v.isNull() || v.isTextual() && "off".equalsIgnoreCase(v.textValue().trim())) return null;
            if (!v.isTextual()) throw expected(field, "a duration string such as \"90s\", \"2h\" or \"PT2H\"", v);
            try {
                return ExperimentFile.parseDuration(v.textValue());
            } catch (IllegalArgumentException e) {
                throw error(field, "is not a duration: \"" + v.textValue() + "\" (use e.g. \"90s\", \"10m\", \"2h\" or \"PT2H\")", e);
            }
        }
        Method of = factory(raw, "of", String.class);
        if (of != null) {
            if (!v.isTextual()) throw expected(field, "a string", v);
            try {
                return of.invoke(null, v.textValue());
            } catch (InvocationTargetException e) {
                throw error(field, String.valueOf(e.getCause().getMessage()), e.getCause());
            } catch (IllegalAccessException e) {
                throw error(field, "cannot be set: " + e.getMessage(), e);
            }
        }
        if (raw.isEnum()) {
            for (Object c : raw.getEnumConstants()) if (((Enum<?>) c).name().equalsIgnoreCase(v.asText())) return c;
            throw expected(field, "one of " + Arrays.toString(raw.getEnumConstants()), v);
        }
        if (raw.isArray()) {
            Class<?> component = raw.getComponentType();
            if (component.isArray() && (!v.isArray() || v.isEmpty())) {
                throw expected(field, "an array of arrays, such as [[0.8, 0], [0.7, 0]]", v);
            }
            JsonNode items = v.isArray() ? v : JsonNodeFactory.instance.arrayNode().add(v);
            if (items.isEmpty()) throw expected(field, "a value or a non-empty array", v);
            Object array = Array.newInstance(component, items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, value(field + "[" + i + "]", component, items.get(i)));
            }
            return array;
        }
        if (raw == List.class) {
            if (!v.isArray()) throw expected(field, "an array of " + kind(argument(type, 0)), v);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) out.add(value(field + "[" + i + "]", argument(type, 0), v.get(i)));
            return out;
        }
        if (raw == Map.class) {
            if (!v.isObject()) throw expected(field, "an object of name to " + kind(argument(type, 1)), v);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), value(field + "." + e.getKey(), argument(type, 1), e.getValue()));
            }
            return out;
        }
        Method builder = factory(raw, "builder");
        if (builder != null) return nestedRecord(field, raw, builder, v);
        throw error(field, "cannot be set from an experiment file", null);
    }

    /** A settings record with a builder of its own, bound from the object {@code v} (nested binding). */
    private Object nestedRecord(String field, Class<?> raw, Method builderMethod, JsonNode v) {
        if (!v.isObject()) throw expected(field, "an object", v);
        Binder inner = nested(field);
        Method build;
        Object b;
        try {
            b = builderMethod.invoke(null);
            build = b.getClass().getMethod("build");
        } catch (ReflectiveOperationException e) {
            throw error(field, "cannot be set from an experiment file: " + e.getMessage(), e);
        }
        if (!raw.isAssignableFrom(build.getReturnType())) throw error(field, "cannot be set from an experiment file", null);
        inner.set(v, b, Set.of());
        return inner.build(b, x -> {
            try {
                return build.invoke(x);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Method factory(Class<?> type, String name, Class<?>... params) {
        try {
            Method m = type.getMethod(name, params);
            return Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType())
                    || name.equals("builder") && Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        return Object.class;
    }

    private static Type argument(Type t, int i) {
        return t instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
    }

    private static String kind(Type t) {
        Class<?> c = raw(t);
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) return "integers";
        if (c == Double.class || c == double.class) return "numbers";
        if (c == String.class) return "strings";
        return c.getSimpleName();
    }
}
