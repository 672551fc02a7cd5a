package org.l2l.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.l2l.runner.Experiment;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.RunFailedException;
import org.l2l.runner.bench.Bench;
import org.l2l.runner.config.ExperimentFile;
import org.l2l.runner.config.ExperimentFileException;
import org.l2l.runner.inspect.RunInspector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code l2l} command line. Exit codes: 0 success, 1 the run failed, 2 bad input, 3 the SLURM allocation
 * ended (resumable in a new one).
 */
@Command(name = "l2l", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Outer-loop optimization of simulations on persistent worker JVMs.",
        subcommands = {Main.Run.class, Main.Resume.class, Main.Demo.class, Main.Inspect.class, Main.Archive.class,
                Main.Report.class, Bench.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a run that failed. */
    public static final int FAILED = 1;
    /** Exit code of bad input. */
    public static final int BAD_INPUT = 2;
    /**
     * Exit code of a run stopped because its SLURM allocation ended (time limit, {@code scancel}): the run is
     * {@code interrupted}, its completed generations are stored, and {@code l2l resume} in a new allocation
     * finishes it.
     */
    public static final int ALLOCATION_ENDED = 3;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return BAD_INPUT;
    }

    /**
     * Entry point. Always ends the JVM with the command's exit code, whatever went wrong: an error that
     * escaped (out of native threads, for example) must not leave a JVM whose main thread died waiting
     * on the threads that supervise workers.
     */
    public static void main(String[] args) {
        int code;
        try {
            code = execute(args);
        } catch (Throwable t) {
            code = FAILED;
            try {
                System.err.println("error: " + oneLine(t));
            } catch (Throwable ignored) {
                // nothing left to report with
            }
        }
        try {
            System.exit(code);
        } catch (Throwable t) {
            Runtime.getRuntime().halt(code); // shutdown hooks could not even start: end anyway
        }
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // picocli's generated bash completion script: source <(l2l completion)
        cl.addSubcommand("completion", new picocli.AutoComplete.GenerateCompletion());
        CommandLine completion = cl.getSubcommands().get("completion");
        completion.getCommandSpec().name("completion").usageMessage().hidden(false).description(
                "Print a bash completion script: source <(l2l completion) in ~/.bashrc.");
        withHelpOptions(cl);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            int code = exitCode(e);
            System.err.println("error: " + oneLine(e));
            return code;
        });
        return cl.execute(args);
    }

    /**
     * The exit code for an exception that ended a command: {@link #BAD_INPUT} for a bad experiment file,
     * setting or run file that cannot be read; {@link #FAILED} for everything else, a run file that cannot be
     * written (a full disk) included.
     */
    static int exitCode(Throwable e) {
        if (e instanceof org.l2l.runner.AllocationEndedException) return ALLOCATION_ENDED;
        if (e instanceof org.l2l.runner.OptimizeeContractException) return BAD_INPUT;
        if (e instanceof org.l2l.runner.io.RunFileException r) return r.writing() ? FAILED : BAD_INPUT;
        if (e instanceof ExperimentFileException || e instanceof IllegalArgumentException) return BAD_INPUT;
        return FAILED;
    }

    /** The exception's message, or its type when it has none, for a one-line error. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.toString();
        Throwable c = e.getCause();
        // an I/O failure's reason ("No space left on device") is in its cause
        if (e instanceof java.io.UncheckedIOException && c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
            return m + " (" + c.getMessage() + ")";
        }
        return m;
    }

    /** Gives every subcommand, at any depth, {@code --help} and {@code --version}, so that {@code l2l run --help} works. */
    private static void withHelpOptions(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) sub.getCommandSpec().mixinStandardHelpOptions(true);
            sub.getCommandSpec().versionProvider(new Version());
            withHelpOptions(sub);
        }
    }

    /** {@code l2l run EXPERIMENT.json [--out DIR]}. */
    @Command(name = "run", description = "Run an experiment file.")
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "EXPERIMENT.json", description = "the experiment file")
        Path file;

        @Option(names = "--out", paramLabel = "DIR", description = "the run directory (default: runs/NAME); the run keeps "
                + "the experiment's name")
        Path out;

        @Option(names = "--overwrite", description = "replace an existing run directory")
        boolean overwrite;

        @Option(names = "--from", paramLabel = "RUN", description = "continue from the last generation of an earlier run "
                + "(a directory or archive), as L2L's checkpoint option; the optimizer's iteration count includes its generations")
        Path from;

        @picocli.CommandLine.Mixin
        ProgressOptions progress = new ProgressOptions();

        @Override
        public Integer call() {
            progress.apply();
            ExperimentFile ef = ExperimentFile.load(file, null);
            java.util.function.Supplier<Experiment> root = out == null ? () -> new Experiment(Path.of("runs"))
                    : () -> Experiment.inDirectory(out);
            if (from == null) return runFile(ef, root, overwrite, null, progress);
            java.util.List<org.l2l.core.Parameters> first;
            try {
                first = ef.optimizer().continueFrom(lastOptimizerState(from));
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("--from: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--from " + from + ": " + e.getMessage(), e);
            }
            return runFile(ef, root, overwrite, ex -> ex.continueWith(first, from.toAbsolutePath().toString()), progress);
        }
    }

    /** The optimizer state stored with the last generation of a run directory or archive. */
    public static byte[] lastOptimizerState(Path run) {
        try (org.l2l.runner.io.RunArchive.Source src = org.l2l.runner.io.RunArchive.open(run)) {
            java.util.Set<String> stored = new java.util.HashSet<>(src.list("generations")); // names only: each file is read once
            int g = -1;
            while (stored.contains(org.l2l.runner.io.RunArchive.generationPath(g + 1))) g++;
            if (g < 0) throw new IllegalArgumentException("--from " + run + ": the run has no complete generation");
            String rel = org.l2l.runner.io.RunArchive.generationPath(g);
            byte[] state = new org.l2l.runner.io.KryoCodec().decode(src.read(rel).orElseThrow(),
                    org.l2l.runner.io.KryoCodec.GenerationRecord.class, src.location().resolve(rel)).optimizerState();
            if (state == null) {
                throw new IllegalArgumentException("--from " + run + ": its optimizer saved no state, so it cannot be continued");
            }
            return state;
        }
    }

    /** {@code l2l resume RUN_DIR}. */
    @Command(name = "resume", description = "Continue a stopped or killed run from its last complete generation.")
    static final class Resume implements Callable<Integer> {
        @Parameters(paramLabel = "RUN_DIR", description = "the run directory")
        Path dir;

        @picocli.CommandLine.Mixin
        ProgressOptions progress = new ProgressOptions();

        @Override
        public Integer call() {
            progress.apply();
            org.l2l.runner.io.RunDirectory d = new org.l2l.runner.io.RunDirectory(dir);
            if (!d.exists()) throw new IllegalArgumentException(dir + " is not an l2l run directory (it has no run.json)");
            if (!java.nio.file.Files.exists(d.experimentJson())) {
                throw new IllegalArgumentException(d.experimentJson() + " is missing: only runs started with "
                        + "'l2l run' can be resumed from the command line; a driver program calls Experiment.resumeExperiment");
            }
            ExperimentFile ef = ExperimentFile.load(d.experimentJson(), d.root().getFileName().toString());
            Experiment ex = new Experiment(d.root().getParent());
            ex.resumeExperiment(d.root(), ef.options().runner());
            if (ex.wasFinished()) {
                System.out.println("run " + d.root() + " is already finished (" + ex.trajectory().metadata("name").orElse("")
                        + "); nothing to do");
                ex.endExperiment(ef.optimizer());
                return 0;
            }
            var from = ex.pendingContinuation();
            if (from.isPresent()) {
                ex.continueWith(ef.optimizer().continueFrom(lastOptimizerState(Path.of(from.get()))), from.get());
            }
            return runAndReport(ex, ef, progress);
        }
    }

    /** {@code l2l demo}. */
    @Command(name = "demo", description = "Run examples/ga-rastrigin.json: a genetic algorithm on Rastrigin2d with worker JVMs.")
    static final class Demo implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ProgressOptions progress = new ProgressOptions();

        @Override
        public Integer call() {
            progress.apply();
            String home = System.getProperty("l2l.home", System.getenv().getOrDefault("L2L_HOME", "."));
            Path example = Path.of(home, "examples", "ga-rastrigin.json");
            ExperimentFile ef = ExperimentFile.load(example, "demo-ga-rastrigin");
            System.out.println("running " + example + " with " + ef.options().runner().maxWorkers() + " worker JVMs");
            return runFile(ef, () -> new Experiment(Path.of("runs")), true, null, progress);
        }
    }

    static int runFile(ExperimentFile ef, java.util.function.Supplier<Experiment> root, boolean overwrite,
                       java.util.function.Consumer<Experiment> setUp, ProgressOptions progress) {
        ExperimentOptions o = ef.options();
        if (overwrite && !o.overwrite()) {
            o = ExperimentOptions.builder().name(o.name()).trajectoryName(o.trajectoryName()).seed(o.seed())
                    .runner(o.runner()).debug(o.debug()).overwrite(true).build();
        }
        Experiment ex = root.get();
        ex.prepareExperiment(o);
        if (setUp != null) setUp.accept(ex);
        try {
            org.l2l.runner.io.AtomicFiles.writeString(ex.runDirectory().experimentJson(),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(ef.source()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write experiment.json", e);
        }
        return runAndReport(ex, ef, progress);
    }

    static int runAndReport(Experiment ex, ExperimentFile ef, ProgressOptions progress) {
        int code = progress.around(ex, () -> {
            try {
                ex.runExperiment(ef.optimizer(), ef.optimizee());
                return 0;
            } catch (RuntimeException e) {
                int c = exitCode(e);
                System.err.println("error: " + oneLine(e));
                System.err.println("run directory: " + ex.runDirectory().root() + (ex.runDirectory().hasCompletedGeneration()
                        ? " (completed generations are kept; 'l2l resume' continues the run)"
                        : " (no generation completed: running the corrected experiment again replaces it)"));
                return c;
            }
        });
        if (code != 0) return code;
        ex.endExperiment(ef.optimizer());
        ObjectNode s;
        try {
            s = RunInspector.inspect(ex.runDirectory().root());
        } catch (RuntimeException e) { // the run itself succeeded: say what the summary could not read, do not fail it
            System.out.println("run directory: " + ex.runDirectory().root() + " (status finished)");
            System.err.println("warning: the closing summary cannot be read: " + oneLine(e));
            return 0;
        }
        System.out.println("run directory: " + ex.runDirectory().root());
        for (JsonNode u : s.path("unreadable")) {
            System.err.println("warning: " + u.path("file").asText() + " is unreadable (" + u.path("error").asText()
                    + "); the summary leaves it out");
        }
        if (s.path("mode").asText().equals("asynchronous")) {
            System.out.printf("%d evaluations without a generation barrier (%d batches) in %.1f s%n", s.path("evaluations").asLong(),
                    s.path("batches").asInt(), ex.elapsed().toMillis() / 1000.0);
        } else {
            System.out.printf("%d generations, %d evaluations in %.1f s%n", s.path("generations").asInt(),
                    s.path("evaluations").asLong(), ex.elapsed().toMillis() / 1000.0);
        }
        if (s.has("best")) {
            System.out.println("best fitness " + s.get("best").get("fitness") + " with " + s.get("best").get("params")
                    + " (generation " + s.get("best").get("generation") + ", individual " + s.get("best").get("index") + ")");
        }
        if (s.has("walk")) {
            JsonNode t = s.get("walk").get("total");
            System.out.printf("random walk: %d particles, %d proposals evaluated, %d inside models (acceptance %.3f), "
                    + "largest distance from a seed %.4f; files in %s%n", t.path("particles").asInt(),
                    t.path("evaluated").asLong(), t.path("inside").asLong(), t.path("acceptanceRate").asDouble(),
                    t.path("maxDistance").asDouble(), s.get("walk").path("directory").asText());
        }
        System.out.println("inspect it with: " + command() + " inspect " + ex.runDirectory().root());
        return 0;
    }

    /** {@code l2l inspect RUN_DIR|RUN.zip [--json] [--csv FILE] [--plot DIR [--trace NAME]]}. */
    @Command(name = "inspect", description = "Show a run (a directory or an archive): generations, evaluations, the best individual.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "RUN", description = "the run directory, or a zip written by 'l2l archive'")
        Path dir;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @Option(names = "--csv", paramLabel = "FILE", description = "also write one row per evaluation to FILE (pandas.read_csv reads it)")
        Path csv;

        @Option(names = "--plot", paramLabel = "DIR", description = "also write PNG plots to DIR (created if needed): fitness "
                + "per generation; for a random walk also parameter deviations, acceptance rate and traces")
        Path plot;

        @Option(names = "--trace", paramLabel = "NAME", description = "with --plot, the trace (protocol) to draw for a random "
                + "walk's inside models (default: the optimizee's first)")
        String trace;

        @Override
        public Integer call() throws Exception {
            ObjectNode s = RunInspector.inspect(dir, csv, plot, trace);
            if (json) {
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(s));
                for (var skipped : s.path("plots").path("skipped")) System.err.println("note: skipped the plot of " + skipped.asText());
            } else {
                System.out.print(RunInspector.text(s));
            }
            if (s.has("unreadable")) { // everything readable was reported; say which files were not, and exit 2
                for (JsonNode u : s.get("unreadable")) System.err.println("error: " + u.path("error").asText());
                System.err.println("error: " + s.get("unreadable").size() + " generation file(s) unreadable; the output "
                        + "covers the other " + s.path("generations").asInt() + " generation(s)");
                return BAD_INPUT;
            }
            return 0;
        }
    }

    /** {@code l2l archive RUN_DIR [-o FILE.zip]}. */
    @Command(name = "archive", description = "Write a whole run directory into one zip.")
    static final class Archive implements Callable<Integer> {
        @Parameters(paramLabel = "RUN_DIR", description = "the run directory")
        Path dir;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE.zip", description = "the archive (default: RUN_DIR.zip)")
        Path zip;

        @Override
        public Integer call() {
            Path out = zip != null ? zip : dir.toAbsolutePath().normalize().resolveSibling(dir.toAbsolutePath().normalize().getFileName() + ".zip");
            int n = org.l2l.runner.io.RunArchive.write(dir, out);
            System.out.println("wrote " + out + " (" + n + " files); read it with: ./l2l inspect " + out);
            return 0;
        }
    }

    /** {@code l2l report RUN [-o FILE.html]}. */
    @Command(name = "report", description = "Write one self-contained HTML page about a run (a directory, also while it "
            + "runs, or an archive): fitness, parameters, Pareto front, random walk, failures and restarts, provenance.")
    static final class Report implements Callable<Integer> {
        @Parameters(paramLabel = "RUN", description = "the run directory, or a zip written by 'l2l archive'")
        Path run;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE.html",
                description = "the page (default: RUN/report.html for a directory, NAME.html beside an archive)")
        Path html;

        @Override
        public Integer call() {
            Path out = html;
            if (out == null) {
                Path r = run.toAbsolutePath().normalize();
                out = java.nio.file.Files.isDirectory(r) ? r.resolve("report.html")
                        : r.resolveSibling(r.getFileName().toString().replaceFirst("\\.zip$", "") + ".html");
            }
            org.l2l.runner.report.RunReport.Written w = org.l2l.runner.report.RunReport.write(run, out);
            System.out.println("wrote " + w.file() + " (" + w.generations() + " generations, " + w.evaluations()
                    + " evaluations); open it in a browser, no server needed");
            return 0;
        }
    }

    /** How the user called this command line: {@code l2l} from the distribution, {@code ./l2l} in the source tree. */
    static String command() {
        return System.getProperty("l2l.command", "./l2l");
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"l2l " + org.l2l.runner.Provenance.version() + " (git commit " + org.l2l.runner.Provenance.buildCommit()
                    + ")", "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
