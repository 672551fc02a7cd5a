package org.l2l.runner.config;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.l2l.runner.OptimizeeCodec;

/** The optimizee of every shipped experiment reaches the workers unchanged (OptimizeeCodec's round-trip check). */
class ShippedOptimizeesRoundTripTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.l2l.runner.config.ShippedExamplesTest#examples")
    void theWorkersCopyEqualsTheDriversOptimizee(Path file) {
        ExperimentFile f = ExperimentFile.load(file, null);
        OptimizeeCodec.write(tmp.resolve("optimizee.json"), f.optimizee(), 1); // throws if the copy would differ
    }
}
