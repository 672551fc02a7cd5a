package org.l2l.optimizees.neuron;

import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Require;

/**
 * A current-clamp step: no current until {@code delay}, then {@code amplitude} until
 * {@code delay + duration}, then none again until {@code total}. The simulation starts at rest (see
 * {@link NeuronModel#restingPotential}).
 *
 * <p>The shipped protocols ({@code protocols.csv}, columns {@code name,delay,duration,amplitude,total})
 * are, in the order they are evaluated:
 * <ul>
 *   <li>{@code hyperpol}: -0.25 nA for 200 ms, a subthreshold step that measures the resting potential and
 *       the input resistance ({@link Feature#DEFLECTION}) and must not make the cell fire;
 *   <li>{@code rheobase}: 0.2 nA for 300 ms, just above threshold: a few spikes after a long latency;
 *   <li>{@code strong}: 0.75 nA for 300 ms (Pospischil et al.'s demonstration current): regular, adapting
 *       firing.
 * </ul>
 *
 * @param name the protocol's name, used in feature names such as {@code strong.isi}; letters, digits,
 *     {@code _} and {@code -}
 * @param delay stimulus onset in ms; {@code > 0}, since the resting potential is measured before it
 * @param duration stimulus duration in ms; {@code > 0}
 * @param amplitude injected current in nA (positive depolarizes), converted to a density with the
 *     membrane area {@link NeuronModel#AREA_CM2}
 * @param total simulated time in ms; {@code >= delay + duration}
 */
public record StepProtocol(String name, double delay, double duration, double amplitude, double total) {
    /** The columns of a protocols file. */
    static final List<String> COLUMNS = List.of("name", "delay", "duration", "amplitude", "total");

    /** Validates the fields. */
    public StepProtocol {
        Require.nonBlank("protocol name", name);
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("protocol name must use only letters, digits, _ and -, but was \""
                    + name + "\"");
        }
        Require.positive("delay", delay);
        Require.positive("duration", duration);
        Require.finite("amplitude", amplitude);
        Require.positive("total", total);
        if (total < delay + duration) {
            throw new IllegalArgumentException("total must be >= delay + duration = " + (delay + duration)
                    + ", but was " + total + " (protocol " + name + ")");
        }
    }

    /** The stimulus end time, {@code delay + duration}, in ms. */
    public double end() {
        return delay + duration;
    }

    /** The injected current in nA at time {@code t} (ms). */
    public double currentAt(double t) {
        return t >= delay && t < delay + duration ? amplitude : 0;
    }

    /** The shipped protocols, in evaluation order. */
    public static List<StepProtocol> shipped() {
        return fromCsv(Csv.resource("protocols.csv"));
    }

    /**
     * The protocols of a CSV file with the columns {@code name,delay,duration,amplitude,total}, in file
     * order.
     *
     * @throws IllegalArgumentException naming the file, line and column of a bad cell, or a repeated name
     */
    public static List<StepProtocol> load(String path) {
        return fromCsv(Csv.file("protocols", path));
    }

    static List<StepProtocol> fromCsv(Csv csv) {
        csv.requireHeader(COLUMNS).requireRows();
        List<StepProtocol> out = new ArrayList<>();
        for (Csv.Row row : csv.rows()) {
            String name = csv.text(row, "name");
            for (StepProtocol p : out) {
                if (p.name().equals(name)) throw csv.error(row, "name", "protocol '" + name + "' appears twice");
            }
            try {
                out.add(new StepProtocol(name, csv.number(row, "delay"), csv.number(row, "duration"),
                        csv.number(row, "amplitude"), csv.number(row, "total")));
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith(csv.source())) throw e;
                throw new IllegalArgumentException(csv.source() + " line " + row.line() + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }
}
