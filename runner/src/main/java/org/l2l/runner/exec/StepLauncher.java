package org.l2l.runner.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.l2l.runner.RunFailedException;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.io.RunDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches the pool's workers as the tasks of one multi-task srun step ({@link org.l2l.runner.LaunchMode#STEP}):
 * one srun client on the driver's node for the whole pool instead of one per worker. The pool launches its
 * workers 0 to {@code maxWorkers - 1} one by one; the step ({@link WorkerCommand#buildStep}) starts at the last of
 * these launches, once every worker's files are prepared, and task {@code t} is worker {@code t}. Every later
 * launch, a replacement, is a single-task step started by {@link ProcessLauncher} exactly as in the per-worker
 * mode; inside an allocation it gets {@code --overlap} (the step holds the allocation's CPUs until it ends, so a
 * plain step would wait for it) and, unless the pool keeps it off that node, {@code --nodelist} of the node the
 * dead task ran on, whose CPU it frees.
 *
 * <p>A task's end: srun with {@code --kill-on-bad-exit=0} does not exit when one task ends, but with {@code -v} it
 * reports every task's end on its stderr ({@code srun: error: n2: task 3: Killed}, {@code ...: Exited with exit code
 * 1}, {@code ...: n1: tasks 0-1: Completed}). One daemon thread per step reads these lines, appends them to
 * {@code workers/step.log} and completes that task's exit future with the exit code (128 + the signal for a
 * signal, as srun reports a single task's), so the pool sees the death at once, as it sees an srun's exit in the
 * per-worker mode. When srun exits, every task not reported yet ends with srun's exit code, and srun's last lines
 * are appended to its worker log, where the pool's failure messages quote them. The liveness monitor (heartbeats,
 * {@code hangTimeout}) remains the backstop for a task whose end is never reported, as on a node that died.
 *
 * <p>Ending one task: signalling srun would end the whole step, and {@code scancel} works on whole steps. The
 * launcher creates the worker's stop request file ({@link RunDirectory#workerStopRequest}); the task's heartbeat
 * thread, which runs whatever the worker computes, sees it within one heartbeat interval and halts the JVM (exit
 * code 143), and srun reports the end. A task that cannot react (stopped, or on a node that is gone) is given up
 * after the grace period and a heartbeat interval: the pool replaces it anyway, and the stop request stays, so the
 * task halts if it ever runs again instead of competing with its replacement; it ends at the latest with the step,
 * when the pool closes.
 */
