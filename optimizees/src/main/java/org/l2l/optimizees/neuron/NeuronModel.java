package org.l2l.optimizees.neuron;

import org.l2l.core.Require;

/**
 * A single-compartment conductance-based neuron in the Hodgkin–Huxley formalism, driven by a step
 * current.
 *
 * <p>{@code C dV/dt = -I_Na - I_Kdr - I_KM - I_KA - I_leak + I_inj / A}, with
 * <ul>
 *   <li>{@code I_Na = gNa m³h (V - E_Na)} and {@code I_Kdr = gKdr n⁴ (V - E_K)}: the Traub &amp; Miles (1991)
 *       kinetics in the form of Pospischil et al. (2008, "Minimal Hodgkin–Huxley type models for different
 *       classes of cortical and thalamic neurons", Biol Cybern 99:427–441, eqs. for I_Na and I_Kd), with
 *       {@code V_T} = {@value #V_T} mV (their ModelDB 123623 regular-spiking demonstration) and rates at
 *       36 °C (temperature factor 1);
 *   <li>{@code I_KM = gKM p (V - E_K)}: the slow M current of the same paper (after Yamada, Koch &amp; Adams
 *       1989), {@code p∞ = 1 / (1 + exp(-(V + 35) / 10))},
 *       {@code τp = τmax / (3.3 exp((V + 35) / 20) + exp(-(V + 35) / 20))}, τmax = {@value #TAU_MAX_M} ms;
 *   <li>{@code I_KA = gKA a∞³ b (V - E_K)}: the A current of Golomb, Yue &amp; Yaari (2006, J Neurophysiol
 *       96:1912–1926) with instantaneous activation {@code a∞ = 1 / (1 + exp(-(V + 50) / 20))} and
 *       inactivation {@code b∞ = 1 / (1 + exp((V + 80) / 6))}, τb = {@value #TAU_B_A} ms;
 *   <li>{@code I_leak = gLeak (V - E_leak)}.
 * </ul>
 * Conductance densities are in mS/cm², potentials in mV, time in ms, C = {@value #CM} µF/cm², so currents
 * are in µA/cm². E_Na = {@value #E_NA}, E_K = {@value #E_K}, E_leak = {@value #E_LEAK} mV. The injected
 * current is given in nA and divided by the membrane area {@link #AREA_CM2} of Pospischil et al.'s
 * cylinder of 96 µm length and diameter (≈ 29 000 µm²): 1 nA is about 3.45 µA/cm².
 *
 * <p><b>Integration</b>: exponential Euler with a fixed step. In each step the gating variables are
 * advanced exactly for the voltage at the start of the step ({@code x ← x∞ + (x - x∞) e^(-dt/τx)}); then,
 * with the conductances fixed at the new gates, the membrane equation is linear in V and is advanced
 * exactly too ({@code V ← V∞ + (V - V∞) e^(-dt G/C)} with {@code G} the total conductance and
 * {@code V∞} the conductance-weighted mean of the reversal potentials plus the injected current / G). The
 * method is unconditionally stable and first-order accurate; {@value #DT} ms is the default step.
 *
 * <p>The simulation starts at the resting state: V at the lowest zero of the steady-state current
 * (see {@link #restingPotential}) and every gate at its steady state there.
 */
public final class NeuronModel {
    /** The default integration step in ms. */
    public static final double DT = 0.025;
    /** Membrane capacitance, µF/cm². */
    public static final double CM = 1.0;
    /** Sodium reversal potential, mV. */
    public static final double E_NA = 50;
    /** Potassium reversal potential, mV (all three potassium currents). */
    public static final double E_K = -100;
    /** Leak reversal potential, mV. */
    public static final double E_LEAK = -70;
    /** Traub's threshold-adjusting voltage V_T of the Na and Kdr kinetics, mV. */
    public static final double V_T = -55;
    /** Peak time constant of the M current, ms. */
    public static final double TAU_MAX_M = 1000;
    /** Inactivation time constant of the A current, ms. */
    public static final double TAU_B_A = 15;
    /** The membrane area: a cylinder of 96 µm length and 96 µm diameter, in cm². */
    public static final double AREA_CM2 = Math.PI * 96e-4 * 96e-4;

    /** {@code exp(-15 / 20)}: {@code exp(-(V + 50) / 20) = exp(-(V + 35) / 20) * exp(-0.75)}. */
    private static final double EXP_MINUS_075 = Math.exp(-0.75);

    private NeuronModel() {}

