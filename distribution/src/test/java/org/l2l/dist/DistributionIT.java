package org.l2l.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary distribution as a user on a login node gets it: the archive unpacked into an empty directory,
 * its {@code bin} on {@code PATH}, run from another directory, with no Maven, no source tree and no
 * {@code L2L_HOME}. Runs the demo, a user optimizee from {@code L2L_CLASSPATH}, and the srun example on the
 * local SLURM cluster ({@code scripts/local-slurm.sh start}; with {@code CI=true} it must be there).
 */
class DistributionIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static Path home;
    private static Path work;

    private record Result(int code, String output) {}

    @BeforeAll
    static void unpack() throws Exception {
        Path tarGz;
        try (Stream<Path> s = Files.list(TARGET)) {
            tarGz = s.filter(p -> p.getFileName().toString().matches("l2l-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no l2l-VERSION.tar.gz in " + TARGET + " (mvn package makes it)"));
        }
        Path unpacked = Files.createDirectories(tmp.resolve("opt"));
        Process tar = new ProcessBuilder("tar", "xzf", tarGz.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor(), "tar xzf " + tarGz);
        try (Stream<Path> s = Files.list(unpacked)) {
            List<Path> top = s.toList();
            assertEquals(1, top.size(), "one top directory: " + top);
            home = top.get(0);
        }
        assertTrue(home.getFileName().toString().matches("l2l-\\d+\\.\\d+\\.\\d+.*"), home.toString());
        work = Files.createDirectories(tmp.resolve("work"));
    }

    /** Runs {@code bin/l2l ARGS} from the work directory, with the distribution's bin first on PATH and {@code env} added. */
    private static Result l2l(Map<String, String> env, String... args) throws Exception {
        // by its path: ProcessBuilder looks a bare name up on the test's PATH, not the child's
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/l2l").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("L2L_") || k.startsWith("MAVEN") || k.equals("CLASSPATH") || k.equals("JAVA_HOME"));
        // the distribution's bin, the JDK, the system; nothing of the repository
        e.put("PATH", home.resolve("bin") + File.pathSeparator + Path.of(System.getProperty("java.home"), "bin")
                + File.pathSeparator + "/usr/bin:/bin");
        e.putAll(env);
        Path out = Files.createTempFile(tmp, "l2l", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("l2l " + String.join(" ", args) + " did not end within 300 s: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static void assertNothingFromTheRepository(Path runDir) throws IOException {
        JsonNode run = JSON.readTree(runDir.resolve("run.json").toFile());
        String commandLine = run.path("provenance").path("commandLine").asText();
        assertTrue(commandLine.contains(home.resolve("lib").toString()), "the driver runs from lib/: " + commandLine);
        assertFalse(commandLine.contains(REPOSITORY.toString() + File.separator), "nothing from the repository: " + commandLine);
        assertFalse(commandLine.contains(".m2"), "nothing from Maven's repository: " + commandLine);
    }

    @Test
    void holdsTheLauncherTheLibrariesTheExamplesAndTheReadme() throws Exception {
        assertTrue(Files.isExecutable(home.resolve("bin/l2l")));
        assertTrue(Files.isRegularFile(home.resolve("README.md")));
        assertTrue(Files.isRegularFile(home.resolve("examples/ga-rastrigin.json")));
        assertTrue(Files.isRegularFile(home.resolve("examples/slurm/ga-rastrigin-srun.json")));
        Set<String> jars;
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            jars = s.map(p -> p.getFileName().toString().replaceAll("-\\d.*", "")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(jars.containsAll(Set.of("l2l-core", "optimizers", "optimizees", "runner", "slf4j-api", "slf4j-simple",
                "picocli", "kryo", "jackson-databind")), jars.toString());
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("junit")), "no test libraries: " + jars);
        assertFalse(Files.readString(home.resolve("bin/l2l")).contains("mvn"), "the launcher never builds");

        // the zip holds the same files
        Path zip = Path.of(TARGET.resolve(home.getFileName() + ".zip").toString());
        Set<String> inZip;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            inZip = z.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> inTar;
        try (Stream<Path> s = Files.walk(home)) {
            inTar = s.filter(Files::isRegularFile).map(p -> home.getParent().relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(inTar, inZip);
    }

    @Test
    void runsTheDemoFromAnyDirectory() throws Exception {
        Result r = l2l(Map.of(), "demo", "--quiet");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("best fitness"), r.output());
        assertTrue(r.output().contains("inspect it with: l2l inspect"), r.output());
        assertFalse(r.output().contains("Maven"), r.output());
        Path run = work.resolve("runs/demo-ga-rastrigin");
        assertNothingFromTheRepository(run);
        Result inspect = l2l(Map.of(), "inspect", run.toString(), "--json");
        assertEquals(0, inspect.code(), inspect.output());
        assertEquals(30, JSON.readTree(inspect.output()).path("generations").asInt());
    }

    @Test
    void runsAUserOptimizeeFromL2lClasspath() throws Exception {
        Path jar = tmp.resolve("user-optimizee.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> classes = Files.list(TARGET.resolve("test-classes/org/l2l/dist"))) {
            for (Path c : classes.filter(p -> p.getFileName().toString().startsWith("UserSphere")).toList()) {
                out.putNextEntry(new JarEntry("org/l2l/dist/" + c.getFileName()));
                Files.copy(c, (OutputStream) out);
                out.closeEntry();
            }
        }
        Path experiment = work.resolve("user.json");
        Files.writeString(experiment, """
                {"name": "user", "optimizee": {"class": "org.l2l.dist.UserSphere", "config": {"dims": 3}},
                 "optimizer": {"type": "ga", "popSize": 20, "nIteration": 5}, "fitnessWeights": [-1.0],
                 "runner": {"maxWorkers": 2}}
                """);
        Result missing = l2l(Map.of(), "run", experiment.toString(), "--quiet");
        assertEquals(2, missing.code(), "without L2L_CLASSPATH the class is not found: " + missing.output());
        assertTrue(missing.output().contains("L2L_CLASSPATH"), missing.output());

        Result r = l2l(Map.of("L2L_CLASSPATH", jar.toString()), "run", experiment.toString(), "--quiet");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("best fitness"), r.output());
        assertNothingFromTheRepository(work.resolve("runs/user"));
    }

    @Test
    void runsTheSrunExampleOnTheLocalSlurmCluster() throws Exception {
        String why = slurmMissing();
        if (why != null && "true".equals(System.getenv("CI"))) {
            fail("CI=true but no SLURM cluster answers (" + why + "); .ci/run starts one with scripts/local-slurm.sh start");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(why == null, "no SLURM cluster here (" + why + ")");
        // the shipped srun example, smaller: 2 srun workers and 5 generations
        JsonNode example = JSON.readTree(home.resolve("examples/slurm/ga-rastrigin-srun.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) example.get("optimizer")).put("popSize", 20).put("nIteration", 5);
        ((com.fasterxml.jackson.databind.node.ObjectNode) example.get("runner")).put("maxWorkers", 2)
                .set("jvmOptions", JSON.createArrayNode().add("-Xmx256m").add("-XX:+UseSerialGC"));
        Path experiment = work.resolve("srun.json");
        JSON.writeValue(experiment.toFile(), example);
        Result r = l2l(Map.of(), "run", experiment.toString(), "--out", work.resolve("runs/srun").toString(), "--quiet");
        assertEquals(0, r.code(), r.output());
        String runLog = Files.readString(work.resolve("runs/srun/run.log"));
        assertTrue(runLog.contains("via 'srun -n 1 -c 1 --exact'"), runLog);
        assertNothingFromTheRepository(work.resolve("runs/srun"));
    }

    private static String slurmMissing() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0
                    || !(out.contains("idle") || out.contains("mix") || out.contains("alloc"))) {
                return "sinfo says: " + out;
            }
            return null;
        } catch (IOException e) {
            return "sinfo is not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
