package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped driver project, examples/driver, builds and runs as a user runs it: {@code mvn -q compile
 * exec:java} against an installed {@code org.l2l:runner}. Under exec:java the JVM's classpath is Maven's
 * launcher, so this also checks that the workers get a classpath that can start them.
 *
 * <p>The project's artifacts are installed into a private, temporary local repository (this build's jars and
 * poms, copied); everything else comes from the user's Maven cache as a file repository, so the test touches
 * neither {@code ~/.m2/repository/org/l2l} nor the network for anything cached.
 */
class DriverExampleIT {
    @TempDir
    Path tmp;

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theDriverExampleBuildsAndRunsWithMvnExecJava() throws Exception {
        String version = Provenance.version();
        Path repo = tmp.resolve("repo");
        install(repo, "l2l-parent", PROJECT.resolve("pom.xml"), null, version);
        for (String module : List.of("l2l-core", "optimizers", "optimizees", "runner")) {
            Path jar = PROJECT.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
            assertTrue(Files.isRegularFile(jar), jar + " is missing: build the reactor first (mvn package)");
            install(repo, module, PROJECT.resolve(module).resolve("pom.xml"), jar, version);
        }
        Path cache = Path.of(System.getProperty("l2l.test.mavenCache",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, """
            <settings>
              <localRepository>REPO</localRepository>
              <profiles><profile><id>cache</id>
                <repositories><repository><id>user-cache</id><url>CACHE</url>
                  <snapshots><enabled>false</enabled></snapshots></repository></repositories>
                <pluginRepositories><pluginRepository><id>user-cache</id><url>CACHE</url>
                  <snapshots><enabled>false</enabled></snapshots></pluginRepository></pluginRepositories>
              </profile></profiles>
              <activeProfiles><activeProfile>cache</activeProfile></activeProfiles>
            </settings>
            """.replace("REPO", repo.toString()).replace("CACHE", cache.toUri().toString()));
        Path project = tmp.resolve("driver");
        copyTree(PROJECT.resolve("examples/driver"), project);

        Path log = tmp.resolve("mvn.log");
        Process p = new ProcessBuilder("mvn", "-q", "-B", "-s", settings.toString(), "compile", "exec:java")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) p.descendants().forEach(ProcessHandle::destroyForcibly);
        if (!done) p.destroyForcibly();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "mvn exec:java did not finish in 5 minutes:\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("best: g"), "the program printed its best individual:\n" + out);
        assertFalse(out.contains("No SLF4J providers"), "the example brings a logging backend:\n" + out);
        var run = new ObjectMapper().readTree(project.resolve("runs/sphere/run.json").toFile());
        assertEquals("finished", run.get("status").asText());
        assertEquals(10, run.get("generations").asInt());
        try (Stream<Path> s = Files.list(project.resolve("runs/sphere/generations"))) {
            assertEquals(10, s.count());
        }
    }

    /** Puts a module's pom (and jar) where a local repository has them. */
    private static void install(Path repo, String artifact, Path pom, Path jar, String version) throws IOException {
        Path dir = repo.resolve("org/l2l").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target") || rel.startsWith("runs")) continue;
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