public final class StepLauncher implements WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(StepLauncher.class);
    /**
     * srun's report of tasks' ends, with {@code -v}: {@code srun: error: n1: tasks 4-5: Terminated},
     * {@code srun: launch/slurm: _task_finish: n1: task 0: Completed}; groups: node(s), tasks, outcome.
     */
    static final Pattern TASK_END = Pattern.compile("^srun: (?:.*: )?(\\S+): tasks? ([0-9][0-9,\\-]*): (.+)$");
    private static final Pattern EXIT_CODE = Pattern.compile("Exited with exit code (\\d+)");
    /** glibc's {@code strsignal} texts of the signals a task plausibly dies of, by number. */
    private static final List<String> SIGNALS = List.of("", "Hangup", "Interrupt", "Quit", "Illegal instruction",
            "Trace/breakpoint trap", "Aborted", "Bus error", "Floating point exception", "Killed", "User defined signal 1",
            "Segmentation fault", "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated");
    private static final int SRUN_TAIL_LINES = 15;

    private final RunDirectory dir;
    private final List<String> stepCommand;
    private final ProcessTreeDestroyer destroyer;
    private final ProcessLauncher single;
    private final Duration heartbeat;
    private final boolean inAllocation;
    private final Task[] tasks;
    private int registered;
    private volatile Process step;
    private OutputStream stepStdin;
    /** The node srun named when each task ended: a replacement goes there. */
    private final Map<Integer, String> endedOn = new ConcurrentHashMap<>();

    /**
     * A launcher for the pool of {@code options} in {@code dir}, registering its processes with {@code destroyer}.
     *
     * @param env the driver's environment: inside an allocation ({@code SLURM_JOB_ID}) replacements overlap the step
     * @throws RunFailedException if {@code runner.srun} is not an srun prefix
     */
    public StepLauncher(RunDirectory dir, RunnerOptions options, ProcessTreeDestroyer destroyer, Map<String, String> env) {
        if (!WorkerCommand.isSrun(WorkerCommand.splitPrefix(options.srun()))) {
            throw new RunFailedException("runner.launch is \"step\", one multi-task srun step for the pool, but runner.srun '"
                    + options.srun() + "' does not start srun; give an srun prefix such as \"srun -n 1 -c 1 --exact\"");
        }
        this.dir = dir;
        this.stepCommand = List.of(WorkerCommand.buildStep(options, dir, options.maxWorkers()).toStrings());
        this.destroyer = destroyer;
        this.single = new ProcessLauncher(destroyer);
        this.heartbeat = options.heartbeatInterval();
        this.inAllocation = env.get("SLURM_JOB_ID") != null;
        this.tasks = new Task[options.maxWorkers()];
    }

    /** The step's command, for messages and tests. */
    public List<String> stepCommand() {
        return stepCommand;
    }

    @Override
    public Launched launch(int id, List<String> command, Path log) throws IOException {
        if (step == null && id < tasks.length && tasks[id] == null) {
            Task t = new Task(id);
            tasks[id] = t;
            if (++registered == tasks.length) startStep();
            return t;
        }
        return single.launch(id, replacement(command, endedOn.get(id)), log);
    }

    private void startStep() throws IOException {
        for (int id = 0; id < tasks.length; id++) Files.deleteIfExists(dir.workerStopRequest(id));
        Process p;
        try {
            p = new ProcessBuilder(stepCommand).redirectErrorStream(true).start();
        } catch (IOException e) {
            for (Task t : tasks) if (t != null) t.exit.completeExceptionally(e);
            throw e;
        }
        destroyer.add(p);
        stepStdin = p.getOutputStream(); // kept open and never written to: it closes, and ends every task, if the driver dies
        step = p;
        Thread reader = new Thread(() -> follow(p), "l2l-srun-step");
        reader.setDaemon(true);
        reader.start();
    }

    /** A replacement's single-task step: inside an allocation, overlapping the pool's step, on the dead task's node. */
    List<String> replacement(List<String> command, String node) {
        if (!inAllocation || command.isEmpty() || !WorkerCommand.isSrun(command.subList(0, 1))) return command;
        List<String> c = new ArrayList<>(command);
        c.add(1, "--overlap");
        boolean excluded = command.stream().anyMatch(a -> a.startsWith("--exclude=")
                && List.of(a.substring("--exclude=".length()).split(",")).contains(node));
        if (node != null && !excluded) c.add(2, "--nodelist=" + node);
        return c;
    }

    /** Follows srun's output until it exits: the tasks' ends, then the end of the step. */
    private void follow(Process p) {
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(dir.stepLog(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            log.write("step of " + tasks.length + " workers: " + String.join(" ", stepCommand) + "\n");
            log.flush();
            String line;
            while ((line = r.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (tail.size() == SRUN_TAIL_LINES) tail.removeFirst();
                tail.addLast(line);
                onLine(line);
            }
        } catch (IOException e) {
            LOG.warn("lost srun's output of the worker step: {}", e.toString());
        }
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        destroyer.remove(p);
        try {
            stepStdin.close();
        } catch (IOException e) {
            // srun is gone
        }
        String said = "srun of the workers' step exited with code " + code + " before it reported this task's end; "
                + "its command is the first line of " + dir.stepLog() + ", its last lines:\n" + String.join("\n", tail) + "\n";
        for (Task t : tasks) {
            if (t.exit.isDone()) continue;
            requestStop(t.id); // in case the task outlived its srun
            try {
                Files.writeString(dir.workerLog(t.id), said, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the message is also in the step log
            }
            t.exit.complete(code);
        }
    }

    private void onLine(String line) {
        Matcher m = TASK_END.matcher(line);
        if (!m.matches()) return;
        int code = exitCode(m.group(3));
        String node = m.group(1);
        for (int id : taskIds(m.group(2))) {
            if (id < 0 || id >= tasks.length) continue;
            if (!node.contains("[") && !node.contains(",")) endedOn.put(id, node);
            try {
                Files.deleteIfExists(dir.workerStopRequest(id)); // the task is gone: its stop request did its job
            } catch (IOException e) {
                // harmless: only a task of this step reads it
            }
            tasks[id].exit.complete(code);
        }
    }

    /** The exit code of srun's outcome text: 0 for {@code Completed}, the code, or 128 + the signal's number. */
    static int exitCode(String outcome) {
        String o = outcome.trim();
        if (o.startsWith("Completed")) return 0;
        Matcher m = EXIT_CODE.matcher(o);
        if (m.find()) return Integer.parseInt(m.group(1));
        String signal = o.replace(" (core dumped)", "").trim();
        int n = SIGNALS.indexOf(signal);
        return n > 0 ? 128 + n : 255;
    }

    /** The task ids of srun's list, such as {@code 3}, {@code 4-5} or {@code 0,2-3}. */
    static List<Integer> taskIds(String list) {
        List<Integer> ids = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isEmpty()) continue;
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            for (int i = from; i <= to; i++) ids.add(i);
        }
        return ids;
    }

    private void requestStop(int id) {
        try {
            Files.write(dir.workerStopRequest(id), new byte[0], StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            LOG.warn("cannot write the stop request of worker {}: {}", id, e.toString());
        }
    }

    /** A task of the step, as the pool supervises it. */
    private final class Task implements Launched {
        final int id;
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        Task(int id) {
            this.id = id;
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }

        /** Asks the task to halt (its stop request) and waits {@code grace} and one heartbeat interval for its end. */
        @Override
        public void terminate(Duration grace) {
            if (exit.isDone() || step == null) return;
            requestStop(id);
            try {
                exit.get(grace.plus(heartbeat).toMillis() + 500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("worker {} (task {} of the workers' step) did not end at its stop request; it is replaced, "
                        + "and halts if it ever runs again", id, id);
            }
        }

        @Override
        public void release() {
            // the step's standard input is shared by every task: it stays open until srun exits
        }
    }
}
