package org.l2l.runner;

/**
 * The SLURM allocation the workers run in has ended (its time limit, {@code scancel}, a revoked
 * allocation), so no worker can be started again. The run stops at once with status {@code interrupted};
 * every completed generation is stored, and {@code l2l resume} in a new allocation finishes it exactly.
 * The command line exits with {@link org.l2l.runner.cli.Main#ALLOCATION_ENDED}.
 */
public class AllocationEndedException extends RunFailedException {
    private static final long serialVersionUID = 1L;

    /** The allocation ended; the message names the job and the first cause found. */
    public AllocationEndedException(String message) {
        super(message);
    }
}
