package org.l2l.optimizees.external;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.l2l.core.Parameters;
import org.l2l.core.Require;

/**
 * What an external optimizee runs and with which parameters.
 *
 * <p>The command is an argument list, never a shell string. These placeholders in its arguments are
 * replaced when it starts: {@code {runDir}} (the run directory), {@code {workDir}} (its scratch
 * directory), {@code {java}} and {@code {classpath}} (the worker's {@code java} launcher and class path,
 * to run a Java program) and, per individual in command mode, {@code {input}} (a JSON file holding the individual;
 * without it the individual comes on standard input) and {@code {output}} (a file the program writes its
 * result to; without it the result is the last line of its standard output).
 *
 * <pre>{@code
 * ProgramSettings s = ProgramSettings.builder()
 *         .command("python3", "/home/me/sim.py")
 *         .parameter(ParameterDeclaration.array("x", -5, 5, 2))
 *         .build();
 * }</pre>
 *
 * @param command the program and its arguments
 * @param environment variables set for the program, on top of the worker's own and the {@code L2L_*}
 *     variables
 * @param parameters the parameters, in the order the individuals hold them; at least one
 * @param keepWorkDirs keep each scratch directory after use, for debugging
 */
public record ProgramSettings(List<String> command, Map<String, String> environment,
        List<ParameterDeclaration> parameters, boolean keepWorkDirs) {
    /** Validates and copies. */
    public ProgramSettings {
        Require.nonNull("command", command);
        if (command.isEmpty()) throw new IllegalArgumentException("command must name a program, but was empty");
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i) == null) throw new IllegalArgumentException("command[" + i + "] must not be null");
        }
        if (command.get(0).isBlank()) throw new IllegalArgumentException("command[0] must name a program, but was blank");
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : new LinkedHashMap<>(environment);
        environment.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.contains("=") || v == null) {
                throw new IllegalArgumentException("environment variable '" + k + "' must have a name without '=' and a value");
            }
        });
        environment = java.util.Collections.unmodifiableMap(environment);
        Require.nonNull("parameters", parameters);
        if (parameters.isEmpty()) throw new IllegalArgumentException("parameters must declare at least one parameter");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ParameterDeclaration p : parameters) {
            if (!seen.add(p.name())) throw new IllegalArgumentException("parameter " + p.name() + " is declared twice");
        }
        parameters = List.copyOf(parameters);
    }

    /** A builder: no environment, no parameters, work directories removed after use. */
    public static Builder builder() {
        return new Builder();
    }

    /** A new individual: each value drawn uniformly within its bounds. */
    Parameters randomIndividual(RandomGenerator random) {
        Parameters.Builder b = Parameters.builder();
        for (ParameterDeclaration p : parameters) {
            if (p.size() == 0) {
                b.scalar(p.name(), random.nextDouble(p.min(), p.max()));
            } else {
                double[] v = new double[p.size()];
                for (int i = 0; i < v.length; i++) v[i] = random.nextDouble(p.min(), p.max());
                b.array(p.name(), v);
            }
        }
        return b.build();
    }

    /** {@code params} with every value clipped into its bounds; parameters not declared are kept. */
    Parameters clip(Parameters params) {
        Parameters.Builder b = Parameters.builder();
        for (String name : params.names()) {
            ParameterDeclaration d = declaration(name);
            if (params.isArray(name)) {
                double[] v = params.array(name);
                if (d != null) for (int i = 0; i < v.length; i++) v[i] = d.clip(v[i]);
                b.array(name, v);
            } else {
                double v = params.scalar(name);
                b.scalar(name, d == null ? v : d.clip(v));
            }
        }
        return b.build();
    }

    private ParameterDeclaration declaration(String name) {
        for (ParameterDeclaration p : parameters) if (p.name().equals(name)) return p;
        return null;
    }

    /** Builds {@link ProgramSettings}; every method documents its default. */
    public static final class Builder {
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<ParameterDeclaration> parameters = new ArrayList<>();
        private boolean keepWorkDirs;

        private Builder() {}

        /** The program and its arguments (required). */
        public Builder command(List<String> command) {
            this.command.clear();
            this.command.addAll(command);
            return this;
        }

        /** The program and its arguments (required). */
        public Builder command(String... command) {
            return command(List.of(command));
        }

        /** Sets one environment variable for the program; none by default. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Sets environment variables for the program; none by default. */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** Declares one more parameter (at least one is required). */
        public Builder parameter(ParameterDeclaration parameter) {
            parameters.add(parameter);
            return this;
        }

        /** Keep the scratch directories after use; default false (removed). */
        public Builder keepWorkDirs(boolean keepWorkDirs) {
            this.keepWorkDirs = keepWorkDirs;
            return this;
        }

        /** Validates and builds. */
        public ProgramSettings build() {
            return new ProgramSettings(command, environment, parameters, keepWorkDirs);
        }
    }
}
