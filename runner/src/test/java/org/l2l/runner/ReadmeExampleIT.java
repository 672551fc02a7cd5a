package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver program in the README compiles and runs as printed. */
class ReadmeExampleIT {
    @TempDir
    Path tmp;

    @Test
    void theReadmesDriverProgramCompilesAndRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```java\n") + "```java\n".length();
        String code = readme.substring(start, readme.indexOf("```", start));
        Path src = tmp.resolve("SphereExperiment.java");
        Files.writeString(src, code);
        String cp = System.getProperty("java.class.path");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tmp.toString(), "-cp", cp, src.toString());
        assertEquals(0, rc, "the README's Java compiles");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", tmp + System.getProperty("path.separator") + cp, "SphereExperiment")
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("best: g"), out);
        assertTrue(Files.exists(tmp.resolve("runs").resolve("sphere").resolve("generations").resolve("gen-000049.kryo")), out);
        ProcessAssertions.assertNoWorkerChildren();
    }
}
