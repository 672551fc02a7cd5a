package org.l2l.runner.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sizes that cannot fit and integers that overflow are refused while the experiment file is read, naming the
 * field, for every optimizer: nothing is created, nothing runs out of memory later.
 */
class ExperimentFileLimitsTest {
    private static final Path RW = Path.of("..", "examples", "rw-region").toAbsolutePath().normalize();

    private static String error(String optimizee, String optimizer, String runner, String weights) {
        String json = """
            {"name": "t", "optimizee": OPTIMIZEE, "optimizer": OPTIMIZER, "fitnessWeights": WEIGHTS, "runner": RUNNER}
            """.replace("OPTIMIZEE", optimizee).replace("OPTIMIZER", optimizer).replace("RUNNER", runner)
                .replace("WEIGHTS", weights);
        ExperimentFileException e = assertThrows(ExperimentFileException.class,
                () -> ExperimentFile.parse("exp.json", new ObjectMapper().readTree(json), null), json);
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource(delimiter = '|', textBlock = """
        ga           | popSize       | {"type": "ga", "popSize": 1000000000}
        ga           | tournSize     | {"type": "ga", "tournSize": 1000000000}
        multiga      | popSize       | {"type": "multiga", "popSize": 1000000000}
        nsga2        | popSize       | {"type": "nsga2", "popSize": 1000000000}
        crossentropy | popSize       | {"type": "crossentropy", "popSize": 1000000000}
        face         | maxPopSize    | {"type": "face", "maxPopSize": 1000000000}
        face         | nExpand       | {"type": "face", "nExpand": 1000000000}
        cmaes        | popSize       | {"type": "cmaes", "popSize": 1000000000}
        es           | popSize       | {"type": "es", "popSize": 1000000000}
        nes          | popSize       | {"type": "nes", "mu": [0, 0], "sigma": [1], "popSize": 1000000000}
        gd           | nRandomSteps  | {"type": "gd", "nRandomSteps": 1000000000}
        multigd      | nRandomSteps  | {"type": "multigd", "nRandomSteps": 1000000000}
        sa           | nParallelRuns | {"type": "sa", "nParallelRuns": 1000000000}
        pt           | nParallelRuns | {"type": "pt", "nParallelRuns": 1000000000}
        gridsearch   | paramGrid     | {"type": "gridsearch", "paramGrid": {"coords": [0, 1, 999999999]}}
        rw           | nParticles    | {"type": "rw", "seeds": "RW/seeds.csv", "ranges": "RW/ranges.csv", "nParticles": 1000000000}
        """)
    void aGenerationSizeThatCannotFitIsRefusedNamingTheFieldAndTheLimit(String type, String field, String optimizer) {
        String optimizee = type.startsWith("multi")
                ? "{\"type\": \"multi-function\", \"function\": \"Rastrigin2d\"}"
                : type.equals("rw") ? "{\"type\": \"inside-region\", \"center\": {\"x\": 0.0, \"y\": 5.0}, \"radius\": 1.5}"
                : "{\"type\": \"function\", \"function\": \"Rastrigin2d\"}";
        String msg = error(optimizee, optimizer.replace("RW", RW.toString()), "{}", "[-1.0]");
        assertTrue(msg.contains("optimizer." + field) || msg.contains("optimizer: " + field), "names the field: " + msg);
        assertTrue(msg.contains("at most") && msg.contains("cannot fit"), "says the limit and why: " + msg);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        runner.maxWorkers        | {"type": "ga"}                          | {"maxWorkers": 4294967297}
        runner.maxRetries        | {"type": "ga"}                          | {"maxRetries": 4294967296}
        runner.workAhead         | {"type": "ga"}                          | {"workAhead": -4294967297}
        optimizer.popSize        | {"type": "ga", "popSize": 4294967297}   | {}
        optimizer.nIteration     | {"type": "es", "nIteration": 9223372036854775808} | {}
        """)
    void anIntegerTooLargeForItsFieldIsRefusedNotTruncated(String field, String optimizer, String runner) {
        String msg = error("{\"type\": \"function\", \"function\": \"Rastrigin2d\"}", optimizer, runner, "[-1.0]");
        assertTrue(msg.contains(field) && msg.contains("integer"), "names the field: " + msg);
    }
}
