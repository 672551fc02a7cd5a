package org.l2l.optimizees.neuron;

import java.util.List;
import org.l2l.core.Parameters;
import org.l2l.core.Require;

/**
 * The maximal conductance densities of the {@link NeuronModel}, in mS/cm², the parameters the neuron
 * optimizee varies.
 *
 * @param gNa fast sodium ({@value #NA})
 * @param gKdr delayed-rectifier potassium ({@value #KDR})
 * @param gKM slow, non-inactivating M-type potassium ({@value #KM})
 * @param gLeak leak ({@value #LEAK})
 * @param gKA fast transient A-type potassium ({@value #KA})
 */
public record Conductances(double gNa, double gKdr, double gKM, double gLeak, double gKA) {
    /** The parameter name of {@link #gNa}. */
    public static final String NA = "gNa";
    /** The parameter name of {@link #gKdr}. */
    public static final String KDR = "gKdr";
    /** The parameter name of {@link #gKM}. */
    public static final String KM = "gKM";
    /** The parameter name of {@link #gLeak}. */
    public static final String LEAK = "gLeak";
    /** The parameter name of {@link #gKA}. */
    public static final String KA = "gKA";

    /** The parameter names, in the order of an individual's {@link Parameters}. */
    public static final List<String> NAMES = List.of(NA, KDR, KM, LEAK, KA);

    /**
     * The regular-spiking cell of Pospischil et al. (2008) as in their ModelDB demonstration (gNa 50,
     * gKdr 5, gKM 0.07, gLeak 0.1 mS/cm²) with an A-type conductance of 1 mS/cm² added; the model the
     * shipped targets were derived from.
     */
    public static final Conductances REFERENCE = new Conductances(50, 5, 0.07, 0.1, 1.0);

    /** Checks that every density is finite and {@code >= 0}. */
    public Conductances {
        Require.nonNegative(NA, gNa);
        Require.nonNegative(KDR, gKdr);
        Require.nonNegative(KM, gKM);
        Require.nonNegative(LEAK, gLeak);
        Require.nonNegative(KA, gKA);
    }

    /** The densities of an individual with the scalar parameters {@link #NAMES}. */
    public static Conductances of(Parameters p) {
        return new Conductances(p.scalar(NA), p.scalar(KDR), p.scalar(KM), p.scalar(LEAK), p.scalar(KA));
    }

    /** The densities in the order of {@link #NAMES}. */
    public double[] toArray() {
        return new double[] {gNa, gKdr, gKM, gLeak, gKA};
    }

    /** The densities from values in the order of {@link #NAMES}. */
    public static Conductances of(double[] values) {
        if (values.length != NAMES.size()) {
            throw new IllegalArgumentException("need " + NAMES.size() + " conductances " + NAMES + ", but got "
                    + values.length);
        }
        return new Conductances(values[0], values[1], values[2], values[3], values[4]);
    }

    /** These densities as an individual: one scalar per name of {@link #NAMES}. */
    public Parameters toParameters() {
        Parameters.Builder b = Parameters.builder();
        double[] v = toArray();
        for (int i = 0; i < v.length; i++) b.scalar(NAMES.get(i), v[i]);
        return b.build();
    }
}
