package org.l2l.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Evaluation;
import org.l2l.core.GenerationResult;
import org.l2l.runner.cli.Main;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;

/**
 * {@code l2l report} on real runs (a GA, NSGA-II, a random walk, a zip archive and a run still going on), opened in
 * headless Chromium: the page renders with no console error, its charts hold the run's data points, and a screenshot
 * is kept in {@code target/} (a CI artifact) for a person to look at.
 */
class ReportIT {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeAll
    static void chromiumIsThere() throws Exception {
        try {
            Process p = new ProcessBuilder(chromium(), "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "chromium --version");
        } catch (java.io.IOException e) {
            fail("headless Chromium is needed (Debian: apt-get install chromium; .ci/run installs it): " + e.getMessage());
        }
        Files.createDirectories(SCREENSHOTS);
    }

    private static String chromium() {
        return Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
    }

    /** Runs the command line in this JVM; returns its exit code, failing with its output if it is not {@code expected}. */
    private static String l2l(int expected, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        int code;
        try {
            code = Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, String.join(" ", args) + ": " + text);
        return text;
    }

    /** An example with the given replacements, written into the temporary directory (with the walk's files). */
    private Path example(String name, String... replacements) throws Exception {
        String text = Files.readString(EXAMPLES.resolve(name));
        for (int i = 0; i < replacements.length; i += 2) {
            assertTrue(text.contains(replacements[i]), name + " has " + replacements[i]);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private record Rendered(String dom, String log) {}

    /** Opens the page in headless Chromium and returns the rendered DOM; also takes a screenshot if {@code png} is given. */
    private static Rendered open(Path html, Path png) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--enable-logging=stderr", "--v=0", "--window-size=1100,2600", "--dump-dom"));
        if (png != null) cmd.add("--screenshot=" + png);
        cmd.add(html.toUri().toString());
        Path out = Files.createTempFile("chromium", ".out"), err = Files.createTempFile("chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        String log = Files.readString(err);
        assertEquals(0, p.exitValue(), log);
        // the page's console (script errors, failed loads) is logged as CONSOLE lines; the page has neither
        for (String line : log.lines().toList()) {
            assertFalse(line.contains(":CONSOLE") || line.contains("Failed to load resource") || line.contains("Uncaught"),
                    "a console message: " + line);
        }
        if (png != null) assertTrue(Files.size(png) > 20_000, "a screenshot of the page: " + png);
        return new Rendered(Files.readString(out), log);
    }

    /** The {@code data-y} values of the circles in the {@code <g class="CSS">} groups of the rendered DOM's section {@code id}. */
    private static List<Double> points(String dom, String section, String css) {
        int start = dom.indexOf("<section id=\"" + section + "\"");
        assertTrue(start >= 0, "section " + section + " is rendered");
        String sec = dom.substring(start, dom.indexOf("</section>", start));
        List<Double> ys = new ArrayList<>();
        Matcher g = Pattern.compile("<g class=\"" + css + "\"[^>]*>(.*?)</g>", Pattern.DOTALL).matcher(sec);
        while (g.find()) {
            Matcher c = Pattern.compile("data-y=\"([^\"]+)\"").matcher(g.group(1));
            while (c.find()) ys.add(Double.parseDouble(c.group(1)));
        }
        return ys;
    }

    /** Every successful evaluation's first fitness component, read from the run's generation files. */
    private static List<Double> storedFitness(Path run) {
        List<Double> out = new ArrayList<>();
        RunDirectory d = new RunDirectory(run);
        KryoCodec codec = new KryoCodec();
        for (int g = 0; Files.exists(d.generationFile(g)); g++) {
            GenerationResult r = codec.read(d.generationFile(g), KryoCodec.GenerationRecord.class).result();
            for (Evaluation e : r.evaluations()) if (!e.failed()) out.add(e.fitness()[0]);
        }
        return out;
    }

    @Test
    void aGaRunsReportHoldsEveryEvaluationAndReadsTheSameFromItsArchive() throws Exception {
        Path run = tmp.resolve("runs/ga");
        l2l(0, "run", example("ga-rastrigin.json", "\"popSize\": 50", "\"popSize\": 24", "\"nIteration\": 30",
                "\"nIteration\": 12", "\"maxWorkers\": 2}", "\"maxWorkers\": 2, \"inProcess\": true}").toString(),
                "--out", run.toString(), "--quiet");
        String said = l2l(0, "report", run.toString());
        Path html = run.resolve("report.html");
        assertTrue(said.contains("wrote " + html), said);

        Rendered page = open(html, SCREENSHOTS.resolve("report-ga.png"));
        List<Double> drawn = points(page.dom(), "fitness", "evaluation");
        List<Double> stored = storedFitness(run);
        assertEquals(stored.size(), drawn.size(), "one point per successful evaluation");
        assertEquals(stored.stream().sorted().toList(), drawn.stream().sorted().toList(), "the points are the stored fitnesses");
        assertEquals(2 * stored.size(), points(page.dom(), "parameters", "param").size(),
                "each evaluation's 2 coordinates, one chart each");
        assertTrue(page.dom().contains("best so far"), "the best-so-far line");
        assertTrue(page.dom().contains("Provenance and settings") && page.dom().contains("maxWorkers"), "the settings");
        assertFalse(page.dom().contains("id=\"pareto\""), "no Pareto front for one objective");
        JsonNode summary = JSON.readTree(between(page.dom(), "<script type=\"application/json\" id=\"run-summary\">", "</script>"));
        assertEquals(12, summary.path("generations").asInt());

        Path zip = tmp.resolve("ga.zip");
        l2l(0, "archive", run.toString(), "-o", zip.toString());
        l2l(0, "report", zip.toString(), "-o", tmp.resolve("from-zip.html").toString());
        // the same generator wrote both pages, which Chromium rendered above: the archive's page is compared as written
        assertEquals(drawn, points(Files.readString(tmp.resolve("from-zip.html")), "fitness", "evaluation"),
                "the archive gives the same points");
    }

    private static String between(String s, String a, String b) {
        int i = s.indexOf(a);
        assertTrue(i >= 0, a);
        return s.substring(i + a.length(), s.indexOf(b, i + a.length()));
    }

    @Test
    void anNsga2RunsReportDrawsItsParetoFront() throws Exception {
        Path run = tmp.resolve("runs/nsga2");
        l2l(0, "run", example("nsga2-zdt1.json", "\"popSize\": 100", "\"popSize\": 20", "\"nIteration\": 60",
                "\"nIteration\": 8", "\"maxWorkers\": 2}", "\"maxWorkers\": 2, \"inProcess\": true}").toString(),
                "--out", run.toString(), "--quiet");
        Path html = tmp.resolve("nsga2.html");
        l2l(0, "report", run.toString(), "-o", html.toString());
        Rendered page = open(html, null);
        JsonNode inspect = JSON.readTree(l2l(0, "inspect", run.toString(), "--json"));
        JsonNode front = inspect.path("paretoFront");
        assertTrue(front.size() > 0, "NSGA-II recorded a front");
        List<Double> drawn = points(page.dom(), "pareto", "front");
        List<Double> recorded = new ArrayList<>();
        for (JsonNode m : front) recorded.add(m.path("fitness").get(1).asDouble());
        assertEquals(recorded.stream().sorted().toList(), drawn.stream().sorted().toList(), "the front's members are drawn");
    }

    @Test
    void aRandomWalksReportShowsItsDeviationAcceptanceAndParticles() throws Exception {
        Path walkFiles = Files.createDirectories(tmp.resolve("rw-region"));
        for (String f : List.of("seeds.csv", "ranges.csv")) Files.copy(EXAMPLES.resolve("rw-region").resolve(f), walkFiles.resolve(f));
        Path run = tmp.resolve("runs/rw");
        l2l(0, "run", example("rw-region.json", "\"maxWorkers\": 2}", "\"maxWorkers\": 2, \"inProcess\": true}").toString(),
                "--out", run.toString(), "--quiet");
        Path html = tmp.resolve("rw.html");
        l2l(0, "report", run.toString(), "-o", html.toString());
        Rendered page = open(html, SCREENSHOTS.resolve("report-walk.png"));
        String walk = between(page.dom(), "<section id=\"walk\"", "</section>");
        assertTrue(walk.contains("alt=\"deviation\"") && walk.contains("alt=\"acceptance\""), "the walk's plots: " + walk.substring(0, 400));
        JsonNode inspect = JSON.readTree(l2l(0, "inspect", run.toString(), "--json"));
        int particles = inspect.path("walk").path("particles").size();
        assertTrue(particles > 0);
        assertEquals(particles, walk.split("<tr><td>", -1).length - 1, "a row per particle");
    }

    @Test
    void aRunGoingOnShowsWhatIsStoredSoFar() throws Exception {
        // every individual sleeps 0.2 s, in-process on 2 threads; the run stops at its 20 s timeout at the latest
        Path experiment = tmp.resolve("slow.json");
        Files.writeString(experiment, """
                {"name": "slow", "optimizee": {"type": "testcase", "failure": "hang", "failAttempts": 1000000,
                 "hangSeconds": 0.2}, "optimizer": {"type": "ga", "popSize": 4, "nIteration": 200},
                 "fitnessWeights": [-1.0], "runner": {"maxWorkers": 2, "inProcess": true, "timeout": "20s"}}
                """);
        Path run = tmp.resolve("runs/slow");
        Thread driver = new Thread(() -> Main.execute("run", experiment.toString(), "--out", run.toString(), "--quiet"));
        driver.start();
        try {
            RunDirectory d = new RunDirectory(run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!Files.exists(d.generationFile(2)) && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(Files.exists(d.generationFile(2)), "the run stores generations");
            Path html = tmp.resolve("slow.html");
            RunReport.Written w = RunReport.write(run, html);
            assertTrue(driver.isAlive(), "the run is still going on");
            assertTrue(w.generations() >= 3, "the stored generations: " + w.generations());
            String page = Files.readString(html);
            assertTrue(page.contains("The run is going on"), "the page says so");
            assertEquals(w.pointsDrawn(), points(page, "fitness", "evaluation").size());
        } finally {
            driver.interrupt();
            driver.join(30_000);
        }
        assertFalse(driver.isAlive(), "the run ended");
    }
}
