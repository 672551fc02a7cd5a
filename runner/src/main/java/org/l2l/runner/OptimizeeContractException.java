package org.l2l.runner;

/**
 * The optimizee broke its contract in a way that no retry can mend: {@code simulate} returned a fitness
 * vector whose length is not the number of fitness weights. It is reported at once, never retried, and the
 * command line treats it as bad input (exit code 2): the experiment's optimizee and fitness weights do not
 * match.
 */
public class OptimizeeContractException extends RunFailedException {
    private static final long serialVersionUID = 1L;

    /** A broken contract, described by {@code message}. */
    public OptimizeeContractException(String message) {
        super(message);
    }
}
