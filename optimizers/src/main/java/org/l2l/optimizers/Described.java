package org.l2l.optimizers;

import org.l2l.core.ParameterGroup;

/**
 * A setting that records itself in the trajectory, for {@link GenerationalOptimizer#describeRecord}: a value with
 * several fields of its own (a cross-entropy distribution) rather than one value.
 */
public interface Described {
    /** Adds this setting's values to {@code group}. */
    void describe(ParameterGroup group);
}
