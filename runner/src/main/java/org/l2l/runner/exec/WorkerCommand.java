package org.l2l.runner.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.exec.CommandLine;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.worker.WorkerMain;

/**
 * The command that starts one worker: the {@code srun} prefix if any (extended with {@code --output},
 * {@code --error} and {@code --open-mode=append} on the worker's log and a job name), then this JVM's
 * {@code java} with the worker JVM options and {@code runner.workerClasspath} (by default the driver's own
 * classpath, see {@link WorkerClasspath}). Built as an argument list, never a
 * shell string, so paths with spaces work.
 */
public final class WorkerCommand {
    private WorkerCommand() {}

    /** The command line for worker {@code id}. */
    public static CommandLine build(RunnerOptions options, RunDirectory dir, int id) {
        return build(options, dir, id, List.of());
    }

    /**
     * The command line for worker {@code id}; with an {@code srun} prefix, a non-empty {@code excludeNodes}
     * keeps the worker off those nodes ({@code --exclude}), for example nodes whose workers went silent.
     */
    public static CommandLine build(RunnerOptions options, RunDirectory dir, int id, Collection<String> excludeNodes) {
        List<String> prefix = splitPrefix(options.srun());
        List<String> args = new ArrayList<>(prefix);
        if (isSrun(prefix)) {
            if (!excludeNodes.isEmpty()) args.add("--exclude=" + String.join(",", new TreeSet<>(excludeNodes)));
            // the task's own output goes straight to the worker log, on whichever node it runs
            String log = dir.workerLog(id).toString();
            args.add("--output=" + log);
            args.add("--error=" + log);
            args.add("--open-mode=append");
            args.add("--job-name=l2l-worker-" + id);
        }
        addJava(args, options, dir, Integer.toString(id));
        return commandLine(args);
    }

    /**
     * The command of one multi-task step whose {@code tasks} tasks are workers 0 to {@code tasks - 1}
     * ({@link org.l2l.runner.LaunchMode#STEP}): the {@code srun} prefix without its task and node counts
     * ({@code -n}, {@code -N} and their long forms), then {@code -n tasks --kill-on-bad-exit=0 -v} (srun then
     * reports every task's end on its stderr, a clean exit as {@code Completed}), each task's output to its
     * worker log ({@code --output=worker-%t.log}), and the worker JVM with the id placeholder
     * {@value WorkerMain#TASK_ID}: each task takes its id from {@code SLURM_PROCID}.
     */
    public static CommandLine buildStep(RunnerOptions options, RunDirectory dir, int tasks) {
        List<String> args = withoutCounts(splitPrefix(options.srun()));
        args.add("-n");
        args.add(Integer.toString(tasks));
        args.add("--kill-on-bad-exit=0");
        args.add("-v");
        String log = dir.workersDir().resolve("worker-%t.log").toString();
        args.add("--output=" + log);
        args.add("--error=" + log);
        args.add("--open-mode=append");
        args.add("--job-name=l2l-workers");
        addJava(args, options, dir, WorkerMain.TASK_ID);
        return commandLine(args);
    }

    /** {@code prefix} without its task and node counts ({@code -n 1}, {@code -n1}, {@code --ntasks=1}, {@code -N 1}...). */
    static List<String> withoutCounts(List<String> prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < prefix.size(); i++) {
            String a = prefix.get(i);
            if (a.equals("-n") || a.equals("-N") || a.equals("--ntasks") || a.equals("--nodes")) {
                i++; // and its value
            } else if (!(a.matches("-[nN]\\d.*") || a.startsWith("--ntasks=") || a.startsWith("--nodes="))) {
                out.add(a);
            }
        }
        return out;
    }

    private static void addJava(List<String> args, RunnerOptions options, RunDirectory dir, String id) {
        args.add(javaExecutable());
        args.addAll(options.jvmOptions());
        args.add("-D" + WorkerMain.HEARTBEAT_PROPERTY + "=" + options.heartbeatInterval().toMillis());
        args.add("-cp");
        args.add(options.workerClasspath().isEmpty() ? System.getProperty("java.class.path") : options.workerClasspath());
        args.add(WorkerMain.class.getName());
        args.add(dir.root().toString());
        args.add(id);
        args.add("--exit-with-driver");
    }

    private static CommandLine commandLine(List<String> args) {
        CommandLine cl = new CommandLine(args.get(0));
        for (String a : args.subList(1, args.size())) cl.addArgument(a, false);
        return cl;
    }

    /** Whether the prefix's program is {@code srun}. */
    static boolean isSrun(List<String> prefix) {
        return !prefix.isEmpty() && Path.of(prefix.get(0)).getFileName().toString().equals("srun");
    }

    /** The {@code java} launcher of the running JVM. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Splits a prefix such as {@code srun -n 1 --exact} into arguments on whitespace, honouring single
     * and double quotes; no other shell syntax is interpreted.
     */
    public static List<String> splitPrefix(String prefix) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (char c : prefix.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0; else cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) out.add(cur.toString());
                cur.setLength(0);
                inToken = false;
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("runner.srun has an unclosed quote: " + prefix);
        if (inToken) out.add(cur.toString());
        return out;
    }
}
