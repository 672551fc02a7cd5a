package org.l2l.optimizers.annealing;

/**
 * L2L's {@code AvailableCoolingSchedules} ({@code l2l/optimizers/simulatedannealing/optimizer.py}): the temperature
 * after step {@code k} (L2L's {@code g + 1}) of {@code n} for a start temperature {@code T0}, an end temperature
 * {@code Tn} and a decay parameter {@code alpha}.
 *
 * <p>The additive schedules follow the formulas of L2L's documentation ({@code T0 - Tn}); L2L's code writes
 * {@code T0 - temperature} (the previous temperature) there, which makes the temperature jump between 0 and
 * {@code T0}.
 */
public enum SimulatedAnnealingSchedule {
    /** {@code T * alpha}: the previous temperature times the decay. */
    DEFAULT,
    /** {@code T0 / (1 + ln(1 + k))}. */
    LOGARITHMIC,
    /** {@code T0 * alpha^k}. */
    EXPONENTIAL,
    /** {@code T0 / (1 + alpha k)}. */
    LINEAR_MULTIPLICATIVE,
    /** {@code T0 / (1 + alpha k^2)}. */
    QUADRATIC_MULTIPLICATIVE,
    /** {@code Tn + (T0 - Tn) (n - k) / n}. */
    LINEAR_ADDITIVE,
    /** {@code Tn + (T0 - Tn) ((n - k) / n)^2}. */
    QUADRATIC_ADDITIVE,
    /** {@code Tn + (T0 - Tn) / (1 + exp(2 ln(T0 - Tn) / n (k - n / 2)))}. */
    EXPONENTIAL_ADDITIVE,
    /** {@code Tn + (T0 - Tn) (1 + cos(k pi / n)) / 2}, with L2L's {@code pi = 3.1415}. */
    TRIGONOMETRIC_ADDITIVE;

    /** L2L's approximation of pi in the trigonometric schedule. */
    static final double L2L_PI = 3.1415;

    /** The temperature after step {@code k} of {@code n}, from the previous temperature {@code t}. */
    public double temperature(double t, double alpha, double t0, double tn, int k, int n) {
        return switch (this) {
            case DEFAULT -> t * alpha;
            case LOGARITHMIC -> t0 / (1 + Math.log(1 + k));
            case EXPONENTIAL -> t0 * Math.pow(alpha, k);
            case LINEAR_MULTIPLICATIVE -> t0 / (1 + alpha * k);
            case QUADRATIC_MULTIPLICATIVE -> t0 / (1 + alpha * (double) k * k);
            case LINEAR_ADDITIVE -> tn + (t0 - tn) * ((n - k) / (double) n);
            case QUADRATIC_ADDITIVE -> tn + (t0 - tn) * Math.pow((n - k) / (double) n, 2);
            case EXPONENTIAL_ADDITIVE -> tn + (t0 - tn) / (1 + Math.exp(2 * Math.log(t0 - tn) / n * (k - n / 2.0)));
            case TRIGONOMETRIC_ADDITIVE -> tn + (t0 - tn) * (1 + Math.cos(k * L2L_PI / n)) / 2;
        };
    }
}