    /**
     * Simulates {@code protocol} with step {@code dt} and returns the membrane potential in mV at the times
     * {@code 0, dt, 2 dt, ...}, {@code round(total / dt) + 1} samples. The current is on for the steps from
     * {@code round(delay / dt)} to {@code round((delay + duration) / dt)}.
     */
    public static double[] simulate(Conductances g, StepProtocol protocol, double dt) {
        Require.nonNull("conductances", g);
        Require.nonNull("protocol", protocol);
        Require.positive("dt", dt);
        int n = (int) Math.round(protocol.total() / dt);
        int on = (int) Math.round(protocol.delay() / dt);
        int off = (int) Math.round(protocol.end() / dt);
        double iInj = protocol.amplitude() * 1e-3 / AREA_CM2; // nA -> µA/cm²

        double v = restingPotential(g);
        double v2 = v - V_T;
        double am = alphaM(v2), bm = betaM(v2), ah = alphaH(v2), bh = betaH(v2), an = alphaN(v2), bn = betaN(v2);
        double m = am / (am + bm), h = ah / (ah + bh), nk = an / (an + bn), p = pInf(v), b = bInf(v);
        double decayB = Math.exp(-dt / TAU_B_A);
        double[] trace = new double[n + 1];
        trace[0] = v;
        for (int i = 0; i < n; i++) {
            // the same rates as alphaM ... bInf below, sharing exponentials (12 instead of 15 per step)
            v2 = v - V_T;
            double e40 = Math.exp((40 - v2) / 5);
            am = alphaM(v2);
            double x40 = v2 - 40;
            bm = Math.abs(x40) < 5e-6 ? 0.28 * 5 * (1 - x40 / 10) : 0.28 * x40 * e40 / (1 - e40);
            m = relax(m, am, bm, dt);
            ah = alphaH(v2);
            bh = 4 / (1 + e40);
            h = relax(h, ah, bh, dt);
            an = alphaN(v2);
            bn = betaN(v2);
            nk = relax(nk, an, bn, dt);
            double e35 = Math.exp((v + 35) / 20);
            double pInf = 1 / (1 + 1 / (e35 * e35));
            p = pInf + (p - pInf) * Math.exp(-dt * (3.3 * e35 + 1 / e35) / TAU_MAX_M);
            double bInf = bInf(v);
            b = bInf + (b - bInf) * decayB;
            double a = 1 / (1 + EXP_MINUS_075 / e35);

            double gna = g.gNa() * m * m * m * h;
            double n2 = nk * nk;
            double gk = g.gKdr() * n2 * n2 + g.gKM() * p + g.gKA() * a * a * a * b;
            double gl = g.gLeak();
            double total = gna + gk + gl;
            double current = i >= on && i < off ? iInj : 0;
            if (total > 0) {
                double vInf = (gna * E_NA + gk * E_K + gl * E_LEAK + current) / total;
                v = vInf + (v - vInf) * Math.exp(-dt * total / CM);
            } else {
                v += dt * current / CM;
            }
            trace[i + 1] = v;
        }
        return trace;
    }

    /** {@link #simulate(Conductances, StepProtocol, double)} with the default step {@value #DT} ms. */
    public static double[] simulate(Conductances g, StepProtocol protocol) {
        return simulate(g, protocol, DT);
    }

    /**
     * The resting potential in mV: the lowest potential in [-110, -20] mV at which the steady-state ionic
     * current (every gate at its steady state, no injected current) changes from inward to outward, found by
     * bisection; {@link #E_LEAK} if there is none (for example when every conductance is zero).
     */
    public static double restingPotential(Conductances g) {
        double lo = -110;
        double iLo = steadyCurrent(g, lo);
        for (double hi = lo + 1; hi <= -20; hi += 1) {
            double iHi = steadyCurrent(g, hi);
            if (iLo < 0 && iHi >= 0) {
                for (int k = 0; k < 60; k++) {
                    double mid = 0.5 * (lo + hi);
                    if (steadyCurrent(g, mid) < 0) lo = mid;
                    else hi = mid;
                }
                return 0.5 * (lo + hi);
            }
            lo = hi;
            iLo = iHi;
        }
        return E_LEAK;
    }

    /** The total ionic current density (µA/cm², outward positive) with every gate at its steady state at {@code v}. */
    static double steadyCurrent(Conductances g, double v) {
        double v2 = v - V_T;
        double m = alphaM(v2) / (alphaM(v2) + betaM(v2));
        double h = alphaH(v2) / (alphaH(v2) + betaH(v2));
        double nk = alphaN(v2) / (alphaN(v2) + betaN(v2));
        double a = aInf(v);
        return g.gNa() * m * m * m * h * (v - E_NA)
                + (g.gKdr() * Math.pow(nk, 4) + g.gKM() * pInf(v) + g.gKA() * a * a * a * bInf(v)) * (v - E_K)
                + g.gLeak() * (v - E_LEAK);
    }

    private static double relax(double x, double alpha, double beta, double dt) {
        double rate = alpha + beta;
        double inf = alpha / rate;
        return inf + (x - inf) * Math.exp(-dt * rate);
    }

    /** {@code x / (exp(x / k) - 1)}, continued by its limit {@code k} at {@code x = 0}. */
    private static double expRatio(double x, double k) {
        double u = x / k;
        if (Math.abs(u) < 1e-6) return k * (1 - u / 2);
        return x / Math.expm1(u);
    }

    // Traub &amp; Miles rates in 1/ms, of v2 = V - V_T.
    static double alphaM(double v2) {
        return 0.32 * expRatio(13 - v2, 4);
    }

    static double betaM(double v2) {
        return 0.28 * expRatio(v2 - 40, 5);
    }

    static double alphaH(double v2) {
        return 0.128 * Math.exp((17 - v2) / 18);
    }

    static double betaH(double v2) {
        return 4 / (1 + Math.exp((40 - v2) / 5));
    }

    static double alphaN(double v2) {
        return 0.032 * expRatio(15 - v2, 5);
    }

    static double betaN(double v2) {
        return 0.5 * Math.exp((10 - v2) / 40);
    }

    static double pInf(double v) {
        return 1 / (1 + Math.exp(-(v + 35) / 10));
    }

    static double aInf(double v) {
        return 1 / (1 + Math.exp(-(v + 50) / 20));
    }

    static double bInf(double v) {
        return 1 / (1 + Math.exp((v + 80) / 6));
    }
}
