package org.l2l.optimizees.external;

import java.nio.file.Path;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.Rng;

/** A stand-in worker JVM for {@link ExternalOptimizeeIT}: evaluates one individual with a program that hangs. */
public final class ReaperProbe {
    private ReaperProbe() {}

    /** Usage: {@code ReaperProbe command|process RUN_DIR PYTHON SCRIPT}. */
    public static void main(String[] args) throws Exception {
        ProgramSettings s = ProgramSettings.builder().command(args[2], args[3]).environment("MODE", "hang")
                .parameter(ParameterDeclaration.array("x", -1, 1, 2)).build();
        ExternalOptimizee o = args[0].equals("command") ? new CommandOptimizee(s) : new ProcessOptimizee(s);
        o.prepare(Path.of(args[1]), 0);
        o.simulate(new Individual(0, 7, Parameters.builder().array("x", 0.1, 0.2).build()),
                new SimulationContext(0, 7, 0, Rng.seeded(1), 0));
    }
}
