package org.l2l.runner.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Decides, when an srun-launched worker dies, whether the SLURM allocation it ran in has ended (time limit,
 * {@code scancel}, a revoked allocation). Then no replacement can start, and restarting would only use up
 * {@code maxWorkerRestarts} and blame the worker.
 *
 * <p>Inside an allocation ({@code SLURM_JOB_ID} set), each death asks {@code squeue} for the job's state: a
 * job no longer {@code RUNNING} (or unknown to SLURM) has ended. If {@code squeue} cannot answer, the worker
 * log decides: srun's and slurmstepd's words for an ended job ("has expired", "revoked", "CANCELLED AT", "DUE
 * TO TIME LIMIT", "already completing or completed", "Invalid job id"). The first such line written since
 * the worker was launched is quoted as the cause. Outside an allocation each worker's srun is a job of its own,
 * and its end is that worker's death, restarted as any other.
 */
final class AllocationCheck {
    private static final Pattern CAUSE = Pattern.compile("(?i)(has expired|revoked|DUE TO TIME LIMIT|CANCELLED AT"
            + "|already completing or completed|Invalid job id|step creation disabled|Unable to confirm allocation"
            + "|Job step aborted)");
    private static final int MAX_SCAN = 64 * 1024;

    private final boolean srun;
    private final String jobId;
    private final UnaryOperator<String> jobState;
    private final Map<Integer, Long> logStart = new HashMap<>();

    /** A check for workers launched with {@code prefix}, in the environment {@code env}. */
    AllocationCheck(List<String> prefix, Map<String, String> env) {
        this(prefix, env, AllocationCheck::squeueState);
    }

    /** With {@code jobState} answering a job's state as squeue would ({@code null}: cannot tell). */
    AllocationCheck(List<String> prefix, Map<String, String> env, UnaryOperator<String> jobState) {
        this.srun = WorkerCommand.isSrun(prefix);
        String id = env.get("SLURM_JOB_ID");
        this.jobId = id == null || id.isBlank() ? null : id.trim();
        this.jobState = jobState;
    }

    /** Notes where worker {@code id}'s log ends when it is launched, so only its own lines are read. */
    void launched(int id, Path log) {
        long size = 0;
        try {
            if (Files.exists(log)) size = Files.size(log);
        } catch (IOException e) {
            // read from the start
        }
        logStart.put(id, size);
    }

    /**
     * Null if the allocation of worker {@code id}, which just died with {@code exitCode}, is still there (or
     * there is none); else the diagnosis.
     */
    String ended(int id, Path log, Integer exitCode) {
        if (!srun || jobId == null) return null;
        String cause = firstCause(log, logStart.getOrDefault(id, 0L));
        String state = jobState.apply(jobId);
        if (state != null && (state.equals("RUNNING") || state.equals("CONFIGURING"))) return null;
        if (state == null && cause == null) return null;
        StringBuilder sb = new StringBuilder("the SLURM allocation (job ").append(jobId).append(") has ended");
        if (state != null) sb.append(": squeue says ").append(state.isEmpty() ? "it no longer exists" : state);
        sb.append(cause != null ? "; first cause in " + log.getFileName() + ": \"" + cause + "\""
                : "; worker " + id + "'s srun exited with code " + exitCode);
        return sb.toString();
    }

    /**
     * Cancels the SLURM step of a worker the pool has killed for silence, as its heartbeat file names it: its
     * srun is gone, but a step on a node that stopped answering stays in {@code squeue} until SLURM gives up on
     * the node. Inside the driver's allocation the step is cancelled, else the worker's own job. Returns what was
     * cancelled, or null.
     */
    String cancelStep(Path heartbeat) {
        if (!srun) return null;
        String target;
        try {
            String[] f = Files.readString(heartbeat, StandardCharsets.UTF_8).trim().split(" ");
            if (f.length < 3 || f[2].equals("-")) return null;
            String job = f[2].contains(".") ? f[2].substring(0, f[2].indexOf('.')) : f[2];
            target = job.equals(jobId) ? f[2] : job;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("scancel", target).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            return target;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The first line of {@code log} after {@code from} that says the job ended, or null. */
    static String firstCause(Path log, long from) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, f.length() - MAX_SCAN);
            if (start >= f.length()) return null;
            byte[] b = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(b);
            for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
                if (CAUSE.matcher(line).find()) return line.trim();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The job's state by {@code squeue}: e.g. {@code RUNNING}, {@code ""} if SLURM no longer knows it, null if squeue failed. */
    static String squeueState(String jobId) {
        try {
            Process p = new ProcessBuilder("squeue", "-h", "-j", jobId, "-o", "%T").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            if (out.contains("Invalid job id")) return "";
            if (p.exitValue() != 0) return null;
            return out.lines().findFirst().orElse("").trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
