package org.l2l.runner.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress as a user sees it: {@code ./l2l run} in a real pseudo-terminal (through {@code script}), the same
 * with its output going to a file as in a batch job, and a driver program without an SLF4J backend.
 */
class ProgressIT {
    /** Every individual sleeps 0.1 s; about 16 individuals on 2 workers make generations of about 0.8 s. */
    private static final String EXPERIMENT = """
            {"name": "progress", "seed": 5,
             "optimizee": {"type": "testcase", "failure": "hang", "failAttempts": 1000000, "hangSeconds": 0.1},
             "optimizer": {"type": "ga", "popSize": 16, "nIteration": 3},
             "fitnessWeights": [-1.0], "runner": {"maxWorkers": 2}}
            """;
    private static final Path L2L = Path.of("..", "l2l").toAbsolutePath().normalize();
    private static final Pattern ANSI = Pattern.compile("\u001b\\[K");

    @TempDir
    Path tmp;

    private Path experiment() throws Exception {
        Path f = tmp.resolve("progress.json");
        Files.writeString(f, EXPERIMENT);
        return f;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlaceBetweenTheLogLines() throws Exception {
        Path typescript = tmp.resolve("typescript");
        String command = String.join(" ", quote(L2L.toString()), "run", quote(experiment().toString()), "--out",
                quote(tmp.resolve("runs/progress").toString()));
        // script gives the command a pseudo-terminal as stdin and stdout; -e passes its exit code on, -f flushes
        Process p = new ProcessBuilder("script", "-qfec", command, typescript.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ends");
        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), screen);

        List<String> redraws = new ArrayList<>();
        Matcher m = Pattern.compile("\r(generation \\d+: \\d+/\\d+ done, \\d+ failed, \\d running, eta [^\r\u001b]*)\u001b\\[K").matcher(screen);
        while (m.find()) redraws.add(m.group(1));
        assertTrue(redraws.size() >= 6, "the line is redrawn several times a generation: " + redraws);
        assertTrue(redraws.stream().map(r -> r.substring(0, r.indexOf(':'))).distinct().count() >= 3,
                "every generation gets its line: " + redraws);
        Pattern counts = Pattern.compile("generation \\d+: (\\d+)/(\\d+) done.*best -?\\d.*");
        assertTrue(redraws.stream().map(counts::matcher).anyMatch(c -> c.matches()
                && Integer.parseInt(c.group(1)) > 0 && Integer.parseInt(c.group(1)) < Integer.parseInt(c.group(2))),
                "a generation's line shows partial counts and the best fitness so far: " + redraws);
        // the line is erased before a log line, so no log line starts in the middle of the progress line
        for (String line : screen.split("\n")) {
            int log = line.indexOf("[INFO]");
            if (log > 0) {
                String before = line.substring(0, log);
                String sinceReturn = before.substring(before.lastIndexOf('\r') + 1);
                assertTrue(sinceReturn.matches("(\u001b\\[K)?[\\d:.]+ "),
                        "a log line starts on a clean line: " + line.replace("\u001b", "ESC").replace("\r", "CR"));
            }
        }
        assertTrue(screen.contains("best fitness"), "the summary follows: " + screen);
        String summary = screen.substring(screen.lastIndexOf("run directory:"));
        assertFalse(summary.contains("\u001b"), "nothing is drawn after the run: " + summary);
    }

    @Test
    void inABatchLogAPlainLineComesEveryIntervalWithoutControlCharacters() throws Exception {
        Path log = tmp.resolve("job.out");
        Process p = new ProcessBuilder(L2L.toString(), "run", experiment().toString(), "--out", tmp.resolve("runs/progress").toString(),
                "--progress-interval", "0.5").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ends");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> progress = text.lines().filter(l -> l.contains(" progress: ")).collect(Collectors.toList());
        assertTrue(progress.size() >= 4, "a line every 0.5 s over generations of about 0.8 s: " + text);
        for (String l : progress) {
            assertTrue(l.matches("\\d\\d:\\d\\d:\\d\\d progress: generation \\d+: \\d+/\\d+ done, \\d+ failed, \\d running, eta .*"), l);
        }
        assertTrue(text.chars().noneMatch(c -> c < 0x20 && c != '\n'), "no control characters in a batch log");
        assertFalse(ANSI.matcher(text).find());

        Path quietLog = tmp.resolve("quiet.out");
        Path small = tmp.resolve("small.json");
        Files.writeString(small, EXPERIMENT.replace("\"popSize\": 16, \"nIteration\": 3", "\"popSize\": 4, \"nIteration\": 1"));
        Process q = new ProcessBuilder(L2L.toString(), "run", small.toString(), "--out", tmp.resolve("runs/quiet").toString(),
                "--progress-interval", "0.5", "--quiet").redirectOutput(quietLog.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(quietLog.toFile())).start();
        assertTrue(q.waitFor(120, TimeUnit.SECONDS), "the quiet run ends");
        String quiet = Files.readString(quietLog, StandardCharsets.UTF_8);
        assertEquals(0, q.exitValue(), quiet);
        assertFalse(quiet.contains("progress:"), "--quiet: no progress lines: " + quiet);
        assertFalse(quiet.contains("[INFO]"), "--quiet: no info log lines: " + quiet);
        assertTrue(quiet.contains("best fitness"), "--quiet still prints the summary: " + quiet);
    }

    @Test
    void aDriverProgramWithoutAnSlf4jBackendStillGetsProgressOnTheConsole() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        String deps = Files.readString(target.resolve("classpath.txt")).trim();
        String cp = target.resolve("test-classes") + File.pathSeparator + target.resolve("classes") + File.pathSeparator
                + java.util.Arrays.stream(deps.split(File.pathSeparator)).filter(j -> !j.contains("slf4j-simple"))
                        .collect(Collectors.joining(File.pathSeparator));
        Path out = tmp.resolve("driver.out"), err = tmp.resolve("driver.err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dl2l.progressInterval=0.5", "-cp", cp, NoBackendDriver.class.getName(), tmp.resolve("runs").toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the driver ends");
        String stdout = Files.readString(out), stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stdout + stderr);
        assertTrue(stderr.contains("No SLF4J providers"), "the driver runs without a backend: " + stderr);
        List<String> progress = stdout.lines().filter(l -> l.contains(" progress: generation ")).toList();
        assertTrue(progress.size() >= 3, "progress reaches the console without a backend: " + stdout);
        assertTrue(stdout.contains("driver done: "), stdout);
    }
}
