package org.l2l.runner.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every experiment file under {@code examples/} binds: its fields are known and its values fit their builders. */
class ShippedExamplesTest {
    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
            List<Path> out = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(out.size() >= 20, "the shipped examples were found: " + out);
            return out;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void bindsWithoutError(Path file) {
        // load throws an ExperimentFileException naming the field if anything does not bind
        ExperimentFile f = ExperimentFile.load(file, null);
        assertNotNull(f.optimizer());
        assertNotNull(f.optimizee());
    }
}
