package org.l2l.runner.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.l2l.runner.RunFailedException;

/**
 * Checks made before any worker is launched through a launch prefix such as {@code srun}: the
 * launcher exists, and inside a SLURM allocation the pool fits it.
 */
public final class SlurmCheck {
    private SlurmCheck() {}

    /**
     * Fails with a clear message if the prefix's program is not on the {@code PATH}, or if, inside an
     * allocation ({@code SLURM_JOB_ID} set), {@code maxWorkers} tasks of the prefix's {@code -n} and
     * {@code -c} need more CPUs than the allocation has.
     */
    public static void check(List<String> prefix, int maxWorkers, Map<String, String> env) {
        if (prefix.isEmpty()) return;
        String program = prefix.get(0);
        if (findOnPath(program, env.getOrDefault("PATH", "")) == null) {
            throw new RunFailedException("runner.srun is '" + String.join(" ", prefix) + "', but '" + program
                    + "' is not on this machine's PATH" + (program.equals("srun")
                    ? ": SLURM is not installed here. Run the driver on a cluster node, inside an allocation "
                    + "(salloc or sbatch), or leave runner.srun empty to start workers locally." : "."));
        }
        checkAllocation(prefix, maxWorkers, env);
    }

    /** The allocation part of {@link #check}: inside an allocation, the pool must fit it. */
    static void checkAllocation(List<String> prefix, int maxWorkers, Map<String, String> env) {
        if (prefix.isEmpty() || !prefix.get(0).endsWith("srun") || env.get("SLURM_JOB_ID") == null) return;
        int tasks = intOption(prefix, "-n", "--ntasks", 1);
        int cpus = intOption(prefix, "-c", "--cpus-per-task", 1);
        long needed = (long) maxWorkers * tasks * cpus;
        long available = allocatedCpus(env);
        if (available > 0 && needed > available) {
            throw new RunFailedException("runner.maxWorkers " + maxWorkers + " x " + tasks + " task(s) x " + cpus
                    + " CPU(s) per task = " + needed + " CPUs, but allocation " + env.get("SLURM_JOB_ID") + " has "
                    + available + " (SLURM_JOB_CPUS_PER_NODE=" + env.get("SLURM_JOB_CPUS_PER_NODE")
                    + "). Lower runner.maxWorkers or allocate more CPUs (sbatch -n/--cpus-per-task).");
        }
    }

    /** The CPUs of the allocation, from {@code SLURM_JOB_CPUS_PER_NODE} such as {@code 4(x2),2}; 0 if unknown. */
    static long allocatedCpus(Map<String, String> env) {
        String spec = env.get("SLURM_JOB_CPUS_PER_NODE");
        if (spec == null || spec.isBlank()) return 0;
        long total = 0;
        for (String part : spec.split(",")) {
            String p = part.trim();
            int x = p.indexOf("(x");
            try {
                if (x >= 0) {
                    total += Long.parseLong(p.substring(0, x)) * Long.parseLong(p.substring(x + 2, p.length() - 1));
                } else {
                    total += Long.parseLong(p);
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                return 0;
            }
        }
        return total;
    }

    static int intOption(List<String> args, String shortName, String longName, int dflt) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            try {
                if (a.equals(shortName) || a.equals(longName)) return Integer.parseInt(args.get(i + 1));
                if (a.startsWith(longName + "=")) return Integer.parseInt(a.substring(longName.length() + 1));
                if (a.startsWith(shortName) && a.length() > shortName.length() && Character.isDigit(a.charAt(2))) {
                    return Integer.parseInt(a.substring(2));
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new RunFailedException("runner.srun: cannot read the value of " + a + " in '" + String.join(" ", args) + "'");
            }
        }
        return dflt;
    }

    private static Path findOnPath(String program, String path) {
        if (program.contains("/")) return Files.isExecutable(Path.of(program)) ? Path.of(program) : null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
