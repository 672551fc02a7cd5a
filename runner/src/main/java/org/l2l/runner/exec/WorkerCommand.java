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
        args.add(javaExecutable());
        args.addAll(options.jvmOptions());
        args.add("-D" + WorkerMain.HEARTBEAT_PROPERTY + "=" + options.heartbeatInterval().toMillis());
        args.add("-cp");
        args.add(options.workerClasspath().isEmpty() ? System.getProperty("java.class.path") : options.workerClasspath());
        args.add(WorkerMain.class.getName());
        args.add(dir.root().toString());
        args.add(Integer.toString(id));
        args.add("--exit-with-driver");
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
