package org.l2l.core;

import java.util.List;

/**
 * What an optimizer does after a generation: propose the next one, or finish.
 */
public sealed interface Step {
    /** The parameters of the next generation's individuals, in index order. */
    record Next(List<Parameters> individuals) implements Step {
        /** Copies and checks the list. */
        public Next {
            individuals = List.copyOf(individuals);
            if (individuals.isEmpty()) throw new IllegalArgumentException("a generation needs at least one individual");
        }
    }

    /** The optimization is over. */
    record Finished(String reason) implements Step {}

    /** Propose {@code individuals} as the next generation. */
    static Step next(List<Parameters> individuals) {
        return new Next(individuals);
    }

    /** Finish, with a reason shown to the user. */
    static Step finished(String reason) {
        return new Finished(reason);
    }
}
