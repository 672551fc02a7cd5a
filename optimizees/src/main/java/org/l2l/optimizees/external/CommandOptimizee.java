package org.l2l.optimizees.external;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.l2l.core.Individual;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * An external program started once per individual ({@code "type": "command"}).
 *
 * <p>Per attempt: a scratch directory {@code RUN/work/gGEN-iINDEX-aATTEMPT} is created and is the
 * program's working directory (removed afterwards unless {@link ProgramSettings#keepWorkDirs()}); the
 * individual goes to the program as JSON on standard input, or in the file {@code {input}} names; the
 * result is the last line of its standard output, or the file {@code {output}} names. Its standard output and
 * error go to the worker log, each line prefixed with the individual. Besides the settings' environment it
 * gets {@code L2L_MODE=command}, {@code L2L_RUN_DIR}, {@code L2L_WORK_DIR}, {@code L2L_WORKER_ID},
 * {@code L2L_GENERATION}, {@code L2L_INDEX}, {@code L2L_ATTEMPT}, {@code L2L_SEED}, and the shipped Python
 * module on {@code PYTHONPATH}.
 *
 * <p>A non-zero exit, a signal, a missing or malformed result is a failed attempt whose message quotes
 * the exit code, the last lines of standard error and the offending output; the runner retries it as
 * any failed {@code simulate}. If the worker is killed (an {@code individualTimeout}, SIGKILL), the
 * program's whole process group dies with it ({@link ChildReaper}).
 */
public final class CommandOptimizee extends ExternalOptimizee {
    /** The optimizee running {@code settings}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CommandOptimizee(ProgramSettings settings) {
        super(settings);
    }

    @Override
    public SimulationResult simulate(Individual ind, SimulationContext ctx) throws Exception {
        long seed = seedFor(ctx);
        String label = ind.label() + " a" + ctx.attempt();
        Path work = runDirectory().resolve("work").resolve("g" + ind.generation() + "-i" + ind.index() + "-a" + ctx.attempt());
        deleteTree(work);  // left by a killed earlier driver
        Files.createDirectories(work);
        String request = request(ind, ctx, seed);
        Path input = work.resolve("input.json"), output = work.resolve("output.json");
        List<String> command = command(Map.of("runDir", runDirectory().toString(), "workDir", work.toString(),
                "input", input.toString(), "output", output.toString()));
        boolean fileIn = settings.command().stream().anyMatch(a -> a.contains("{input}"));
        boolean fileOut = settings.command().stream().anyMatch(a -> a.contains("{output}"));
        if (fileIn) Files.writeString(input, request + "\n");
        Map<String, String> env = environment("command", work);
        env.put("L2L_GENERATION", Integer.toString(ind.generation()));
        env.put("L2L_INDEX", Integer.toString(ind.index()));
        env.put("L2L_ATTEMPT", Integer.toString(ctx.attempt()));
        env.put("L2L_SEED", Long.toString(seed));
        Consumer<String> log = logFor(label);
        RunningProgram p = RunningProgram.start(command, env, work, log);
        boolean done = false;
        try {
            if (!fileIn) {
                try {
                    p.stdin().write(request);
                    p.stdin().write('\n');
                } catch (IOException e) {
                    // the program ended without reading its input: its exit code tells why
                }
            }
            try {
                p.stdin().close();
            } catch (IOException e) {
                // as above
            }
            Deque<String> outTail = new ArrayDeque<>();
            String last = null, line;
            while ((line = p.stdout().readLine()) != null) {
                if (line.isBlank()) continue;
                log.accept("out: " + line);
                last = line;
                if (outTail.size() == RunningProgram.TAIL_LINES) outTail.removeFirst();
                outTail.addLast(line);
            }
            int code = p.waitFor(Long.MAX_VALUE);
            done = true;
            String what = String.join(" ", command.subList(0, Math.min(2, command.size())));
            if (code != 0) {
                throw new ExternalProgramException(what + " " + RunningProgram.describeExit(code) + " on " + ind.label(),
                        code, p.stderrTail(), outTail.isEmpty() ? null : String.join("\n", outTail), null);
            }
            String text;
            if (fileOut) {
                try {
                    text = Files.readString(output, StandardCharsets.UTF_8).strip();
                } catch (NoSuchFileException e) {
                    throw new ExternalProgramException(what + " exited with code 0 on " + ind.label()
                            + " but wrote no result file " + output, 0, p.stderrTail(), null, e);
                }
            } else if (last == null) {
                throw new ExternalProgramException(what + " exited with code 0 on " + ind.label()
                        + " but printed no result (its last line of output must be the result as JSON)", 0, p.stderrTail(), null, null);
            } else {
                text = last.strip();
            }
            return parseResult(text, "the result of " + what + " on " + ind.label(), p.stderrTail());
        } finally {
            if (!done) p.destroyTree();
            if (!settings.keepWorkDirs()) deleteTree(work);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
